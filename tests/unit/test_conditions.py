from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from kansencoach.core.flows.conditions import describe, holds, step_label
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, Condition

CONDITION: TypeAdapter[Any] = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Any:
    return CONDITION.validate_python(data)


ANSWERS: dict[str, AnswerValue] = {
    "domein": "onderwijs",
    "groepen": ["kinderen", "ouders"],
    "mix": {"A": 10, "B": 10, "C": 80},
    "aantal": 12,
    "partners": False,
    "tekst": "Doel: 20% meer in 2027",
    "leeg": "   ",
}


def test_equals_in_includes() -> None:
    assert holds(cond({"answer": "domein", "equals": "onderwijs"}), ANSWERS)
    assert not holds(cond({"answer": "domein", "equals": "zorg"}), ANSWERS)
    assert holds(cond({"answer": "domein", "in": ["zorg", "onderwijs"]}), ANSWERS)
    assert holds(cond({"answer": "groepen", "includes": "ouders"}), ANSWERS)
    assert not holds(cond({"answer": "groepen", "includes": "jongeren"}), ANSWERS)


def test_key_min_max_on_allocation() -> None:
    assert holds(cond({"answer": "mix", "key": "C", "min": 80}), ANSWERS)
    assert not holds(cond({"answer": "mix", "key": "C", "min": 81}), ANSWERS)
    assert holds(cond({"answer": "mix", "key": "A", "max": 10}), ANSWERS)


def test_min_max_count_list_items() -> None:
    assert holds(cond({"answer": "groepen", "min": 2}), ANSWERS)
    assert not holds(cond({"answer": "groepen", "max": 1}), ANSWERS)


def test_bool_is_not_a_number() -> None:
    assert holds(cond({"answer": "partners", "equals": False}), ANSWERS)
    assert not holds(cond({"answer": "partners", "equals": 0}), ANSWERS)
    assert not holds(cond({"answer": "aantal", "equals": True}), ANSWERS)


def test_empty_and_missing() -> None:
    assert holds(cond({"answer": "leeg", "empty": True}), ANSWERS)
    assert holds(cond({"answer": "ontbreekt", "empty": True}), ANSWERS)
    assert not holds(cond({"answer": "tekst", "empty": True}), ANSWERS)
    assert not holds(cond({"answer": "ontbreekt", "equals": "x"}), ANSWERS)
    assert not holds(cond({"answer": "ontbreekt", "min": 0}), ANSWERS)


def test_matches_is_case_insensitive_search() -> None:
    assert holds(cond({"answer": "tekst", "matches": r"\d+%"}), ANSWERS)
    assert holds(cond({"answer": "tekst", "matches": "DOEL"}), ANSWERS)
    assert not holds(cond({"answer": "aantal", "matches": "12"}), ANSWERS)


def test_combinators() -> None:
    yes = {"answer": "domein", "equals": "onderwijs"}
    no = {"answer": "domein", "equals": "zorg"}
    assert holds(cond({"all": [yes, {"not": no}]}), ANSWERS)
    assert not holds(cond({"all": [yes, no]}), ANSWERS)
    assert holds(cond({"any": [no, yes]}), ANSWERS)
    assert not holds(cond({"any": [no, no]}), ANSWERS)


LEAVES = st.sampled_from(
    [
        {"answer": "domein", "equals": "onderwijs"},
        {"answer": "domein", "equals": "zorg"},
        {"answer": "mix", "key": "C", "min": 50},
        {"answer": "groepen", "includes": "jongeren"},
        {"answer": "ontbreekt", "empty": True},
        {"answer": "aantal", "max": 5},
    ]
)
TREES = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(lambda parts: {"all": parts}),
        st.lists(children, min_size=1, max_size=3).map(lambda parts: {"any": parts}),
        children.map(lambda part: {"not": part}),
    ),
    max_leaves=12,
)


def reference(data: dict[str, Any]) -> bool:
    """The meaning of a condition tree written out by hand, for the six leaves above."""
    if "all" in data:
        return all(reference(part) for part in data["all"])
    if "any" in data:
        return any(reference(part) for part in data["any"])
    if "not" in data:
        return not reference(data["not"])
    truth = {"onderwijs": True, "zorg": False}
    if "equals" in data:
        return truth[data["equals"]]
    if data.get("key") == "C":
        return True
    if "includes" in data:
        return False
    return "empty" in data


@given(TREES)
def test_any_tree_evaluates_like_the_hand_written_reference(tree: dict[str, Any]) -> None:
    assert holds(cond(tree), ANSWERS) is reference(tree)


@given(TREES)
def test_double_negation_changes_nothing(tree: dict[str, Any]) -> None:
    assert holds(cond({"not": {"not": tree}}), ANSWERS) is holds(cond(tree), ANSWERS)


def test_describe_speaks_in_labels_given_the_steps(mini: LoadedFlow) -> None:
    steps = {step.id: step for step in mini.flow.steps}
    condition = cond(
        {
            "all": [
                {"answer": "domein", "in": ["onderwijs"]},
                {"answer": "groepen", "includes": "ouders"},
                {"answer": "mix", "key": "C", "min": 50},
                {"not": {"answer": "partners", "equals": True}},
            ]
        }
    )
    words = describe(condition, steps)
    domain, groups, mix, partners = (steps[name] for name in ("domein", "groepen", "mix", "partners"))
    for step in (domain, groups, mix, partners):
        assert f"‘{step_label(step)}’" in words
    labels = {
        step.id: {o.value: o.label for o in getattr(step, "options", [])} for step in (domain, groups, mix)
    }
    assert f"‘{labels['domein']['onderwijs']}’" in words and f"‘{labels['groepen']['ouders']}’" in words
    assert f"voor {labels['mix']['C']} ≥ 50" in words and "en niet ‘" in words and "= Ja" in words
    assert not {"domein", "groepen", "partners", "onderwijs", "ouders"} & set(words.replace("(", " ").split())


def test_describe_without_steps_names_ids_for_authors() -> None:
    words = describe(cond({"answer": "mix", "key": "C", "min": 50}))
    assert words == "mix[C] ≥ 50"
