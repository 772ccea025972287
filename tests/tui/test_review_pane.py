"""The review in the app: the pane lists findings, and a finding shows up right after its step."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import yaml
from driver import choose, opened_chat, shown, type_text
from textual.pilot import Pilot
from textual.widgets import TextArea

from kansencoach import locations
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.scripted import read_script
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.messages import CoachMessage, NoticeMessage
from kansencoach.tui.widgets.panes import ReviewPane

from helpers import DATA, REPO


def weak_session() -> str:
    """A stored session of the voorstel flow with weak answers (voorstel-zwak.yaml); its id."""
    return stored_session("voorstel", "voorstel-zwak")


def stored_session(flow: str, answers: str) -> str:
    """A stored session of `flow` with the answers of tests/data/answers/`answers`.yaml; its id."""
    loaded = load_flow(REPO / "flows" / f"{flow}.yaml", load_vocabulary())
    script = read_script(DATA / "answers" / f"{answers}.yaml", loaded, set())
    with Store(locations.store_path()) as store:
        session = Session.start(store, loaded, script.title)
        for step_id, value in script.answers.items():
            store.append(session.info.id, Event("set", step_id, value))
        return session.info.id


@contextlib.asynccontextmanager
async def weak_chat() -> AsyncIterator[tuple[Pilot[None], ChatScreen]]:
    """The weak session resumed in the app, once its knowledge and rules are in."""
    app = KansencoachApp(resume=weak_session())
    async with app.run_test(size=(120, 40)) as pilot:
        yield pilot, await opened_chat(app, pilot)


async def test_review_pane_lists_findings_and_jumps_to_the_part() -> None:
    async with weak_chat() as (pilot, screen):
        await pilot.press("ctrl+r")
        pane = screen.query_one(ReviewPane)
        texts = [str(option.prompt) for option in pane.options]
        assert any("Blokkerend: Het doel is een ER-doel" in text for text in texts)
        assert any("Aandacht: De risico's zeggen niet wie nadeel heeft" in text for text in texts)
        await choose(pilot, pane, "niets-gestopt")
        assert screen.step is not None and screen.step.id == "stoppen"


async def test_a_finding_appears_right_after_its_step() -> None:
    async with weak_chat() as (pilot, screen):
        screen.go_to("risico-nadeel")
        await pilot.pause()
        screen.query_one("#text-answer", TextArea).clear()
        await type_text(pilot, "Niemand")
        await pilot.press("ctrl+s")
        await pilot.pause()
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any(notice.startswith("Toets: De risico's zeggen niet wie nadeel heeft") for notice in notices)


def test_weak_answers_file_is_valid_yaml() -> None:
    assert yaml.safe_load((DATA / "answers" / "voorstel-zwak.yaml").read_text())["answers"]["mix"]["C"] == 100


async def test_the_monitoring_step_suggests_indicators_with_where_the_data_lives() -> None:
    async with weak_chat() as (pilot, screen):
        screen.go_to("indicatoren")
        await pilot.pause()
        advice = [
            m.markdown
            for m in shown(screen, CoachMessage)
            if "Indicatoren die bij je voorstel passen" in m.markdown
        ]
        assert advice, "no indicator suggestions at the monitoring step"
        assert advice[-1].count("\n- **") >= 3
        assert "VVE" in advice[-1] or "voorschool" in advice[-1].lower()


async def test_an_empty_review_mid_flow_does_not_say_the_concept_passes() -> None:
    app = KansencoachApp(new_flow=load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary()))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_chat(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        texts = [str(option.prompt) for option in screen.query_one(ReviewPane).options]
        assert texts == [
            "Tot nu toe geen punten in de vragen die je al hebt beantwoord. "
            "De rest toetst kansencoach zodra je daar bent."
        ]


async def test_an_empty_final_review_says_how_many_criteria_it_checked() -> None:
    app = KansencoachApp(resume=stored_session("quickscan", "quickscan"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_chat(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        (text,) = [str(option.prompt) for option in screen.query_one(ReviewPane).options]
        # No rule reads what the quickscan asks: it checked nothing, and does not say all is well.
        assert "niet getoetst: geen van de 27 criteria hoort bij deze flow" in text
        assert "voldoet" not in text
        # Below the closing message in the chat it says the same, never that the concept passes.
        notice = [str(message.render()) for message in screen.query(NoticeMessage)][-1]
        assert "niet getoetst: geen van de 27 criteria hoort bij deze flow" in notice and "voldoet" not in notice


async def test_a_finished_session_opens_with_what_the_review_still_finds() -> None:
    async with weak_chat() as (_, screen):
        assert screen.step is None
        blocking = sum(finding.severity == "blokkerend" for finding in screen.findings)
        assert blocking >= 2
        notice = [str(message.render()) for message in screen.query(NoticeMessage)][-1]
        assert notice.startswith(f"Nog open in de toets: {blocking} blokkerende punten en ")
        assert notice.endswith("Wat er mis is en wat je kunt doen, staat in de toets (Ctrl+R).")
