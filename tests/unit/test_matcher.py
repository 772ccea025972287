"""The matcher on a small knowledge base made here, so the tests do not depend on shipped content."""

from __future__ import annotations

import pytest
import yaml

from kansencoach.core.knowledge import KnowledgeBase, load_knowledge
from kansencoach.core.matcher import Matcher, Query
from kansencoach.core.textnorm import Normalizer

from helpers import REPO

ITEMS = {
    "vroegsignalering": dict(
        name="Vroegsignalering van schulden",
        problem="Huishoudens komen pas laat in beeld bij de schuldhulpverlening.",
        approach="Signalen van betalingsachterstanden bij huur en energie leiden tot een huisbezoek.",
        target_group="Huishoudens met betalingsachterstanden",
        domains=["armoede-schulden"],
        wie=["schulden"],
        waar=["thuis"],
        perspective="C",
        level="goed-onderbouwd",
        keywords=["schulden", "betalingsachterstand", "huisbezoek"],
    ),
    "schuldhulpverlening": dict(
        name="Laagdrempelige schuldhulpverlening",
        problem="Mensen met schulden vinden de weg naar hulp niet.",
        approach="Inloopspreekuur in de wijk zonder wachtlijst.",
        target_group="Inwoners met problematische schulden",
        domains=["armoede-schulden"],
        wie=["schulden"],
        waar=["wijkvoorziening"],
        perspective="C",
        level="onbekend",
        keywords=["schuldhulp", "spreekuur", "geldzorgen"],
    ),
    "vve": dict(
        name="Voor- en vroegschoolse educatie",
        problem="Peuters met een taalachterstand beginnen op school met een achterstand.",
        approach="Extra uren voorschool met een educatief programma.",
        target_group="Peuters met een VVE-indicatie en hun ouders",
        domains=["vroeg"],
        wie=["jonge-kinderen"],
        waar=["voorschool"],
        perspective="A",
        level="eerste-aanwijzingen",
        keywords=["vve", "peuters", "taal"],
    ),
    "tutoring": dict(
        name="High-Dosage Tutoring",
        problem="Leerlingen lopen achter met rekenen en lezen.",
        approach="Drie keer per week bijles in kleine groepjes onder schooltijd.",
        target_group="Leerlingen met een leerachterstand",
        domains=["onderwijs"],
        wie=["kinderen", "jongeren"],
        waar=["school"],
        perspective="C",
        level="buitenlands-onderzoek",
        keywords=["bijles", "tutoring", "rekenen"],
    ),
    "jogg": dict(
        name="Jongeren op Gezond Gewicht",
        problem="Overgewicht komt vaker voor in wijken met lage inkomens.",
        approach="Een wijkaanpak met scholen, sport en de GGD.",
        target_group="Kinderen en jongeren in aandachtswijken",
        domains=["gezondheid"],
        wie=["kinderen", "jongeren"],
        waar=["aandachtswijken"],
        perspective="B",
        level="onbekend",
        keywords=["overgewicht", "gezond", "bewegen"],
    ),
}


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("kb")
    (root / "vocabulary.yaml").write_text((REPO / "knowledge" / "vocabulary.yaml").read_text())
    (root / "synonyms.yaml").write_text(
        yaml.safe_dump({"groups": [["kind", "kinderen"], ["vve", "voorschool"]]})
    )
    (root / "stopwords.yaml").write_text((REPO / "knowledge" / "stopwords.yaml").read_text())
    (root / "interventions").mkdir()
    for key, item in ITEMS.items():
        data = {
            "id": key,
            "name": item["name"],
            "summary": item["problem"],
            "problem": item["problem"],
            "approach": item["approach"],
            "target_group": item["target_group"],
            "domains": item["domains"],
            "wie": item["wie"],
            "waar": item["waar"],
            "perspectives": [{"perspective": item["perspective"], "why": "Omdat."}],
            "evidence": {"level": item["level"]},
            "keywords": [*item["keywords"], "kansengelijkheid"],
            "sources": [{"document": "Test"}],
        }
        (root / "interventions" / f"{key}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return load_knowledge(root)


def ids(results: list) -> list[str]:  # type: ignore[type-arg]
    return [result.item.id for result in results]


def test_words_in_the_name_rank_first(knowledge: KnowledgeBase) -> None:
    results = Matcher(knowledge).search(Query("schulden"))
    assert ids(results)[:2] == ["vroegsignalering", "schuldhulpverlening"]
    assert "‘schulden’ (naam" in results[0].why


def test_stemming_and_synonyms(knowledge: KnowledgeBase) -> None:
    matcher = Matcher(knowledge)
    assert ids(matcher.search(Query("schuld")))[0] in {"vroegsignalering", "schuldhulpverlening"}
    assert ids(matcher.search(Query("voorschool")))[0] == "vve"


def test_typo_and_half_compound_are_matched_and_explained(knowledge: KnowledgeBase) -> None:
    matcher = Matcher(knowledge)
    typo = matcher.search(Query("overgewict"))
    assert ids(typo)[0] == "jogg"
    assert typo[0].fuzzy == (("overgewict", "overgewicht"),)
    assert "‘overgewict’ ≈ ‘overgewicht’" in typo[0].why
    compound = matcher.search(Query("betalingsachter"))
    assert ids(compound)[0] == "vroegsignalering"


def test_facets_lift_matching_items_and_are_explained(knowledge: KnowledgeBase) -> None:
    matcher = Matcher(knowledge)
    plain = ids(matcher.search(Query("wijk")))
    lifted = matcher.search(Query("wijk", domains=("gezondheid",)))
    assert ids(lifted)[0] == "jogg"
    assert "Gezondheid" in lifted[0].why
    assert plain != ids(lifted) or plain[0] == "jogg"
    only_facets = matcher.search(Query(wie=("jonge-kinderen",)))
    assert ids(only_facets) == ["vve"]


def test_perspective_weights_count(knowledge: KnowledgeBase) -> None:
    results = Matcher(knowledge).search(Query(perspectives={"B": 1.0}))
    assert ids(results)[0] == "jogg"


def test_evidence_breaks_ties_but_does_not_carry_a_match(knowledge: KnowledgeBase) -> None:
    results = Matcher(knowledge).search(Query(domains=("armoede-schulden",)))
    assert ids(results) == ["vroegsignalering", "schuldhulpverlening"]
    assert results[0].evidence > results[1].evidence
    assert Matcher(knowledge).search(Query("ruimtevaart")) == []


def test_scores_are_deterministic_and_explain_their_parts(knowledge: KnowledgeBase) -> None:
    first = Matcher(knowledge).search(Query("kinderen bijles rekenen", domains=("onderwijs",)))
    second = Matcher(knowledge).search(Query("kinderen bijles rekenen", domains=("onderwijs",)))
    assert [(r.item.id, r.score) for r in first] == [(r.item.id, r.score) for r in second]
    top = first[0]
    assert top.item.id == "tutoring"
    assert top.score == pytest.approx(top.text + top.facets + top.evidence, abs=1e-3)
    assert top.why.startswith("Past bij:")


def test_exclude_leaves_out_decided_items(knowledge: KnowledgeBase) -> None:
    assert "vve" not in ids(Matcher(knowledge).search(Query("peuters taal"), exclude={"vve"}))


def test_normalizer_folds_accents_drops_stopwords_and_joins_phrases() -> None:
    normalizer = Normalizer([["vve", "voorschoolse educatie"]], ["de", "het"])
    terms = normalizer.terms("De voorschoolse educatie en het beïnvloeden")
    assert [term.term for term in terms] == ["vve", "en", "beinvloed"]
    assert terms[0].word == "voorschoolse educatie"


def test_a_word_in_every_entry_still_counts_a_little(knowledge: KnowledgeBase) -> None:
    matcher = Matcher(knowledge)
    everywhere = [term for term, postings in matcher._postings.items() if len(postings) == len(ITEMS)]
    assert everywhere, "the fixture should have a word in every entry"
    assert all(matcher._idf[term] > 0 for term in everywhere)
