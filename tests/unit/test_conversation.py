"""The conversation both front ends drive: position, infos shown once, help words, export naming."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansencoach.core.draft.draft import build_draft
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import InfoStep
from kansencoach.core.sessions.conversation import STEM_LENGTH, Conversation, file_stem
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

from helpers import question


@pytest.fixture
def conversation(mini: LoadedFlow, tmp_path: Path) -> Conversation:
    return Conversation(Session.start(Store(tmp_path / "s.db"), mini, "VVE Overvecht: groep 1/2"))


def test_infos_are_shown_once_per_conversation(conversation: Conversation) -> None:
    step = conversation.session.current()
    assert [info.id for info in conversation.new_infos(step)] == ["welkom"]
    assert conversation.new_infos(step) == []
    # Another front end on the same session has shown nothing yet.
    assert [info.id for info in Conversation(conversation.session).new_infos(step)] == ["welkom"]


def test_position_counts_the_questions_on_the_path(conversation: Conversation) -> None:
    session = conversation.session
    first = session.current()
    assert first is not None
    assert conversation.position(first) == (1, 9)
    session.answer(first, "Een verschil")
    second = session.current()
    assert second is not None and not isinstance(second, InfoStep)
    assert conversation.position(second) == (2, 9)


@pytest.mark.parametrize("typed", ["?", " help ", "HULP", "hulp\n"])
def test_help_words_are_the_same_everywhere(typed: str) -> None:
    assert Conversation.asks_for_help(typed)


@pytest.mark.parametrize("typed", ["help mij", "", None, ["?"], "??"])
def test_anything_else_is_an_answer(typed: str | list[str] | None) -> None:
    assert not Conversation.asks_for_help(typed)


def test_exports_are_named_after_the_title_and_stamped_with_the_flow(
    conversation: Conversation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert conversation.default_export_path().name == "vve-overvecht-groep-1-2.md"
    assert conversation.default_export_path("html").name == "vve-overvecht-groep-1-2.html"
    meta = conversation.export_meta()
    assert (meta.flow_id, meta.flow_version) == ("mini", 1)
    assert meta.created == conversation.session.info.created
    session = conversation.session
    draft = build_draft(session.loaded.flow, session.answers, session.info.title)
    written = conversation.export(draft, conversation.default_export_path(), "markdown", force=False)
    text = written.read_text(encoding="utf-8")
    assert text.startswith("---\nflow: mini\nversie: 1\n")
    assert "\n# VVE Overvecht: groep 1/2\n" in text


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Financiële zorgen bij ouders in Kanaleneiland", "financiele-zorgen-bij-ouders-in-kanaleneiland"),
        (
            "Toeleiding naar voorschoolse educatie voor peuters met een indicatie in Overvecht-Noord",
            "toeleiding-naar-voorschoolse-educatie-voor-peuters-met-een",  # not "…-indic"
        ),
        (
            "Kansengelijkheidsbevorderingsprogrammaverantwoordingsrapportageconceptversie2026",
            "kansengelijkheidsbevorderingsprogrammaverantwoordingsrapport",
        ),
        ("???", "voorstel"),
    ],
)
def test_an_export_name_keeps_whole_words_of_the_title(title: str, stem: str) -> None:
    assert file_stem(title) == stem
    assert len(stem) <= STEM_LENGTH


def test_an_info_the_route_enters_on_a_changed_answer_is_shown_once(conversation: Conversation) -> None:
    session = conversation.session
    for value in ("Een verschil", "gezondheid", ["ouders"]):
        step = session.current()
        assert step is not None
        conversation.new_infos(step)
        session.answer(step, value)
    conversation.new_infos(session.current())
    domain = session.jump("domein")
    assert conversation.new_infos(domain) == []
    session.answer(domain, "onderwijs")
    # The info after 'domein' is now on the path, before the question the officer goes on with.
    assert [info.id for info in conversation.new_infos(session.current())] == ["onderwijs-info"]
    assert conversation.new_infos(session.current()) == []


def test_a_resumed_conversation_does_not_repeat_the_infos_passed_before(conversation: Conversation) -> None:
    session = conversation.session
    for value in ("Een verschil", "onderwijs", ["ouders"]):
        step = session.current()
        assert step is not None
        session.answer(step, value)
    session.jump("verschil")
    resumed = Conversation(session)
    assert [info.id for info in resumed.new_infos(session.current())] == ["welkom"]
    session.answer(question(session.loaded, "verschil"), "Een verschil")
    assert resumed.new_infos(session.current()) == []  # 'onderwijs-info' was passed before


def test_the_answers_before_the_question_are_those_on_its_route_in_order(conversation: Conversation) -> None:
    session = conversation.session
    for value in ("Een verschil", "gezondheid", ["ouders"], {"A": 30, "B": 30, "C": 40}, 3, None, False):
        step = session.current()
        assert step is not None
        session.answer(step, value)
    stop = session.current()
    assert stop is not None and stop.id == "stoppen"
    session.answer(stop, ["Losse taalcursussen"])
    session.answer(session.jump("partners"), True)
    current = session.current()
    assert current is not None and current.id == "criteria"
    before = [step.id for step in session.answered_before(current)]
    assert before == ["verschil", "domein", "groepen", "mix", "urgentie", "budget", "partners"]
