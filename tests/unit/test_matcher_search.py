"""Matcher.search reads entries best text first and stops once none left unread can change the list:
the list must be exactly the one of scoring every entry, which the oracle here does (the search as it
was before it read best first, built from the matcher's own pieces): the same entries, scores, parts
and reasons, on every relevance case, with and without facets and exclusions, on the shipped
knowledge base and on a generated one of 1,000 entries with related links and evidence levels."""

from __future__ import annotations

import heapq
import sys
from functools import cache

import pytest

from kansencoach.core.catalog import load_kb, load_vocabulary
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.fit import Query, facet_fit
from kansencoach.core.knowledge.index import Index
from kansencoach.core.knowledge.matcher import COORDINATION, FACET_GAIN, FACET_ONLY, Matcher
from kansencoach.core.knowledge.models import Intervention, PerspectiveFit, SourceRef
from kansencoach.core.knowledge.shortlist import FLOOR, LINKED_ONLY_FLOOR, RELATED_FROM, RELATED_SHARE
from kansencoach.core.knowledge.suggestion import Suggestion

from helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import knowledge_scale
import relevance


def every_entry_scored(
    matcher: Matcher, query: Query, limit: int = 10, exclude: tuple[str, ...] = ()
) -> list[Suggestion]:
    """The search scoring every candidate: the oracle."""
    if query.is_empty:
        return []
    query = matcher._with_places(query)
    facts = matcher.entries.facts
    skip = {doc for doc, entry in enumerate(facts) if entry.id in set(exclude)}
    terms, fuzzy = matcher._query_terms(query.text)
    text_scores = matcher.index.scores([term for _, term in terms], COORDINATION)
    best_text = max(text_scores.values(), default=0.0) or 1.0
    has_facets = bool(query.domains or query.wie or query.waar or query.perspectives)

    def own(doc: int) -> tuple[float, float]:
        text = text_scores.get(doc, 0.0) / best_text
        fit = facet_fit(facts[doc], query) if has_facets else 0.0
        return text, text * FACET_GAIN * fit if text else (fit if not terms else FACET_ONLY * fit)

    scores = {}
    for doc in range(len(facts)) if has_facets else text_scores:
        text, facets = own(doc)
        if text or facets:
            scores[doc] = round(text + facets + matcher._standing.evidence[doc], 6)
    related: dict[int, float] = {}
    linked_by: dict[int, int] = {}
    ranked = heapq.nlargest(RELATED_FROM, scores.items(), key=lambda row: (row[1], -row[0]))
    for leader, leader_score in ranked:
        for doc in matcher._standing.related[leader]:
            related[doc] = related.get(doc, 0.0) + RELATED_SHARE * leader_score
            linked_by.setdefault(doc, leader)
    for doc, share in related.items():
        scores[doc] = round(scores.get(doc, matcher._standing.evidence[doc]) + share, 6)
    best = max(scores.values(), default=0.0)
    wordless = LINKED_ONLY_FLOOR * best if terms else 0.0
    kept = [
        (doc, score)
        for doc, score in scores.items()
        if score >= FLOOR * best and doc not in skip and (doc in text_scores or score >= wordless)
    ]
    top = sorted(kept, key=lambda row: (-row[1], row[0]))[:limit]
    return [
        matcher._explain(
            doc,
            score,
            (*own(doc), related.get(doc, 0.0), matcher._standing.evidence[doc]),
            terms,
            fuzzy,
            query,
            matcher._name_of(linked_by.get(doc)),
        )
        for doc, score in top
    ]


@cache
def generated(count: int) -> KnowledgeBase:
    """The benchmark's generated base, with related links and every evidence level."""
    vocabulary = load_vocabulary()
    domains = [term.id for term in vocabulary.domains]
    groups = [term.id for term in vocabulary.wie]
    levels = [term.id for term in vocabulary.evidence]
    items = []
    for number in range(count):
        data = knowledge_scale.intervention_data(number, domains, groups)
        data["perspectives"] = [PerspectiveFit(perspective=knowledge_scale.PERSPECTIVES[number % 3], why="omdat")]
        data["sources"] = [SourceRef(document="test")]
        data["evidence"] = {"level": levels[number % len(levels)]}
        data["related"] = [f"i{(number * 7 + step) % count}" for step in range(number % 4)]
        items.append(Intervention.model_validate(data))
    return KnowledgeBase(vocabulary, tuple(items))


@cache
def varied(count: int) -> KnowledgeBase:
    """The benchmark's varied base: no two entries alike, related links and every evidence level."""
    return knowledge_scale.varied_knowledge(count)


def queries() -> list[Query]:
    cases = [case.query for which in ("tuning-all", "heldout-all") for case in relevance.load_cases(which)]
    return cases + [Query(text) for text in knowledge_scale.QUERIES]


def assert_same(knowledge: KnowledgeBase, query: Query, limits: tuple[int, ...]) -> None:
    matcher = knowledge.matcher
    for asked in (query, query._replace(domains=(), wie=(), waar=(), perspectives={})):
        for limit in limits:
            expected = every_entry_scored(matcher, asked, limit)
            assert matcher.search(asked, limit) == expected, (asked, limit)
            exclude = tuple(suggestion.id for suggestion in expected[:2])
            assert matcher.search(asked, limit, exclude) == every_entry_scored(matcher, asked, limit, exclude)


# The suite's time is shared: every case runs on one of the two bases (alternate cases). The shipped base is
# small enough that every search reads it whole, so one limit (the app's) proves the list the same;
# the generated base is where reading stops early: the shortest list and the longest.
@pytest.mark.parametrize("query", queries()[1::2], ids=lambda query: query.text[:30])
def test_search_is_every_entry_scored_on_the_shipped_base(query: Query) -> None:
    assert_same(load_kb(), query, (5,))


@pytest.mark.parametrize("query", queries()[::2], ids=lambda query: query.text[:30])
def test_search_is_every_entry_scored_on_a_generated_base(query: Query) -> None:
    assert_same(generated(1_000), query, (1, 10))


@pytest.mark.parametrize("query", queries()[::5], ids=lambda query: query.text[:30])
def test_search_is_every_entry_scored_on_a_varied_base(query: Query) -> None:
    """Where the threshold algorithm stops reading (entries alike in nothing)."""
    assert_same(varied(1_000), query, (1, 10))


def test_a_query_without_facets_reads_only_the_best_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words in many of the generated entries: the search stops reading early (scoring every entry having a word,
    `Index.scores`, is never called) and still gives the list of scoring them all."""
    matcher = generated(1_000).matcher
    asked = [
        Query(text) for text in ("schulden bij jongeren in de wijk", "taal en lezen", "gezondheid ouders")
    ]
    expected = [every_entry_scored(matcher, query, 10) for query in asked]
    assert all(len(found) == 10 for found in expected)

    def every_entry(*_: object) -> dict[int, float]:
        raise AssertionError("scored every entry")

    monkeypatch.setattr(Index, "scores", every_entry)
    assert [matcher.search(query, 10) for query in asked] == expected
