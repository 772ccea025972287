"""What an officer asks the matcher for, and how well an entry's facets fit it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from kansencoach.core.knowledge.entries import Facts

FACET_WEIGHTS = {"domain": 1.0, "wie": 0.8, "waar": 0.4, "perspective": 0.6}
"""How much each facet of the case counts in the facet fit (a number from 0 to 1)."""


class Query(NamedTuple):
    """What an officer is looking for: free text and facets from the vocabulary."""

    text: str = ""
    domains: tuple[str, ...] = ()
    wie: tuple[str, ...] = ()
    waar: tuple[str, ...] = ()
    perspectives: Mapping[str, float] = MappingProxyType({})
    """Perspective id → weight from 0 to 1 (e.g. points of an allocation divided by the total)."""

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.domains or self.wie or self.waar or self.perspectives)


def facet_fit(item: Facts, query: Query) -> float:
    """How well the item's facets fit the case's, from 0 (not at all) to 1 (every asked facet)."""
    asked = 0.0
    fit = 0.0
    for name, wanted, have in (
        ("domain", query.domains, item.domains),
        ("wie", query.wie, item.wie),
        ("waar", query.waar, item.waar),
    ):
        if wanted:
            asked += FACET_WEIGHTS[name]
            overlap = sum(1 for value in wanted if value in have)
            if overlap:
                # One shared value counts most; a second one a bit more, a third no more.
                share = 1.0 if name == "domain" else (0.5 + 0.25 * min(overlap, 2)) / 1.0
                fit += FACET_WEIGHTS[name] * min(share, 1.0)
    if query.perspectives:
        asked += FACET_WEIGHTS["perspective"]
        weight = sum(query.perspectives.get(perspective, 0.0) for perspective in item.perspectives)
        fit += FACET_WEIGHTS["perspective"] * min(weight, 1.0)
    return fit / asked if asked else 0.0


class FacetValues:
    """(facet, value) → the entries having it, made on the first query with facets."""

    def __init__(self, facts: Sequence[Facts]) -> None:
        self._facts = facts
        self._having: dict[tuple[str, str], list[int]] | None = None

    def fitting(self, query: Query) -> set[int]:
        """The entries having one of the query's domains, target groups, places or perspectives
        (those with a weight): the only ones with a facet part."""
        asked = [
            *(("domain", value) for value in query.domains),
            *(("wie", value) for value in query.wie),
            *(("waar", value) for value in query.waar),
            *(("perspective", key) for key, weight in query.perspectives.items() if weight),
        ]
        if not asked:
            # No map needed: `kb search` without facets made it over 10,000 entries for its one
            # query and read none of it (about 6 ms of a warm run's 150).
            return set()
        if self._having is None:
            having: dict[tuple[str, str], list[int]] = {}
            for doc, item in enumerate(self._facts):
                for kind, values in (
                    ("domain", item.domains),
                    ("wie", item.wie),
                    ("waar", item.waar),
                    ("perspective", item.perspectives),
                ):
                    for value in values:
                        having.setdefault((kind, value), []).append(doc)
            self._having = having
        return set().union(*(self._having.get(key, ()) for key in asked))
