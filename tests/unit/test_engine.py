from __future__ import annotations

from collections.abc import Iterable

from kansencoach.core.flows.engine import Engine
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, Step


def ids(steps: Iterable[Step]) -> list[str]:
    return [step.id for step in steps]


def test_first_question_comes_after_the_welcome_info(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    route = engine.route({})
    assert route.next is not None and route.next.id == "verschil"
    assert ids(engine.infos_before(route, "verschil")) == ["welkom"]


def test_when_skips_a_step_and_records_it(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    route = engine.route({"verschil": "x", "domein": "gezondheid"})
    assert "onderwijs-info" in ids(route.skipped)
    route = engine.route({"verschil": "x", "domein": "onderwijs"})
    assert "onderwijs-info" in ids(route.path)
    assert ids(engine.infos_before(route, "groepen")) == ["onderwijs-info"]


def test_an_info_step_is_shown_by_now_only_before_the_next_question(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    # The split answered already, the questions before it not: its message stands on the path
    # (an estimate) but after the next question, so the officer has not read it yet.
    route = engine.route({"mix": {"A": 0, "B": 10, "C": 90}})
    assert route.next is not None and route.next.id == "verschil"
    assert route.shows_info("alleen-c") and not route.has_shown("alleen-c")
    assert route.has_shown("welkom")
    route = engine.route({"verschil": "x", "domein": "onderwijs"})
    assert route.has_shown("onderwijs-info") and not route.has_shown("alleen-c")
    done: dict[str, AnswerValue] = {"verschil": "x", "domein": "onderwijs", "groepen": []}
    done["mix"] = {"A": 0, "B": 10, "C": 90}
    route = engine.route({**done, "urgentie": 3, "budget": 1, "partners": False, "stoppen": ["a"]})
    assert route.next is None and route.has_shown("alleen-c")
    assert not route.has_shown("verschil")  # a question, not a message


def test_goto_branch_leaves_out_the_partner_criteria(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    answers: dict[str, AnswerValue] = {
        "verschil": "x",
        "domein": "onderwijs",
        "groepen": ["ouders"],
        "mix": {"A": 40, "B": 30, "C": 30},
        "urgentie": 3,
        "budget": None,
    }
    with_partners = engine.route({**answers, "partners": True})
    without = engine.route({**answers, "partners": False})
    assert "criteria" in ids(with_partners.path)
    assert "criteria" not in ids(without.path)
    assert without.next is not None and without.next.id == "stoppen"


def test_progress_counts_questions_on_the_current_path(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    assert engine.route({}).progress == (0, 9)
    assert engine.route({"verschil": "x", "partners": False}).progress == (2, 8)


def test_next_after_walks_forward_and_falls_back_to_earlier_gaps(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    following = engine.next_after("verschil", {"verschil": "x"})
    assert following is not None and following.id == "domein"
    # Everything after 'stoppen' is done, but 'domein' is still open: it is found.
    answers: dict[str, AnswerValue] = {"verschil": "x", "stoppen": ["a"]}
    gap = engine.next_after("stoppen", answers)
    assert gap is not None and gap.id == "domein"


def test_previous_and_complete(mini: LoadedFlow) -> None:
    engine = Engine(mini.flow.steps)
    answers = {"verschil": "x", "domein": "onderwijs"}
    route = engine.route(answers)
    before = engine.previous(route, "groepen")
    assert before is not None and before.id == "domein"
    assert engine.previous(route, "verschil") is None
    full = {
        **answers,
        "groepen": ["ouders"],
        "mix": {"A": 40, "B": 30, "C": 30},
        "urgentie": 3,
        "budget": None,
        "partners": False,
        "stoppen": ["a"],
    }
    assert engine.route(full).complete
