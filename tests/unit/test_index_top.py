"""Index.top, the best few entries found without scoring every entry, gives exactly the ranking of
scoring every entry: the same entries, the same scores, ties in the same order. And the words the
normaliser remembers per word give the same terms as scanning each text whole."""

from __future__ import annotations

import random
import sys
from functools import cache

import pytest

from kansencoach.core.catalog import load_kb
from kansencoach.core.dutch.normalize import Normalizer
from kansencoach.core.knowledge.index import FIELD_WEIGHTS, Index
from kansencoach.core.knowledge.ranking import Ranker

from helpers import REPO

WORDS = "taal lezen rekenen schulden ouders peuters jongeren wijk school bijles werk zorg de en in"
"""A few common words (and some in every entry): many entries alike, ties everywhere."""


def ranked(index: Index, terms: list[str], coordination: float) -> list[tuple[int, float]]:
    """What top must give, before its limit: every entry scored, best first, on a tie the lower
    number first. Worked out once per query and cut at each limit (scoring everything is the slow
    part of these tests)."""
    return sorted(index.scores(terms, coordination).items(), key=lambda row: (-row[1], row[0]))


def generated_index(count: int, seed: int, everywhere: str = "") -> Index:
    """Entries of a few common words, many with the very same texts (ties everywhere), some longer;
    `everywhere` is in the summary of every entry."""
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        pattern = random.Random(number % 23)  # a few kinds of entry, each many times over
        document = {
            name: " ".join(
                pattern.choices(WORDS.split(), k=pattern.randint(0, 6))
                + rng.choices(WORDS.split(), k=number % 2)
            )
            for name in FIELD_WEIGHTS
        }
        document["summary"] = f"{document['summary']} {everywhere}"
        documents.append(document)
    return Index(documents, Normalizer())


def terms(text: str) -> list[str]:
    return [term.term for term in Normalizer().terms(text)]


@cache
def varied_index() -> Index:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import knowledge_scale

    return knowledge_scale.varied_knowledge(1_000).matcher.index


def queries(seed: float) -> list[list[str]]:
    rng = random.Random(seed)
    found = []
    for number in range(150):
        asked = terms(" ".join(rng.sample(WORDS.split(), rng.randint(1, 6))))
        if number % 5 == 0:
            asked.append(asked[0])  # a word asked twice counts twice
        if number % 7 == 0:
            asked.append("onbekendwoord")  # counts in the share of words matched, matches nothing
        found.append(asked)
    return found


@pytest.mark.parametrize("coordination", [0.0, 0.6, 1.0])
def test_top_is_the_exhaustive_ranking_on_entries_full_of_ties(coordination: float) -> None:
    index = generated_index(1_500, seed=3)
    for asked in queries(seed=coordination):
        expected = ranked(index, asked, coordination)
        for limit in (1, 5, 10, 40):
            assert index.top(asked, coordination, limit) == expected[:limit], asked


@pytest.mark.parametrize("coordination", [0.0, 1.0])
def test_top_is_the_exhaustive_ranking_when_words_are_in_every_entry(coordination: float) -> None:
    index = generated_index(1_500, seed=5, everywhere="overal altijd")
    always = terms("overal altijd")
    assert [index.document_frequency(term) for term in always] == [index.size, index.size]
    for number, asked in enumerate(queries(seed=coordination + 2)):
        asked = [*asked[:1], *always[: 1 + number % 2], *asked[1:]]  # in every entry, among the others
        expected = ranked(index, asked, coordination)
        for limit in (1, 10, 40):
            assert index.top(asked, coordination, limit) == expected[:limit], asked
    assert index.top(always, coordination, 10) == ranked(index, always, coordination)[:10]


@pytest.mark.parametrize("coordination", [0.0, 0.6, 1.0])
def test_top_is_the_exhaustive_ranking_on_varied_entries(coordination: float) -> None:
    """Entries alike in nothing (the benchmark's varied ones), where the threshold algorithm stops."""
    index = varied_index()
    rng = random.Random(coordination)
    vocabulary = sorted(set(index.surface.values()))
    for number in range(60):
        asked = rng.sample(vocabulary, rng.randint(1, 5))
        if number % 5 == 0:
            asked.append(asked[0])  # a word asked twice counts twice
        expected = ranked(index, asked, coordination)
        for limit in (1, 10, 25):
            assert index.top(asked, coordination, limit) == expected[:limit], asked


def test_the_threshold_alone_finds_the_best_of_varied_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Common words of varied entries: the threshold algorithm's bound falls under the tenth score
    before any other step is taken, and the list is that of scoring every entry."""
    index = varied_index()
    asked = [terms(text) for text in ("armoede inkomen", "gezondheid ouders", "inburgering werk")]
    expected = [ranked(index, words, 1.0)[:10] for words in asked]

    def other_step(*_: object) -> object:
        raise AssertionError("the threshold did not stop")

    monkeypatch.setattr(Ranker, "required", other_step)
    monkeypatch.setattr(Index, "scores", other_step)
    assert [index.top(words, 1.0, 10) for words in asked] == expected


def test_top_is_the_exhaustive_ranking_on_the_shipped_knowledge_and_after_the_cache() -> None:
    index = load_kb().matcher.index
    restored = Index.from_plain(index.to_plain(), index.normalizer)
    rng = random.Random(11)
    vocabulary = sorted(index.surface.values())
    for _ in range(200):
        asked = rng.sample(vocabulary, rng.randint(1, 5))
        expected = ranked(index, asked, 0.6)
        for limit in (1, 5, 10):
            assert index.top(asked, 0.6, limit) == expected[:limit]
            assert restored.top(asked, 0.6, limit) == expected[:limit]


def test_top_of_nothing_known_is_empty_and_a_short_list_is_all_there_is() -> None:
    index = generated_index(200, seed=1)
    assert index.top(["onbekendwoord"], 0.6, 10) == []
    assert index.top(["taal"], 0.6, 0) == []
    asked = terms("taal lezen")
    assert len(index.top(asked, 0.6, 10_000)) == len(index.scores(asked, 0.6)) > 10


def test_a_cache_whose_weight_order_names_postings_it_does_not_have_is_refused() -> None:
    index = generated_index(50, seed=2)
    plain = index.to_plain()
    broken = bytearray(plain["impact"])
    broken[-4:] = (10**6).to_bytes(4, "little")
    with pytest.raises(ValueError):
        Index.from_plain({**plain, "impact": bytes(broken)}, index.normalizer)
    with pytest.raises(ValueError):
        Index.from_plain({**plain, "impact": plain["impact"][:-4]}, index.normalizer)


def test_remembered_words_give_the_terms_of_a_whole_scan() -> None:
    knowledge = load_kb()
    texts = [
        text
        for item in knowledge.interventions
        for text in (item.name, item.summary, item.problem, item.approach, item.target_group, *item.keywords)
    ]
    texts += ["voor- en vroegschoolse educatie in Overvecht", "rekeningen en rekenen", "de VVE van 2024"]
    warm = knowledge.normalizer
    fresh = Normalizer(knowledge.synonyms.groups, knowledge.stopwords, knowledge.places)
    scanned = [fresh._scan(text)[0] for text in texts]  # before any word is remembered
    assert [warm.terms(text) for text in texts] == scanned
    assert [warm.terms(text) for text in texts] == scanned  # and again, every word remembered
    assert [warm._scan(text)[0] for text in texts] == scanned


def test_top_is_the_exhaustive_ranking_once_it_finds_the_entries_having_several_words() -> None:
    """A long query of common words over the benchmark's generated entries: the reading finds the
    entries having several of the words with sets, after it looked some up in a dict of weights (it
    once counted those weights as if they were how many words an entry has, and missed entries)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import knowledge_scale

    index = knowledge_scale.generated_knowledge(1_000).matcher.index
    asked = terms("Ouders betrekken bij de school van hun kind en gezinnen")
    for count in range(2, len(asked) + 1):
        expected = ranked(index, asked[:count], 1.0)
        for limit in (5, 10, 19, 40):
            assert index.top(asked[:count], 1.0, limit) == expected[:limit], count
