"""Free-text facet values to vocabulary ids: `armoede en schulden` is the domain armoede-schulden.

An officer types what a facet means to them, not its id. A value is the id, label or a synonym of
a vocabulary term (accents, case and punctuation aside), the first words of a longer label, or
close to one of them (a typo); anything else maps to nothing, and the caller asks what was meant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz, process

from kansencoach.core.dutch.normalize import words

CLOSE_ENOUGH = 80
"""How alike (0–100) a typed value and a name must be to map without asking."""


class Named(Protocol):
    """A vocabulary value: a model's term, or its plain name (knowledge.entries.Name)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def synonyms(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Mapped:
    """The id a typed value stands for; `exact` when it was typed as the id itself."""

    id: str
    label: str
    exact: bool


def map_facet(value: str, terms: Sequence[Named]) -> Mapped | None:
    """The vocabulary term `value` names, or None when it names none of `terms`."""
    for term in terms:
        if value == term.id:
            return Mapped(term.id, term.label, True)
    names: dict[str, Named] = {}
    for term in terms:
        for name in (term.id, term.label, *term.synonyms):
            names.setdefault(" ".join(words(name)), term)
    typed_words = words(value)
    for start, term in _label_starts(terms, len(typed_words)).items():
        names.setdefault(start, term)
    typed = " ".join(typed_words)
    found = names.get(typed)
    if found is None and typed:
        near = process.extractOne(typed, list(names), scorer=fuzz.ratio, score_cutoff=CLOSE_ENOUGH)
        found = names[str(near[0])] if near is not None else None
    return Mapped(found.id, found.label, False) if found is not None else None


def _label_starts(terms: Sequence[Named], count: int) -> dict[str, Named]:
    """The first `count` words of each label that has more, where no other label starts the same:
    an officer types 'Vroeg- en voorschoolse educatie' for the domain labelled 'Vroeg- en
    voorschoolse educatie en het jonge kind', a name too much shorter for a typo of the whole label.
    Never a single word: one word in common says too little."""
    if count < 2:
        return {}
    starts: dict[str, list[Named]] = {}
    for term in terms:
        label = words(term.label)
        if len(label) > count:
            starts.setdefault(" ".join(label[:count]), []).append(term)
    return {start: found[0] for start, found in starts.items() if len(found) == 1}
