"""A suggestion as the matcher makes it: the entry, its score in parts, and the words and facets that
made it, so the officer can see why it is suggested."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kansencoach.core.common.compared import LeadingCompared

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.knowledge.entries import Entry


class WordMatch(NamedTuple):
    word: str
    fields: tuple[str, ...]
    share: float


class _Suggested(NamedTuple):
    id: str
    name: str
    score: float
    text: float
    facets: float
    related: float
    evidence: float
    words: tuple[WordMatch, ...]
    matched_facets: tuple[str, ...]
    fuzzy: tuple[tuple[str, str], ...]
    related_to: str
    """The name of the best-scoring leading match that names this entry as related, or "" when none does."""
    why: str
    model: Callable[[], Entry]
    """Makes the full model of the entry (only when asked: `kb search` shows facts alone)."""


class Suggestion(_Suggested, LeadingCompared):
    """A suggested entry, equal to the same one however it was made: `model` is left out of
    equality and the hash, so a suggestion from the cache equals the same one freshly ranked."""

    __slots__ = ()

    @property
    def item(self) -> Entry:
        """The suggested intervention or indicator."""
        return self.model()
