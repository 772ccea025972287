"""The best entries of a query over the index's postings, scoring exactly only those that can be.

Fagin's threshold algorithm first, then MaxScore (Turtle and Flood) over whole runs of postings,
with every step done by C code over the arrays (`map`, `zip`, dict and set updates), never a Python
statement per posting:
1. a floor: the `limit`-th best exact score among the heaviest `limit` postings of each term (in
   order of weight, `impact`): at least `limit` entries score that much;
1a. the threshold algorithm: the next heaviest postings of every term, in batches that double, until
   the most an entry not scored can have (each of its terms' weights at most the next one in order of
   weight) is under the `limit`-th best score. Where one term's postings hold long runs of equal
   weight (entries alike, as the benchmark's generated ones are by the hundred), a batch would not
   lower that bound: then it gives up before scoring anything more, and the steps below bound those
   entries all at once;
2. the weakest terms, whose largest weights together (times the share of an entry having only them)
   stay under the floor, are skipped: an entry having only those cannot reach it. A word in every
   entry is usually one (its IDF is next to nothing). The postings of the other terms are added up
   per entry (`partial`), with how many of them each entry has;
3. each entry met gets a bound, its partial sum plus the most the skipped terms add, times the share
   of an entry having its terms and every skipped one; only those whose bound reaches the floor are
   scored exactly, term by term in the query's order as `every_score` adds them (the same floats, so
   the same ranking and the same ties as scoring every entry).
Asked again for more (a lower floor), a `Ranker` keeps its sums and exact scores and adds only the
terms that are no longer skipped.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from itertools import chain, compress, repeat
from operator import add, gt, le, mul, not_

from kansencoach.core.knowledge.scoring import Exact, Postings, every_score

NEAR = 1e-3
"""Entries scoring within this share of the best score under the floor are handed on too."""
TA_BUDGET = 32
"""The threshold algorithm gives up once it has scored this many times as many entries as asked."""
SLACK = 1 + 1e-9
"""Bounds are made this much larger: a score summed in another order may differ in its last bits."""


def above(bound: float) -> float:
    """A bound made a little larger (by SLACK)."""
    return bound * SLACK


def best(
    postings: Postings, found: list[int | None], share: list[float], limit: int
) -> list[tuple[int, float]]:
    """The `limit` best (entry number, score) for the query's terms (as for `every_score`), best
    first and on equal scores the lower number first."""
    if limit <= 0:
        return []
    scores = Ranker(postings, found, share).at_least(limit)[0]
    return sorted(scores.items(), key=lambda row: (-row[1], row[0]))[:limit]


class Ranker:
    """One query's reading: the exact scores so far, how far each term's heaviest postings were
    scored, the partial sums of the terms summed."""

    def __init__(self, postings: Postings, found: list[int | None], share: list[float]) -> None:
        self.postings, self.found, self.share = postings, found, share
        known = [term_id for term_id in found if term_id is not None]
        offsets, weights, impact = postings.offsets, postings.weights, postings.impact
        self.factor = Counter(known)
        """How often each term is asked (a term asked twice counts twice)."""
        self.most = {
            term_id: count * postings.idf[term_id] * weights[impact[offsets[term_id]]]
            for term_id, count in self.factor.items()
        }
        """The most each term adds to an entry's sum."""
        self.total = sum(self.most.values(), 0.0)
        self.count = len(known)
        self.scores: dict[int, float] = {}
        """Entry → its exact score, for the entries scored so far."""
        self.exact = Exact(postings, found, share)
        self.position: dict[int, int] = {}
        """Per term, where the scoring of its postings in order of weight stands."""
        self.summed: set[int] = set()
        self.partial: dict[int, float] = {}
        """Entry → the sum of the summed terms' weights (times IDF and how often asked) it has."""
        self.matched: dict[int, int] = {}
        """Entry → how many of the summed terms it has (a term asked twice twice)."""
        self.complete = not known
        """Whether every entry having a term has been scored."""
        self.leading: list[float] = []
        """The best `leading_limit` scores so far, best first."""
        self.leading_limit = 0

    def at_least(self, limit: int) -> tuple[dict[int, float], float]:
        """The exact scores of at least the `limit` best entries (every entry whose score reaches
        a floor under which there are no more than those) and the highest score any other can have
        (under that floor; 0.0 once every entry having a term is scored)."""
        if self.complete:
            return self.scores, 0.0
        floor, refined = self.floor(limit), False
        unseen = self.threshold(limit)
        if unseen is not None:
            if not self.reachable():
                self.complete = True  # every entry having a term is scored
                return self.scores, 0.0
            return self.reaching(self.best_score(limit), unseen)
        floor = max(floor, self.best_score(limit))
        while floor > 0.0:
            required = self.required(floor)
            if len(required) > 1:
                # The entries that can reach it have each of these terms (heavy enough): found with sets.
                self.score_entries(self.having(required))
                return self.reaching(floor, max(self.beyond(term_id, stop) for term_id, stop in required))
            if required:
                term_id, stop = required[0]
                at = self.position.get(term_id, self.postings.offsets[term_id])
                if at >= stop:
                    return self.reaching(floor, self.beyond(term_id, stop))
                # The heaviest first, in growing batches: each raises the floor, which shortens the run.
                end = min(stop, at + max(limit, 3 * (at - self.postings.offsets[term_id])))
                self.score_entries(set(map(self.postings.docs.__getitem__, self.postings.impact[at:end])))
                self.position[term_id] = end
                floor = max(floor, self.best_score(limit))
                continue
            bounds, docs = self.summed_bounds(floor)
            low = floor / SLACK / SLACK  # `above(bound) >= floor`, a little wide to be sure
            reaching = list(map(le, repeat(low), bounds))
            unscored = list(map(not_, map(self.scores.__contains__, docs)))
            wanted = list(compress(docs, map(mul, reaching, unscored)))
            if not refined and len(wanted) > 4 * limit:
                # Many may reach it: the floor of the ones bound to score best first may be higher.
                refined, likely = True, heapq.nlargest(2 * limit, zip(bounds, docs, strict=True))
                self.score_entries({doc for _, doc in likely})
                floor = max(floor, self.best_score(limit))
                continue
            self.score_entries(wanted)
            left = max(compress(bounds, map(mul, map(not_, reaching), unscored)), default=-1.0)
            skipped = [term_id for term_id in self.factor if term_id not in self.summed]
            if not skipped and left < 0.0:
                self.complete = True  # and every score is handed on: the reading knows them all
                return self.scores, 0.0
            # An entry having none of the summed terms has only skipped ones.
            return self.reaching(floor, above(max(left, self.outside(skipped), 0.0)))
        self.scores.update(every_score(self.postings, self.found, self.share))
        self.complete = True
        return self.scores, 0.0

    def reaching(self, floor: float, bound: float) -> tuple[dict[int, float], float]:
        """The entries scored that reach about `floor` and the most any other can score (`bound`
        for the ones not scored): the others scored are left out, so what is shown is made from
        fewer. Those just under the floor stay: left out, one of them could still tie with the last
        shown once rounded, and the list would be read on for it."""
        values = self.scores.values()
        cut = floor - NEAR * (self.leading[0] if self.leading else floor)
        kept = dict(compress(self.scores.items(), map(le, repeat(cut), values)))
        return kept, max(bound, max(compress(values, map(gt, repeat(cut), values)), default=0.0))

    def floor(self, limit: int) -> float:
        """A first floor: the `limit`-th best exact score among the entries of the heaviest `limit`
        postings of each term (0.0 when they are fewer)."""
        postings = self.postings
        offsets, impact, docs = postings.offsets, postings.impact, postings.docs
        heads: set[int] = set()
        for term_id in self.factor:
            start = offsets[term_id]
            end = min(start + limit, offsets[term_id + 1])
            heads.update(map(docs.__getitem__, impact[self.position.get(term_id, start) : end]))
            self.position[term_id] = max(self.position.get(term_id, start), end)
        self.score_entries(heads)
        return self.best_score(limit)

    def threshold(self, limit: int) -> float | None:
        """Fagin's threshold algorithm: each term's postings scored heaviest first, in batches that
        double, until the most an entry not scored can have (`unseen`) is under the `limit`-th best
        score: that bound. None, with nothing more scored, when the next batch would not lower it,
        or once TA_BUDGET times `limit` entries are scored."""
        offsets, docs, impact = self.postings.offsets, self.postings.docs, self.postings.impact
        batch = limit
        while True:
            bound = self.unseen(self.position)
            if bound < self.best_score(limit) or not self.reachable():
                return bound
            ahead = {term_id: min(at + batch, offsets[term_id + 1]) for term_id, at in self.position.items()}
            if len(self.scores) >= TA_BUDGET * limit or self.unseen(ahead) >= bound:
                # Within a run of equal weights (entries alike): read one by one here, where the
                # other steps bound them all at once.
                return None
            found: set[int] = set()
            for term_id, stop in ahead.items():
                found.update(map(docs.__getitem__, impact[self.position[term_id] : stop]))
            self.position = ahead
            self.score_entries(found)
            batch *= 2

    def reachable(self) -> bool:
        """Whether some term has postings in order of weight not scored yet."""
        return any(self.position[term_id] < self.postings.offsets[term_id + 1] for term_id in self.factor)

    def unseen(self, position: dict[int, int]) -> float:
        """The most an entry not scored can score once each term's postings in order of weight are
        scored up to `position`: its weight for each term it has at most that of the term's next
        posting, its share at most that of the most terms that many of the terms can count."""
        postings = self.postings
        offsets, weights, impact, idf = postings.offsets, postings.weights, postings.impact, postings.idf
        parts, counts = [], []
        for term_id, count in self.factor.items():
            at = position[term_id]
            if at < offsets[term_id + 1]:
                parts.append(count * idf[term_id] * weights[impact[at]])
                counts.append(count)
        parts.sort(reverse=True)
        counts.sort(reverse=True)
        most = 0.0
        for held in range(1, len(parts) + 1):
            most = max(most, sum(parts[:held], 0.0) * self.share_of(sum(counts[:held])))
        return above(above(most))

    def best_score(self, limit: int) -> float:
        """The `limit`-th best score so far (0.0 while fewer are known): at least `limit` entries
        score that much."""
        if limit != self.leading_limit:
            self.leading, self.leading_limit = heapq.nlargest(limit, self.scores.values()), limit
        return self.leading[-1] if len(self.leading) == limit else 0.0

    def score_entries(self, docs: Iterable[int]) -> None:
        """Score the entries `docs` not scored yet, keeping the best `leading_limit` scores so far."""
        wanted = sorted(set(docs).difference(self.scores))
        values = self.exact.scores(wanted)
        self.scores.update(zip(wanted, values, strict=True))
        self.leading = heapq.nlargest(self.leading_limit, chain(self.leading, values))

    def required(self, floor: float) -> list[tuple[int, int]]:
        """The terms every entry that can reach `floor` has, each with where the run of its
        postings in order of weight that holds those entries ends, shortest first. An entry lacking
        a term scores at most every other term's most times the share of an entry lacking it; one
        having it, its weight plus every other term's most, times the share of having every term."""
        postings = self.postings
        offsets, weights, impact, idf = postings.offsets, postings.weights, postings.impact, postings.idf
        need = floor / SLACK / SLACK / self.share_of(self.count)  # a little low to be sure
        found: list[tuple[int, int]] = []
        for term_id, most in self.most.items():
            lowest = need - (self.total - most)
            if lowest <= 0.0 and self.lacking(term_id) >= floor:
                continue
            start, end = offsets[term_id], offsets[term_id + 1]
            if lowest > 0.0:  # and its weight must be high enough: how far in order of weight
                weight = lowest / (self.factor[term_id] * idf[term_id])
                end = _first(start, end, partial(_under, weights, impact, weight))
            found.append((term_id, end))
        return sorted(found, key=lambda row: row[1] - offsets[row[0]])

    def lacking(self, term_id: int) -> float:
        """The most an entry lacking a term can score."""
        share = self.share_of(self.count - self.factor[term_id])
        return above(above(self.total - self.most[term_id]) * share)

    def having(self, required: list[tuple[int, int]]) -> set[int]:
        """The entries having every term of `required` in its postings in order of weight up to
        where it stops (sets in C)."""
        docs, offsets, impact = self.postings.docs, self.postings.offsets, self.postings.impact
        runs = [map(docs.__getitem__, impact[offsets[term_id] : stop]) for term_id, stop in required]
        return set(runs[0]).intersection(*runs[1:])

    def beyond(self, term_id: int, stop: int) -> float:
        """The most an entry not scored can score once a term's postings up to `stop` (in order of
        weight) are: its weight for the term at most the next one's, or it lacks the term."""
        postings = self.postings
        if stop == postings.offsets[term_id + 1]:
            return self.lacking(term_id)  # every entry having the term is scored
        following = self.factor[term_id] * postings.idf[term_id] * postings.weights[postings.impact[stop]]
        having = above(above(following + self.total - self.most[term_id]) * self.share_of(self.count))
        return max(having, self.lacking(term_id))

    def summed_bounds(self, floor: float) -> tuple[list[float], list[int]]:
        """MaxScore, where no term's heaviest postings hold every entry that can reach `floor`: the
        weakest terms, whose most together (times the share of an entry having just them) stays
        under the floor, are skipped, the others summed per entry; each entry met, its bound (its
        partial sum plus the skipped terms' most, times the share of having its terms and those)."""
        skipping, most, count = 0, 0.0, 0
        weakest_first = sorted(self.factor, key=self.most.__getitem__)
        for term_id in weakest_first:
            most, count = most + self.most[term_id], count + self.factor[term_id]
            if above(most * self.share_of(count)) >= floor:
                break
            skipping += 1
        for term_id in weakest_first[skipping:]:
            if term_id not in self.summed:
                self.add(term_id)
        # The terms that were summed before stay summed: what is skipped is the rest.
        skipped = [term_id for term_id in self.factor if term_id not in self.summed]
        skipped_most = sum((self.most[term_id] for term_id in skipped), 0.0)
        skipped_count = sum(self.factor[term_id] for term_id in skipped)
        docs = list(self.partial)
        with_skipped = [self.share_of(count + skipped_count) for count in range(self.count + 1)]
        partial = map(skipped_most.__add__, self.partial.values())
        shares = map(with_skipped.__getitem__, map(self.matched.__getitem__, docs))
        return list(map(mul, partial, shares)), docs

    def outside(self, skipped: list[int]) -> float:
        """The most an entry having only the `skipped` terms can score."""
        most = sum((self.most[term_id] for term_id in skipped), 0.0)
        return most * self.share_of(sum(self.factor[term_id] for term_id in skipped))

    def add(self, term_id: int) -> None:
        """Add a term's postings to the partial sums and counts (in C: maps over its run)."""
        postings = self.postings
        start, end = postings.offsets[term_id], postings.offsets[term_id + 1]
        run = postings.docs[start:end]
        unit = self.factor[term_id] * postings.idf[term_id]
        sums, matched = self.partial, self.matched
        values = map(unit.__mul__, postings.weights[start:end])
        sums.update(zip(run, map(add, map(sums.get, run, repeat(0.0)), values), strict=True))
        counts = map(self.factor[term_id].__add__, map(matched.get, run, repeat(0)))
        matched.update(zip(run, counts, strict=True))
        self.summed.add(term_id)

    def share_of(self, count: int) -> float:
        """The share of an entry having `count` of the terms (a term asked twice twice)."""
        return self.share[min(count, len(self.share) - 1)] if self.share else 1.0


def _under(weights: array[float], impact: array[int], weight: float, at: int) -> bool:
    """Whether the posting `at` in order of weight weighs less than `weight`. Weights fall along
    the order, so a product of IDF and weight does too: comparing weights alone finds the same place
    but for rounding, which the slack in the bound `weight` comes from covers."""
    return weights[impact[at]] < weight


def _first(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The first number from `low` to `high` where `holds` (which, once true, stays true), or `high`."""
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low
