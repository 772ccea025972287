"""The matcher on a small knowledge base made here, so the tests do not depend on shipped content."""

from __future__ import annotations

import pytest

from kansencoach.core.dutch.normalize import Normalizer, words
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.matcher import Query, Suggestion

from helpers import SMALL_KB_ITEMS as ITEMS
from helpers import small_knowledge_base


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_knowledge_base(tmp_path_factory.mktemp("kb"))


def ids(results: list[Suggestion]) -> list[str]:
    return [result.item.id for result in results]


def test_words_in_the_name_rank_first(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query("schulden"))
    assert ids(results)[:2] == ["vroegsignalering", "schuldhulpverlening"]
    assert "‘schulden’ (naam" in results[0].why


def test_stemming_and_synonyms(knowledge: KnowledgeBase) -> None:
    matcher = knowledge.matcher
    assert ids(matcher.search(Query("schuld")))[0] in {"vroegsignalering", "schuldhulpverlening"}
    assert ids(matcher.search(Query("voorschool")))[0] == "vve"


def test_typo_and_half_compound_are_matched_and_explained(knowledge: KnowledgeBase) -> None:
    matcher = knowledge.matcher
    typo = matcher.search(Query("overgewict"))
    assert ids(typo)[0] == "jogg"
    assert typo[0].fuzzy == (("overgewict", "overgewicht"),)
    assert "‘overgewict’ ≈ ‘overgewicht’" in typo[0].why
    compound = matcher.search(Query("betalingsachter"))
    assert ids(compound)[0] == "vroegsignalering"


def test_facets_lift_matching_items_and_are_explained(knowledge: KnowledgeBase) -> None:
    matcher = knowledge.matcher
    plain = ids(matcher.search(Query("wijk")))
    lifted = matcher.search(Query("wijk", domains=("gezondheid",)))
    assert ids(lifted)[0] == "jogg"
    assert "Gezondheid" in lifted[0].why
    assert plain != ids(lifted) or plain[0] == "jogg"
    only_facets = matcher.search(Query(wie=("jonge-kinderen",)))
    assert ids(only_facets) == ["vve"]


def test_perspective_weights_count(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query(perspectives={"B": 1.0}))
    assert ids(results)[0] == "jogg"


def test_evidence_breaks_ties_but_does_not_carry_a_match(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query(domains=("armoede-schulden",)))
    assert ids(results) == ["vroegsignalering", "schuldhulpverlening"]
    assert results[0].evidence > results[1].evidence
    assert knowledge.matcher.search(Query("ruimtevaart")) == []


def test_scores_are_deterministic_and_explain_their_parts(knowledge: KnowledgeBase) -> None:
    first = knowledge.matcher.search(Query("kinderen bijles rekenen", domains=("onderwijs",)))
    second = knowledge.matcher.search(Query("kinderen bijles rekenen", domains=("onderwijs",)))
    assert [(r.item.id, r.score) for r in first] == [(r.item.id, r.score) for r in second]
    top = first[0]
    assert top.item.id == "tutoring"
    assert top.score == pytest.approx(top.text + top.facets + top.evidence, abs=1e-3)
    assert top.why.startswith("Past bij:")


def test_exclude_leaves_out_decided_items(knowledge: KnowledgeBase) -> None:
    assert "vve" not in ids(knowledge.matcher.search(Query("peuters taal"), exclude={"vve"}))


def test_normalizer_folds_accents_drops_stopwords_and_joins_phrases() -> None:
    normalizer = Normalizer([["vve", "voorschoolse educatie"]], ["de", "het"])
    terms = normalizer.terms("De voorschoolse educatie en het beïnvloeden")
    assert [term.term for term in terms] == ["vve", "en", "beinvloed"]
    assert terms[0].word == "voorschoolse educatie"


def test_a_word_in_every_entry_still_counts_a_little_but_is_never_a_reason(knowledge: KnowledgeBase) -> None:
    everywhere = knowledge.matcher.search(Query("kansengelijkheid"))
    assert sorted(ids(everywhere)) == sorted(ITEMS)
    results = knowledge.matcher.search(Query("kansengelijkheid schulden"))
    assert ids(results)[0] == "vroegsignalering"
    assert "kansengelijkheid" not in results[0].why
    assert "‘schulden’" in results[0].why


def test_a_compound_the_index_does_not_know_is_split_into_words_it_does(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query("schuldhulpspreekuur"))
    assert ids(results)[0] == "schuldhulpverlening"
    assert {word.word for word in results[0].words} == {"schuldhulpspreekuur"}


def test_empty_words_are_never_terms(knowledge: KnowledgeBase) -> None:
    terms = knowledge.normalizer.terms("lage later vragen goede groep kennen overgewicht")
    assert [term.word for term in terms] == ["overgewicht"]


def test_elided_half_of_a_compound_is_not_a_word() -> None:
    assert words("Vroeg- en voorschoolse educatie") == ["en", "voorschoolse", "educatie"]
    assert words("vroeg geselecteerd") == ["vroeg", "geselecteerd"]


def test_a_place_name_is_a_facet_not_a_word() -> None:
    normalizer = Normalizer(places={"overvecht": "aandachtswijken", "nieuw-west": "aandachtswijken"})
    assert [term.word for term in normalizer.terms("Jongeren in Overvecht en Nieuw-West")] == [
        "jongeren",
        "in",
        "en",
    ]
    assert normalizer.places("Jongeren in Overvecht en Nieuw-West") == ("aandachtswijken",)


def test_a_neighbourhood_in_the_query_counts_as_its_place(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query("overgewicht in Overvecht"))
    assert ids(results) == ["jogg"]
    assert "Specifieke wijken" in results[0].why
    assert "overvecht" not in results[0].why.lower()


def test_facets_scale_the_text_instead_of_outranking_it(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query("voorschool peuters", domains=("gezondheid",)))
    assert ids(results)[0] == "vve"


def test_the_list_is_shorter_rather_than_padded(knowledge: KnowledgeBase) -> None:
    results = knowledge.matcher.search(Query("bijles rekenen", wie=("kinderen",)))
    assert ids(results) == ["tutoring"]
