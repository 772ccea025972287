"""Ranking interventions for a question or a session, with an explanation for every suggestion.

The score has three parts, kept apart so the officer can see why something is suggested:
- text: BM25 over Dutch-normalised terms, each field with its own weight (a word in the name
  counts more than a word in the approach); query words the catalogue does not know are matched to
  a close catalogue word with rapidfuzz (typos, half-typed compounds);
- facets: the domain, target groups, places and perspectives of the case;
- evidence: a small bonus for stronger evidence, so it breaks near-ties but never carries a match.
Everything is deterministic: equal scores are ordered by id.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from rapidfuzz import fuzz, process, utils

from kansencoach.core.dutch.normalize import Normalizer
from kansencoach.core.knowledge.models import Indicator, Intervention, Term, Vocabulary
from kansencoach.i18n import t

FIELD_WEIGHTS: dict[str, float] = {
    "name": 3.0,
    "keywords": 2.5,
    "target_group": 1.5,
    "problem": 1.2,
    "approach": 1.0,
    "summary": 0.8,
    "tags": 0.3,
}
"""How much a word counts in each field; `tags` are the vocabulary labels of the item's facets."""

K1 = 1.2
B = 0.75
TEXT_SCALE = 6.0
"""The best text match in a result list scores this much; facets and evidence add to it."""
FACET_WEIGHTS = {"domain": 2.0, "wie": 1.2, "waar": 0.8, "perspective": 1.5}
EVIDENCE_WEIGHT = 0.1
COORDINATION = 0.3
"""How much matching more of the query's words counts (0: not at all)."""
FUZZY_CUTOFF = 85
MIN_PREFIX = 6


@dataclass(frozen=True)
class Query:
    """What an officer is looking for: free text and facets from the vocabulary."""

    text: str = ""
    domains: tuple[str, ...] = ()
    wie: tuple[str, ...] = ()
    waar: tuple[str, ...] = ()
    perspectives: Mapping[str, float] = field(default_factory=dict)
    """Perspective id → weight from 0 to 1 (e.g. points of an allocation divided by the total)."""

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.domains or self.wie or self.waar or self.perspectives)


@dataclass(frozen=True)
class WordMatch:
    word: str
    fields: tuple[str, ...]
    share: float


Entry: TypeAlias = Intervention | Indicator
"""What the matcher can rank: interventions, and indicators at the monitoring step."""


@dataclass(frozen=True)
class Suggestion:
    item: Entry
    score: float
    text: float
    facets: float
    evidence: float
    words: tuple[WordMatch, ...]
    matched_facets: tuple[str, ...]
    fuzzy: tuple[tuple[str, str], ...]
    why: str


@dataclass
class _Posting:
    """What one term adds to one entry: per field, and in total (before the term's IDF)."""

    by_field: dict[str, float]
    total: float


class Matcher:
    """An index over a knowledge base; build once, query many times."""

    def __init__(self, items: Sequence[Entry], vocabulary: Vocabulary, normalizer: Normalizer) -> None:
        """Index `items`; the knowledge base builds its matchers, nobody else (see KnowledgeBase.matcher)."""
        self.items = sorted(items, key=lambda item: item.id)
        self.normalizer = normalizer
        self._labels = _labels(vocabulary)
        self._evidence_rank = {level.id: level.rank for level in vocabulary.evidence}
        self._postings: dict[str, dict[int, _Posting]] = {}
        self._idf: dict[str, float] = {}
        self._surface: dict[str, str] = {}
        self._build()

    def _build(self) -> None:
        counts: list[dict[str, Counter[str]]] = []
        lengths: dict[str, list[int]] = defaultdict(list)
        for item in self.items:
            by_field: dict[str, Counter[str]] = {}
            for name, text in self._fields(item).items():
                found = self.normalizer.terms(text)
                for found_term in found:
                    self._surface.setdefault(found_term.word, found_term.term)
                by_field[name] = Counter(found_term.term for found_term in found)
                lengths[name].append(len(found))
            counts.append(by_field)
        average = {name: (sum(values) / len(values)) or 1.0 for name, values in lengths.items()}
        documents = len(self.items)
        postings: dict[str, dict[int, _Posting]] = defaultdict(dict)
        for doc, by_field in enumerate(counts):
            parts: dict[str, dict[str, float]] = defaultdict(dict)
            for name, counter in by_field.items():
                size = sum(counter.values())
                norm = K1 * (1 - B + B * size / average[name])
                for term, frequency in counter.items():
                    parts[term][name] = FIELD_WEIGHTS[name] * frequency * (K1 + 1) / (frequency + norm)
            for term, by_name in parts.items():
                postings[term][doc] = _Posting(by_name, sum(by_name.values()))
        for term, entries in postings.items():
            frequency = len(entries)
            # Lucene's IDF: never negative, so a word in every entry of a small catalogue is harmless.
            self._idf[term] = math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
        self._postings = dict(postings)

    def _fields(self, item: Entry) -> dict[str, str]:
        tags = [self._labels.get(("domains", value), "") for value in item.domains]
        tags += [self._labels.get(("wie", value), "") for value in item.wie]
        tags += [self._labels.get(("waar", value), "") for value in item.waar]
        if isinstance(item, Indicator):
            return {
                "name": item.name,
                "keywords": " ".join(item.keywords),
                "target_group": "",
                "problem": item.measures,
                "approach": item.data_source,
                "summary": item.summary,
                "tags": " ".join(tags),
            }
        return {
            "name": item.name,
            "keywords": " ".join(item.keywords),
            "target_group": item.target_group,
            "problem": item.problem,
            "approach": item.approach,
            "summary": item.summary,
            "tags": " ".join(tags),
        }

    def search(self, query: Query, limit: int = 10, exclude: Iterable[str] = ()) -> list[Suggestion]:
        """The best `limit` entries for `query`, best first.

        Every candidate gets a score; only the ones returned are explained, which keeps a query over
        ten thousand entries fast.
        """
        if query.is_empty:
            return []
        skip = set(exclude)
        terms, fuzzy = self._query_terms(query.text)
        text_scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for _, term in terms:
            idf = self._idf[term]
            for doc, posting in self._postings[term].items():
                text_scores[doc] += idf * posting.total
                matched[doc] += 1
        if len(terms) > 1:
            # Coordination: an entry that matches more of the query's words is the better answer.
            for doc in text_scores:
                text_scores[doc] *= (matched[doc] / len(terms)) ** COORDINATION
        best_text = max(text_scores.values(), default=0.0) or 1.0
        has_facets = bool(query.domains or query.wie or query.waar or query.perspectives)
        candidates = range(len(self.items)) if has_facets else list(text_scores)
        scored: list[tuple[float, str, int, float, float, float]] = []
        for doc in candidates:
            item = self.items[doc]
            if item.id in skip:
                continue
            text = TEXT_SCALE * text_scores.get(doc, 0.0) / best_text
            facet_score, _ = self._facets(item, query) if has_facets else (0.0, ())
            if text == 0 and facet_score == 0:
                continue
            evidence = EVIDENCE_WEIGHT * self._evidence_rank.get(_level(item), 0)
            scored.append(
                (-round(text + facet_score + evidence, 6), item.id, doc, text, facet_score, evidence)
            )
        top = heapq.nsmallest(limit, scored)
        return [self._explain(row[2], -row[0], row[3:], terms, fuzzy, query) for row in top]

    def _explain(
        self,
        doc: int,
        score: float,
        parts: tuple[float, float, float],
        terms: list[tuple[str, str]],
        fuzzy: list[tuple[str, str]],
        query: Query,
    ) -> Suggestion:
        item = self.items[doc]
        contributions: dict[str, dict[str, float]] = {}
        for word, term in terms:
            posting = self._postings[term].get(doc)
            if posting is not None:
                idf = self._idf[term]
                contributions[word] = {name: idf * value for name, value in posting.by_field.items()}
        words = _word_matches(contributions)
        used_fuzzy = tuple(pair for pair in fuzzy if any(pair[0] == match.word for match in words))
        _, matched = self._facets(item, query)
        text, facets, evidence = parts
        why = self._why(item, words, matched, used_fuzzy)
        return Suggestion(
            item, score, round(text, 4), round(facets, 4), round(evidence, 4), words, matched, used_fuzzy, why
        )

    def _query_terms(self, text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(typed word, index term) for every query word the index knows, directly or as a near word."""
        terms: list[tuple[str, str]] = []
        fuzzy: list[tuple[str, str]] = []
        seen: set[str] = set()
        for typed in self.normalizer.terms(text):
            if typed.term in seen:
                continue
            seen.add(typed.term)
            targets = [(typed.word, typed.term)] if typed.term in self._postings else self._near(typed.word)
            for found_word, term in targets:
                if term in self._postings:
                    terms.append((typed.word, term))
                    if found_word != typed.word:
                        fuzzy.append((typed.word, found_word))
        return terms, fuzzy

    def _near(self, word: str) -> list[tuple[str, str]]:
        """Catalogue words close to an unknown word: a typo, or the start of a longer compound."""
        found = process.extractOne(
            word,
            self._surface.keys(),
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF,
        )
        if found is not None:
            return [(str(found[0]), self._surface[str(found[0])])]
        if len(word) >= MIN_PREFIX:
            longer = sorted(surface for surface in self._surface if surface.startswith(word))
            return [(surface, self._surface[surface]) for surface in longer[:3]]
        return []

    def _facets(self, item: Entry, query: Query) -> tuple[float, tuple[str, ...]]:
        score = 0.0
        matched: list[str] = []
        for name, wanted, have in (
            ("domain", query.domains, item.domains),
            ("wie", query.wie, item.wie),
            ("waar", query.waar, item.waar),
        ):
            overlap = [value for value in wanted if value in have]
            if overlap:
                # One shared target group counts; a second one counts a bit more, a third no more.
                share = 1.0 if name == "domain" else 0.5 + 0.25 * min(len(overlap), 2)
                score += FACET_WEIGHTS[name] * share
                key = "domains" if name == "domain" else name
                matched += [self._labels.get((key, value), value) for value in overlap]
        fits = [fit.perspective for fit in item.perspectives] if isinstance(item, Intervention) else []
        weight = sum(query.perspectives.get(perspective, 0.0) for perspective in fits)
        if weight > 0:
            score += FACET_WEIGHTS["perspective"] * min(weight, 1.0)
            matched += [t("match.perspective", id=p) for p in fits if query.perspectives.get(p, 0) > 0]
        return score, tuple(matched)

    def _why(
        self,
        item: Entry,
        words: tuple[WordMatch, ...],
        facets: tuple[str, ...],
        fuzzy: tuple[tuple[str, str], ...],
    ) -> str:
        parts: list[str] = []
        near = dict(fuzzy)
        for word in words[:3]:
            fields = ", ".join(t(f"match.field.{name}") for name in word.fields[:2])
            shown = (
                t("match.near", typed=word.word, found=near[word.word])
                if word.word in near
                else f"‘{word.word}’"
            )
            parts.append(f"{shown} ({fields})")
        if facets:
            parts.append(", ".join(facets[:3]))
        if isinstance(item, Intervention):
            level = self._labels.get(("evidence", item.evidence.level), item.evidence.level)
            parts.append(t("match.evidence", level=level))
        return t("match.why", parts="; ".join(parts))


def _level(item: Entry) -> str:
    return item.evidence.level if isinstance(item, Intervention) else ""


def _word_matches(contributions: dict[str, dict[str, float]]) -> tuple[WordMatch, ...]:
    total = sum(sum(by_field.values()) for by_field in contributions.values()) or 1.0
    matches = [
        WordMatch(
            word, tuple(sorted(by_field, key=lambda name: -by_field[name])), sum(by_field.values()) / total
        )
        for word, by_field in contributions.items()
    ]
    return tuple(sorted(matches, key=lambda match: (-match.share, match.word)))


def _labels(vocabulary: Vocabulary) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], str] = {}
    for name in ("domains", "wie", "waar", "evidence"):
        terms: list[Term] = getattr(vocabulary, name)
        for term in terms:
            labels[(name, term.id)] = term.label
    return labels
