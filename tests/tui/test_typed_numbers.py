"""Options 10 and up chosen by typing their number, and a scale read by its values (0 to 10)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from driver import new_chat, new_session
from textual.pilot import Pilot
from textual.widgets import OptionList

from kansencoach.tui.screens.chat import ChatScreen

from helpers import DATA

FLOW = DATA / "flows-many-options" / "veel.yaml"


def highlighted(screen: ChatScreen) -> int | None:
    return screen.answer_area.query_one(OptionList).highlighted


@contextlib.asynccontextmanager
async def chat(*keys: str) -> AsyncIterator[tuple[Pilot[None], ChatScreen]]:
    """A new session of the twelve-option flow, with `keys` pressed on its first question."""
    app = new_session(FLOW, "Veel")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        yield pilot, screen


async def test_two_digits_tick_option_ten_and_one_then_space_ticks_option_one() -> None:
    async with chat("1", "0") as (pilot, screen):
        await pilot.press("1")
        await pilot.pause()
        assert highlighted(screen) == 0, "'1' of a twelve-option list moves the highlight to option 1"
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert screen.session.answers["vinkjes"] == ["o1", "o10"]


async def test_a_choice_of_twelve_is_sent_by_its_two_digits_and_a_scale_by_its_value() -> None:
    async with chat("3", "ctrl+s") as (pilot, screen):
        assert screen.step is not None and screen.step.id == "keuze"
        await pilot.press("1")
        await pilot.pause()
        assert "keuze" not in screen.session.answers, "'1' may still become 10, 11 or 12"
        await pilot.press("2")
        await pilot.pause()
        assert screen.session.answers["keuze"] == "o12"
        assert screen.step is not None and screen.step.id == "score"
        await pilot.press("0")
        await pilot.pause()
        assert screen.session.answers["score"] == 0, "'0' on a scale from 0 is the value 0"


async def test_one_then_enter_sends_option_one_of_twelve() -> None:
    async with chat("2", "ctrl+s") as (pilot, screen):
        await pilot.press("1", "enter")
        await pilot.pause()
        assert screen.session.answers["keuze"] == "o1"
