"""The inverted index under the matcher: BM25 with a weight per field, in compact arrays.

One posting per (term, entry) holds the entry's weighted BM25 share for the term before its IDF. All
postings sit in two flat arrays (entry numbers and weights), term after term, with an array of
offsets saying where each term's run starts: memory grows with the postings, not with a Python
object per token, and the cache stores and loads the index as five byte strings. What each field
adds is not stored; `explain` recomputes it for the few entries that are shown.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, pairwise
from operator import itemgetter
from typing import Any

from kansencoach.core.common.cache import no_cyclic_gc
from kansencoach.core.dutch.normalize import Normalizer

FIELD_WEIGHTS: dict[str, float] = {
    "name": 3.0,
    "keywords": 2.5,
    "signals": 1.5,
    "target_group": 1.5,
    "problem": 1.2,
    "approach": 1.0,
    "summary": 0.8,
    "tags": 0.3,
}
"""How much a word counts in each field. `signals` say how an officer sees the problem an intervention
addresses (an officer describes the problem, the other fields describe the intervention); `tags` are
the vocabulary labels of the item's facets."""

K1 = 1.2
B = 0.75
_FIRST_BLOCK = 16
"""How many postings of each term `top` reads in its first round; each round reads twice as many."""
_K1_PLUS_1 = K1 + 1
_TERM = itemgetter(1)
"""A normaliser's Term's term."""


class Index:
    """Term → (entries, weights), with Lucene's IDF per term and the surface words for near matches."""

    def __init__(self, documents: Iterable[Mapping[str, str]], normalizer: Normalizer) -> None:
        """Index `documents`, each a mapping of field name (a key of FIELD_WEIGHTS) to its text
        (read one at a time: ten thousand entries' texts need not be in memory at once)."""
        self.normalizer = normalizer
        self.surface: dict[str, str] = {}
        """Every word seen in the entries → its term, for matching near words."""
        self._term_ids: dict[str, int] = {}
        self._average: dict[str, float] = {}
        with no_cyclic_gc():
            self._build(documents)

    def _build(self, documents: Iterable[Mapping[str, str]]) -> None:
        """Two passes: the first counts each field's terms into flat arrays (a Counter per field of
        ten thousand entries would be the largest thing in memory), the second weighs them, once
        every field's average length is known."""
        numbers: dict[str, int] = {}
        field_of, lengths, ends = array("B"), array("I"), array("I")
        """Per field of every entry: which field, how many terms, where its counts end."""
        term_of, counts = array("I"), array("I")
        """Per distinct term of a field: its id and how often it occurs there."""
        fields_per_doc = array("I")
        term_ids, surface, terms_of = self._term_ids, self.surface, self.normalizer.terms
        for document in documents:
            fields_per_doc.append(len(document))
            for name, text in document.items():
                field_of.append(numbers.setdefault(name, len(numbers)))
                found = terms_of(text)
                surface.update(found)  # a word always gives the same term: the first one met stays first
                counter = Counter(map(_TERM, found))
                for term in counter:
                    if term not in term_ids:
                        term_ids[term] = len(term_ids)
                lengths.append(len(found))
                term_of.extend(map(term_ids.__getitem__, counter))
                counts.extend(counter.values())
                ends.append(len(term_of))
        self.size = len(fields_per_doc)
        names = list(numbers)
        totals, seen = [0] * len(names), [0] * len(names)
        for field, length in zip(field_of, lengths, strict=True):
            totals[field] += length
            seen[field] += 1
        self._average = {name: (totals[n] / seen[n]) or 1.0 for n, name in enumerate(names)}
        weight_of = [FIELD_WEIGHTS[name] for name in names]
        average_of = [self._average[name] for name in names]
        runs = [(array("I"), array("f")) for _ in term_ids]
        first = start = 0
        for doc, count in enumerate(fields_per_doc):
            weights: dict[int, float] = {}
            get = weights.get
            for field in range(first, first + count):
                which, end = field_of[field], ends[field]
                norm = _norm(lengths[field], average_of[which])
                weight = weight_of[which]
                for term_id, tf in zip(term_of[start:end], counts[start:end], strict=True):
                    weights[term_id] = get(term_id, 0.0) + weight * tf * _K1_PLUS_1 / (tf + norm)
                start = end
            first += count
            for term_id, value in weights.items():
                docs, values = runs[term_id]
                docs.append(doc)
                values.append(value)
        self._docs = _array("I", b"".join(docs.tobytes() for docs, _ in runs))
        self._weights = _array("f", b"".join(weights.tobytes() for _, weights in runs))
        self._offsets = array("I", accumulate((len(docs) for docs, _ in runs), initial=0))
        self._impact = array("I")
        for start, end in pairwise(self._offsets):
            # Stable: on equal weights the lower entry number stays first, as ranking breaks ties.
            self._impact.extend(sorted(range(start, end), key=self._weights.__getitem__, reverse=True))
        self._idf = array(
            "d",
            # Lucene's IDF: never negative, so a word in every entry of a small catalogue is harmless.
            (math.log(1 + (self.size - len(docs) + 0.5) / (len(docs) + 0.5)) for docs, _ in runs),
        )

    def to_plain(self) -> dict[str, Any]:
        """The index as plain data (for the cache): arrays as bytes, everything else as is."""
        return {
            "size": self.size,
            "surface": self.surface,
            "term_ids": self._term_ids,
            "docs": self._docs.tobytes(),
            "weights": self._weights.tobytes(),
            "offsets": self._offsets.tobytes(),
            "impact": self._impact.tobytes(),
            "idf": self._idf.tobytes(),
            "average": self._average,
        }

    @classmethod
    def from_plain(cls, data: Mapping[str, Any], normalizer: Normalizer) -> Index:
        """An index from `to_plain` data, without indexing anything again."""
        index = cls.__new__(cls)
        index.normalizer = normalizer
        index.size = data["size"]
        index.surface = data["surface"]
        index._term_ids = data["term_ids"]
        index._docs = _array("I", data["docs"])
        index._weights = _array("f", data["weights"])
        index._offsets = _array("I", data["offsets"])
        index._impact = _array("I", data["impact"])
        index._idf = _array("d", data["idf"])
        index._average = data["average"]
        terms, postings = len(index._term_ids), len(index._docs)
        fits = len(index._offsets) == terms + 1 and len(index._idf) == terms
        paired = len(index._weights) == len(index._impact) == postings
        if not fits or not paired or index._offsets[-1] != postings:
            raise ValueError("index arrays do not fit its terms")
        if postings and (max(index._docs) >= index.size or max(index._impact) >= postings):
            raise ValueError("index postings name entries it does not have")
        return index

    def knows(self, term: str) -> bool:
        return term in self._term_ids

    def document_frequency(self, term: str) -> int:
        """In how many entries `term` occurs (0 for a term the index does not know)."""
        term_id = self._term_ids.get(term)
        return 0 if term_id is None else self._offsets[term_id + 1] - self._offsets[term_id]

    def scores(self, terms: Sequence[str], coordination: float) -> dict[int, float]:
        """Entry number → BM25 score for `terms`; an entry matching more of them counts more
        (its score times the share of terms matched to the power `coordination`)."""
        totals: dict[int, float] = {}
        matched: Counter[int] = Counter()
        known = totals.get
        for term in terms:
            term_id = self._term_ids.get(term)
            if term_id is None:
                continue
            start, end = self._offsets[term_id], self._offsets[term_id + 1]
            docs = self._docs[start:end]
            for doc, weight in zip(
                docs, map(self._idf[term_id].__mul__, self._weights[start:end]), strict=True
            ):
                totals[doc] = known(doc, 0.0) + weight
            matched.update(docs)  # counted in C, not per posting in Python
        share = _shares(len(terms), coordination)
        if share:
            return {doc: score * share[matched[doc]] for doc, score in totals.items()}
        return totals

    def top(self, terms: Sequence[str], coordination: float, limit: int) -> list[tuple[int, float]]:
        """The `limit` best (entry number, score) of `scores(terms, coordination)`, best first and
        on equal scores the lower number first, without scoring every entry that has a term.

        The threshold algorithm (Fagin, Lotem and Naor) over each term's postings in order of weight:
        the entries met first are scored in full, and the reading stops once no entry not met yet
        can beat the `limit`-th score so far (its score is at most the sum of every term's weight
        where the reading stands). An entry met whose bound is already under that score is not scored.
        The scores are the ones `scores` gives, added in the same order, so the ranking is the same.
        """
        found = [self._term_ids.get(term) for term in terms]
        share = _shares(len(terms), coordination)
        known = [term_id for term_id in found if term_id is not None]
        if not known or limit <= 0:
            return []
        offsets, idf, weights, docs, impact = (
            self._offsets,
            self._idf,
            self._weights,
            self._docs,
            self._impact,
        )
        parts = [(offsets[term_id], offsets[term_id + 1], idf[term_id]) for term_id in known]

        def score(doc: int) -> float:
            total, matched = 0.0, 0
            for start, end, term_idf in parts:  # as `scores` adds them: term by term, in query order
                at = bisect_left(docs, doc, start, end)
                if at < end and docs[at] == doc:
                    total = total + term_idf * weights[at]
                    matched += 1
            return total * share[matched] if share else total

        # Per distinct term: what one unit of its weight adds (a term asked twice counts twice), and
        # where its reading stands among its postings in order of weight.
        factor = Counter(known)
        terms_read = sorted(factor, key=lambda term_id: -idf[term_id] * weights[impact[offsets[term_id]]])
        position = {term_id: offsets[term_id] for term_id in terms_read}

        def bound(term_id: int) -> float:
            at = position[term_id]
            if at >= offsets[term_id + 1]:
                return 0.0
            return float(factor[term_id] * idf[term_id] * weights[impact[at]])

        best: list[tuple[float, int]] = []  # a heap of (score, -entry): its first is the one to beat
        seen: set[int] = set()
        read = terms_read
        block = _FIRST_BLOCK
        while True:
            bounds = {term_id: bound(term_id) for term_id in terms_read}
            if len(best) == limit:
                if best[0][0] > _above(sum(bounds.values())):
                    break
                read = _still_read(terms_read, bounds, factor, share, best[0][0])
            if not any(bounds[term_id] for term_id in read):
                break
            for term_id in read:
                start = position[term_id]
                end = min(start + block, offsets[term_id + 1])
                position[term_id] = end
                bounds[term_id] = bound(term_id)
                others = sum(bounds.values()) - bounds[term_id]
                unit = factor[term_id] * idf[term_id]
                to_beat = best[0][0] if len(best) == limit else -1.0  # every score is at least 0
                for at in range(start, end):
                    if (unit * weights[impact[at]] + others) * _SLACK < to_beat:
                        # Not even with every other term where its reading stands, nor anything after
                        # it here (weights only fall): an entry further on is met through another term.
                        position[term_id] = at
                        bounds[term_id] = bound(term_id)
                        break
                    doc = docs[impact[at]]
                    if doc in seen:
                        continue
                    seen.add(doc)
                    entry = (score(doc), -doc)
                    if len(best) < limit:
                        heapq.heappush(best, entry)
                    elif entry > best[0]:
                        heapq.heapreplace(best, entry)
                    else:
                        continue
                    if len(best) == limit:
                        to_beat = best[0][0]
            block *= 2
        return [(-doc, value) for value, doc in sorted(best, reverse=True)]

    def explain(self, document: Mapping[str, str]) -> dict[str, dict[str, float]]:
        """Term → field → what it adds to an indexed entry (IDF included), from the entry's own text."""
        result: dict[str, dict[str, float]] = {}
        for name, text in document.items():
            found = self.normalizer.terms(text)
            counter: Counter[str] = Counter(term for _, term in found)
            norm = _norm(len(found), self._average.get(name, 1.0))
            for term, tf in counter.items():
                term_id = self._term_ids.get(term)
                if term_id is not None:
                    value = self._idf[term_id] * FIELD_WEIGHTS[name] * tf * (K1 + 1) / (tf + norm)
                    result.setdefault(term, {})[name] = value
        return result


def _shares(count: int, coordination: float) -> list[float]:
    """What an entry's score is multiplied by when it has 0, 1, … `count` of the query's terms
    (nothing, an empty list, for a single term or no coordination)."""
    if count > 1 and coordination:
        return [(found / count) ** coordination for found in range(count + 1)]
    return []


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
        if _above(total * (share[count] if share else 1.0)) >= to_beat:
            break
        skipped.add(term_id)
    return [term_id for term_id in terms if term_id not in skipped]


_SLACK = 1 + 1e-9
"""Bounds are made this much larger: a score summed in another order may differ in its last bits."""


def _above(bound: float) -> float:
    """A bound made a little larger (by _SLACK)."""
    return bound * _SLACK


def _norm(length: int, average: float) -> float:
    """BM25's length normalisation of a field `length` terms long, its average `average`."""
    return K1 * (1 - B + B * length / average)


def _array(code: str, raw: bytes) -> array[Any]:
    values = array(code)
    values.frombytes(raw)
    return values
