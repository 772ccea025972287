"""Evaluating the declarative conditions of a flow against the answers given so far."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from kansencoach.core.flows.models import (
    AllCondition,
    AnswerCondition,
    AnswerValue,
    AnyCondition,
    Condition,
    InfoStep,
    NotCondition,
    Step,
)
from kansencoach.i18n import t

Answers = Mapping[str, AnswerValue]


def holds(condition: Condition, answers: Answers) -> bool:
    """Whether `condition` is true for `answers`; a test on a missing answer is false (except `empty`)."""
    if isinstance(condition, AllCondition):
        return all(holds(part, answers) for part in condition.all)
    if isinstance(condition, AnyCondition):
        return any(holds(part, answers) for part in condition.any)
    if isinstance(condition, NotCondition):
        return not holds(condition.not_, answers)
    return _test(condition, answers)


def tested_answers(condition: Condition | None) -> Iterator[str]:
    """The ids of the answers `condition` tests (none without a condition)."""
    if isinstance(condition, AnswerCondition):
        yield condition.answer
    elif isinstance(condition, AllCondition | AnyCondition):
        for part in condition.all if isinstance(condition, AllCondition) else condition.any:
            yield from tested_answers(part)
    elif isinstance(condition, NotCondition):
        yield from tested_answers(condition.not_)


def is_empty(value: AnswerValue) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def _test(test: AnswerCondition, answers: Answers) -> bool:
    value = answers.get(test.answer)
    if test.key is not None:
        value = value.get(test.key) if isinstance(value, dict) else None
    if test.empty is not None and is_empty(value) != test.empty:
        return False
    others = (test.equals, test.in_, test.includes, test.min, test.max, test.matches)
    if all(other is None for other in others):
        return True
    if is_empty(value):
        return False
    return (
        (test.equals is None or _same(value, test.equals))
        and (test.in_ is None or any(_same(value, item) for item in test.in_))
        and (test.includes is None or (isinstance(value, list) and test.includes in value))
        and (test.min is None or (_magnitude(value) is not None and _magnitude(value) >= test.min))  # type: ignore[operator]
        and (test.max is None or (_magnitude(value) is not None and _magnitude(value) <= test.max))  # type: ignore[operator]
        and (
            test.matches is None
            or (isinstance(value, str) and _regex(test.matches).search(value) is not None)
        )
    )


def _same(value: AnswerValue, expected: str | int | float | bool) -> bool:
    # bool is an int in Python; `equals: 1` must not match a "ja".
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    if isinstance(value, int | float) and isinstance(expected, int | float):
        return value == expected
    return str(value) == str(expected)


def _magnitude(value: AnswerValue) -> float | None:
    """The number a min/max test compares: a number itself, or how many items a list has."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list):
        return float(len(value))
    return None


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def describe(condition: Condition, steps: Mapping[str, Step] | Sequence[Step] | None = None) -> str:
    """The condition in words, for people who do not read YAML.

    Given the flow's steps, answers are named by their question's label and option values by their
    option's label, so no internal id reaches an officer; without them (authors' tools), by id.
    """
    if isinstance(condition, AllCondition):
        return "(" + t("condition.and").join(describe(part, steps) for part in condition.all) + ")"
    if isinstance(condition, AnyCondition):
        return "(" + t("condition.or").join(describe(part, steps) for part in condition.any) + ")"
    if isinstance(condition, NotCondition):
        return t("condition.not", inner=describe(condition.not_, steps))
    if isinstance(steps, Sequence):
        steps = {step.id: step for step in steps}
    step = steps.get(condition.answer) if steps is not None else None
    words = _Words(step)
    subject = words.subject(condition.answer, condition.key)
    parts: list[str] = []
    if condition.equals is not None:
        parts.append(t("condition.equals", subject=subject, value=words.value(condition.equals)))
    if condition.in_ is not None:
        values = ", ".join(words.value(value) for value in condition.in_)
        parts.append(t("condition.in", subject=subject, values=values))
    if condition.includes is not None:
        parts.append(t("condition.includes", subject=subject, value=words.value(condition.includes)))
    if condition.min is not None:
        parts.append(t("condition.min", subject=subject, value=_number(condition.min)))
    if condition.max is not None:
        parts.append(t("condition.max", subject=subject, value=_number(condition.max)))
    if condition.empty is not None:
        parts.append(t("condition.empty" if condition.empty else "condition.filled", subject=subject))
    if condition.matches is not None:
        parts.append(t("condition.matches", subject=subject, pattern=condition.matches))
    return t("condition.and").join(parts)


def step_label(step: Step) -> str:
    """How the draft and the export name a step: its label, else its question (or id, for info)."""
    if isinstance(step, InfoStep):
        return step.label or step.id
    return step.label or step.ask


class _Words:
    """Names for one condition's answer and values: labels when the step is known, else ids."""

    def __init__(self, step: Step | None) -> None:
        self.step = step
        options = getattr(step, "options", None) or []
        self.options: dict[str, str] = {option.value: option.label for option in options}

    def subject(self, answer: str, key: str | None) -> str:
        if self.step is None:
            return f"{answer}[{key}]" if key else answer
        label = t("condition.subject", label=" ".join(step_label(self.step).split()))
        if key is None:
            return label
        return t("condition.subject_key", subject=label, option=self.options.get(key, key))

    def value(self, value: str | int | float | bool) -> str:
        if isinstance(value, bool):
            return t("answer.yes") if value else t("answer.no")
        if isinstance(value, str):
            return t("condition.value", label=self.options.get(value, value)) if self.step else value
        return _number(value)


def _number(value: int | float) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)
