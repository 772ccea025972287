"""The control graph: the steps on every route are those without which the end cannot be reached."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kansencoach.core.flows.control import always_passed, exits
from kansencoach.core.flows.models import END, Step, TextStep


def end_reachable_without(steps: list[Step], avoided: int) -> bool:
    """Asked the slow way: walk from the first step, never through `avoided`."""
    index = {step.id: number for number, step in enumerate(steps)}
    seen: set[int] = set()
    todo = [] if avoided == 0 else [0]
    while todo:
        number = todo.pop()
        if number in seen:
            continue
        seen.add(number)
        for way in exits(steps, number):
            if way.target == END:
                return True
            if index[way.target] != avoided:
                todo.append(index[way.target])
    return False


def step(number: int, goto: Any, conditional: bool) -> Step:
    when = {"answer": "s0", "equals": "ja"} if conditional else None
    return TextStep.model_validate(
        {"id": f"s{number}", "type": "text", "ask": "?", "goto": goto, "when": when}
    )


@st.composite
def flows(draw: st.DrawFn) -> list[Step]:
    size = draw(st.integers(1, 12))
    targets = st.sampled_from([*(f"s{number}" for number in range(size)), END])
    rule = st.builds(
        lambda to, always: {"to": to} if always else {"to": to, "when": {"answer": "s0", "empty": True}},
        targets,
        st.booleans(),
    )
    goto = st.one_of(st.none(), targets, st.lists(rule, min_size=1, max_size=3))
    return [step(number, draw(goto), draw(st.booleans())) for number in range(size)]


@settings(max_examples=400)
@given(flows())
def test_the_steps_on_every_route_are_those_the_end_cannot_be_reached_without(steps: list[Step]) -> None:
    expected = {number for number in range(len(steps)) if not end_reachable_without(steps, number)}
    assert always_passed(steps) == expected


def test_a_branch_around_a_step_takes_it_off_every_route() -> None:
    steps = [
        step(0, [{"to": "s2", "when": {"answer": "s0", "equals": "ja"}}], conditional=False),
        step(1, None, conditional=False),
        step(2, None, conditional=False),
        step(3, END, conditional=False),
    ]
    assert always_passed(steps) == {0, 2, 3}


def test_a_long_flow_is_answered_in_one_pass() -> None:
    steps = [step(number, None, conditional=number % 7 == 3) for number in range(5_000)]
    assert always_passed(steps) == set(range(5_000))
