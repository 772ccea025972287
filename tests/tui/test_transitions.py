"""What the officer types while one question gives way to the next lands in the next one."""

from __future__ import annotations

import asyncio

import pytest
from driver import new_chat, new_session
from textual import events
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.checklist import CheckList

from helpers import DATA

FLOWS = DATA / "flows-transitions"


def burst(app: KansencoachApp, keys: list[str]) -> None:
    """Keys as a terminal delivers a fast typist's or a paste's: all at once, nothing waits in between."""
    assert app._driver is not None
    for key in keys:
        name = {" ": "space"}.get(key, key)
        event = events.Key(name, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_text_typed_right_after_choosing_lands_in_the_next_question() -> None:
    app = new_session(FLOWS / "snel.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        burst(app, ["enter", *"Peuters 2 keer minder"])
        for _ in range(10):
            await pilot.pause()
        assert screen.session.answers == {"domein": "onderwijs"}
        assert screen.step is not None and screen.step.id == "verschil"
        assert screen.query_one("#text-answer", TextArea).text == "Peuters 2 keer minder"


async def test_long_options_wrap_instead_of_being_cut() -> None:
    app = new_session(FLOWS / "lang.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checklist = app.screen.query_one(CheckList)
        shown = " ".join(
            " ".join(checklist.render_line(row).text.split()) for row in range(checklist.size.height)
        )
        assert "…" not in shown
        assert "het einde van de zin telt" in shown and "in elke keuze die we maken" in shown


async def test_a_sentence_typed_into_a_multi_select_warns_and_toggles_nothing() -> None:
    app = new_session(FLOWS / "lang.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        await pilot.press(*"ik denk aan de wijk")
        await pilot.pause()
        checklist = screen.query_one(CheckList)
        assert checklist.selected == []
        label = screen.query_one("#validation", Label)
        assert label.display and "Dit is een keuzelijst, geen tekstveld" in str(label.render())
        await pilot.press("down", "space", "ctrl+s")
        await pilot.pause()
        assert screen.session.answers == {"punten": ["b"]}


async def test_keys_typed_right_after_a_multi_select_land_in_the_next_question() -> None:
    app = new_session(FLOWS / "lang.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        await pilot.press("space")
        burst(app, ["ctrl+s", *"Een 1 en 2"])
        for _ in range(10):
            await pilot.pause()
        assert screen.session.answers == {"punten": ["a"]}
        assert screen.query_one("#text-answer", TextArea).text == "Een 1 en 2"


async def test_ctrl_s_right_after_typing_sends_all_of_it_and_what_follows_lands_in_the_next() -> None:
    # Ctrl+S is a priority key: it was handled before the letters typed just ahead of it had reached
    # the answer box, so the answer lost its end; the letters after it belong to the next question.
    app = new_session(FLOWS / "twee.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        burst(app, [*"Peuters gaan minder vaak", "ctrl+s", *"Te weinig plekken"])
        for _ in range(10):
            await pilot.pause()
        assert screen.session.answers == {"verschil": "Peuters gaan minder vaak"}
        assert screen.step is not None and screen.step.id == "oorzaak"
        assert screen.query_one("#text-answer", TextArea).text == "Te weinig plekken"


async def settle(pilot: Pilot[None], screen: ChatScreen, step_id: str | None) -> None:
    """Let a burst's keys work through until `step_id` is asked (None: the session is done)."""
    for _ in range(40):
        await pilot.pause()
        if (screen.step.id if screen.step else None) == step_id and not screen.keys_waiting:
            break
    for _ in range(5):
        await pilot.pause()


async def test_ctrl_s_right_after_choosing_and_typing_sends_what_was_typed() -> None:
    # The letters typed while the choice gave way to the text were held back, and Ctrl+S was
    # handled before they were replayed: it sent the empty box ("Dit antwoord is nodig").
    app = new_session(FLOWS / "snel.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        burst(app, ["enter", *"Peuters", "ctrl+s"])
        await settle(pilot, screen, None)
        assert screen.session.answers == {"domein": "onderwijs", "verschil": "Peuters"}


async def after_bursts(*bursts: list[str]) -> tuple[dict[str, object], str | None, str]:
    """The answers, the question asked and the text in its box after `bursts` on the drie flow,
    each burst typed once the one before has worked through."""
    app = new_session(FLOWS / "drie.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        for keys in bursts:
            burst(app, keys)
            await settle(pilot, screen, None)  # the flow is not done here: all its bounded rounds
        step = screen.step.id if screen.step else None
        return dict(screen.session.answers), step, screen.query_one("#text-answer", TextArea).text


async def test_a_digit_then_text_ctrl_s_and_more_text_keeps_each_in_its_own_answer() -> None:
    answers, step, box = await after_bursts(["2", *"abcdefgh", "ctrl+s", *"ijklmnop"])
    assert answers == {"domein": "zorg", "verschil": "abcdefgh"}
    assert (step, box) == ("oorzaak", "ijklmnop")


async def test_a_burst_over_a_choice_and_three_texts_keeps_every_letter_in_order() -> None:
    answers, step, box = await after_bursts(
        ["1", *"Snel getypt verschil", "ctrl+s", *"Ook snel 231", "ctrl+s", *"Lees voor"]
    )
    assert answers == {"domein": "onderwijs", "verschil": "Snel getypt verschil", "oorzaak": "Ook snel 231"}
    assert (step, box) == ("aanpak", "Lees voor")


async def test_two_ctrl_s_in_a_burst_over_text_questions_end_one_answer_each() -> None:
    # The text box takes the next question itself: the letters after the first Ctrl+S reach it
    # while it still holds the answer sent, and the second Ctrl+S must end them there.
    answers, step, box = await after_bursts(
        ["1"], [*"Eerst dit", "ctrl+s", *"Dan dat", "ctrl+s", *"Tot slot"]
    )
    assert answers == {"domein": "onderwijs", "verschil": "Eerst dit", "oorzaak": "Dan dat"}
    assert (step, box) == ("aanpak", "Tot slot")


@pytest.mark.parametrize("turns", range(1, 9))
async def test_keys_read_apart_by_a_terminal_stay_in_the_order_typed(turns: int) -> None:
    # A terminal hands over a burst in a few reads; between two reads the app gets on with the
    # choice. Letters held in the option list being removed reached the screen after those typed
    # later: the letters after Ctrl+S were sent as the answer, or nothing was sent. `turns` is how
    # many rounds the event loop runs between two reads (no clock: each round is one step of work).
    app = new_session(FLOWS / "drie.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        for keys in (["2"], [*"abcdefgh"], ["ctrl+s"], [*"ijklmnop"]):
            burst(app, keys)
            for _ in range(turns):
                await asyncio.sleep(0)
        await settle(pilot, screen, "oorzaak")
        assert screen.session.answers == {"domein": "zorg", "verschil": "abcdefgh"}
        assert screen.query_one("#text-answer", TextArea).text == "ijklmnop"
