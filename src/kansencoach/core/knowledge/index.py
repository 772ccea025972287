"""The inverted index under the matcher: BM25 with a weight per field, in compact arrays.

One posting per (term, entry) holds the entry's weighted BM25 share for the term before its IDF. All
postings sit in two flat arrays (entry numbers and weights), term after term, with an array of
offsets saying where each term's run starts: memory grows with the postings, not with a Python
object per token, and the cache stores and loads the index as five byte strings. What each field
adds is not stored; `explain` recomputes it for the few entries that are shown.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import accumulate, pairwise
from operator import itemgetter
from typing import Any

from kansencoach.core.common.cache import no_cyclic_gc
from kansencoach.core.dutch.normalize import Normalizer
from kansencoach.core.knowledge.ranking import Ranker, best
from kansencoach.core.knowledge.scoring import Postings, every_score, scores_of

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
_K1_PLUS_1 = K1 + 1
GROWTH = 4
"""How many times as many entries a `Reading` takes each time it reads on."""
FULL_READ = 8
"""A `Reading` that would take over 1/FULL_READ of its terms' postings scores every entry having a
term instead (`scores`): the ranker costs more per entry it scores than adding up every posting."""
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
                # A dict counted by hand: a Counter's own checks cost more than the counting for
                # the few words of a field (10,000 entries: 93 ms instead of 127).
                counter: dict[str, int] = {}
                tally = counter.get
                for term in map(_TERM, found):
                    counter[term] = tally(term, 0) + 1
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
        return every_score(self._postings(), self._found(terms), shares(len(terms), coordination))

    def top(self, terms: Sequence[str], coordination: float, limit: int) -> list[tuple[int, float]]:
        """The `limit` best (entry number, score) of `scores(terms, coordination)`, best first and
        on equal scores the lower number first, without scoring every entry that has a term
        (knowledge/ranking.py says how)."""
        return best(self._postings(), self._found(terms), shares(len(terms), coordination), limit)

    def ranker(self, terms: Sequence[str], coordination: float) -> Ranker:
        """What finds the best entries for `scores(terms, coordination)`, a few more each time."""
        return Ranker(self._postings(), self._found(terms), shares(len(terms), coordination))

    def scores_of(self, terms: Sequence[str], coordination: float, docs: list[int]) -> list[float]:
        """The scores `scores(terms, coordination)` gives the entries `docs` (0.0 for one having none
        of the terms), without scoring any other entry."""
        return scores_of(self._postings(), self._found(terms), shares(len(terms), coordination), docs)

    def _found(self, terms: Sequence[str]) -> list[int | None]:
        return [self._term_ids.get(term) for term in terms]

    def _postings(self) -> Postings:
        return Postings(self._docs, self._weights, self._offsets, self._impact, self._idf, self.size)

    def explain(self, document: Mapping[str, str], terms: Collection[str]) -> dict[str, dict[str, float]]:
        """Term → field → what it adds to an indexed entry (IDF included), from the entry's own text,
        for the `terms` asked about (a field's length counts all of its terms)."""
        result: dict[str, dict[str, float]] = {}
        asked = [(term, self._term_ids.get(term)) for term in terms]
        for name, text in document.items():
            found = list(map(_TERM, self.normalizer.terms(text)))
            norm = _norm(len(found), self._average.get(name, 1.0))
            for term, term_id in asked:
                # Counted in C per asked term: a Counter of every term of every field cost more.
                tf = found.count(term)
                if tf and term_id is not None:
                    value = self._idf[term_id] * FIELD_WEIGHTS[name] * tf * (K1 + 1) / (tf + norm)
                    result.setdefault(term, {})[name] = value
        return result


class Reading:
    """The entries having a query's terms with their scores, best first: at least the `first`
    best (`Ranker`), GROWTH times as many at each `more`, or every one at once (`first` None)."""

    def __init__(self, index: Index, terms: Sequence[str], coordination: float, first: int | None) -> None:
        self.index, self.terms, self.coordination = index, terms, coordination
        self.scores: dict[int, float] = {}
        """Entry number → score, for the entries read so far."""
        self.complete = False
        """Whether every entry having a term has been read."""
        self.bound = 0.0
        """The highest score an entry not read yet can have."""
        self._postings = sum(map(index.document_frequency, set(terms)))
        self._ranker = index.ranker(terms, coordination)
        self._looked: set[int] = set()
        self._count = 0
        self._read(first)
        self.best = max(self.scores.values(), default=0.0)

    def more(self) -> None:
        """Read on: GROWTH times as many entries as so far."""
        self._read(self._count * GROWTH)

    def include(self, docs: Iterable[int]) -> None:
        """Score the entries `docs` too (the ones having a term), wherever they stand."""
        wanted = sorted({doc for doc in docs if not self.knows(doc)})
        self._looked.update(wanted)
        for doc, score in zip(
            wanted, self.index.scores_of(self.terms, self.coordination, wanted), strict=True
        ):
            if score:
                self.scores[doc] = score

    def knows(self, doc: int) -> bool:
        """Whether the score of `doc` is known: read, included, or 0.0 once every entry is read."""
        return self.complete or doc in self.scores or doc in self._looked

    def _read(self, count: int | None) -> None:
        if count is None or count * FULL_READ >= self._postings:
            self.scores.update(self.index.scores(self.terms, self.coordination))
            self.complete, self.bound = True, 0.0
            return
        found, self.bound = self._ranker.at_least(count)
        self.scores.update(found)
        self._count = count
        self.complete = self._ranker.complete


def shares(count: int, coordination: float) -> list[float]:
    """What an entry's score is multiplied by when it has 0, 1, … `count` of the query's terms
    (nothing, an empty list, for a single term or no coordination)."""
    if count > 1 and coordination:
        return [(found / count) ** coordination for found in range(count + 1)]
    return []


def _norm(length: int, average: float) -> float:
    """BM25's length normalisation of a field `length` terms long, its average `average`."""
    return K1 * (1 - B + B * length / average)


def _array(code: str, raw: bytes) -> array[Any]:
    values = array(code)
    values.frombytes(raw)
    return values
