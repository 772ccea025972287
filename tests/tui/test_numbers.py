"""Dutch numbers in the app: read right, shown as read, and confirmed when the reader interpreted them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import pytest
from driver import answered_up_to, new_chat, new_session, shown
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label

from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.messages import OfficerMessage

from helpers import DATA


async def type_number(pilot: Pilot[None], text: str) -> None:
    """Paste the text into the number field (as typed: '€' has no key name), then press Enter."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def validation(screen: ChatScreen) -> str:
    label = screen.query_one("#validation", Label)
    return str(label.render()) if label.display else ""


@contextlib.asynccontextmanager
async def at_budget() -> AsyncIterator[tuple[Pilot[None], ChatScreen]]:
    """A new session of the mini flow, answered up to its budget question (a number in euro)."""
    app = new_session(title="Budget")
    async with app.run_test(size=(100, 30)) as pilot:
        yield pilot, await answered_up_to(pilot, app, "budget")


@pytest.mark.parametrize(
    ("budget", "nulmeting", "stored", "read_as", "confirm"),
    [
        ("650.000", "0,5", (650_000, 0.5), ("€ 650.000", "0,5"), (False, False)),
        ("€ 650.000,-", "58%", (650_000, 58), ("€ 650.000", "58"), (True, False)),
        ("650.000", "tachtig procent", (650_000, 80), ("€ 650.000", "80"), (False, True)),
    ],
)
async def test_numbers_are_read_the_dutch_way(
    budget: str,
    nulmeting: str,
    stored: tuple[float, float],
    read_as: tuple[str, str],
    confirm: tuple[bool, bool],
) -> None:
    app = new_session(DATA / "flows-numbers" / "getallen.yaml", "Getallen")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        for step_id, text, needs_confirm in zip(
            ("budget", "nulmeting"), (budget, nulmeting), confirm, strict=True
        ):
            assert screen.step is not None and screen.step.id == step_id
            await type_number(pilot, text)
            if needs_confirm:
                assert "Ik heb dit gelezen als" in validation(screen)
                assert step_id not in screen.session.answers, "saved before the officer saw the reading"
                await pilot.press("enter")
                await pilot.pause()
        assert (screen.session.answers["budget"], screen.session.answers["nulmeting"]) == stored
        officer = [str(message.render()) for message in shown(screen, OfficerMessage)]
        assert officer == list(read_as)


async def test_the_reading_is_shown_and_a_changed_number_is_read_again() -> None:
    async with at_budget() as (pilot, screen):
        await type_number(pilot, "ongeveer 450")
        assert "Ik heb dit gelezen als ongeveer € 450." in validation(screen)
        field = screen.query_one("#number-answer", Input)
        field.value = ""
        await type_number(pilot, "tweeduizend")
        assert "gelezen als € 2.000" in validation(screen)
        assert "budget" not in screen.session.answers
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.answers["budget"] == 2000


async def test_a_percentage_is_refused_where_euro_are_asked() -> None:
    async with at_budget() as (pilot, screen):
        await type_number(pilot, "58%")
        assert "Hier wordt een getal in euro gevraagd" in validation(screen)
        assert "budget" not in screen.session.answers
