"""The start screen from current caches: the session list replays only what changed, and a start
imports none of the libraries that only answering, reviewing or exporting needs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from driver import answer_shown, knowledge_loaded, loaded_start, new_chat

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.common.problems import Position, Problem, ProblemsError
from kansencoach.core.draft.review import RuleBook
from kansencoach.core.sessions.events import SessionState
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.start import SessionRow, session_rows

from helpers import answer_current, editable_mini_flow, mini_flow

pytestmark = pytest.mark.usefixtures("own_cache")  # these tests count and break the cache's files


@pytest.fixture
def mini_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A flow folder with a copy of the mini flow, which a test may edit."""
    return editable_mini_flow(tmp_path, monkeypatch).parent


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the sessions whose logs were replayed from now on."""
    seen: list[str] = []
    real: Callable[[Store, str], SessionState] = Store.state

    def counted(store: Store, session_id: str) -> SessionState:
        seen.append(session_id)
        return real(store, session_id)

    monkeypatch.setattr(Store, "state", counted)
    return seen


def _listed(store: Store) -> dict[str, tuple[int, int]]:
    """The progress of every session as the start screen lists it, as a new process would."""
    catalog.forget_loaded()
    rows: list[SessionRow] = session_rows(store, catalog.scan_flows())
    return {row.info.id: (row.done, row.total) for row in rows}


def _sessions(store: Store, count: int) -> list[Session]:
    loaded = catalog.find_flow("mini")
    return [Session.start(store, loaded, f"Sessie {number}") for number in range(count)]


def test_only_sessions_whose_log_changed_are_replayed(mini_dir: Path, replays: list[str]) -> None:
    with Store(locations.store_path()) as store:
        first, second = _sessions(store, 2)
        before = _listed(store)
        assert sorted(replays) == sorted([first.info.id, second.info.id])
        replays.clear()
        assert _listed(store) == before
        assert replays == []
        answer_current(first, "Een verschil")
        after = _listed(store)
        assert replays == [first.info.id]
        assert after[first.info.id][0] == before[first.info.id][0] + 1
        assert after[second.info.id] == before[second.info.id]


def test_a_changed_flow_replays_its_sessions(mini_dir: Path, replays: list[str]) -> None:
    with Store(locations.store_path()) as store:
        (session,) = _sessions(store, 1)
        _listed(store)
        replays.clear()
        flow = mini_dir / "mini.yaml"
        flow.write_text(flow.read_text(encoding="utf-8").replace("Welk domein?", "Welk terrein?"))
        _listed(store)
        assert replays == [session.info.id]


def test_a_broken_progress_cache_is_rebuilt_silently(mini_dir: Path, replays: list[str]) -> None:
    with Store(locations.store_path()) as store:
        _sessions(store, 2)
        expected = _listed(store)
        (file,) = locations.cache_dir().glob("progress-*.marshal")
        for broken in (file.read_bytes()[:40], b"nonsense", b""):
            file.write_bytes(broken)
            replays.clear()
            assert _listed(store) == expected
            assert len(replays) == 2
            assert file.read_bytes() != broken


USABLE = """
import os, sys
from kansencoach.tui.app import KansencoachApp

class Usable(KansencoachApp):
    def on_mount(self):  # Textual runs the app's own on_mount after this one
        self.set_interval(0.01, self.check)

    def check(self):
        screen = self.screen
        listed = bool(getattr(screen, "flows", None)) and hasattr(screen, "rows")
        if listed and self.knowledge is not None and all(w.is_finished for w in self.workers):
            # The stemmer too: the cached normaliser's synonyms are stemmed already.
            heavy = ("pydantic", "yaml", "rapidfuzz", "markdown_it", "docx", "snowballstemmer", "Stemmer")
            loaded = sorted({name.split(".")[0] for name in sys.modules} & set(heavy))
            print(f"ROWS:{len(screen.rows)} LOADED:{','.join(loaded)}", file=sys.__stderr__)
            os._exit(0)

Usable().run(headless=True)
"""


def _usable_start(home: Path) -> str:
    """What a fresh process reports once its start screen is usable."""
    env = {**os.environ, "KANSENCOACH_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", USABLE], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert "ROWS:" in result.stderr, result.stderr[-2000:]
    return result.stderr.strip().splitlines()[-1]


def test_a_start_from_current_caches_imports_no_models_parser_or_search_library(tmp_path: Path) -> None:
    # A second start, as an officer's: flows, sessions and knowledge from the caches the first one
    # wrote. pydantic alone costs a start more than a bare Textual app takes to draw its first screen.
    home = tmp_path / "home"
    with Store(home / "kansencoach.db") as store:
        Session.start(store, catalog.find_flow("voorstel"), "Een voorstel")
    first = _usable_start(home)
    assert first.startswith("ROWS:1 ")
    assert _usable_start(home) == "ROWS:1 LOADED:"


async def test_the_review_rules_are_loaded_on_first_use_and_broken_ones_leave_the_chat_working(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[bool] = []

    def broken_rules(path: Path | None = None) -> RuleBook | None:
        asked.append(True)
        raise ProblemsError([Problem(Position("kennis/review.yaml", 4, 3), "onbekend veld 'regel'")])

    monkeypatch.setattr(catalog, "load_review_rules", broken_rules)
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded_start(app, pilot)
        await knowledge_loaded(app, pilot)
        assert asked == []  # the start screen needs no rules
    app = KansencoachApp(new_flow=mini_flow(), title="Zonder toets")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await knowledge_loaded(app, pilot)
        await answer_shown(pilot, screen, "Peuters gaan minder vaak naar de voorschool.")
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        told = [message for message in messages if "kennis/review.yaml:4:3" in message]
        assert len(told) == 1 and "toetsregels" in told[0], messages
        assert len(asked) == 1 and app.is_running and app.rules is None
