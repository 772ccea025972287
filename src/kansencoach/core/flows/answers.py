"""What reading any answer shares: the error a UI shows as it is, and typed numbers.

The rules per step type (how typed text is read, what is a valid answer, how it reads in the
draft) live in `steptypes`; this module holds what several of them need.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kansencoach.core.dutch.numbers import Unit, format_amount, read_number
from kansencoach.core.flows.models import AllocateStep, NumberStep, Option
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
    if number is None or not math.isfinite(number.value):
        # A whole-number step's example is a whole number: '3,5' would be refused there.
        raise InvalidAnswer(t("answer.integer" if step.integer else "answer.number"))
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


def read_whole_number(text: str) -> int | None:
    """`text` as a whole Dutch number ('4', 'vier'), None when it is not one."""
    number = read_number(text)
    if number is None or number.value != int(number.value):
        return None
    return int(number.value)


def number_text(step: NumberStep, value: float) -> str:
    """A number answer written the Dutch way with the step's unit: '€ 650.000', '58%', '450 personen'."""
    unit = _STEP_UNITS.get((step.unit or "").lower())
    if unit is not None:
        return format_amount(value, unit)
    return f"{format_amount(value)} {step.unit}" if step.unit else format_amount(value)


def even_points(step: AllocateStep) -> dict[str, int]:
    """The total of an allocate step spread as evenly as its increment and the options' limits allow."""
    points = {option.value: option.min or 0 for option in step.options}
    rest = step.total - sum(points.values())
    # Deal the rest out one increment at a time, round the options, as evenly as the maxima allow.
    while rest > 0:
        dealt = False
        for option in step.options:
            moved = min(step.increment, rest, most_points(step, option) - points[option.value])
            if moved > 0:
                points[option.value] += moved
                rest -= moved
                dealt = True
        if not dealt:
            break
    return points


def label_after_value(option: Option) -> str:
    """An option's label as shown after its value: 'Een basis bieden' beside A when the author wrote
    'A. Een basis bieden' (the shipped flow does), which beside the value read 'A  A. Een basis bieden'."""
    lettered = re.match(rf"{re.escape(option.value)}\s*[.):–-]\s+(?=\S)", option.label)
    return option.label[lettered.end() :] if lettered else option.label


def most_points(step: AllocateStep, option: Option) -> int:
    """The most points `option` may get."""
    return option.max if option.max is not None else step.total
