"""Snapshot tests of the main screens at 80x24 and 120x40.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update` and
look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from driver import answer_focused, answer_shown, knowledge_loaded, panes_current, settled, until
from textual.command import CommandPalette
from textual.pilot import Pilot

from kansencoach.core import catalog
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen

from helpers import MINI_ANSWERS, mini_flow, small_knowledge_base

SIZES = [(80, 24), (120, 40)]
STEPS = list(MINI_ANSWERS)[:-1]
"""One question of each input type; the last one is a list again, so it is left out."""


@pytest.fixture(autouse=True)
def stable(monkeypatch: pytest.MonkeyPatch, test_flows: Path) -> None:
    """The export dialog shows a path that is the same on every machine."""
    fixed = Path("/home/ambtenaar/Documenten/plan.md")
    monkeypatch.setattr(Conversation, "default_export_path", lambda self, fmt="markdown": fixed)


def upto(step_id: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Answer every question before `step_id`."""

    async def run(pilot: Pilot[None]) -> None:
        # The knowledge base loads in a worker; the side panes are drawn once it is there.
        app = pilot.app
        assert isinstance(app, KansencoachApp)
        await knowledge_loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        for key in STEPS[: STEPS.index(step_id)]:
            await answer_shown(pilot, screen, MINI_ANSWERS[key])
        await answer_focused(pilot)
        await settled(pilot)

    return run


def chat_app() -> KansencoachApp:
    return KansencoachApp(new_flow=mini_flow(), title="VVE Overvecht")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_start_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await settled(pilot)

    assert snap_compare(KansencoachApp(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("step_id", STEPS)
def test_chat_input(snap_compare: Any, size: tuple[int, int], step_id: str) -> None:
    assert snap_compare(chat_app(), terminal_size=size, run_before=upto(step_id))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_draft_pane(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await upto("partners")(pilot)
        if not pilot.app.screen.query_one("#draft-pane").display:
            await pilot.press("ctrl+o")
        await settled(pilot)

    assert snap_compare(chat_app(), terminal_size=size, run_before=run)


def pane_open(pane: str, key: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Every question answered up to the partners, and the side pane `pane` open (`key` opens it)."""

    async def run(pilot: Pilot[None]) -> None:
        await upto("partners")(pilot)
        if not pilot.app.screen.query_one(f"#{pane}-pane").display:
            await pilot.press(key)
        await panes_current(pilot)
        await settled(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_review_pane(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(chat_app(), terminal_size=size, run_before=pane_open("review", "ctrl+r"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_suggestions_pane(
    snap_compare: Any, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The test knowledge base: the picture is of the pane, not of the shipped knowledge's ranking.
    (tmp_path / "kb").mkdir()
    knowledge = small_knowledge_base(tmp_path / "kb")
    monkeypatch.setattr(catalog, "load_kb", lambda directory=None: knowledge)
    assert snap_compare(chat_app(), terminal_size=size, run_before=pane_open("suggestions", "ctrl+t"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_command_palette(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await upto("domein")(pilot)
        await pilot.press("ctrl+p")
        assert await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await settled(pilot)

    assert snap_compare(chat_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_export_dialog(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await upto("domein")(pilot)
        await pilot.press("f2")
        await settled(pilot)

    assert snap_compare(chat_app(), terminal_size=size, run_before=run)
