"""The shape of a policy theory in Dutch: a condition, what follows from it, and why.

A policy theory says *if we do this, then that follows, because of this mechanism*. Officers write
it in many ways: "als … dan … omdat …", "wanneer … dan …, want …", "door … verwachten we dat …
doordat …", "… leidt ertoe dat …, omdat …". `shape` finds the three parts by their signal words, so
the review can say what is missing: the if-then, or the because.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONDITION = re.compile(r"\b(als|wanneer|indien|zodra|mits|door|dankzij)\b", re.IGNORECASE)
_CONSEQUENCE = re.compile(
    r"\b(dan|verwachten\s+(we|wij)|(we|wij)\s+verwachten|zal|zullen|leidt|leiden|zorgt|zorgen|"
    r"resulteert|resulteren|zodat|waardoor|met\s+als\s+gevolg|gevolg\s+is)\b",
    re.IGNORECASE,
)
# A verb that links a cause to its effect carries both halves: "huisbezoek leidt ertoe dat …".
_CAUSE_TO_EFFECT = re.compile(
    r"\b(leidt|leiden|zorgt|zorgen|resulteert|resulteren)\s+(tot|ertoe|ervoor|in)\b|\bheeft\s+tot\s+gevolg\b",
    re.IGNORECASE,
)
_MECHANISM = re.compile(
    r"\b(omdat|doordat|want|aangezien|vanwege|immers|de\s+reden\s+is|dat\s+komt\s+doordat|"
    r"juist\s+omdat)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TheoryShape:
    """Which parts of 'if we …, then …, because …' a text has."""

    condition: bool
    consequence: bool
    mechanism: bool

    @property
    def if_then(self) -> bool:
        """A condition with a consequence after it: the inzet leads somewhere."""
        return self.condition and self.consequence


def shape(text: str) -> TheoryShape:
    """The parts of a policy theory that `text` has, found by their Dutch signal words."""
    condition = _CONDITION.search(text)
    consequence = _CONSEQUENCE.search(text, condition.end()) if condition else None
    if condition is not None and consequence is None:
        # "Dan …" before the condition: "We verwachten meer aanmeldingen als …".
        consequence = _CONSEQUENCE.search(text[: condition.start()])
    if _CAUSE_TO_EFFECT.search(text):
        return TheoryShape(True, True, _MECHANISM.search(text) is not None)
    return TheoryShape(condition is not None, consequence is not None, _MECHANISM.search(text) is not None)
