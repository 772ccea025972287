"""Resuming shows the current question, and opening a pane keeps it in view (80x24 and 120x40)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from driver import loaded_start, opened_chat, shown, until
from textual.widgets import OptionList

from kansencoach import locations
from kansencoach.core.catalog import find_flow, load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.chatlog import HISTORY_SHOWN, answer_text
from kansencoach.tui.widgets.messages import HistoryMessage, NoticeMessage, OfficerMessage

from helpers import DATA

SIZES = [(80, 24), (120, 40)]


def half_done_session() -> str:
    """A voorstel session with its first twenty answers, as from an officer's earlier hour."""
    import yaml

    answers = yaml.safe_load((DATA / "voorstel-full.yaml").read_text(encoding="utf-8"))["answers"]
    with Store(locations.store_path()) as store:
        session = Session.start(store, find_flow("voorstel"), "VVE Overvecht")
        for _ in range(20):
            step = session.current()
            assert step is not None
            session.answer(step, answers.get(step.id))
        return session.info.id


def question_visible(screen: ChatScreen) -> bool:
    question = screen._question
    conversation = screen.query_one("#conversation")
    assert question is not None
    return conversation.region.contains_region(question.region) and question.region.height > 0


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_resume_from_the_start_screen_shows_the_question(size: tuple[int, int]) -> None:
    half_done_session()
    app = KansencoachApp()
    async with app.run_test(size=size) as pilot:
        await loaded_start(app, pilot)
        assert await until(
            pilot, lambda: isinstance(app.focused, OptionList) and app.focused.id == "sessions"
        )
        await pilot.press("enter")
        screen = await opened_chat(app, pilot)
        assert await until(pilot, lambda: question_visible(screen))
        for key in ("ctrl+t", "ctrl+o", "ctrl+t"):
            await pilot.press(key)
            assert await until(pilot, lambda: question_visible(screen)), f"question out of view after {key}"


async def test_resuming_folds_the_answers_before_the_last_few_into_one_message() -> None:
    # A widget per earlier answer made every next answer slower to draw as the session grew.
    session_id = half_done_session()
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_chat(app, pilot)
        history = list(screen.query(HistoryMessage))
        officer = shown(screen, OfficerMessage)
        assert len(officer) == HISTORY_SHOWN and len(history) == HISTORY_SHOWN + 1
        folded = str(history[0].render()).splitlines()
        answered = screen.session.route().answered
        assert len(folded) == len(answered) - HISTORY_SHOWN == 8
        assert folded[0] == f"{Conversation.label(answered[0])}: {answer_text(screen.session, answered[0])}"
        assert str(history[1].render()) == Conversation.label(answered[8])
        assert await until(pilot, lambda: question_visible(screen))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_each_earlier_answer_sits_under_its_question_indented_as_in_the_chat(
    size: tuple[int, int],
) -> None:
    # The .message rule outweighed the type rules: a blank line split each question from its
    # answer as much as from the next question, and the answers were not indented.
    app = KansencoachApp(resume=half_done_session())
    async with app.run_test(size=size) as pilot:
        screen = await opened_chat(app, pilot)
        messages = screen.chat_log.messages
        pairs = [
            (question, answer)
            for question, answer in pairwise(messages)
            if type(question) is HistoryMessage and isinstance(answer, OfficerMessage)
        ]
        assert len(pairs) == HISTORY_SHOWN
        for question, answer in pairs:
            assert answer.region.y == question.region.bottom, "a blank line between question and answer"
            assert answer.region.x == question.region.x + 6
        for (_, answer), (question, _) in pairwise(pairs):
            assert question.region.y == answer.region.bottom + 1, "no blank line before the next question"


async def test_a_changed_flow_that_kept_every_answer_says_so_without_counting_zero(
    tmp_path: Path,
) -> None:
    """After the aanjaagteam edited a flow, resuming said 'Let op: de vragenlijst is veranderd
    sinds je begon. 0 antwoorden horen bij vragen die niet meer gesteld worden; ze zijn bewaard.'"""
    flow = tmp_path / "mini.yaml"
    flow.write_text((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with Store(locations.store_path()) as store:
        session = Session.start(store, load_flow(flow, load_vocabulary()), "Plan")
        step = session.current()
        assert step is not None
        session.answer(step, "Een verschil")
        session_id = session.info.id
    text = flow.read_text(encoding="utf-8")
    flow.write_text(text.replace("Welk domein?", "Welk domein vooral?"), encoding="utf-8")
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened_chat(app, pilot)
        notices = [str(notice.render()) for notice in shown(screen, NoticeMessage)]
        assert "De vragenlijst is bijgewerkt; je antwoorden passen er nog bij." in notices
        assert not any("0 antwoorden" in notice for notice in notices)
