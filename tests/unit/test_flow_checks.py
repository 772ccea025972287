"""The graph checks stay linear on large flows, also broken ones, and report each closed loop once."""

from __future__ import annotations

from typing import Any

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.problems import Position
from kansencoach.core.flows.checks import check
from kansencoach.core.flows.models import Flow


def flow(steps: list[dict[str, Any]]) -> Flow:
    return Flow.model_validate(
        {
            "id": "groot",
            "title": "Groot",
            "version": 1,
            "sections": [{"id": "a", "title": "A"}],
            "steps": steps,
        }
    )


def codes(checked: Flow) -> list[str]:
    return [
        problem.code for problem in check(checked, lambda loc: Position("f.yaml", 1, 1), load_vocabulary())
    ]


def test_steps_that_each_jump_back_one_step_are_one_closed_loop() -> None:
    size = 3000
    rules = [
        {"to": f"s{number}", "when": {"answer": "s0", "equals": str(number)}} for number in range(1, size)
    ]
    steps = [{"id": "s0", "type": "text", "ask": "?", "goto": [*rules, {"to": "einde"}]}]
    steps += [{"id": "s1", "type": "text", "ask": "?", "goto": "s1"}]
    steps += [
        {"id": f"s{number}", "type": "text", "ask": "?", "goto": f"s{number - 1}"}
        for number in range(2, size)
    ]
    assert codes(flow(steps)) == ["cycle"]


def test_a_long_valid_flow_has_no_problems() -> None:
    steps = [
        {"id": f"s{number}", "type": "text", "ask": "?", "draft": f"a.s{number}"} for number in range(5000)
    ]
    assert codes(flow(steps)) == []
