"""A whole `voorstel` session by keyboard only, from the start screen to the exported markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from driver import answer, type_text
from textual.widgets import OptionList

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.panes import SuggestionsPane

from helpers import DATA

FULL = yaml.safe_load((DATA / "voorstel-full.yaml").read_text(encoding="utf-8"))


@pytest.mark.slow
async def test_full_voorstel_session_by_keyboard(fixed_world: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        flows = app.screen.query_one("#flows", OptionList)
        flows.focus()
        await pilot.press("home")
        while flows.highlighted_option is not None and flows.highlighted_option.id != "voorstel":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "VVE Overvecht")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        asked = 0
        while screen.step is not None:
            step = screen.step
            await answer(pilot, step, FULL["answers"].get(step.id))
            assert screen.step is not step or screen.step is None, f"stuck at {step.id}"
            asked += 1
        assert asked >= 60
        await pilot.press("ctrl+t")
        await pilot.pause()
        pane = screen.query_one(SuggestionsPane)
        ids = [option.id for option in pane.options]
        if "vve" in ids:
            pane.highlighted = ids.index("vve")
            await pilot.press("a")
            await pilot.pause()
        await pilot.press("ctrl+t", "f2")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    markdown = (fixed_world / "vve-overvecht.md").read_text(encoding="utf-8")
    for heading in (
        "## 1. Analyse",
        "## 2. Doel en perspectieven",
        "## 3. Inzet en beleidstheorie",
        "## 4. Monitoring en sturing",
        "## Toets",
        "## Bijlage: verantwoording",
    ):
        assert f"\n{heading}\n" in markdown
    assert "| A. Een basis bieden | 40 |" in markdown
    assert "### Aannames" in markdown
    assert "De toets vond geen punten" in markdown
    if "vve" in ids:
        assert "### Gekozen interventies" in markdown
