"""After every answer a session updates its route and draft from what changed: the result must be
exactly what a full rebuild gives. Scripted walks over the shipped flows (the answers of their
`*.test.yaml` cases) answer, undo, go back and change earlier answers, and after every move compare
the session with a fresh one over the same log."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from kansencoach.core.catalog import load_kb, load_review_rules, load_vocabulary
from kansencoach.core.draft.draft import build_draft, provenance
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.engine import Engine
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.flows.models import AnswerValue, InfoStep
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

FLOWS = Path(__file__).resolve().parents[2] / "flows"
SHIPPED = sorted(path for path in FLOWS.glob("*.yaml") if not path.name.endswith(".test.yaml"))
MOVES = 60


def answer_pool(loaded: LoadedFlow) -> dict[str, list[AnswerValue]]:
    """Every answer the flow's test cases give a question, checked as a session would store it."""
    engine = Engine(loaded.flow.steps)
    cases = yaml.safe_load(loaded.path.with_suffix(".test.yaml").read_text(encoding="utf-8"))["cases"]
    pool: dict[str, list[AnswerValue]] = {}
    for case in cases:
        for step_id, raw in (case.get("answers") or {}).items():
            step = engine.step(step_id) if engine.has(step_id) else None
            if step is None or isinstance(step, InfoStep):
                continue
            try:
                value = check_answer(step, raw)
            except InvalidAnswer:
                continue
            if value not in pool.setdefault(step_id, []):
                pool[step_id].append(value)
    return pool


def assert_same_as_rebuilt(session: Session, knowledge: KnowledgeBase) -> None:
    rules = load_review_rules()
    fresh = Session(session.store, session.info, session.loaded)
    assert session.route() == fresh.route() == session.engine.route(session.answers)
    assert session.current() == fresh.current()
    assert session.draft(knowledge, rules, live=True) == fresh.draft(knowledge, rules, live=True)
    assert session.draft(knowledge, rules) == fresh.draft(knowledge, rules)
    assert session.suggestions(knowledge.matcher, 5) == fresh.suggestions(knowledge.matcher, 5)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_incremental_updates_equal_a_full_rebuild(path: Path, tmp_path: Path) -> None:
    loaded = load_flow(path, load_vocabulary())
    knowledge = load_kb()
    pool = answer_pool(loaded)
    chance = random.Random(path.stem)
    moves = {"answer": 0, "undo": 0, "change": 0}
    with Store(tmp_path / "k.db") as store:
        session = Session.start(store, loaded, "walk")
        assert_same_as_rebuilt(session, knowledge)
        for _ in range(MOVES):
            step = session.current()
            answered = [question for question in session.route().answered if question.id in pool]
            roll = chance.random()
            done = step is None  # at the end, the walk goes on by undoing and changing
            if (roll < 0.15 or (done and roll < 0.5)) and session.undo() is not None:
                moves["undo"] += 1
            elif (roll < 0.35 or done) and answered:
                earlier = chance.choice(answered)
                session.jump(earlier.id)
                session.answer(earlier, chance.choice(pool[earlier.id]))
                moves["change"] += 1
            elif step is not None:
                session.answer(step, chance.choice(pool[step.id]))
                moves["answer"] += 1
            assert_same_as_rebuilt(session, knowledge)
    assert all(moves.values()), moves  # the walk tried every kind of move


def test_a_fresh_drafter_gives_what_build_draft_gives(mini: LoadedFlow) -> None:
    answers: dict[str, AnswerValue] = {"verschil": "x", "domein": "onderwijs", "partners": False}
    route = Engine(mini.flow.steps).route(answers)
    assert build_draft(mini.flow, answers, route=route) == build_draft(mini.flow, answers)
    assert route.contains("domein") and not route.contains("criteria")


CHAINED = """\
id: keten
title: Keten
version: 1
sections:
  - {id: a, title: A}
steps:
  - id: eerst
    type: choice
    ask: Eerst?
    options: [{value: ja, label: Ja}, {value: nee, label: Nee}]
    draft: a.eerst
  - id: dan
    type: text
    ask: Dan?
    when: {answer: eerst, equals: ja}
    draft: a.dan
  - id: daarna
    type: text
    ask: Daarna?
    when: {answer: dan, empty: false}
    draft: a.daarna
  - id: laatst
    type: text
    ask: Laatst?
    draft: a.laatst
"""


def test_a_step_that_leaves_the_path_stops_steering_the_steps_after_it(tmp_path: Path) -> None:
    # 'daarna' reads 'dan', which 'eerst' takes off the path: rerouting from 'eerst' must see that.
    path = tmp_path / "keten.yaml"
    path.write_text(CHAINED, encoding="utf-8")
    engine = Engine(load_flow(path, load_vocabulary()).flow.steps)
    answers: dict[str, AnswerValue] = {"eerst": "ja", "dan": "x", "daarna": "y"}
    before = engine.route(answers)
    assert [step.id for step in before.path] == ["eerst", "dan", "daarna", "laatst"]
    answers["eerst"] = "nee"
    after = engine.reroute(before, answers, "eerst")
    assert after == engine.route(answers)
    assert [step.id for step in after.path] == ["eerst", "laatst"]
    answers["eerst"] = "ja"
    assert engine.reroute(after, answers, "eerst") == before


def test_conditions_that_flip_on_the_same_walk_give_the_rebuilt_draft(tmp_path: Path) -> None:
    # 'eerst' asks or skips 'dan' and, through it, 'daarna': the walk stays, only what is asked
    # changes, and the drafter then remakes only those steps' parts and provenance lines.
    path = tmp_path / "keten.yaml"
    path.write_text(CHAINED, encoding="utf-8")
    loaded, knowledge = load_flow(path, load_vocabulary()), load_kb()
    moves = [("eerst", "ja"), ("dan", "x"), ("daarna", "y"), ("eerst", "nee"), ("eerst", "ja"), ("dan", "z")]
    with Store(tmp_path / "k.db") as store:
        session = Session.start(store, loaded, "Keten")
        session.draft(knowledge, load_review_rules())
        for step_id, value in moves:
            before = session.route().asked
            session.answer(session.engine.step(step_id), value)  # type: ignore[arg-type]
            assert session.route().walk == session.engine.route(session.answers).walk
            assert_same_as_rebuilt(session, knowledge)
            if step_id == "eerst" and len(session.answers) > 1:
                assert session.route().asked != before


def test_a_question_left_out_by_its_condition_says_when_it_is_asked(tmp_path: Path) -> None:
    # The export's appendix is read by a manager: "alleen gevraagd als …", not a logic term.
    path = tmp_path / "keten.yaml"
    path.write_text(CHAINED, encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    route = Engine(loaded.flow.steps).route({"eerst": "nee"})
    not_asked = dict(provenance(loaded.flow, route, "d").not_asked)
    assert not_asked["Dan?"] == "alleen gevraagd als ‘Eerst?’ = ‘Ja’"
