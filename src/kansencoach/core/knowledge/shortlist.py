"""Which entries a search shows, with their scores: each entry's own score (text, facets, evidence,
knowledge/matcher.py), the shares the leading matches lend the entries they name as related, and
the floors under which nothing is shown.

The entries are read best text first (`index.Reading`) and the list is made again from those read,
reading on while an entry not read yet could still be a leader, the best, or in the list. Such an
entry scores at most what the same sum gives at the reading's bound with the highest evidence bonus
(sums and rounding only grow with what is added), so the list is exactly that of scoring every entry.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import compress, repeat
from operator import add, le, neg, not_, or_, truediv
from typing import NamedTuple

from kansencoach.core.knowledge.index import Reading

RELATED_SHARE = 0.2
"""The share of a leading match's score that each entry it names as related gets."""
RELATED_FROM = 5
"""How many of the best matches (on their own evidence) lend their score to the entries they name."""
FLOOR = 0.1
"""Results scoring under this share of the best one are not shown."""
LINKED_ONLY_FLOOR = 0.25
"""The share of the best score an entry that shares no word with the case needs to be shown: more
than one link from the best match gives it (RELATED_SHARE), so it takes links from several leading
matches. One leader's link alone is how unrelated entries padded a short list (a housing case got
lobbying and the employers' approach); chosen on tests/data/relevance/tuning2/ (strict labels)."""


class Standing(NamedTuple):
    """What the shortlist needs of every entry besides its text: its evidence bonus, the entries it
    names as related (entry numbers)."""

    evidence: Sequence[float]
    related: Sequence[tuple[int, ...]]
    most_evidence: float
    """The largest of `evidence`, found once per matcher: over 10,000 entries, finding it anew took
    0.1 ms of every search."""


class Shortlist(NamedTuple):
    """The best entries (entry number, score) best first, what each related entry got from the
    leaders and which leader (the best) named it."""

    top: list[tuple[int, float]]
    related: dict[int, float]
    linked_by: dict[int, int]


def shortlist_of(
    reading: Reading,
    own: Callable[[list[int]], list[tuple[int, float]]],
    standing: Standing,
    skip: Collection[int],
    limit: int,
    candidates: Callable[[], Collection[int]],
) -> Shortlist:
    """The best `limit` entries not in `skip` among `candidates()` (the entries read, or every
    entry), `own` giving the entries that have a text share or a facet part with their score
    (`own_score`); reads on until the list is certain. Each entry's own score is worked out once."""
    most_evidence = standing.most_evidence
    scores: dict[int, float] = {}
    while True:
        docs = list(candidates())
        scores.update(own(list(compress(docs, map(not_, map(scores.__contains__, docs))))))
        # The most an entry not read yet can score (one whose facets fit is a candidate already).
        unread = (
            -1.0 if reading.complete else own_score(reading.bound / (reading.best or 1.0), 0.0, most_evidence)
        )
        leaders = [(-doc, score) for score, doc in heapq.nlargest(RELATED_FROM, _keyed(scores))]
        if not reading.complete and (len(leaders) < RELATED_FROM or leaders[-1][1] <= unread):
            reading.more()  # one of them may be a leader
            continue
        linked = {doc for leader, _ in leaders for doc in standing.related[leader]}
        if not all(map(reading.knows, linked)):
            reading.include(linked)
            continue
        related: dict[int, float] = {}
        linked_by: dict[int, int] = {}
        for leader, leader_score in leaders:
            for doc in standing.related[leader]:
                related[doc] = related.get(doc, 0.0) + RELATED_SHARE * leader_score
                linked_by.setdefault(doc, leader)  # leaders come best first: the strongest link
        final = dict(scores)
        for doc, share in related.items():
            final[doc] = round(final.get(doc, standing.evidence[doc]) + share, 6)
        best = max(final.values(), default=0.0)
        # An entry that shares no word with the case is here through related links alone.
        wordless = LINKED_ONLY_FLOOR * best if reading.terms else 0.0
        worded = map(or_, map(reading.scores.__contains__, final), map(le, repeat(wordless), final.values()))
        # Best first: the skipped ones and those under the floor are passed over, not searched for.
        ranked = heapq.nlargest(limit + len(skip), compress(_keyed(final), worded))
        top = [(-doc, score) for score, doc in ranked if score >= FLOOR * best and -doc not in skip][:limit]
        if unread >= FLOOR * best and (unread > best or len(top) < limit or top[-1][1] <= unread):
            reading.more()  # one of them may be the best or in the list
            continue
        return Shortlist(top, related, linked_by)


def own_score(text: float, facets: float, evidence: float) -> float:
    """An entry's score on its own evidence, before related links."""
    return round(text + facets + evidence, 6)


def text_scores(
    raw: Sequence[float], best: float, evidence: Sequence[float], docs: list[int]
) -> list[tuple[int, float]]:
    """`own_score` of the entries `docs` without facets, from their BM25 scores `raw` (each entry's
    text share its score over `best`), all at once in C: the same floats as one at a time."""
    shares = map(truediv, raw, repeat(best))
    rounded = map(round, map(add, shares, map(evidence.__getitem__, docs)), repeat(6))
    return list(zip(docs, rounded, strict=True))


def _keyed(scores: dict[int, float]) -> Iterable[tuple[float, int]]:
    """(score, -entry) per entry: best score first, and on a tie the lower number (entries are in
    id order, so the lower id) first."""
    return zip(scores.values(), map(neg, scores), strict=True)
