"""Pilot tests for working together: comments on a question, a new proposal from an earlier one,
and reading in a session file from the start screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from driver import highlight, loaded_start, opened_chat, prompt_answered, stored_session, type_text
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.screens.dialogs import TextPrompt
from kansencoach.tui.widgets.answer_inputs import AnswerInput
from kansencoach.tui.widgets.messages import NoticeMessage
from kansencoach.tui.widgets.panes import DraftPane

from helpers import DATA


@pytest.fixture(autouse=True)
def flow_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "flows"
    directory.mkdir()
    shutil.copy(DATA / "flows" / "mini.yaml", directory / "mini.yaml")
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    monkeypatch.setenv("KANSENCOACH_AUTHOR", "Fatima")
    return directory


FIRST_ANSWER = "Peuters in de wijk gaan minder vaak naar de voorschool."


def notices(screen: ChatScreen) -> list[str]:
    return [str(message.render()) for message in screen.query(NoticeMessage)]


async def test_ctrl_k_puts_a_comment_on_the_question(tmp_path: Path) -> None:
    session_id = stored_session("Met opmerking", FIRST_ANSWER)
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_chat(app, pilot)
        assert screen.step is not None and screen.step.id == "domein"
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # an empty comment is not stored
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Welk domein past echt?")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.is_current
        assert [(c.step_id, c.author, c.text) for c in screen.session.state.comments] == [
            ("domein", "Fatima", "Welk domein past echt?")
        ]
        assert any(
            "Opmerking van Fatima" in text and "Welk domein past echt?" in text for text in notices(screen)
        )
        pane = screen.query_one(DraftPane)
        assert any("Welk domein past echt?" in str(option.prompt) for option in pane.options)


async def test_a_new_proposal_on_the_basis_of_an_earlier_one() -> None:
    earlier = stored_session("Eerder voorstel", FIRST_ANSWER)
    app = KansencoachApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_start(app, pilot)
        sessions = screen.query_one("#sessions", OptionList)
        sessions.focus()
        highlight(sessions, earlier)
        await prompt_answered(app, pilot, "n", "Vervolg")
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        assert chat.session.info.title == "Vervolg" and chat.session.info.id != earlier
        assert chat.step is not None and chat.step.id == "verschil"
        assert chat.session.answers == {}
        offered = chat.query_one(AnswerInput).read()
        assert offered == FIRST_ANSWER


async def import_mini(app: KansencoachApp, pilot: Pilot[None]) -> None:
    """Importeren (i) of the mini session file, waited for until the start screen is back."""
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, TextPrompt)
    app.screen.query_one(Input).value = str(DATA / "sessions" / "mini.yaml")
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_importeren_reads_a_session_file_in(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_start(app, pilot)
        await import_mini(app, pilot)
        assert screen.is_current
        sessions = screen.query_one("#sessions", OptionList)
        assert any("Mini" in str(option.prompt) for option in sessions.options)
        # the officer knows the session by its title; its id means nothing in the app
        told = [str(note.message) for note in app._notifications]
        assert told == ["Ingelezen: Mini. Je vindt het bij de sessies."]


async def test_importeren_twice_keeps_one_session_and_says_so(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_start(app, pilot)
        await import_mini(app, pilot)
        await import_mini(app, pilot)
        assert screen.is_current
        sessions = screen.query_one("#sessions", OptionList)
        assert sum("Mini" in str(option.prompt) for option in sessions.options) == 1
        told = [str(note.message) for note in app._notifications]
        assert told[-1].startswith("Deze sessie staat al in je lijst, ongewijzigd") and "geen kopie" in told[-1]


async def test_importeren_of_a_file_that_cannot_be_read_asks_again_with_the_path_kept(
    flow_dir: Path, tmp_path: Path
) -> None:
    typed = str(tmp_path / "verkeerde-naam.yaml")
    app = KansencoachApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded_start(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, TextPrompt)
        first.query_one(Input).value = typed
        await pilot.press("enter")
        for _ in range(500):  # the import runs in a worker; a bound, so that the old way fails, not hangs
            if app.screen is not first and isinstance(app.screen, ModalScreen):
                break
            await pilot.pause()
        again = app.screen
        assert isinstance(again, TextPrompt)
        assert again.query_one(Input).value == typed
        refusal = str(again.query_one("#prompt-error", Label).render())
        assert f"{typed}:1:1" in refusal and "bestaat niet" in refusal
        again.query_one(Input).value = str(DATA / "sessions" / "mini.yaml")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ModalScreen)


async def test_the_export_dialog_writes_a_session_file(fixed_world: Path) -> None:
    from textual.widgets import RadioButton

    from kansencoach.core.sessions import sessionfile

    session_id = stored_session("Te delen", FIRST_ANSWER)
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#session", RadioButton).value = True
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        assert path.value.endswith("te-delen.yaml")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = fixed_world / "te-delen.yaml"
    file, _ = sessionfile.read(written)
    assert file.title == "Te delen"
    assert file.answers == {"verschil": FIRST_ANSWER}


async def test_the_palette_marks_the_comments_on_the_question_done() -> None:
    session_id = stored_session("Afhandelen", FIRST_ANSWER)
    with Store(locations.store_path()) as store:
        session = Session(
            store, store.session(session_id), load_flow(DATA / "flows" / "mini.yaml", load_vocabulary())
        )
        session.comment("domein", "Fatima", "Welk domein?")
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_chat(app, pilot)
        assert any("Welk domein?" in text for text in notices(screen))
        await screen.run_action("resolve_comments")
        await pilot.pause()
        assert [comment.done for comment in screen.session.state.comments] == [True]
