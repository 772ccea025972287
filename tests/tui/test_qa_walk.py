"""What an officer found walking the app as a person would (the QA walk of this round)."""

from __future__ import annotations

import re

from driver import (
    answered_up_to,
    loaded_start,
    new_chat,
    new_session,
    opened_chat,
    stored_session,
    suggestions_open,
    type_text,
)
from test_transitions import FLOWS, burst, settle
from test_unsent import TYPED, start_typing
from textual.widgets import Input, Label, OptionList, TextArea

from kansencoach import locations
from kansencoach.core.flows.shown import Advice, one_line
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.dialogs import TextPrompt
from kansencoach.tui.widgets.list_answer import ListAnswer
from kansencoach.tui.widgets.messages import NoticeMessage

from helpers import DATA, mini_flow


async def test_typing_after_resume_carries_on_after_the_unsent_text() -> None:
    """The restored text is where the officer stopped: the cursor at its end, not its start."""
    session_id = await start_typing()
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        await type_text(pilot, " en minder lang")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["verschil"] == TYPED + " en minder lang"


async def test_backspace_in_a_burst_takes_back_the_letter_before_it_not_the_one_after() -> None:
    # Backspace is a binding of the text box, run where the key bubbles to (the app): the letters
    # typed after it were handed on before it had run, and it took one of them back instead.
    app = new_session(FLOWS / "twee.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        burst(app, [*"abcx", "backspace", *"defgx", "backspace", *"hij"])
        await settle(pilot, screen, "verschil")
        assert screen.query_one("#text-answer", TextArea).text == "abcdefghij"


async def test_points_typed_in_a_burst_with_enter_are_each_their_own_point() -> None:
    # Enter in the list's field is a binding too: the next point's letters reached the field
    # before Enter had added the point ('Voorschoolse educatie 16 uurKan', then 'rijke Start').
    app = KansencoachApp(new_flow=mini_flow(), title="Snel een lijst")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "criteria")
        burst(app, [*"Bereik", "enter", *"Kansrijke aanpak", "enter", *"Derde"])
        await settle(pilot, screen, "criteria")
        answer = screen.query_one(ListAnswer)
        assert answer.items == ["Bereik", "Kansrijke aanpak"]
        assert answer.query_one("#list-new", Input).value == "Derde"


async def test_points_added_and_not_sent_survive_quitting_and_are_in_the_list_again() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Half een lijst")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "criteria")
        await type_text(pilot, "Bereik")
        await pilot.press("enter")
        await type_text(pilot, "Capaciteit")
        await pilot.pause()
        session_id = screen.session.info.id
        await pilot.press("ctrl+q")
    with Store(locations.store_path()) as store:
        assert store.state(session_id).unsent == {"criteria": ["Bereik", "Capaciteit"]}
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "criteria"
        assert screen.query_one(ListAnswer).items == ["Bereik", "Capaciteit"]
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any("punten opgeschreven" in notice for notice in notices)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["criteria"] == ["Bereik", "Capaciteit"]


async def test_the_number_reading_wraps_at_80_columns_instead_of_being_cut() -> None:
    # 'Ik heb dit gelezen als 1250 personen. Druk Enter om te versturen, of verbeter' and the
    # rest of the sentence fell off the screen at 80x24.
    app = new_session(DATA / "flows-numbers" / "getallen.yaml", "Getallen")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        await type_text(pilot, "ongeveer 1250000")
        await pilot.press("enter")
        await pilot.pause()
        label = screen.query_one("#validation", Label)
        room = screen.answer_area.content_region
        assert label.region.x + label.region.width <= room.x + room.width
        shown = " ".join(label.render_line(row).text.strip() for row in range(label.size.height))
        assert shown.endswith("verbeter het getal.")


async def test_a_suggestion_shows_no_raw_score() -> None:
    # The pane showed 'Toeleiding naar voorschoolse educatie  1.6': a number the officer cannot
    # read; the order is the ranking.
    app = KansencoachApp(new_flow=mini_flow(), title="VVE Overvecht")
    async with app.run_test(size=(120, 40)) as pilot:
        _, pane = await suggestions_open(pilot, app, "Peuters gaan weinig naar de voorschool door drempels")
        names = [str(pane.get_option_at_index(i).prompt).split("\n")[0] for i in range(pane.option_count)]
        assert names, "no suggestions"
        assert not any(re.search(r"\d([.,]\d)?$", name) for name in names), names


async def test_tab_from_the_sessions_to_the_flows_then_enter_starts_a_new_proposal() -> None:
    # With a session to resume the focus starts on the sessions; Tab went to the flow list with
    # no flow highlighted, so Enter did nothing until an arrow key was pressed.
    stored_session("Eerder begonnen")
    app = KansencoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_start(app, pilot)
        assert app.focused is screen.query_one("#sessions", OptionList)
        await pilot.press("tab")
        assert app.focused is screen.query_one("#flows", OptionList)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)


def test_advice_in_the_draft_pane_reads_as_text_not_as_markdown() -> None:
    # The quickscan's advice showed 'Doorloop de flow *Risico's van een keuze*' with its stars.
    advice = Advice("Doorloop de flow *Risico's van een keuze* (of **stap 3** van `Voorstel`).")
    assert one_line(advice) == "Doorloop de flow Risico's van een keuze (of stap 3 van Voorstel)."
