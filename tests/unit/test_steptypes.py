"""The step-type registry: typed text read, answers shown, for every step type in one place."""

from __future__ import annotations

import pytest

from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import STEP_TYPES, InfoStep, NumberStep
from kansencoach.core.flows.shown import Items, Prose, Table
from kansencoach.core.flows.steptypes import answer_line, check_answer, parse_typed, show, step_type

from helpers import question


def test_every_question_type_has_its_own_rules(mini: LoadedFlow) -> None:
    questions = [step for step in mini.flow.steps if not isinstance(step, InfoStep)]
    assert {step.type for step in questions} == set(STEP_TYPES) - {"info"}
    for step in questions:
        assert step_type(step).name == step.type


@pytest.mark.parametrize(
    ("step_id", "typed", "value"),
    [
        ("verschil", "  een verschil  ", "een verschil"),
        ("domein", "2", "gezondheid"),
        ("domein", "Onderwijs", "onderwijs"),
        ("groepen", "2, 1", ["ouders", "kinderen"]),
        ("groepen", "geen", []),
        ("mix", "40 30 30", {"A": 40, "B": 30, "C": 30}),
        ("mix", "A=20 C=80", {"A": 20, "C": 80}),
        ("urgentie", "4", 4),
        ("budget", "2.500", 2500),
        ("budget", "3,5", 3.5),
        ("budget", "€ 650.000,-", 650000),
        ("partners", "ja", True),
        ("partners", "Nee", False),
        ("criteria", "een; twee ;", ["een", "twee"]),
        ("criteria", "   ", None),
    ],
)
def test_typed_text_is_read_by_its_step_type(
    mini: LoadedFlow, step_id: str, typed: str, value: object
) -> None:
    assert parse_typed(question(mini, step_id), typed) == value


@pytest.mark.parametrize(
    ("step_id", "typed", "message"),
    [
        ("domein", "7", "Kies een nummer van 1 tot en met 2"),
        ("urgentie", "3,5", "heel getal van 1 tot en met 5"),
        ("budget", "veel", "Vul een getal in"),
        ("partners", "misschien", "ja of nee"),
        ("mix", "50 50", "Geef 3 getallen"),
    ],
)
def test_unreadable_text_says_what_to_type(mini: LoadedFlow, step_id: str, typed: str, message: str) -> None:
    with pytest.raises(InvalidAnswer, match=message):
        parse_typed(question(mini, step_id), typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("ja", "cijfer-met-bron"), ("Nee", "geen"), ("er is", "bron-zonder-cijfer"), ("3", "geen")],
)
def test_a_choice_is_read_from_the_first_words_of_one_label(typed: str, value: str) -> None:
    from kansencoach.core.catalog import find_flow

    assert parse_typed(question(find_flow("quickscan"), "qs-data"), typed) == value


@pytest.mark.parametrize(
    ("step_id", "typed"),
    [("qs-data", "j"), ("qs-data", "een"), ("qs-data", "met een cijfer"), ("qs-theorie", "ja")],
)
def test_words_that_begin_no_label_or_several_are_refused(step_id: str, typed: str) -> None:
    from kansencoach.core.catalog import find_flow

    step = question(find_flow("quickscan"), step_id)
    with pytest.raises(InvalidAnswer, match="Kies een nummer van 1 tot en met"):
        parse_typed(step, typed)


def test_answers_read_as_the_draft_shows_them(mini: LoadedFlow) -> None:
    assert show(question(mini, "domein"), "onderwijs") == Prose("Onderwijs")
    assert show(question(mini, "groepen"), ["ouders"]) == Items(("Ouders",))
    assert show(question(mini, "budget"), 1_000_000) == Prose("€ 1.000.000")
    assert show(question(mini, "partners"), False) == Prose("Nee")
    table = show(question(mini, "mix"), {"A": 60, "B": 40, "C": 0})
    assert isinstance(table, Table)
    assert table.rows == (("Basis bieden", "60"), ("Tegensturen", "40"), ("Maatwerk", "0"))
    assert answer_line(question(mini, "groepen"), ["kinderen", "ouders"]) == "Kinderen; Ouders"
    assert answer_line(question(mini, "budget"), None) == "(overgeslagen)"
    # None of the options chosen reads as the draft says it, not as an empty line.
    assert answer_line(question(mini, "groepen"), []) == "Geen van deze"


def test_typed_answers_pass_the_same_check_as_every_other_answer(mini: LoadedFlow) -> None:
    step = question(mini, "budget")
    assert check_answer(step, parse_typed(step, "2.500,0")) == 2500
    assert step_type(step).hint_values(step) == {"unit": " in euro"}
    assert step_type(question(mini, "mix")).hint_values(question(mini, "mix")) == {"total": 100, "count": 3}


def test_a_whole_number_step_offers_no_decimal_as_its_example() -> None:
    """'1150 huishoudens' at the size of the target group was told 'bijvoorbeeld 12 of 3,5', and
    3,5 is then refused: a step that takes whole numbers only gives a whole one as its example."""
    step = NumberStep(id="omvang", type="number", ask="Hoe groot is de doelgroep?", integer=True)
    with pytest.raises(InvalidAnswer) as refused:
        parse_typed(step, "1150 huishoudens")
    assert "3,5" not in str(refused.value) and "heel getal" in str(refused.value)
    with pytest.raises(InvalidAnswer, match="3,5"):
        parse_typed(step.model_copy(update={"integer": False}), "veel")
