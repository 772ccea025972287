"""What the aanjaagteam sees across proposals: one row each, and the patterns between them.

A row holds what an auditor would look at first: the domain, the mix of perspectives, whether the
goal is SMART, the blocking findings and the chosen interventions. Across rows: how the
perspectives are spread (is everything C?), which findings recur (the audit's patterns, live), and
which interventions are used with what evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kansencoach.core.draft.review import RuleBook
from kansencoach.core.draft.review.evaluate import children
from kansencoach.core.draft.review.rules import Check, NotSmart
from kansencoach.core.flows.models import AllocateStep, InfoStep
from kansencoach.core.flows.steptypes import answer_line
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.sessions.session import Session

PERSPECTIVES = ("A", "B", "C")


@dataclass(frozen=True)
class Row:
    """One proposal as the portfolio shows it."""

    title: str
    domain: str
    mix: dict[str, int]
    """Points per perspective (A, B, C) out of the allocation's total; empty when not answered."""
    smart: bool | None
    """Whether the goal is SMART; None for a flow that asks no goal the review can check."""
    blocking: tuple[str, ...]
    """Titles of the blocking findings."""
    findings: tuple[str, ...]
    """Titles of all findings, blocking or not."""
    interventions: tuple[tuple[str, str], ...]
    """Name and evidence label of each accepted intervention."""


@dataclass(frozen=True)
class Portfolio:
    rows: tuple[Row, ...]
    mean_mix: dict[str, float]
    one_sided: int
    """How many proposals give one perspective at least `one_sided_share` of the points."""
    one_sided_share: int
    recurring: tuple[tuple[str, int], ...]
    """Finding titles with the number of proposals that have them, most frequent first."""
    interventions: tuple[tuple[str, str, int], ...]
    """Intervention name, evidence label and how many proposals use it, most used first."""


def row_of(session: Session, knowledge: KnowledgeBase, rules: RuleBook | None) -> Row:
    """The portfolio row of one session, from its draft and review."""
    draft = session.draft(knowledge, rules)
    findings = draft.findings or ()
    goal_keys = {key for rule in rules.rules for key in _smart_goals(rule.when)} if rules else set()
    goal_rules = {rule.id for rule in rules.rules if rule.concerns in goal_keys} if rules else set()
    has_goal = bool(goal_keys & set(draft.keys.values()))
    return Row(
        title=session.info.title,
        domain=_domain(session),
        mix=_mix(session),
        smart=not any(finding.rule_id in goal_rules for finding in findings) if has_goal else None,
        blocking=tuple(f.title for f in findings if f.severity == "blokkerend"),
        findings=tuple(f.title for f in findings),
        interventions=tuple((item.name, item.evidence) for item in draft.accepted),
    )


def _smart_goals(check: Check) -> Iterator[str]:
    """The draft keys whose goal `check` tests for SMART, wherever in its all/any/not it stands."""
    if isinstance(check, NotSmart):
        yield check.not_smart
    for part in children(check):
        yield from _smart_goals(part)


def summarise(rows: Sequence[Row], one_sided_share: int = 70) -> Portfolio:
    """The patterns across `rows`."""
    mixed = [row.mix for row in rows if row.mix]
    mean = {p: sum(mix.get(p, 0) for mix in mixed) / len(mixed) if mixed else 0.0 for p in PERSPECTIVES}
    one_sided = sum(1 for mix in mixed if max(shares(mix).values(), default=0) >= one_sided_share)
    recurring = Counter(title for row in rows for title in set(row.findings))
    used: Counter[tuple[str, str]] = Counter(pair for row in rows for pair in set(row.interventions))
    return Portfolio(
        rows=tuple(rows),
        mean_mix=mean,
        one_sided=one_sided,
        one_sided_share=one_sided_share,
        recurring=tuple(sorted(recurring.items(), key=lambda item: (-item[1], item[0]))),
        interventions=tuple(
            (name, evidence, count)
            for (name, evidence), count in sorted(used.items(), key=lambda item: (-item[1], item[0]))
        ),
    )


def shares(mix: dict[str, int]) -> dict[str, int]:
    """The mix in whole percentages of its total, in the order A, B, C."""
    total = sum(mix.values())
    return {p: round(100 * mix.get(p, 0) / total) if total else 0 for p in PERSPECTIVES}


def _domain(session: Session) -> str:
    for step in session.loaded.flow.steps:
        if isinstance(step, InfoStep) or step.facet != "domain":
            continue
        value = session.answers.get(step.id)
        return "" if value is None else answer_line(step, value)
    return ""


def _mix(session: Session) -> dict[str, int]:
    for step in session.loaded.flow.steps:
        if isinstance(step, AllocateStep) and step.facet == "perspective":
            value = session.answers.get(step.id)
            if isinstance(value, dict):
                return {key[:1].upper(): points for key, points in value.items()}
    return {}
