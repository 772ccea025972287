"""Exact BM25 scores over the index's postings: of every entry having a term (`every_score`), or of
a few entries looked up in the postings (`Exact`, `scores_of`), the very same floats either way: each
term's weights added in the query's order, then the share of the terms an entry has."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from itertools import repeat
from operator import add, eq, mul
from typing import NamedTuple

BISECT_COST = 8
"""Looking an entry up in a term's postings by bisection costs about as much as putting this many of
its postings in a dict."""


class Postings(NamedTuple):
    """The index's arrays: per term (by id) its run of postings from `offsets[id]` to
    `offsets[id + 1]`, in order of entry (`docs`, `weights`), `impact` the same run in order of
    weight (positions in `docs`), `idf` its IDF; `size` how many entries the index has."""

    docs: array[int]
    weights: array[float]
    offsets: array[int]
    impact: array[int]
    idf: array[float]
    size: int


def every_score(postings: Postings, found: list[int | None], share: list[float]) -> dict[int, float]:
    """Entry number → score for the query's terms (`found`: each term's id, None for a term the
    index does not know; `share`: what an entry having 0, 1, … of them is multiplied by,
    `index.shares`), for every entry having one: each term's weights added in the query's order."""
    totals: dict[int, float] = {}
    matched: Counter[int] = Counter()
    docs, weights, offsets, idf = postings.docs, postings.weights, postings.offsets, postings.idf
    for term_id in found:
        if term_id is None:
            continue
        start, end = offsets[term_id], offsets[term_id + 1]
        run = docs[start:end]
        values = map(idf[term_id].__mul__, weights[start:end])
        totals.update(zip(run, map(add, map(totals.get, run, repeat(0.0)), values), strict=True))
        matched.update(run)  # counted in C, not per posting in Python
    if share:
        shares = map(share.__getitem__, map(matched.__getitem__, totals))
        return dict(zip(totals, map(mul, totals.values(), shares), strict=True))
    return totals


def scores_of(
    postings: Postings, found: list[int | None], share: list[float], docs: list[int]
) -> list[float]:
    """The scores of the entries `docs` for the query's terms (as for `every_score`), 0.0 for one
    having none of them: exactly those of `every_score`, for a few entries looked up in the postings."""
    if not any(term_id is not None for term_id in found) or not docs:
        return [0.0] * len(docs)
    return Exact(postings, found, share).scores(docs)


class Exact:
    """Exact scores of some entries at a time, each term's weight looked up in its postings."""

    def __init__(self, postings: Postings, found: list[int | None], share: list[float]) -> None:
        self.postings, self.share = postings, share
        offsets, idf = postings.offsets, postings.idf
        self.parts = [
            (term_id, offsets[term_id], offsets[term_id + 1], idf[term_id])
            for term_id in found
            if term_id is not None
        ]
        """Per known term of the query, in its order (a term asked twice twice): id, run, IDF."""
        self.weighed: dict[int, dict[int, float]] = {}
        """Entry → weight for the entries having a term, once many are looked up in it."""
        self.looked: Counter[int] = Counter()
        """How many entries were looked up in each term's postings by bisection."""

    def scores(self, found: list[int]) -> list[float]:
        """The scores of the entries `found`, added as `every_score` adds them: term by term in query
        order (adding 0.0 for a term an entry lacks changes nothing), each step a `map` in C."""
        postings = self.postings
        docs, weights, size = postings.docs, postings.weights, postings.size
        totals: list[float] = [0.0] * len(found)
        matched: list[int] = [0] * len(found)
        for term_id, start, end, term_idf in self.parts:
            if end - start == size:
                # Every entry has the term: its postings are the entries 0, 1, 2, … in order.
                where = map(add, found, repeat(start))
                totals = list(map(add, totals, map(term_idf.__mul__, map(weights.__getitem__, where))))
                matched = list(map(add, matched, repeat(1)))
                continue
            weighed = self.weighed.get(term_id)
            if weighed is None and (self.looked[term_id] + len(found)) * BISECT_COST <= end - start:
                # Few entries looked up so far: each by bisection, without a dict of them all.
                self.looked[term_id] += len(found)
                places = map(bisect_left, repeat(docs), found, repeat(start), repeat(end))
                near = list(map(min, places, repeat(end - 1)))  # its place, or the run's last
                has = list(map(eq, map(docs.__getitem__, near), found))
                values = map(mul, map(term_idf.__mul__, map(weights.__getitem__, near)), has)
                totals = list(map(add, totals, values))
                matched = list(map(add, matched, has))
                continue
            if weighed is None:
                # So many entries looked up that one dict of all its postings costs less.
                weighed = self.weighed[term_id] = dict(zip(docs[start:end], weights[start:end], strict=True))
            totals = list(map(add, totals, map(term_idf.__mul__, map(weighed.get, found, repeat(0.0)))))
            matched = list(map(add, matched, map(weighed.__contains__, found)))
        return list(map(mul, totals, map(self.share.__getitem__, matched))) if self.share else totals
