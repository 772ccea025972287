"""Reviewing a draft against what auditors ask for: rules as data, findings with their source.

Rules live in `knowledge/review.yaml`. A rule names draft parts by key (`doel.smart`), so one rule
serves every flow that has that part; a rule whose parts a flow does not have is not applied to it.
Where a regex is not enough there are built-in checks (`not_smart`, `er_goal`, `evidence_gap`,
`target_mismatch`), documented in docs/flow-authoring.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.yamlsource import read_document
from kansencoach.core.draft.draft import Draft
from kansencoach.core.draft.findings import SEVERITIES, Finding, Severity
from kansencoach.core.flows.conditions import is_empty
from kansencoach.core.flows.models import AnswerValue
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.matcher import Query
from kansencoach.core.knowledge.models import Intervention, SourceRef
from kansencoach.i18n import t

DraftKey = Annotated[str, Field(pattern=r"^[a-z0-9*][a-z0-9_*-]*\.[a-z0-9*][a-z0-9_*-]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Missing(_Strict):
    """True when none of the parts has an answer (a `*` in a key matches any characters)."""

    missing: DraftKey | list[DraftKey]


class NotSmart(_Strict):
    """True when a goal lacks a number, a unit, a target group or a date."""

    not_smart: DraftKey


class ErGoal(_Strict):
    """True for an "ER-goal": more, less, better … with no number to say how much."""

    er_goal: DraftKey


class Matches(_Strict):
    """True when the answer's text contains the pattern (case does not matter)."""

    key: DraftKey
    matches: str


class Lacks(_Strict):
    """True when the part is answered but its text does not contain the pattern."""

    key: DraftKey
    lacks: str


class FewerThan(_Strict):
    """True when a list has fewer items than `fewer_than` (no answer counts as none)."""

    key: DraftKey
    fewer_than: int = Field(ge=1)


class Points(_Strict):
    """True when an allocation gives `option` at least `min` (and at most `max`) points."""

    key: DraftKey
    option: str
    min: int | None = None
    max: int | None = None


class EvidenceGap(_Strict):
    """True when an accepted intervention has no known evidence while better supported ones fit."""

    evidence_gap: Literal[True]


class TargetMismatch(_Strict):
    """True when none of the accepted interventions is for the target groups named in `key`."""

    target_mismatch: DraftKey


class AllOf(_Strict):
    all: list[Check] = Field(min_length=1)


class AnyOf(_Strict):
    any: list[Check] = Field(min_length=1)


class NoneOf(_Strict):
    not_: Check = Field(alias="not")


_KINDS = {
    "missing": Missing,
    "not_smart": NotSmart,
    "er_goal": ErGoal,
    "matches": Matches,
    "lacks": Lacks,
    "fewer_than": FewerThan,
    "option": Points,
    "evidence_gap": EvidenceGap,
    "target_mismatch": TargetMismatch,
    "all": AllOf,
    "any": AnyOf,
    "not": NoneOf,
}


def _check_kind(data: Any) -> str:
    if isinstance(data, dict):
        return next((kind for kind in _KINDS if kind in data), "missing")
    return next((kind for kind, model in _KINDS.items() if isinstance(data, model)), "missing")


Check = Annotated[
    Annotated[Missing, Tag("missing")]
    | Annotated[NotSmart, Tag("not_smart")]
    | Annotated[ErGoal, Tag("er_goal")]
    | Annotated[Matches, Tag("matches")]
    | Annotated[Lacks, Tag("lacks")]
    | Annotated[FewerThan, Tag("fewer_than")]
    | Annotated[Points, Tag("option")]
    | Annotated[EvidenceGap, Tag("evidence_gap")]
    | Annotated[TargetMismatch, Tag("target_mismatch")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NoneOf, Tag("not")],
    Discriminator(_check_kind),
]


class Rule(_Strict):
    """One thing auditors look for; a finding is raised when `when` holds."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    title: Annotated[str, Field(min_length=1)]
    severity: Severity
    when: Check
    message: Annotated[str, Field(min_length=1)]
    fix: Annotated[str, Field(min_length=1)]
    example: str | None = None
    concerns: DraftKey | None = Field(
        None, description="Het deel van het concept waar de bevinding over gaat."
    )
    source: SourceRef


class RuleBook(_Strict):
    rules: list[Rule] = Field(min_length=1)


for _model in (AllOf, AnyOf, NoneOf):
    _model.model_rebuild()


def load_rules(path: Path) -> RuleBook:
    document = read_document(path)
    return validate(RuleBook, document.data, document.position)


@dataclass(frozen=True)
class Case:
    """What a review looks at: the draft's answers by key, and the accepted interventions."""

    values: Mapping[str, AnswerValue]
    steps: Mapping[str, str]
    keys: frozenset[str]
    accepted: Sequence[str]
    knowledge: KnowledgeBase | None
    query: Query

    @classmethod
    def from_draft(
        cls, draft: Draft, accepted: Sequence[str], knowledge: KnowledgeBase | None, query: Query
    ) -> Case:
        values = {
            f"{section.id}.{item.key}": item.value for section in draft.sections for item in section.items
        }
        steps = {key: step_id for step_id, key in draft.keys.items()}
        return cls(values, steps, frozenset(steps), accepted, knowledge, query)

    def matching(self, pattern: str) -> tuple[str, ...]:
        return _matching(self.keys, pattern)


@lru_cache(maxsize=1024)
def _matching(keys: frozenset[str], pattern: str) -> tuple[str, ...]:
    """The keys `pattern` matches. A flow's keys are the same after every answer, so this is worked
    out once per rule and flow, not once per rule and answer (the review ran over every key each time)."""
    if not any(char in pattern for char in "*?["):
        return (pattern,) if pattern in keys else ()
    return tuple(key for key in keys if fnmatchcase(key, pattern))


def review(rules: RuleBook, case: Case) -> list[Finding]:
    """The findings for a case, most serious first; rules about parts the flow lacks are skipped."""
    findings: list[Finding] = []
    for rule in rules.rules:
        if not all(case.matching(key) for key in referenced_keys(rule.when)):
            continue
        holds, detail = _evaluate(rule.when, case)
        if holds:
            source = (
                f"{rule.source.document}, {rule.source.section}"
                if rule.source.section
                else rule.source.document
            )
            step_id = case.steps.get(rule.concerns) if rule.concerns else None
            findings.append(
                Finding(
                    rule.id,
                    rule.severity,
                    rule.title,
                    rule.message.replace("{detail}", detail),
                    rule.fix,
                    rule.example,
                    source,
                    rule.concerns,
                    step_id,
                )
            )
    return sorted(findings, key=lambda finding: SEVERITIES.index(finding.severity))


def referenced_keys(check: Check) -> Iterator[str]:
    """The draft keys a check reads."""
    if isinstance(check, Missing):
        yield from [check.missing] if isinstance(check.missing, str) else check.missing
    elif isinstance(check, NotSmart):
        yield check.not_smart
    elif isinstance(check, ErGoal):
        yield check.er_goal
    elif isinstance(check, TargetMismatch):
        yield check.target_mismatch
    elif isinstance(check, Matches | Lacks | FewerThan | Points):
        yield check.key
    elif isinstance(check, AllOf | AnyOf):
        for part in check.all if isinstance(check, AllOf) else check.any:
            yield from referenced_keys(part)
    elif isinstance(check, NoneOf):
        yield from referenced_keys(check.not_)


def _evaluate(check: Check, case: Case) -> tuple[bool, str]:
    if isinstance(check, AllOf):
        results = [_evaluate(part, case) for part in check.all]
        return all(holds for holds, _ in results), "; ".join(detail for holds, detail in results if detail)
    if isinstance(check, AnyOf):
        results = [_evaluate(part, case) for part in check.any]
        return any(holds for holds, _ in results), "; ".join(
            detail for holds, detail in results if holds and detail
        )
    if isinstance(check, NoneOf):
        holds, _ = _evaluate(check.not_, case)
        return not holds, ""
    if isinstance(check, Missing):
        keys = [check.missing] if isinstance(check.missing, str) else check.missing
        answered = [
            key for pattern in keys for key in case.matching(pattern) if not is_empty(case.values.get(key))
        ]
        return not answered, ""
    if isinstance(check, NotSmart):
        text = _text(case.values.get(check.not_smart))
        if not text:
            return False, ""
        lacking = smart_gaps(text, case.knowledge)
        return bool(lacking), ", ".join(lacking)
    if isinstance(check, ErGoal):
        return is_er_goal(_text(case.values.get(check.er_goal))), ""
    if isinstance(check, Matches):
        text = _text(case.values.get(check.key))
        return bool(text) and re.search(check.matches, text, re.IGNORECASE) is not None, ""
    if isinstance(check, Lacks):
        text = _text(case.values.get(check.key))
        return bool(text) and re.search(check.lacks, text, re.IGNORECASE) is None, ""
    if isinstance(check, FewerThan):
        value = case.values.get(check.key)
        count = len(value) if isinstance(value, list) else 0
        return count < check.fewer_than, ""
    if isinstance(check, Points):
        value = case.values.get(check.key)
        if not isinstance(value, dict):
            return False, ""
        points = value.get(check.option, 0)
        return (check.min is None or points >= check.min) and (check.max is None or points <= check.max), ""
    if isinstance(check, EvidenceGap):
        return _evidence_gap(case)
    return _target_mismatch(check, case)


_NUMBER = re.compile(r"\d")
_DATE = re.compile(
    r"\b(19|20)\d\d\b|\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b"
    r"|\bq[1-4]\b|\bper (jaar|maand|kwartaal|schooljaar)\b|\bbinnen \w+ (jaar|maanden)\b",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"%|\bprocent|\bprocentpunt|\baantal\b|\bpunt(en)?\b|\b\d+\s*(x|keer|uur|kinderen|huishoudens|"
    r"jongeren|ouders|leerlingen|inwoners|deelnemers|gezinnen|peuters|mensen)\b",
    re.IGNORECASE,
)
_GROUP_WORDS = (
    "kinderen",
    "kind",
    "jongeren",
    "jeugd",
    "ouders",
    "gezinnen",
    "huishoudens",
    "inwoners",
    "bewoners",
    "leerlingen",
    "peuters",
    "scholieren",
    "studenten",
    "statushouders",
    "nieuwkomers",
    "vrouwen",
    "mannen",
    "ouderen",
    "deelnemers",
    "mensen",
    "minima",
    "werkzoekenden",
    "zwangeren",
)
_ER_WORDS = re.compile(
    r"\b(meer|minder|beter|eerder|vaker|hoger|lager|groter|kleiner|sneller|sterker|klantgerichter|"
    r"verbeter\w*|verhog\w*|verlag\w*|vergrot\w*|verklein\w*|versterk\w*|bevorder\w*|stimuler\w*)\b",
    re.IGNORECASE,
)


def smart_gaps(text: str, knowledge: KnowledgeBase | None) -> list[str]:
    """What a goal still lacks to be SMART-ish: a number, a unit, a target group, a date."""
    gaps: list[str] = []
    if not _NUMBER.search(text):
        gaps.append(t("review.gap.number"))
    if not _UNIT.search(text):
        gaps.append(t("review.gap.unit"))
    if not _names_a_group(text, knowledge):
        gaps.append(t("review.gap.group"))
    if not _DATE.search(text):
        gaps.append(t("review.gap.date"))
    return gaps


def is_er_goal(text: str) -> bool:
    """More, less, better … without a single number: a direction, not a goal."""
    return bool(text) and _ER_WORDS.search(text) is not None and not _NUMBER.search(text)


def _names_a_group(text: str, knowledge: KnowledgeBase | None) -> bool:
    lowered = text.lower()
    words: list[str] = list(_GROUP_WORDS)
    if knowledge is not None:
        for term in knowledge.vocabulary.wie:
            words += [word.lower() for word in term.synonyms]
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)


def _evidence_gap(case: Case) -> tuple[bool, str]:
    knowledge = case.knowledge
    if knowledge is None or not case.accepted:
        return False, ""
    ranks = {level.id: level.rank for level in knowledge.vocabulary.evidence}
    weak = [
        knowledge.by_id[key]
        for key in case.accepted
        if key in knowledge.by_id and ranks.get(knowledge.by_id[key].evidence.level, 0) == 0
    ]
    if not weak:
        return False, ""
    better = [
        suggestion.item.name
        for suggestion in knowledge.matcher.search(case.query, limit=5, exclude=case.accepted)
        if isinstance(suggestion.item, Intervention) and ranks.get(suggestion.item.evidence.level, 0) >= 3
    ]
    if not better:
        return False, ""
    return True, t(
        "review.detail.evidence", weak=", ".join(item.name for item in weak), better=", ".join(better[:3])
    )


def _target_mismatch(check: TargetMismatch, case: Case) -> tuple[bool, str]:
    knowledge = case.knowledge
    wanted = case.values.get(check.target_mismatch)
    if knowledge is None or not case.accepted or not isinstance(wanted, list) or not wanted:
        return False, ""
    accepted = [knowledge.by_id[key] for key in case.accepted if key in knowledge.by_id]
    offered = {group for item in accepted for group in item.wie}
    if not accepted or offered & set(wanted):
        return False, ""
    return True, t(
        "review.detail.groups", wanted=", ".join(wanted), offered=", ".join(sorted(offered)) or "—"
    )


def _text(value: AnswerValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)
