"""What the review finds: a finding names its rule, how serious it is, and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kansencoach.i18n import t

Severity = Literal["blokkerend", "aandacht", "tip"]
SEVERITIES: tuple[Severity, ...] = ("blokkerend", "aandacht", "tip")


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    title: str
    message: str
    fix: str
    example: str | None
    source: str
    concerns: str | None
    step_id: str | None


@dataclass(frozen=True)
class Coverage:
    """How many review rules a draft was checked against (`checked`), of all there are (`total`).

    A rule is checked only when the draft's flow has every part it reads, so a short flow is checked
    against a few rules; an empty review must say so, not that the draft meets every criterion.
    """

    checked: int
    total: int


def all_clear(coverage: Coverage | None) -> str:
    """What a review without findings says, everywhere it is shown: never more than was checked
    (None: there were no rules to check against)."""
    if coverage is None or coverage.total == 0:
        return t("review.none.no_rules")
    if coverage.checked == 0:
        return t("review.none.nothing_checked", total=coverage.total)
    if coverage.checked == coverage.total:
        return t("review.none", count=coverage.total)
    others = coverage.total - coverage.checked
    checked = t("review.none.partly", count=coverage.checked)
    return f"{checked} {t('review.none.unchecked', count=others, total=coverage.total)}"


def review_summary(findings: Sequence[Finding], coverage: Coverage | None) -> str:
    """What the review says once every question is answered, in the app and in plain mode alike:
    how many blocking and other points are still open, or `all_clear` when none is."""
    if not findings:
        return all_clear(coverage)
    blocking = sum(finding.severity == "blokkerend" for finding in findings)
    others = len(findings) - blocking
    if not blocking:
        return t("review.summary.attention", count=others)
    besides = t("review.summary.besides", count=others) if others else ""
    return t("review.summary.blocking", count=blocking, besides=besides)


def to_name_after_answer(
    findings: list[Finding], before: set[str], answered: set[str], told: set[str]
) -> list[Finding]:
    """The findings told below an answer, in the app and in plain mode alike: those about a
    question just answered (`answered`, step ids) and those whose rule had raised none
    (`before`, rule ids) until now. The live review shows a finding once its questions are
    passed, so it is named when it appears, and again when its own question is answered.
    A rule whose finding a coach's message on the path says in the flow's words (`told`, rule
    ids) is left to that message: the officer would read the same point twice in a row."""
    return [
        finding
        for finding in findings
        if finding.rule_id not in told and (finding.step_id in answered or finding.rule_id not in before)
    ]
