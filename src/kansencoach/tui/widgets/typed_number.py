"""The option an officer names by typing its number, also when it has two digits.

With ten or more options "1" may be the start of "10": it only moves the highlight there, and the
next digit decides. A number that no other shown number starts with picks at once, so lists of up
to nine keep their one-key answers. A scale shows its values (0 to 10, say), not positions, so the numbers are
the ones each option shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    """The option the digits typed so far name (its index), and whether no further digit can change it."""

    index: int
    final: bool


class TypedNumber:
    """The digits typed on an option list, read against the numbers its options show."""

    def __init__(self, numbers: Sequence[int]) -> None:
        self._shown = [str(number) for number in numbers]
        """The number each option shows, as typed, in option order."""
        self._digits = ""

    def clear(self) -> None:
        """Forget a number being typed: any other key ends it."""
        self._digits = ""

    def add(self, digit: str) -> Named | None:
        """Read one more digit; None when neither it nor the digits before it with it name an option."""
        for digits in (self._digits + digit, digit):
            if digits not in self._shown:
                continue
            final = not any(text != digits and text.startswith(digits) for text in self._shown)
            self._digits = "" if final else digits
            return Named(self._shown.index(digits), final)
        self._digits = ""
        return None
