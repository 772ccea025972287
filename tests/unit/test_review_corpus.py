"""The review on the labelled corpus (tests/data/review): per case exactly the rules expected,
the VVE example without a finding, and no raw id in any message."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
import yaml

from kansencoach.core.catalog import load_kb, load_vocabulary
from kansencoach.core.draft.findings import Finding
from kansencoach.core.draft.review import RuleBook, load_rules, review
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import InfoStep
from kansencoach.core.knowledge.base import KnowledgeBase

from helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import review_quality

CASES = review_quality.corpus_cases()

# Cases of the later held-out parts the review gets wrong and that are left unfixed, with the reason
# (the corpus README lists them too). They stay in the run, marked as strict expected failures, so
# one that starts to pass is noticed and none is forgotten.
KNOWN_FAILURES: dict[str, str] = {
    "gezondheid-doel-gezonder-opgroeien": (
        "two faults planted, one labelled: the ER goal left the target (18) below the baseline (24) "
        "with a goal that no longer says the figure goes down, so streefwaarde-onlogisch is right too"
    ),
    "wonen-doel-zonder-doelgroep": (
        "indicator-los-van-doel beside doel-niet-smart: a goal that names nothing to measure shares no "
        "word with any indicator; true, but it follows from the one fault"
    ),
    "ouderen-indicatoren-bereik-en-waardering": (
        "alleen-procesindicatoren missed: 'Bereik van de huisbezoeken' is the reach of the inzet, while "
        "'Bereik van peuters met een VVE-indicatie' (the VVE example, the audit's own) is an outcome; "
        "the words are the same"
    ),
    "zwemdiploma-alleen-buurtsportcoach-en-jeugdfonds": (
        "bewijs-gat missed: Rijke Schooldag, the better-evidenced alternative the writer had in mind, "
        "is the seventh suggestion for this swimming case, and the rule looks at the first five only; "
        "a longer reach offered teenagers' cases primary-school programmes (heldout3)"
    ),
    "schimmel-indicatoren-checks-meldingen-tevredenheid": (
        "alleen-procesindicatoren missed (indicator-los-van-doel instead): 'Aantal meldingen die de "
        "woonconsulenten bij de corporaties deden' counts what staff did, in words no list can tell from "
        "reports by the tenants themselves, which a goal may want more of"
    ),
    "dwangbevel-indicatoren-belgesprekken-en-kwijtscheldingen": (
        "indicator-los-van-doel instead of alleen-procesindicatoren: 'Aantal automatische "
        "kwijtscheldingen' is what the inzet hands out, and neither indicator measures the goal (fewer "
        "dwangbevelen), so both readings are defensible"
    ),
    "meesporten-oorzaken-drempels-in-soorten": (
        "oorzaken-vaag missed: 'Drempels …: fysiek, financieel en sociaal-emotioneel' names kinds of "
        "barriers and no cause, but 'drempels' in a short answer is as often concrete ('de drempels: de "
        "eigen bijdrage van 25 euro en geen vervoer'), so no list can take the word"
    ),
    "mondzorg-alleen-kennismakingsgesprek": (
        "bewijs-gat missed: the writer read 'beter onderbouwd' in docs/review-rules.md as any recognition; "
        "the rule wants evidence of effect (from eerste aanwijzingen), which the dental programme "
        "('goed beschreven') has not; the doc now says so"
    ),
    "mondzorg-alleen-thema-aanpak-ouders": (
        "bewijs-gat missed, as mondzorg-alleen-kennismakingsgesprek: a 'goed beschreven' programme is "
        "recognised, not shown to work"
    ),
}
HELD_OUT_LATER = tuple(part for part in review_quality.PARTS if part not in ("tuning", "heldout"))
"""The parts written later, each on three base drafts of its own, before the review was run on them."""


def case_param(case: review_quality.CorpusCase) -> object:
    marks = []
    if case.part in HELD_OUT_LATER and case.name in KNOWN_FAILURES:
        marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[case.name], strict=True))
    return pytest.param(case, id=f"{case.part}-{case.name}", marks=marks)


@pytest.fixture(scope="module")
def rules() -> RuleBook:
    return load_rules(REPO / "knowledge" / "review.yaml")


@pytest.fixture(scope="module")
def loaded() -> LoadedFlow:
    return review_quality.voorstel()


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_kb()


def findings_for(
    case: review_quality.CorpusCase, rules: RuleBook, loaded: LoadedFlow, knowledge: KnowledgeBase
) -> list[Finding]:
    return review(rules, review_quality.review_case(case, loaded, knowledge))


def raw_ids() -> set[str]:
    """Every id in the vocabulary and the shipped flows that could leak into a text: step ids,
    option values and vocabulary terms with a hyphen, which no Dutch sentence writes that way."""
    vocabulary = load_vocabulary()
    ids = {term.id for group in (vocabulary.wie, vocabulary.waar, vocabulary.evidence) for term in group}
    for path in (REPO / "flows").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for step in data.get("steps", []) if isinstance(data, dict) else []:
            ids.add(str(step.get("id", "")))
            ids.update(
                str(option.get("value")) for option in step.get("options") or [] if isinstance(option, dict)
            )
    return {identifier for identifier in ids if "-" in identifier}


RAW_IDS = raw_ids()


@pytest.fixture(scope="module")
def corpus_findings(
    rules: RuleBook, loaded: LoadedFlow, knowledge: KnowledgeBase
) -> Callable[[review_quality.CorpusCase], list[Finding]]:
    """The findings of a corpus case, worked out once per worker."""
    found: dict[int, list[Finding]] = {}

    def of(case: review_quality.CorpusCase) -> list[Finding]:
        index = CASES.index(case)
        if index not in found:
            found[index] = findings_for(case, rules, loaded, knowledge)
        return found[index]

    return of


def test_the_corpus_is_large_enough_and_holds_a_third_out() -> None:
    weak = [case for case in CASES if case.kind == "weak"]
    good = [case for case in CASES if case.kind == "good"]
    held_out = [case for case in CASES if case.part != "tuning"]
    assert len(weak) >= 40 and len(good) >= 20
    assert len(held_out) * 3 >= len(CASES)
    earlier_bases = {"vve", "schulden"}
    for part in HELD_OUT_LATER:
        cases = [case for case in CASES if case.part == part]
        bases = {case.base for case in cases}
        assert len(bases) >= 3 and not bases & earlier_bases, part
        assert sum(case.kind == "weak" for case in cases) >= 20, part
        assert sum(case.kind == "good" for case in cases) >= 10, part
        earlier_bases |= bases
    assert set(KNOWN_FAILURES) <= {case.name for case in CASES if case.part in HELD_OUT_LATER}
    assert all(len(case.expect) == 1 for case in weak) and not any(case.expect for case in good)


def test_every_rule_has_a_planted_fault(rules: RuleBook) -> None:
    planted = {rule_id for case in CASES for rule_id in case.expect}
    assert planted == {rule.id for rule in rules.rules}


@pytest.mark.parametrize("case", [case_param(case) for case in CASES])
def test_each_case_raises_exactly_the_rules_expected(
    case: review_quality.CorpusCase, corpus_findings: Callable[[review_quality.CorpusCase], list[Finding]]
) -> None:
    findings = corpus_findings(case)
    # What the officer reads names no raw id (a step id, option value or vocabulary term).
    for finding in findings:
        for text in (finding.title, finding.message, finding.fix, finding.example or ""):
            shown = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text))
            assert not shown & RAW_IDS, (finding.rule_id, shown & RAW_IDS)
    assert {finding.rule_id for finding in findings} == case.expect


def test_the_known_failures_keep_each_part_over_the_bar(
    corpus_findings: Callable[[review_quality.CorpusCase], list[Finding]]
) -> None:
    # Every case but the known failures raises exactly what it expects (the test above), so only the
    # known failures can take a part's figures under the bar: recall 0.95 or more, no more than one
    # false alarm. They are reviewed here, not the whole corpus again in one test (45 s on a worker).
    for part in review_quality.PARTS:
        cases = [case for case in CASES if case.part == part]
        planted = sum(len(case.expect) for case in cases if case.kind == "weak")
        raised = {
            case.name: {finding.rule_id for finding in corpus_findings(case)}
            for case in cases
            if case.name in KNOWN_FAILURES
        }
        known = [case for case in cases if case.name in raised]
        missed = sum(len(case.expect - raised[case.name]) for case in known if case.kind == "weak")
        alarms = sum(bool(raised[case.name]) for case in known if case.kind == "good")
        assert (planted - missed) / planted >= 0.95, (part, raised)
        assert alarms <= 1, (part, raised)


def test_the_vve_example_has_no_finding(
    rules: RuleBook, loaded: LoadedFlow, knowledge: KnowledgeBase
) -> None:
    example = review_quality.CorpusCase("-", "good", "vve-voorbeeld", "vve", frozenset(), {})
    assert findings_for(example, rules, loaded, knowledge) == []


def test_the_raw_ids_looked_for_are_the_vocabulary_and_flow_ids() -> None:
    assert {"jonge-kinderen", "laag-inkomen", "niet-geregeld"} <= RAW_IDS


def test_the_target_mismatch_names_groups_by_their_labels(
    rules: RuleBook, loaded: LoadedFlow, knowledge: KnowledgeBase
) -> None:
    case = next(case for case in CASES if case.expect == {"doelgroep-mismatch"})
    (finding,) = findings_for(case, rules, loaded, knowledge)
    assert "Jonge kinderen" in finding.message and "jonge-kinderen" not in finding.message


def test_the_c_threshold_has_one_home_the_flow(
    rules: RuleBook, loaded: LoadedFlow, knowledge: KnowledgeBase
) -> None:
    warning = next(
        step for step in loaded.flow.steps if isinstance(step, InfoStep) and step.id == "waarschuwing-c"
    )
    assert warning.when is not None
    for c_points, expected in ((70, {"alleen-c"}), (65, set())):
        mix = {"A": 100 - c_points - 5, "B": 5, "C": c_points}
        case = review_quality.CorpusCase("-", "weak", "mix", "vve", frozenset(), {"mix": mix})
        assert {finding.rule_id for finding in findings_for(case, rules, loaded, knowledge)} == expected


def test_the_rule_file_is_documented_for_the_aanjaagteam(rules: RuleBook) -> None:
    reference = (REPO / "docs" / "review-rules.md").read_text(encoding="utf-8")
    for rule in rules.rules:
        assert f"`{rule.id}`" in reference, rule.id
    for name in [*rules.words.lists, *rules.words.thresholds]:
        assert f"`{name}`" in reference, name
    assert "review-rules.md" in (REPO / "docs" / "flow-authoring.md").read_text(encoding="utf-8")
