"""Shared fixtures: every test gets its own KANSENCOACH_HOME, never the real user data dir."""

from __future__ import annotations

import gc
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.sessions import store

from helpers import DATA

settings.register_profile("kansencoach", deadline=None)
settings.load_profile("kansencoach")
"""Property tests have no deadline: Hypothesis's default fails an example that takes over 200 ms of wall
clock, which a loaded machine causes at random. A hang is caught by helpers.at_most where one could
happen; how fast the code is, is measured in benchmarks/."""

gc.set_threshold(50_000, 20, 50)
"""The cyclic collector runs less often in the test processes (700, 10, 10 by default). A worker runs
hundreds of apps, loaders and property tests in one interpreter, and what they leave in Textual's and
the loaders' caches piles up in the oldest generation: each full collection rescans it all, which cost
a sixth of the CPU of the TUI tests (about 0.13 s a time, 22 times in test_chat and test_bindings).
Nothing here depends on when garbage is collected; the subprocesses a test starts keep the settings
an officer's process has (the app sets its own young threshold, tui.app.YOUNG_COLLECTION)."""


sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
"""The suite keeps Python's bytecode caches even where the environment turns them off: the tests start
about a hundred Python processes (the CLI, plain mode, the app to kill), and without the caches each
one compiles every module of the package again (on a fresh clone a quarter of those tests' CPU).
The xdist workers are started after this file is read, so they inherit it."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Three workers per core for `-n auto`: about half of a Pilot test's time is spent waiting for the
    app's next frame or worker, and another worker on the same core runs while one waits (beside a
    CPU hog on 2 cores: 3:44 with two workers per core, 3:09 with three)."""
    return 3 * (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long end-to-end tests first: run last, one of them would keep a worker busy after the
    others had finished (the tests are independent, so their order changes nothing else)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def keys_land_before_press_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pilot.press` returns once the keys it pressed have been dealt with on the chat screen.

    The chat screen hands typed keys on one at a time (tui/screens/chat_keys.py), each only once the
    key before it has landed, so Pilot's own wait (every queue of the screen empty once) can return
    with a key still on its way: a second Ctrl+Z pressed right after the first was then still in
    line when the test looked, on a busy machine. The wait is on the screen's own account of the
    keys (`keys_waiting`), never on the clock. Tests that never start the app are left alone."""
    if "textual.pilot" not in sys.modules:
        return
    from textual.app import ScreenStackError
    from textual.pilot import Pilot

    from kansencoach.tui.screens.chat_keys import ChatKeys

    pressed = Pilot.press

    async def press(self: Pilot[object], *keys: str) -> None:
        await pressed(self, *keys)
        for _ in range(500):
            try:
                screen = self.app.screen
            except ScreenStackError:
                return  # the app has closed (Ctrl+Q)
            if not (isinstance(screen, ChatKeys) and screen.keys_waiting):
                return
            await self.pause()

    monkeypatch.setattr(Pilot, "press", press)


@pytest.fixture(scope="session")
def knowledge_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run (of each worker): the knowledge base is built from YAML once
    and read from the cache after that, as on an officer's machine. The cache checks every source
    file it was built from, so a test with knowledge of its own still gets that knowledge."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def kansencoach_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, knowledge_cache: Path
) -> Path:
    """An empty KANSENCOACH_HOME for every test. It is emptied rather than made anew, so its path, and
    with it the knowledge cache's key (which names the user's folders), stays the same between tests."""
    home = tmp_path_factory.getbasetemp() / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    monkeypatch.setenv("KANSENCOACH_HOME", str(home))
    monkeypatch.setattr(locations, "cache_dir", lambda: knowledge_cache)
    catalog.forget_loaded()  # what an earlier test loaded came from other files
    return home


@pytest.fixture
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty cache folder of the test's own, for tests that count or break the cache's files."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(locations, "cache_dir", lambda: folder)
    return folder


@pytest.fixture
def mini() -> LoadedFlow:
    return load_flow(DATA / "flows" / "mini.yaml", load_vocabulary())


@pytest.fixture
def fixed_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Stable screens: a fixed clock, the test flows, exports to a known folder."""
    monkeypatch.setattr(store, "now", lambda: "2026-11-20T09:30:00+00:00")
    documents = tmp_path / "Documenten"
    documents.mkdir()
    monkeypatch.chdir(documents)  # the app's export dialog offers the current directory
    return documents


@pytest.fixture
def test_flows(monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = DATA / "flows"
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    return directory
