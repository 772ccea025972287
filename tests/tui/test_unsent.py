"""Text typed and not sent survives quitting and a crash, and is offered back on resume."""

from __future__ import annotations

from driver import answered_up_to, new_chat, opened_chat, type_text
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, TextArea

from kansencoach import locations
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.checklist import CheckList
from kansencoach.tui.widgets.list_answer import ListAnswer
from kansencoach.tui.widgets.messages import NoticeMessage

from helpers import mini_flow, question

TYPED = "Peuters in Overvecht gaan minder vaak"


async def start_typing() -> str:
    """Type into the first question and quit with Ctrl+Q; the session's id."""
    app = KansencoachApp(new_flow=mini_flow(), title="Half af")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await type_text(pilot, TYPED)
        session_id = screen.session.info.id
        await pilot.press("ctrl+q")
    return session_id


async def test_unsent_text_survives_quitting_and_is_offered_back() -> None:
    session_id = await start_typing()
    with Store(locations.store_path()) as store:
        assert store.state(session_id).unsent == {"verschil": TYPED}
        assert store.state(session_id).answers == {}
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        assert screen.query_one("#text-answer", TextArea).text == TYPED
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any("nog niet had verstuurd" in notice for notice in notices)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["verschil"] == TYPED
        assert screen.session.unsent("verschil") is None


async def test_unsent_text_is_stored_while_typing_so_a_crash_keeps_it() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Crash")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await type_text(pilot, TYPED)
        assert screen._unsent_timer is not None, "typing should schedule keeping the text"
        screen.keep_unsent()  # what the timer does a second after the last key
        # Read by another connection, as after a crash of this process: it is committed.
        with Store(locations.store_path()) as store:
            assert store.state(screen.session.info.id).unsent == {"verschil": TYPED}


async def test_options_ticked_and_not_sent_survive_quitting_and_are_ticked_again() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Half aangevinkt")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "groepen")
        await pilot.press("home", "down", "space")  # 'ouders', not sent
        await pilot.pause()
        session_id = screen.session.info.id
        await pilot.press("ctrl+q")
    with Store(locations.store_path()) as store:
        assert store.state(session_id).unsent == {"groepen": ["ouders"]}
        assert "groepen" not in store.state(session_id).answers
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        assert screen.step is not None and screen.step.id == "groepen"
        assert screen.query_one(CheckList).selected == ["ouders"]
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any("aangevinkt die je nog niet had verstuurd" in notice for notice in notices)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["groepen"] == ["ouders"]
        assert screen.session.unsent("groepen") is None


async def test_ticking_an_option_stores_it_so_a_crash_keeps_it() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Crash bij vinkjes")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "groepen")
        await pilot.press("home", "space")
        await pilot.pause()
        assert screen._unsent_timer is not None, "ticking should schedule keeping the ticks"
        screen.keep_unsent()  # what the timer does a second after the last key
        with Store(locations.store_path()) as store:
            assert store.state(screen.session.info.id).unsent == {"groepen": ["kinderen"]}


async def test_removing_a_point_not_sent_stores_the_rest_so_a_crash_keeps_it() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Crash bij punten")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await points_added(pilot, app, "Bereik in de wijk", "Ervaring met ouders")
        screen.keep_unsent()
        timer = screen._unsent_timer
        assert timer is not None
        timer.stop()
        screen._unsent_timer = None
        items = screen.query_one("#list-items", OptionList)
        items.focus()
        items.highlighted = 0
        await pilot.press("delete")
        assert screen._unsent_timer is not None, "removing a point should schedule keeping the rest"
        screen.keep_unsent()  # what the timer does a second after the last key
        with Store(locations.store_path()) as store:
            assert store.state(screen.session.info.id).unsent == {"criteria": ["Ervaring met ouders"]}


async def test_tab_onto_the_points_then_backspace_removes_the_last_one() -> None:
    """As the hint says ('Tab, Backspace: punt weg'): the list took the focus with nothing
    highlighted, and the first Backspace did nothing."""
    app = KansencoachApp(new_flow=mini_flow(), title="Punten weg")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await points_added(pilot, app, "Bereik in de wijk", "Ervaring met ouders")
        await pilot.press("tab")
        assert screen.query_one("#list-items", OptionList).has_focus
        await pilot.press("backspace")
        answer = screen.query_one(ListAnswer)
        assert answer.items == ["Bereik in de wijk"]


async def test_the_hint_names_removing_a_point_only_while_there_is_one() -> None:
    """'Tab, Backspace: punt weg' showed under an empty list, where there is no point to remove."""
    app = KansencoachApp(new_flow=mini_flow(), title="Punten weg")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await points_added(pilot, app)
        keys = screen.query_one("#keys-hint", Label)
        assert "Enter: punt erbij" in str(keys.render()) and "punt weg" not in str(keys.render())
        await type_text(pilot, "Bereik in de wijk")
        await pilot.press("enter")
        await pilot.pause()
        assert "Tab, Backspace: punt weg" in str(keys.render())
        await pilot.press("tab", "backspace")
        await pilot.pause()
        assert screen.query_one(ListAnswer).items == []
        assert "Enter: punt erbij" in str(keys.render()) and "punt weg" not in str(keys.render())


async def test_typing_after_removing_a_point_writes_the_next_one() -> None:
    """Tab, Backspace removes a point and leaves the focus on the points; the letters typed next
    (the point that replaces it) were taken by the list and lost."""
    app = KansencoachApp(new_flow=mini_flow(), title="Punt vervangen")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await points_added(pilot, app, "Bereik in de wijk", "Ervaring met oders")
        await pilot.press("tab", "backspace")
        await type_text(pilot, "Ervaring met ouders")
        await pilot.press("enter")
        answer = screen.query_one(ListAnswer)
        assert answer.items == ["Bereik in de wijk", "Ervaring met ouders"]
        assert screen.query_one("#list-new", Input).has_focus


async def test_tab_onto_points_brought_back_highlights_the_last_one_too() -> None:
    """Back at a list answered before (Ctrl+B), the points came back with the first highlighted, so
    Tab, Backspace removed the first point instead of the last one, as it does on a new list."""
    app = KansencoachApp(new_flow=mini_flow(), title="Punten terug")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await points_added(pilot, app, "Bereik in de wijk", "Ervaring met ouders")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.query_one(ListAnswer).items == ["Bereik in de wijk", "Ervaring met ouders"]
        await pilot.press("tab", "backspace")
        assert screen.query_one(ListAnswer).items == ["Bereik in de wijk"]


async def points_added(pilot: Pilot[None], app: KansencoachApp, *points: str) -> ChatScreen:
    """The chat at the mini flow's list question, with `points` typed and added one by one."""
    screen = await answered_up_to(pilot, app, "criteria")
    for point in points:
        await type_text(pilot, point)
        await pilot.press("enter")
    return screen


async def test_quitting_before_a_new_list_input_is_mounted_keeps_what_was_kept_and_does_not_crash() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Snel weg")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        criteria = question(mini_flow(), "criteria")
        screen.answer_area.ask(criteria)  # mounted, not yet composed: what Ctrl+Q can meet
        assert isinstance(screen.answer_area.input, ListAnswer)
        screen.keep_unsent()  # raised NoMatches ('#list-new') before
        await pilot.pause()
        assert screen.session.state.unsent == {}
