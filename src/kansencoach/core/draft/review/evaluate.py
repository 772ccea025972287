"""Applying the rules to a draft: which hold, and the finding each one raises.

A rule is applied to a flow only when the flow has every part it names. In the live review (while
the officer is still answering) a rule waits until every question it reads has been passed, so a
finding never runs ahead of the question that answers it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from kansencoach.core.draft.draft import Draft
from kansencoach.core.draft.findings import SEVERITIES, Coverage, Finding
from kansencoach.core.draft.keys import is_pattern
from kansencoach.core.draft.review import choices, text
from kansencoach.core.draft.review.rules import (
    AllOf,
    AnyOf,
    AtMost,
    Check,
    Equals,
    ErGoal,
    EvidenceGap,
    FewerThan,
    FlowWarning,
    IndicatorsOffGoal,
    Missing,
    NoneOf,
    NotSmart,
    Points,
    Rule,
    RuleBook,
    TargetDirection,
    TargetMismatch,
    TextTest,
)
from kansencoach.core.dutch.causal import shape
from kansencoach.core.dutch.dates import names_a_time
from kansencoach.core.dutch.numbers import format_amount
from kansencoach.core.flows.conditions import is_empty
from kansencoach.core.flows.engine import Route
from kansencoach.core.flows.models import AnswerValue
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Names for the annotations only: the base and its matcher bring rapidfuzz, which `flows validate`
    # (whose review has no knowledge base) never uses.
    from kansencoach.core.knowledge.base import KnowledgeBase
    from kansencoach.core.knowledge.fit import Query


@dataclass(frozen=True)
class Case:
    """What a review looks at: the draft's answers by key, the accepted interventions, the route.

    `passed` holds the draft keys whose question the officer has passed (None: all of them, the
    final review); `warnings` the flow's info steps that show on this route, `infos` all it could show.
    """

    values: Mapping[str, AnswerValue]
    steps: Mapping[str, str]
    keys: frozenset[str]
    accepted: Sequence[str]
    knowledge: KnowledgeBase | None
    query: Query
    warnings: Container[str] = frozenset()
    infos: Container[str] = frozenset()
    passed: Container[str] | None = None

    @classmethod
    def from_draft(
        cls,
        draft: Draft,
        accepted: Sequence[str],
        knowledge: KnowledgeBase | None,
        query: Query,
        route: Route | None = None,
        passed_steps: Container[str] | None = None,
    ) -> Case:
        """The case of a draft; `passed_steps` are the ids of the questions the officer has passed.

        Looked up as the rules ask, never listed whole, so a review costs what its rules read.
        """
        values = {
            f"{section.id}.{item.key}": item.value for section in draft.sections for item in section.items
        }
        steps = draft.keys.steps
        shown: Container[str] = _Infos(route, skipped_too=False) if route else frozenset()
        infos: Container[str] = _Infos(route, skipped_too=True) if route else frozenset()
        passed = None if passed_steps is None else _PassedKeys(steps, passed_steps)
        return cls(values, steps, draft.keys.names, accepted, knowledge, query, shown, infos, passed)

    def matching(self, pattern: str) -> tuple[str, ...]:
        return matching_keys(self.keys, pattern)


@lru_cache(maxsize=1024)
def matching_keys(keys: frozenset[str], pattern: str) -> tuple[str, ...]:
    """The keys `pattern` (a draft key, perhaps with wildcards) matches, in order; a plain key is
    looked up, not matched against every key. A flow's keys are the same after every answer, so this
    is worked out once per rule and flow, not once per rule and answer over every key."""
    if not is_pattern(pattern):
        return (pattern,) if pattern in keys else ()
    return tuple(sorted(key for key in keys if fnmatchcase(key, pattern)))


class _Infos(Container[str]):
    """The info steps a route shows (or, `skipped_too`, walks past as well)."""

    def __init__(self, route: Route, skipped_too: bool) -> None:
        self.route = route
        self.skipped_too = skipped_too

    def __contains__(self, step_id: object) -> bool:
        return isinstance(step_id, str) and self.route.shows_info(step_id, self.skipped_too)


class _PassedKeys(Container[str]):
    """The draft keys whose question the officer has passed."""

    def __init__(self, steps: Mapping[str, str], passed_steps: Container[str]) -> None:
        self.steps = steps
        self.passed_steps = passed_steps

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.steps and self.steps[key] in self.passed_steps


def review(rules: RuleBook, case: Case) -> list[Finding]:
    """The findings for a case, most serious first; rules about parts the flow lacks are skipped."""
    return reviewed(rules, case)[0]


def coverage(rules: RuleBook, case: Case) -> Coverage:
    """How many of the rules apply to the case's flow (and so were checked), of all the rules."""
    return Coverage(sum(applies(rule, case) for rule in rules.rules), len(rules.rules))


def reviewed(rules: RuleBook, case: Case) -> tuple[list[Finding], Coverage]:
    """`review` and `coverage` of a case at once, each rule's parts looked up in the flow once."""
    applying = [rule for rule in rules.rules if applies(rule, case)]
    findings = [_finding(rule, case, detail) for rule, detail in _holding(rules, applying, case)]
    ordered = sorted(findings, key=lambda finding: SEVERITIES.index(finding.severity))
    return ordered, Coverage(len(applying), len(rules.rules))


def _holding(rules: RuleBook, applying: list[Rule], case: Case) -> Iterator[tuple[Rule, str]]:
    for rule in applying:
        if case.passed is not None:
            read = [key for pattern in referenced_keys(rule.when) for key in case.matching(pattern)]
            if not all(key in case.passed for key in read + ([rule.concerns] if rule.concerns else [])):
                continue
        holds, detail = _Evaluator(rules, case).evaluate(rule.when)
        if holds:
            yield rule, detail


def applies(rule: Rule, case: Case) -> bool:
    """True when the flow has every part and warning the rule reads."""
    return all(case.matching(key) for key in referenced_keys(rule.when)) and all(
        warning in case.infos for warning in referenced_warnings(rule.when)
    )


def _finding(rule: Rule, case: Case, detail: str) -> Finding:
    source = f"{rule.source.document}, {rule.source.section}" if rule.source.section else rule.source.document
    step_id = case.steps.get(rule.concerns) if rule.concerns else None
    message = rule.message.replace("{detail}", detail)
    return Finding(
        rule.id, rule.severity, rule.title, message, rule.fix, rule.example, source, rule.concerns, step_id
    )


def children(check: Check) -> list[Check]:
    """The checks inside all/any/not."""
    if isinstance(check, AllOf):
        return list(check.all)
    if isinstance(check, AnyOf):
        return list(check.any)
    if isinstance(check, NoneOf):
        return [check.not_]
    return []


def referenced_keys(check: Check) -> Iterator[str]:
    """The draft keys (or key patterns) a check reads."""
    for child in children(check):
        yield from referenced_keys(child)
    if isinstance(check, Missing | TextTest):
        keys = check.missing if isinstance(check, Missing) else check.key
        yield from [keys] if isinstance(keys, str) else keys
    elif isinstance(check, NotSmart | ErGoal | TargetMismatch):
        yield (
            check.not_smart
            if isinstance(check, NotSmart)
            else (check.er_goal if isinstance(check, ErGoal) else check.target_mismatch)
        )
    elif isinstance(check, FewerThan | Points | AtMost | Equals):
        yield check.key
    elif isinstance(check, EvidenceGap) and isinstance(check.evidence_gap, str):
        yield check.evidence_gap
    elif isinstance(check, TargetDirection):
        yield from (
            check.target_direction.baseline,
            check.target_direction.target,
            check.target_direction.goal,
        )
    elif isinstance(check, IndicatorsOffGoal):
        yield from (check.indicators_off_goal.indicators, check.indicators_off_goal.goal)


def referenced_warnings(check: Check) -> Iterator[str]:
    """The flow warnings (info steps) a check reads."""
    for child in children(check):
        yield from referenced_warnings(child)
    if isinstance(check, FlowWarning):
        yield check.warning


def items(value: AnswerValue) -> list[str]:
    """An answer as the texts the review reads: a list's items, or the one text."""
    if isinstance(value, list):
        return [str(item) for item in value if str(item).strip()]
    if value is None or isinstance(value, dict):
        return []
    written = str(value)
    return [written] if written.strip() else []


class _Evaluator:
    def __init__(self, rules: RuleBook, case: Case) -> None:
        self.rules = rules
        self.case = case
        self.lists = rules.words.lists

    def evaluate(self, check: Check) -> tuple[bool, str]:
        if isinstance(check, AllOf | AnyOf):
            results = [self.evaluate(part) for part in children(check)]
            verdict = all if isinstance(check, AllOf) else any
            return verdict(holds for holds, _ in results), "; ".join(d for holds, d in results if holds and d)
        if isinstance(check, NoneOf):
            return not self.evaluate(check.not_)[0], ""
        if isinstance(check, NotSmart):
            goal = self._text(check.not_smart)
            amounts = self.lists[check.amounts] if check.amounts else ()
            group_words = self._group_words(check.groups, check.situations)
            gaps = text.smart_gaps(goal, group_words, amounts) if goal else []
            return bool(gaps), ", ".join(gaps)
        case = self.case
        if isinstance(check, EvidenceGap):
            groups = case.values.get(check.evidence_gap) if isinstance(check.evidence_gap, str) else None
            return choices.evidence_gap(case.knowledge, case.accepted, case.query, groups)
        if isinstance(check, TargetMismatch):
            wanted = case.values.get(check.target_mismatch)
            return choices.target_mismatch(case.knowledge, case.accepted, wanted)
        if isinstance(check, TargetDirection):
            return self._wrong_direction(check)
        return self._simple(check), ""

    def _simple(self, check: Check) -> bool:
        case = self.case
        if isinstance(check, Missing):
            keys = [check.missing] if isinstance(check.missing, str) else check.missing
            return all(is_empty(case.values.get(key)) for pattern in keys for key in case.matching(pattern))
        if isinstance(check, ErGoal):
            amounts = self.lists[check.amounts] if check.amounts else ()
            return text.is_er_goal(self._text(check.er_goal), self.lists[check.words], amounts)
        if isinstance(check, FewerThan):
            kept = [
                item for item in items(case.values.get(check.key)) if not self._mentions(item, check.except_)
            ]
            return len(kept) < check.fewer_than
        if isinstance(check, Points):
            value = case.values.get(check.key)
            points = value.get(check.option, 0) if isinstance(value, dict) else None
            return (
                points is not None
                and (check.min is None or points >= check.min)
                and (check.max is None or points <= check.max)
            )
        if isinstance(check, AtMost):
            value = case.values.get(check.key)
            number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
            return number is not None and number <= self.rules.threshold(check.at_most)
        if isinstance(check, Equals):
            return case.values.get(check.key) == check.equals
        if isinstance(check, FlowWarning):
            return check.warning in case.warnings
        if isinstance(check, IndicatorsOffGoal):
            return self._off_goal(check)
        if isinstance(check, TextTest):
            texts = [item for key in self._keys(check.key) for item in items(case.values.get(key))]
            results = [self._text_test(check, item) for item in texts]
            return bool(results) and (all(results) if check.items == "all" else any(results))
        return False

    def _text_test(self, check: TextTest, item: str) -> bool:
        if check.mentions is not None:
            return self._mentions(item, check.mentions)
        if check.only is not None:
            hedges = self.lists[check.hedges] if check.hedges else ()
            return text.only(item, self.lists[check.only], hedges)
        if check.shorter_than is not None:
            return text.word_count(item) < self.rules.threshold(check.shorter_than)
        if check.matches is not None:
            return _search(check.matches, item)
        if check.lacks is not None:
            return not _search(check.lacks, item)
        if check.no_quantity:
            amounts = self.lists[check.amounts] if check.amounts else ()
            return not text.quantities(item) and not text.mentions(item, amounts)
        if check.no_time:
            return not names_a_time(item)
        theory = shape(item)
        return not theory.if_then if check.no_if_then else theory.if_then and not theory.mechanism

    def _mentions(self, item: str, list_name: str | None) -> bool:
        return list_name is not None and text.mentions(item, self.lists[list_name])

    def _keys(self, keys: str | list[str]) -> list[str]:
        return [
            key
            for pattern in ([keys] if isinstance(keys, str) else keys)
            for key in self.case.matching(pattern)
        ]

    def _text(self, key: str) -> str:
        return "\n".join(items(self.case.values.get(key)))

    def _group_words(self, list_name: str, situations: str | None) -> set[str]:
        """The words that name a target group: the list's, and the vocabulary's WIE synonyms except
        those in `situations`, which name what people face (schulden), not who they are."""
        group_words = set(self.lists[list_name])
        if self.case.knowledge is not None:
            not_people = set(self.lists[situations]) if situations else set()
            for term in self.case.knowledge.vocabulary.wie:
                group_words.update(word.lower() for word in term.synonyms if word.lower() not in not_people)
        return group_words

    def _wrong_direction(self, check: TargetDirection) -> tuple[bool, str]:
        """Whether the target lies on the wrong side of the baseline, and which way it is wrong."""
        parts = check.target_direction
        baseline, target = self.case.values.get(parts.baseline), self.case.values.get(parts.target)
        if not isinstance(baseline, int | float) or not isinstance(target, int | float):
            return False, ""
        falls = self.lists[parts.falls] if parts.falls is not None else ()
        goal = self._text(parts.goal)
        shown = {"target": format_amount(target), "baseline": format_amount(baseline)}
        side = text.wrong_side(baseline, target, goal, self.lists[parts.down], falls)
        if side is not None:
            return True, t(f"review.detail.direction.{side}", **shown)
        amounts = self.lists[parts.amounts] if parts.amounts is not None else ()
        shares = text.goal_shares_missing(goal, baseline, target, amounts)
        if not shares:
            return False, ""
        named = ", ".join(format_amount(number.value, number.unit) for number in shares)
        return True, t("review.detail.direction.other", goal=named, **shown)

    def _off_goal(self, check: IndicatorsOffGoal) -> bool:
        parts = check.indicators_off_goal
        goal = self._text(parts.goal)
        outcome = [
            item
            for item in items(self.case.values.get(parts.indicators))
            if not any(self._mentions(item, list_name) for list_name in parts.skip)
        ]
        ignore = self.lists[parts.ignore]
        knowledge = self.case.knowledge
        empty = knowledge.empty_words if knowledge else frozenset()
        return bool(goal and outcome) and not any(
            text.share_a_term(item, goal, ignore, empty) for item in outcome
        )


def _search(pattern: str, item: str) -> bool:
    return re.search(pattern, item, re.IGNORECASE) is not None
