"""What reading any answer shares: the error a UI shows as it is, and numbers written the Dutch way.

The rules per step type (how typed text is read, what is a valid answer, how it reads in the
draft) live in `steptypes`; this module holds what several of them need.
"""

from __future__ import annotations

import math

from kansencoach.i18n import t

MAX_TEXT = 200_000
"""Far beyond any real answer; a larger paste is almost surely a mistake."""


class InvalidAnswer(ValueError):
    """An answer that does not fit its step; `str(error)` is the Dutch message for the officer."""


def read_number(text: str) -> float:
    """A typed number, with a decimal comma or point (`3,5`, `3.5`); InvalidAnswer otherwise."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        raise InvalidAnswer(t("answer.number")) from None
    if not math.isfinite(number):
        raise InvalidAnswer(t("answer.number"))
    return number


def format_number(number: float) -> str:
    """A number as a Dutch reader writes it: `2500`, `3,5` (never `2500.0` or `1e+06`)."""
    if number == int(number):
        return str(int(number))
    return str(number).replace(".", ",")
