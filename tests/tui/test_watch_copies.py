"""`kansencoach --watch` and a flow file replaced the way a shared folder replaces it."""

from __future__ import annotations

import os
from pathlib import Path

from driver import loaded_start
from textual.widgets import OptionList

from kansencoach.tui.app import KansencoachApp

from helpers import DATA


async def test_a_same_size_copy_with_the_old_time_is_reloaded(kansencoach_home: Path) -> None:
    # A copy from a synchronised or unzipped folder keeps its size and time; the caches see the new
    # change time and inode (as git does), the watcher looked at time and size only and kept the old list.
    folder = kansencoach_home / "config" / "flows"
    folder.mkdir(parents=True)
    own = folder / "mini.yaml"
    own.write_text((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    old = own.stat()
    app = KansencoachApp(watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        start = await loaded_start(app, pilot)
        copy = folder / "copy.tmp"
        copy.write_text(
            own.read_text(encoding="utf-8").replace("Mini-voorstel", "Mini-versie22"), encoding="utf-8"
        )
        os.utime(copy, ns=(old.st_atime_ns, old.st_mtime_ns))
        copy.replace(own)
        assert (own.stat().st_size, own.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)
        app._check_files()
        await app.workers.wait_for_complete()
        await loaded_start(app, pilot)
        shown = [str(option.prompt) for option in start.query_one("#flows", OptionList).options]
        assert any("Mini-versie22" in text for text in shown), shown
