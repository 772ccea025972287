"""More words for a query from its best matches (pseudo-relevance feedback).

An officer names a problem in her own words; an entry that fits it often shares none of them, as it
names the same problem in other words. The best few matches of her words say the problem the way
the knowledge base does: their name, keywords and signals. The words of those fields that are rare
in the catalogue, the rarer and the better the match that has them the more, are a second query,
scored without coordination and added to every entry's text score at FEEDBACK_SHARE of the best.
Unlike a hand-made list of related words, these come from the entries the case already found, so
they follow the knowledge base as the editors write it. Chosen on tests/data/relevance/tuning/ and
tuning2/ (benchmarks/relevance.py; the README there has the figures).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping
from typing import NamedTuple

from kansencoach.core.knowledge.index import Index

FEEDBACK_FROM = 3
"""How many of the best matches lend their words."""
FEEDBACK_TERMS = 8
"""How many words they lend."""
FEEDBACK_SHARE = 0.3
"""What the lent words can add at most, as a share of the best text score."""
FEEDBACK_FIELDS = ("name", "keywords", "signals")
"""The fields that say what problem an entry is for (the others say more about how and where)."""
RARE = 0.2
"""A word in more than this share of the entries says too little about a problem to be lent."""


class Lent(NamedTuple):
    """The terms the best matches lend a query, and the best of them (to name in the reasons)."""

    terms: tuple[str, ...] = ()
    by: int | None = None


def lent_terms(
    index: Index, texts: Callable[[int], Mapping[str, str]], scores: Mapping[int, float], asked: set[str]
) -> Lent:
    """The FEEDBACK_TERMS terms the best FEEDBACK_FROM entries of `scores` lend a query of the
    terms `asked`: each scores the rarity (IDF) of the term times the match's share of the best
    score, summed over the matches having it; ties go to the term first in alphabetical order."""
    leaders = heapq.nlargest(FEEDBACK_FROM, scores.items(), key=lambda row: (row[1], -row[0]))
    if not leaders or leaders[0][1] <= 0:
        return Lent()
    best = leaders[0][1]
    weights: dict[str, float] = {}
    for doc, score in leaders:
        fields = texts(doc)
        found = {
            term.term for name in FEEDBACK_FIELDS for term in index.normalizer.terms(fields.get(name, ""))
        }
        for term in found - asked:
            frequency = index.document_frequency(term)
            if 0 < frequency <= RARE * index.size:
                weights[term] = weights.get(term, 0.0) + score / best * math.log(index.size / frequency)
    lent = sorted(weights, key=lambda term: (-weights[term], term))[:FEEDBACK_TERMS]
    return Lent(tuple(lent), leaders[0][0])


def lent_scores(index: Index, terms: tuple[str, ...], best: float) -> dict[int, float]:
    """Entry number → what the lent `terms` add to its text score: up to FEEDBACK_SHARE × `best`
    (the best text score of the query's own words), in proportion to their BM25 score."""
    scores = index.scores(terms, 0.0) if terms else {}
    most = max(scores.values(), default=0.0)
    if not most:
        return {}
    return {doc: FEEDBACK_SHARE * best * value / most for doc, value in scores.items()}
