"""What reading any answer shares: the error a UI shows as it is, and typed numbers.

The rules per step type (how typed text is read, what is a valid answer, how it reads in the
draft) live in `steptypes`; this module holds what several of them need.
"""

from __future__ import annotations

from kansencoach.core.dutch.numbers import format_amount, read_number
from kansencoach.i18n import t

MAX_TEXT = 200_000
"""Far beyond any real answer; a larger paste is almost surely a mistake."""


class InvalidAnswer(ValueError):
    """An answer that does not fit its step; `str(error)` is the Dutch message for the officer."""


def typed_number(text: str) -> float:
    """A typed number as the Dutch write it (`3,5`, `2.500`, `€ 650.000,-`, `-2`); InvalidAnswer otherwise."""
    stripped = text.strip()
    number = read_number(stripped.removeprefix("-"))
    if number is None:
        raise InvalidAnswer(t("answer.number"))
    return -number.value if stripped.startswith("-") else number.value


def editable_number(number: float) -> str:
    """A stored number put back in a field to edit: written the Dutch way, and read back unchanged."""
    shown = format_amount(number)
    return shown if typed_number(shown) == number else str(number).replace(".", ",")
