from __future__ import annotations

from typing import Any

import pytest

from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.steptypes import check_answer

from helpers import question


def step(mini: LoadedFlow, step_id: str) -> Any:
    return question(mini, step_id)


@pytest.mark.parametrize(
    ("step_id", "value", "message"),
    [
        ("verschil", "", "nodig om verder te gaan"),
        ("domein", "zorg", "Kies een van de opties: onderwijs, gezondheid"),
        ("groepen", [], "nodig om verder te gaan"),
        ("groepen", ["kinderen", "nee"], "Kies een van de opties"),
        ("mix", {"A": 50, "B": 30, "C": 30}, "tellen op tot 110; dat moet precies 100"),
        ("mix", {"A": 50, "D": 50}, "Verdeel de punten over deze opties"),
        ("mix", {"A": -10, "B": 60, "C": 50}, "heel aantal punten"),
        ("urgentie", 7, "van 1 tot en met 5"),
        ("urgentie", True, "van 1 tot en met 5"),
        ("budget", -5, "minstens 0"),
        ("budget", float("nan"), "Vul een getal in"),
        ("partners", "misschien", "ja of nee"),
        ("stoppen", ["  "], "minstens 1"),
        ("verschil", "x" * 200_001, "langer dan 200000 tekens"),
    ],
)
def test_invalid_answers_get_a_dutch_message(
    mini: LoadedFlow, step_id: str, value: Any, message: str
) -> None:
    with pytest.raises(InvalidAnswer, match=message):
        check_answer(step(mini, step_id), value)


def test_valid_answers_are_normalised(mini: LoadedFlow) -> None:
    assert check_answer(step(mini, "verschil"), "  twee  \nregels   ") == "twee\nregels"
    assert check_answer(step(mini, "groepen"), ["ouders", "kinderen"]) == ["kinderen", "ouders"]
    assert check_answer(step(mini, "mix"), {"A": 100}) == {"A": 100, "B": 0, "C": 0}
    assert check_answer(step(mini, "budget"), 2500.0) == 2500
    assert check_answer(step(mini, "budget"), None) is None  # optional: skipped
    assert check_answer(step(mini, "stoppen"), [" a ", "", "b"]) == ["a", "b"]
