"""The app for authors: it reloads a changed flow (or says what is wrong), and previews without saving."""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import opened_chat, until
from textual.widgets import Label

from kansencoach import locations
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.messages import NoticeMessage

from helpers import DATA, editable_mini_flow


@pytest.fixture
def editable_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return editable_mini_flow(tmp_path, monkeypatch)


def session_on(path: Path) -> str:
    with Store(locations.store_path()) as store:
        session = Session.start(store, load_flow(path, load_vocabulary()), "Auteur")
        store.append(session.info.id, Event("set", "verschil", "Een verschil"))
        store.append(session.info.id, Event("set", "domein", "gezondheid"))
        return session.info.id


async def test_watch_reloads_a_changed_flow_into_the_open_session(editable_flow: Path) -> None:
    app = KansencoachApp(resume=session_on(editable_flow), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        assert screen.step is not None and screen.step.id == "groepen"
        text = editable_flow.read_text().replace("    ask: Voor wie?", "    ask: Voor welke groepen?")
        editable_flow.write_text(text.replace("version: 1", "version: 2"))
        app._check_files()
        assert await until(
            pilot, lambda: screen.step is not None and "Voor welke groepen?" in screen.step.ask
        )
        assert screen.session.answers["domein"] == "gezondheid"
        assert any("vragenlijst is bijgewerkt" in str(n.render()) for n in screen.query(NoticeMessage))
        assert any("opnieuw geladen" in str(note.message) for note in app._notifications)


async def test_a_reload_reports_only_answers_that_lost_their_question(editable_flow: Path) -> None:
    app = KansencoachApp(resume=session_on(editable_flow), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        reworded = editable_flow.read_text().replace("    ask: Voor wie?", "    ask: Voor welke groepen?")
        editable_flow.write_text(reworded)
        screen.flow_reloaded(load_flow(editable_flow, load_vocabulary()))
        await pilot.pause()
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any("vragenlijst is bijgewerkt" in notice for notice in notices), notices
        assert not any("0 antwoord" in notice for notice in notices)
        editable_flow.write_text(
            reworded.replace("id: domein", "id: domein-nieuw").replace(
                "answer: domein", "answer: domein-nieuw"
            )
        )
        screen.flow_reloaded(load_flow(editable_flow, load_vocabulary()))
        await pilot.pause()
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any(
            "1 antwoord past niet meer bij de vragen (de vraag is weg of veranderd" in notice
            for notice in notices
        ), notices


async def test_watch_shows_a_broken_edit_as_a_notification_and_keeps_going(editable_flow: Path) -> None:
    app = KansencoachApp(resume=session_on(editable_flow), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        editable_flow.write_text(editable_flow.read_text().replace("type: multi", "type: multie"))
        app._check_files()
        assert await until(
            pilot,
            lambda: any(
                "onbekend staptype 'multie'" in str(note.message)
                and "bedoelde je 'multi'" in str(note.message)
                for note in app._notifications
            ),
        )
        assert screen.step is not None and screen.step.id == "groepen"  # still on the old, valid version
        assert await until(pilot, lambda: len(app._notifications) == 2)
        notes = [str(note.message) for note in app._notifications]
        # Only the other flows were reloaded: nothing may read as if the broken one was.
        assert "De andere flows en de kennisbank zijn opnieuw geladen." in notes, notes
        assert "Flows en kennisbank opnieuw geladen." not in notes, notes


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_preview_marks_the_app_and_uses_the_given_store(tmp_path: Path, size: tuple[int, int]) -> None:
    store_path = tmp_path / "voorbeeld.db"
    flow = load_flow(DATA / "flows" / "mini.yaml", load_vocabulary())
    app = KansencoachApp(store_path=store_path, new_flow=flow, preview=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        badge = app.screen.query_one("#preview-badge", Label)
        assert str(badge.render()) == "VOORBEELD · niets wordt bewaard"
        # Shown in full on the header row, beside the title, at both sizes.
        header = app.screen.query_one("#chat-header").region
        assert header.contains_region(badge.region) and badge.region.width >= len(
            "VOORBEELD · niets wordt bewaard"
        )
        assert app.screen.query_one("#session-title").region.width > 0
        assert isinstance(app.screen, ChatScreen)
        notices = [str(notice.render()) for notice in app.screen.query(NoticeMessage)]
        assert any("Dit is een voorbeeld" in notice for notice in notices), notices
    assert store_path.exists()
    assert not locations.store_path().exists()
