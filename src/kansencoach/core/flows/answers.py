"""Checking one answer against its step, with a Dutch message a UI can show as it is."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kansencoach.core.dutch.numbers import Unit, format_amount, read_number
from kansencoach.core.flows.conditions import is_empty
from kansencoach.core.flows.models import (
    AllocateStep,
    AnswerValue,
    ChoiceStep,
    ConfirmStep,
    ListStep,
    MultiStep,
    NumberStep,
    QuestionStep,
    ScaleStep,
    TextStep,
)
from kansencoach.i18n import t

MAX_TEXT = 200_000
"""Far beyond any real answer; a larger paste is almost surely a mistake."""


class InvalidAnswer(ValueError):
    """An answer that does not fit its step; `str(error)` is the Dutch message for the officer."""


_STEP_UNITS = {"euro": Unit.EURO, "€": Unit.EURO, "procent": Unit.PERCENT, "%": Unit.PERCENT}


@dataclass(frozen=True)
class NumberReading:
    """A typed number as kansencoach read it: the value to store and how it reads back."""

    value: int | float
    reading: str
    """'gelezen als € 650.000', shown to the officer."""
    interpreted: bool
    """True when the officer should see the reading before it is saved (words, 'ongeveer', 650000)."""


def read_number_answer(step: NumberStep, text: str) -> NumberReading:
    """`text` read as a Dutch number for `step` ('650.000', '€ 650.000,-', '58%', 'tachtig procent').

    InvalidAnswer when it is no number, or carries a unit the step does not ask for (a percentage
    where an amount in euro is asked, euro where a number of people is).
    """
    if step.unit and text.strip().lower().endswith(" " + step.unit.lower()):
        text = text.strip()[: -len(step.unit)]  # '450 personen' where the step counts personen
    number = read_number(text)
    if number is None:
        raise InvalidAnswer(t("answer.number"))
    if step.unit and number.unit not in (_STEP_UNITS.get(step.unit.lower()), Unit.NONE):
        raise InvalidAnswer(t("answer.number_unit", unit=step.unit))
    value = int(number.value) if number.value == int(number.value) else number.value
    shown = (
        number_text(step, value)
        if step.unit or number.unit is Unit.NONE
        else format_amount(value, number.unit)
    )
    key = "number.read_as_approximate" if number.approximate else "number.read_as"
    return NumberReading(value, t(key, amount=shown), number.interpreted)


def number_text(step: NumberStep, value: float) -> str:
    """A number answer written the Dutch way with the step's unit: '€ 650.000', '58%', '450 personen'."""
    unit = _STEP_UNITS.get((step.unit or "").lower())
    if unit is not None:
        return format_amount(value, unit)
    return f"{format_amount(value)} {step.unit}" if step.unit else format_amount(value)


def check_answer(step: QuestionStep, value: AnswerValue) -> AnswerValue:
    """The answer as it will be stored, or InvalidAnswer saying what to change.

    An empty answer to an optional step is stored as None: the officer chose to skip it.
    """
    if value == [] and _may_be_empty(step):
        return []
    if is_empty(value) and not isinstance(step, AllocateStep):
        if step.required:
            raise InvalidAnswer(t("answer.required"))
        return None
    if isinstance(step, TextStep):
        return _text(value)
    if isinstance(step, ChoiceStep):
        return _choice(step, value)
    if isinstance(step, MultiStep):
        return _multi(step, value)
    if isinstance(step, ScaleStep):
        return _scale(step, value)
    if isinstance(step, NumberStep):
        return _number(step, value)
    if isinstance(step, ConfirmStep):
        if not isinstance(value, bool):
            raise InvalidAnswer(t("answer.confirm"))
        return value
    if isinstance(step, ListStep):
        return _list(step, value)
    return _allocate(step, value)


def _may_be_empty(step: QuestionStep) -> bool:
    """A multi or list whose minimum is 0 takes "none of these" as an answer of its own."""
    return (isinstance(step, MultiStep) and step.min_selected == 0) or (
        isinstance(step, ListStep) and step.min_items == 0
    )


def _text(value: AnswerValue) -> str:
    if not isinstance(value, str):
        raise InvalidAnswer(t("answer.text"))
    if len(value) > MAX_TEXT:
        raise InvalidAnswer(t("answer.too_long", limit=MAX_TEXT))
    return "\n".join(line.rstrip() for line in value.strip().splitlines())


def _choice(step: ChoiceStep, value: AnswerValue) -> str:
    values = [option.value for option in step.options]
    if not isinstance(value, str) or value not in values:
        raise InvalidAnswer(t("answer.choice", options=", ".join(values)))
    return value


def _multi(step: MultiStep, value: AnswerValue) -> list[str]:
    values = [option.value for option in step.options]
    if not isinstance(value, list) or any(not isinstance(item, str) or item not in values for item in value):
        raise InvalidAnswer(t("answer.choice", options=", ".join(values)))
    chosen = [item for item in values if item in value]
    if len(chosen) < step.min_selected:
        raise InvalidAnswer(t("answer.multi_min", count=step.min_selected))
    if step.max_selected is not None and len(chosen) > step.max_selected:
        raise InvalidAnswer(t("answer.multi_max", count=step.max_selected))
    return chosen


def _scale(step: ScaleStep, value: AnswerValue) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not step.min <= value <= step.max:
        raise InvalidAnswer(t("answer.scale", min=step.min, max=step.max))
    return value


def _number(step: NumberStep, value: AnswerValue) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidAnswer(t("answer.number"))
    if step.integer and value != int(value):
        raise InvalidAnswer(t("answer.integer"))
    if step.min is not None and value < step.min:
        raise InvalidAnswer(t("answer.number_min", min=format_amount(step.min)))
    if step.max is not None and value > step.max:
        raise InvalidAnswer(t("answer.number_max", max=format_amount(step.max)))
    return int(value) if step.integer or value == int(value) else value


def _list(step: ListStep, value: AnswerValue) -> list[str]:
    if not isinstance(value, list) or any(not isinstance(item, str) for item in value):
        raise InvalidAnswer(t("answer.list"))
    items = [_text(item) for item in value if item.strip()]
    minimum = step.min_items if step.required else 0
    if len(items) < minimum:
        raise InvalidAnswer(t("answer.list_min", count=minimum))
    if step.max_items is not None and len(items) > step.max_items:
        raise InvalidAnswer(t("answer.list_max", count=step.max_items))
    return items


def _allocate(step: AllocateStep, value: AnswerValue) -> dict[str, int]:
    values = [option.value for option in step.options]
    if not isinstance(value, dict) or any(key not in values for key in value):
        raise InvalidAnswer(t("answer.allocate_options", options=", ".join(values)))
    points: dict[str, int] = {}
    for option in step.options:
        given = value.get(option.value, 0)
        if isinstance(given, bool) or not isinstance(given, int) or given < 0:
            raise InvalidAnswer(t("answer.allocate_points", label=option.label))
        if option.min is not None and given < option.min:
            raise InvalidAnswer(t("answer.allocate_min", label=option.label, min=option.min))
        if option.max is not None and given > option.max:
            raise InvalidAnswer(t("answer.allocate_max", label=option.label, max=option.max))
        points[option.value] = given
    if sum(points.values()) != step.total:
        raise InvalidAnswer(t("answer.allocate_total", sum=sum(points.values()), total=step.total))
    return points
