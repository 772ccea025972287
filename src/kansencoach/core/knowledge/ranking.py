"""The best few entries of a query over the index's postings, without scoring every entry.

The threshold algorithm (Fagin, Lotem and Naor) over each term's postings in order of weight: the
entries met first are scored in full, and the reading stops once no entry not met yet can beat the
`limit`-th score so far. Two things keep it short on a catalogue where every word is common:
- coordination: an entry having few of the query's terms gets a small share of its score, so once
  none having fewer than some number of them can enter, the entries having that many are found at
  once with sets (in C) and scored, when they are fewer than what the reading would still take;
- the scoring is done a batch at a time with `map` over the arrays: a term every entry has by
  position, another by bisection in its postings, or once a query has looked up many of its
  entries, in a dict of them (made once per query, in C).
The scores are the ones `Index.scores` gives, added in the same order, so the ranking is the same.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, eq, le, mul, neg, not_

FIRST_BLOCK = 16
"""How many postings of each term the reading takes in its first round; each round takes twice as many."""
BISECT_COST = 8
"""Looking an entry up in a term's postings by bisection costs about as much as putting this many of
its postings in a dict."""
FINDING_COST = 4
"""Going through a posting to find the entries having several terms costs about 1/FINDING_COST of
reading one in order of weight (which scores its entry)."""
SLACK = 1 + 1e-9
"""Bounds are made this much larger: a score summed in another order may differ in its last bits."""


@dataclass(frozen=True)
class Postings:
    """The index's arrays: per term (by id) its run of postings from `offsets[id]` to
    `offsets[id + 1]`, in order of entry (`docs`, `weights`), `impact` the same run in order of
    weight (positions in `docs`), `idf` its IDF; `size` how many entries the index has."""

    docs: array[int]
    weights: array[float]
    offsets: array[int]
    impact: array[int]
    idf: array[float]
    size: int


def above(bound: float) -> float:
    """A bound made a little larger (by SLACK)."""
    return bound * SLACK


def best(
    postings: Postings, found: list[int | None], share: list[float], limit: int
) -> list[tuple[int, float]]:
    """The `limit` best (entry number, score) for the query's terms (`found`: each term's id, None
    for a term the index does not know; `share`: what an entry having 0, 1, … of them is multiplied
    by, `index.shares`), best first and on equal scores the lower number first."""
    known = [term_id for term_id in found if term_id is not None]
    if not known or limit <= 0:
        return []
    return _Ranking(postings, known, share, limit).run()


def scores_of(
    postings: Postings, found: list[int | None], share: list[float], docs: list[int]
) -> list[float]:
    """The scores of the entries `docs` for the query's terms (as for `best`), 0.0 for one having none
    of them: exactly those of `Index.scores`, for a few entries looked up in the postings."""
    known = [term_id for term_id in found if term_id is not None]
    if not known or not docs:
        return [0.0] * len(docs)
    return _Ranking(postings, known, share, len(docs)).scores(docs, -1, [])


class _Ranking:
    """One query's reading: where it stands in each term's postings, the best so far, what was met."""

    def __init__(self, postings: Postings, known: list[int], share: list[float], limit: int) -> None:
        self.postings, self.share, self.limit = postings, share, limit
        offsets, idf = postings.offsets, postings.idf
        self.parts = [(term_id, offsets[term_id], offsets[term_id + 1], idf[term_id]) for term_id in known]
        """Per term of the query, in its order (a term asked twice twice): id, run, IDF."""
        self.factor = Counter(known)
        self.most_share = share[len(known)] if share else 1.0
        """The share of an entry having every term the index knows (less than 1 when it does not know one)."""
        self.unit = {term_id: self.factor[term_id] * idf[term_id] for term_id in self.factor}
        """What one unit of a term's weight adds (a term asked twice counts twice)."""
        self.terms = sorted(self.factor, key=lambda term_id: -self.weight_at(term_id, offsets[term_id]))
        self.position = {term_id: offsets[term_id] for term_id in self.terms}
        """Where the reading of each term stands among its postings in order of weight."""
        self.some = [term_id for term_id in self.terms if self.length(term_id) < postings.size]
        """The terms that not every entry has."""
        self.everywhere = sum(self.factor[term_id] for term_id in self.terms if term_id not in self.some)
        self.best: list[tuple[float, int]] = []  # a heap of (score, -entry): its first is the one to beat
        self.seen: set[int] = set()
        self.entries_of: dict[int, set[int] | dict[int, float]] = {}
        """A term's entries (a set), or its entries' weights (a dict) once many are looked up."""
        self.looked: Counter[int] = Counter()
        """How many entries were looked up in each term's postings."""

    def length(self, term_id: int) -> int:
        return self.postings.offsets[term_id + 1] - self.postings.offsets[term_id]

    def weight_at(self, term_id: int, at: int) -> float:
        """What the posting `at` (in order of weight) of a term adds to a score (0.0 past its last)."""
        postings = self.postings
        if at >= postings.offsets[term_id + 1]:
            return 0.0
        return float(self.unit[term_id] * postings.weights[postings.impact[at]])

    def bound(self, term_id: int) -> float:
        """The most a term adds to an entry not met yet in its postings."""
        return self.weight_at(term_id, self.position[term_id])

    def to_beat(self) -> float:
        return self.best[0][0] if len(self.best) == self.limit else -1.0  # every score is at least 0

    def run(self) -> list[tuple[int, float]]:
        limit, terms, offsets = self.limit, self.terms, self.postings.offsets
        having: set[int] | None = None
        having_at_least = covered = len(self.some) + 1
        """The entries having `covered` or more of `some` have all been met."""
        taken = False
        read, block = terms, FIRST_BLOCK
        while True:
            bounds = {term_id: self.bound(term_id) for term_id in terms}
            if len(self.best) == limit:
                to_beat = self.best[0][0]
                needed = _needed(self.some, bounds, self.factor, self.everywhere, self.share, to_beat)
                if needed >= covered:
                    break
                if needed >= 2 and not taken and self.worth_finding(read, having):
                    reading = self.reading_left(read, to_beat)
                    # Worth finding them (in C, but through every posting of `some`) only if the
                    # reading would go on for long without them.
                    if having is None and sum(map(self.length, self.some)) <= FINDING_COST * reading:
                        having, having_at_least = self.having(needed), needed
                    if having is not None and len(unmet := having - self.seen) <= reading:
                        self.take(list(unmet), -1, [])
                        covered, taken = having_at_least, True
                        continue
                read = _still_read(terms, bounds, self.factor, self.share, to_beat)
            if not any(bounds[term_id] for term_id in read):
                break
            for term_id in read:
                start = self.position[term_id]
                end = min(start + block, offsets[term_id + 1])
                self.position[term_id] = end
                bounds[term_id] = self.bound(term_id)
                self.advance(term_id, start, end, sum(bounds.values()) - bounds[term_id])
                bounds[term_id] = self.bound(term_id)
            block *= 2
        return [(-doc, value) for value, doc in sorted(self.best, reverse=True)]

    def advance(self, term_id: int, start: int, end: int, others: float) -> None:
        """Read a term's postings from `start` to `end` (in order of weight): score the entries met
        there, up to the first whose bound (its weight plus `others`, every other term's bound, times
        the share of an entry having every known term) is under the score to beat. From there on
        none is (weights only fall): an entry further on can only enter through another term, and
        the reading of this one stands there."""
        postings, unit, to_beat = self.postings, self.unit[term_id], self.to_beat()
        weights, impact, most = postings.weights, postings.impact, self.most_share * SLACK
        low = _first(start, end, lambda at: (unit * weights[impact[at]] + others) * most < to_beat)
        if low < end:
            self.position[term_id] = low
        at = impact[start:low]
        self.take(list(map(postings.docs.__getitem__, at)), term_id, list(at))

    def worth_finding(self, read: list[int], having: set[int] | None) -> bool:
        """Whether the entries having several terms may be worth finding (or, found, taking): not
        if going through the postings of `some` costs more than reading every posting left."""
        left = sum(self.postings.offsets[term_id + 1] - self.position[term_id] for term_id in read)
        if having is not None:
            return len(having) <= left + len(self.seen)
        return sum(map(self.length, self.some)) <= FINDING_COST * left

    def reading_left(self, read: list[int], to_beat: float) -> int:
        """About how many more postings the reading takes until no entry not met can beat `to_beat`
        (each term of `read` read as far, every term's bound falling under it): a binary search."""
        multiplier = self.most_share
        position, offsets = self.position, self.postings.offsets
        longest = max(offsets[term_id + 1] - position[term_id] for term_id in read)

        def bound(far: int) -> float:
            return sum(self.weight_at(t, position[t] + (far if t in read else 0)) for t in self.terms)

        low = _first(0, longest, lambda far: above(bound(far) * multiplier) < to_beat)
        return sum(min(low, offsets[term_id + 1] - position[term_id]) for term_id in read)

    def take(self, met: list[int], read: int, at: list[int]) -> None:
        """Score the entries `met` (at the postings `at` of term `read`) not met before, keep the best."""
        fresh = list(map(not_, map(self.seen.__contains__, met)))
        at, met = list(compress(at, fresh)), list(compress(met, fresh))
        self.seen.update(met)
        values = self.scores(met, read, at)
        entries: Iterable[tuple[float, int]] = zip(values, map(neg, met), strict=True)
        best, limit = self.best, self.limit
        if len(best) == limit:  # only an entry reaching the one to beat can enter (sifted in C)
            entries = compress(entries, map(le, repeat(best[0][0]), values))
        for entry in entries:
            if len(best) < limit:
                heapq.heappush(best, entry)
            elif entry > best[0]:
                heapq.heapreplace(best, entry)

    def having(self, count: int) -> set[int]:
        """The entries having at least `count` of the terms `some` (sets and counts in C). Having
        them all, each is looked up in every one of them: a dict of their postings (`weighed`)."""
        if count == len(self.some):
            ordered = sorted((self.weighed(term_id) for term_id in self.some), key=len)
            return set(ordered[0]).intersection(*ordered[1:])
        counts: Counter[int] = Counter()
        for term_id in self.some:
            # Over the entries themselves: Counter.update of a dict (`weighed`) would add its weights.
            counts.update(iter(self.entries_of.get(term_id) or self.members(term_id)))
        return {doc for doc, found in counts.items() if found >= count}

    def members(self, term_id: int) -> set[int]:
        """The entries having a term, as a set (made once per query)."""
        offsets = self.postings.offsets
        entries = self.entries_of[term_id] = set(self.postings.docs[offsets[term_id] : offsets[term_id + 1]])
        return entries

    def weighed(self, term_id: int) -> dict[int, float]:
        """Entry → weight for the entries having a term (made once per query)."""
        entries = self.entries_of.get(term_id)
        if not isinstance(entries, dict):
            start, end = self.postings.offsets[term_id], self.postings.offsets[term_id + 1]
            docs, weights = self.postings.docs, self.postings.weights
            entries = self.entries_of[term_id] = dict(zip(docs[start:end], weights[start:end], strict=True))
        return entries

    def scores(self, found: list[int], read: int, at: list[int]) -> list[float]:
        """The scores of the entries `found` (met at the postings `at` of term `read`), added as
        `Index.scores` adds them: term by term in query order (adding 0.0 for a term an entry lacks
        changes nothing), Python code only per entry looked up in a term's postings by bisection."""
        postings = self.postings
        docs, weights, size = postings.docs, postings.weights, postings.size
        totals: list[float] = [0.0] * len(found)
        matched: list[int] = [0] * len(found)
        for term_id, start, end, term_idf in self.parts:
            if term_id == read:
                totals = list(map(add, totals, map(term_idf.__mul__, map(weights.__getitem__, at))))
                matched = list(map(add, matched, repeat(1)))
                continue
            if end - start == size:
                # Every entry has the term: its postings are the entries 0, 1, 2, … in order.
                where = map(add, found, repeat(start))
                totals = list(map(add, totals, map(term_idf.__mul__, map(weights.__getitem__, where))))
                matched = list(map(add, matched, repeat(1)))
                continue
            entries = self.entries_of.get(term_id)
            if entries is None and (self.looked[term_id] + len(found)) * BISECT_COST <= end - start:
                # Few entries looked up so far: each by bisection, without a set of them all.
                self.looked[term_id] += len(found)
                places = map(bisect_left, repeat(docs), found, repeat(start), repeat(end))
                near = list(map(min, places, repeat(end - 1)))  # its place, or the run's last
                has = list(map(eq, map(docs.__getitem__, near), found))
                values = map(mul, map(term_idf.__mul__, map(weights.__getitem__, near)), has)
                totals = list(map(add, totals, values))
                matched = list(map(add, matched, has))
                continue
            entries = entries or self.members(term_id)
            if isinstance(entries, dict):
                values = map(term_idf.__mul__, map(entries.get, found, repeat(0.0)))
                totals = list(map(add, totals, values))
                matched = list(map(add, matched, map(entries.__contains__, found)))
                continue
            has = list(map(entries.__contains__, found))
            members = list(compress(found, has))
            self.looked[term_id] += len(members)
            if self.looked[term_id] * BISECT_COST > end - start:
                # So many entries looked up that one dict of all its postings costs less from now on.
                self.weighed(term_id)
            looked_up = map(bisect_left, repeat(docs), members, repeat(start), repeat(end))
            weighed = map(term_idf.__mul__, map(weights.__getitem__, looked_up))
            for number, value in zip(compress(range(len(found)), has), weighed, strict=False):
                totals[number] = totals[number] + value
            matched = list(map(add, matched, has))
        return list(map(mul, totals, map(self.share.__getitem__, matched))) if self.share else totals


def _needed(
    some: list[int],
    bounds: dict[int, float],
    factor: Counter[int],
    everywhere: int,
    share: list[float],
    to_beat: float,
) -> int:
    """How many of the terms `some` an entry not met yet must have to be able to beat `to_beat`:
    one having `j` of them scores at most the `j` largest of their bounds plus the bounds of the
    terms every entry has, times the share of the `j` largest factors and those terms' (len(some) + 1:
    none can)."""
    total = sum(bounds.values()) - sum(bounds[term_id] for term_id in some)
    count = everywhere
    largest = sorted((bounds[term_id] for term_id in some), reverse=True)
    factors = sorted((factor[term_id] for term_id in some), reverse=True)
    for needed in range(len(some) + 1):
        if needed:
            total += largest[needed - 1]
            count += factors[needed - 1]
        if above(total * (share[count] if share else 1.0)) >= to_beat:
            return needed
    return len(some) + 1


def _still_read(
    terms: list[int], bounds: dict[int, float], factor: Counter[int], share: list[float], to_beat: float
) -> list[int]:
    """The terms whose postings must still be read: the weakest ones are not, while an entry having
    only those (where their reading stands) could not beat `to_beat` (MaxScore's non-essential terms:
    a word in nearly every entry need not be read to know that no entry wins by it alone). An entry
    that has them is still scored with them, met through another term."""
    total, count = 0.0, 0
    skipped: set[int] = set()
    for term_id in sorted(terms, key=bounds.__getitem__):
        total += bounds[term_id]
        count += factor[term_id]
        if above(total * (share[count] if share else 1.0)) >= to_beat:
            break
        skipped.add(term_id)
    return [term_id for term_id in terms if term_id not in skipped]


def _first(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The first number from `low` to `high` where `holds` (which, once true, stays true), or `high`."""
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low
