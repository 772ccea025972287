"""The review rules: each one passes on the VVE example and fails on a draft made weak in its way."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.review import Case, RuleBook, is_er_goal, load_rules, review, smart_gaps
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.matcher import Query
from kansencoach.core.sessions.scripted import read_script

from helpers import DATA, REPO, small_knowledge_base

RULES = load_rules(REPO / "knowledge" / "review.yaml")


def case_for(answers_file: Path, tmp_path: Path) -> Case:
    loaded = load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary())
    data = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    data.pop("accept", None)
    plain = tmp_path / "answers.yaml"
    plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    script = read_script(plain, loaded, set())
    draft = build_draft(loaded.flow, script.answers)
    return Case.from_draft(draft, [], None, Query())


@pytest.fixture
def good(tmp_path: Path) -> Case:
    return case_for(DATA / "voorstel-full.yaml", tmp_path)


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_knowledge_base(tmp_path_factory.mktemp("kb"))


def changed(case: Case, **values: Any) -> Case:
    """The case with some draft parts answered differently (None: not answered)."""
    new = dict(case.values)
    for key, value in values.items():
        draft_key = key.replace("__", ".").replace("_", "-")
        if value is None:
            new.pop(draft_key, None)
        else:
            new[draft_key] = value
    return replace(case, values=new)


def rule_ids(case: Case, rules: RuleBook = RULES) -> set[str]:
    return {finding.rule_id for finding in review(rules, case)}


WEAKENED: dict[str, dict[str, Any]] = {
    "doel-niet-smart": {"doel__smart": "Meer peuters naar de voorschool in Overvecht"},
    "er-doel": {"doel__smart": "Meer peuters in Overvecht naar de voorschool"},
    "aannames-impliciet": {"inzet__aannames": None},
    "beleidstheorie-als-dan": {"inzet__beleidstheorie": "Voorlichting helpt ouders."},
    "geen-analyse": {"analyse__oorzaken": None},
    "geen-bron": {"analyse__bronnen": ["nog-geen"]},
    "geen-indicatoren": {"monitoring__indicatoren": ["Nog te bepalen"]},
    "geen-eigenaar": {"monitoring__eigenaar": "Iedereen"},
    "geen-partnercriteria": {"analyse__partner_criteria": ["geen"]},
    "geen-budget": {"inzet__budget_bron": "niet-geregeld"},
    "niets-gestopt": {"inzet__stoppen": ["Niets"]},
    "alleen-c": {"doel__perspectieven": {"A": 0, "B": 5, "C": 95}},
    "risico-zonder-nadeel": {"inzet__risico_nadeel": "Niemand"},
    "geen-leefwereld": {"inzet__betrekken": ["nog-niet"]},
    "bias-overgeslagen": {
        "inzet__bias_perspectief": None,
        "inzet__bias_bubbel": None,
        "inzet__bias_beelden": None,
        "inzet__bias_informatie": None,
        "inzet__bias_stem": None,
    },
}


def test_the_vve_example_passes_every_rule(good: Case) -> None:
    assert rule_ids(good) == set()


@pytest.mark.parametrize("rule_id", sorted(WEAKENED))
def test_rule_fails_on_a_draft_weak_in_its_way(good: Case, rule_id: str) -> None:
    findings = review(RULES, changed(good, **WEAKENED[rule_id]))
    assert rule_id in {finding.rule_id for finding in findings}
    finding = next(finding for finding in findings if finding.rule_id == rule_id)
    assert finding.fix and finding.source
    assert "{detail}" not in finding.message


def test_every_rule_has_a_test() -> None:
    tested = set(WEAKENED) | {"bewijs-gat", "doelgroep-mismatch"}
    assert {rule.id for rule in RULES.rules} == tested


def test_not_smart_names_what_is_missing(good: Case) -> None:
    finding = next(
        f
        for f in review(RULES, changed(good, doel__smart="Meer peuters naar de voorschool"))
        if f.rule_id == "doel-niet-smart"
    )
    assert "een getal" in finding.message and "een datum of termijn" in finding.message
    assert "een doelgroep" not in finding.message
    assert finding.example and "85%" in finding.example


def test_smart_and_er_goal_predicates() -> None:
    good_goal = (
        "Eind 2027 gaat 85% van de peuters met een VVE-indicatie in Overvecht naar de voorschool (nu 62%)."
    )
    assert smart_gaps(good_goal, None) == []
    assert is_er_goal("Minder schulden bij jongeren") and not is_er_goal(
        "Van 12% naar 8% jongeren met schulden"
    )
    assert not is_er_goal("")


def test_evidence_gap_needs_an_unproven_choice_and_a_better_option(
    good: Case, small_kb: KnowledgeBase
) -> None:
    query = Query("kinderen leerachterstand rekenen bijles")
    gap = replace(good, accepted=["jogg"], knowledge=small_kb, query=query)
    found = [f for f in review(RULES, gap) if f.rule_id == "bewijs-gat"]
    assert (
        found
        and "Jongeren op Gezond Gewicht" in found[0].message
        and "High-Dosage Tutoring" in found[0].message
    )
    assert "bewijs-gat" not in rule_ids(replace(gap, accepted=["tutoring"]))


def test_target_mismatch_compares_the_analysis_with_the_choices(good: Case, small_kb: KnowledgeBase) -> None:
    case = changed(replace(good, knowledge=small_kb), analyse__wie=["jonge-kinderen"])
    assert "doelgroep-mismatch" in rule_ids(replace(case, accepted=["schuldhulpverlening"]))
    assert "doelgroep-mismatch" not in rule_ids(replace(case, accepted=["vve"]))


def test_the_weak_draft_yields_exactly_the_expected_blocking_findings(tmp_path: Path) -> None:
    weak = case_for(DATA / "answers" / "voorstel-zwak.yaml", tmp_path)
    blocking = {finding.rule_id for finding in review(RULES, weak) if finding.severity == "blokkerend"}
    assert blocking == {"doel-niet-smart", "er-doel", "geen-indicatoren", "niets-gestopt", "alleen-c"}


def test_rules_about_parts_a_flow_lacks_are_not_applied() -> None:
    loaded = load_flow(REPO / "flows" / "quickscan.yaml", load_vocabulary())
    draft = build_draft(loaded.flow, {})
    assert rule_ids(Case.from_draft(draft, [], None, Query())) == set()


def test_findings_are_ordered_by_severity(tmp_path: Path) -> None:
    weak = case_for(DATA / "answers" / "voorstel-zwak.yaml", tmp_path)
    severities = [finding.severity for finding in review(RULES, weak)]
    assert severities == sorted(severities, key=["blokkerend", "aandacht", "tip"].index)
