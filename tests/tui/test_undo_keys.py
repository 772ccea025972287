"""Ctrl+Z in a text field: it undoes typing first, and takes the last answer back once there is no
typing left to undo (a text field must not swallow the key); the answer taken back is in the answer
box again, as before it was sent, to change and send again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from driver import answer, type_text, undone_to
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen

from helpers import REPO


def voorstel_app() -> KansencoachApp:
    # The shipped flow asks two text questions after its first choice, as officers meet them.
    return KansencoachApp(
        new_flow=load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary()), title="VVE"
    )


@asynccontextmanager
async def at_the_first_text_question(
    size: tuple[int, int] = (120, 40),
) -> AsyncIterator[tuple[Pilot[None], ChatScreen]]:
    """The shipped flow with its first choice answered ('vroeg'): at 'verschil', a text question."""
    app = voorstel_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChatScreen) and screen.step is not None and screen.step.id == "domein"
        await answer(pilot, screen.step, "vroeg")
        assert screen.step is not None and screen.step.id == "verschil"
        yield pilot, screen


async def test_ctrl_z_in_an_empty_text_field_takes_the_last_answer_back() -> None:
    async with at_the_first_text_question() as (pilot, screen):
        assert isinstance(screen.focused, TextArea) and screen.focused.text == ""
        await undone_to(pilot, screen, "domein")


async def test_ctrl_z_in_a_text_field_undoes_typing_before_it_takes_an_answer_back() -> None:
    async with at_the_first_text_question() as (pilot, screen):
        await type_text(pilot, "Peuters")
        area = screen.focused
        assert isinstance(area, TextArea) and area.text == "Peuters"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area.text == "" and screen.step is not None and screen.step.id == "verschil"
        assert screen.session.answers["domein"] == "vroeg"
        await undone_to(pilot, screen, "domein")


async def test_ctrl_z_puts_the_answer_taken_back_in_the_answer_box_again() -> None:
    """Ctrl+Z emptied the answer box, so an officer who meant to mend the answer just sent lost it
    from view, while Ctrl+B showed the answer it went back to."""
    async with at_the_first_text_question(size=(80, 24)) as (pilot, screen):
        assert screen.step is not None
        await answer(pilot, screen.step, "Peuters in Overvecht gaan minder naar de voorschool.")
        assert screen.step is not None and screen.step.id == "ongewenst"
        await undone_to(pilot, screen, "verschil")
        area = screen.focused
        assert isinstance(area, TextArea)
        assert area.text == "Peuters in Overvecht gaan minder naar de voorschool."
        await undone_to(pilot, screen, "domein")  # nothing typed to undo: the answer before goes back
        choices = screen.focused
        assert isinstance(choices, OptionList) and choices.highlighted is not None
        assert choices.get_option_at_index(choices.highlighted).id == "vroeg"


async def test_an_answer_offered_again_is_typed_on_at_its_end() -> None:
    """Going back to mend an answer (Ctrl+B, Ctrl+G, Ctrl+Z) offers it in the box with the cursor
    at its end, as a restored draft has it: typed on, a sentence is added after the answer. The
    cursor stood before the first word, so the addition landed in front of it, glued to it."""
    async with at_the_first_text_question(size=(80, 24)) as (pilot, screen):
        assert screen.step is not None
        await answer(pilot, screen.step, "Peuters in Overvecht gaan minder naar de voorschool.")
        assert screen.step is not None and screen.step.id == "ongewenst"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "verschil"
        await type_text(pilot, " Nu 62%.")
        area = screen.focused
        assert isinstance(area, TextArea)
        assert area.text == "Peuters in Overvecht gaan minder naar de voorschool. Nu 62%."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["verschil"] == (
            "Peuters in Overvecht gaan minder naar de voorschool. Nu 62%."
        )
