"""Which review rules a flow can never trigger, and which draft keys the rules name that no flow has.

A rule that can never fire is a check the officer believes is made but is not: `missing` on a
question every route asks and requires, `fewer_than` below a list's minimum, or a rule that names
some parts the flow has and some it lacks. `kb validate` reports these to whoever writes the rules,
at the rule; a key no flow has at all is an error in the rule file. `flows validate` tells the
flow's author only what the flow can fix, at the step: a draft key (or info step) that looks like a
misspelt or renamed one a rule reads (`draft.misspelt`, from `rule_reads`). A flow that simply
lacks the parts a rule reads is fine.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from pathlib import Path

from kansencoach.core.common.problems import Problem, did_you_mean
from kansencoach.core.common.yamlsource import read_document
from kansencoach.core.draft.keys import question_keys
from kansencoach.core.draft.review.evaluate import (
    matching_keys,
    referenced_keys,
    referenced_warnings,
)
from kansencoach.core.draft.review.references import draft_key_places
from kansencoach.core.draft.review.rules import (
    AllOf,
    AnyOf,
    Check,
    FewerThan,
    Missing,
    RuleBook,
)
from kansencoach.core.flows.control import always_passed
from kansencoach.core.flows.models import Flow, InfoStep, ListStep, QuestionStep
from kansencoach.i18n import t


def flow_warnings(rules: RuleBook, rules_path: Path, flow: Flow) -> list[Problem]:
    """The rules that can never fire in `flow`, each pointing at the rule in the rule file."""
    document = read_document(rules_path)
    keys = question_keys(flow)
    names = frozenset(keys)
    infos = {step.id for step in flow.steps if isinstance(step, InfoStep)}
    always = _always_asked(flow)
    problems: list[Problem] = []
    for index, rule in enumerate(rules.rules):
        patterns = list(referenced_keys(rule.when))
        present = [pattern for pattern in patterns if matching_keys(names, pattern)]
        if not present:
            continue
        position = document.position(("rules", index, "id"))
        absent = [pattern for pattern in dict.fromkeys(patterns) if pattern not in present]
        absent += [warning for warning in referenced_warnings(rule.when) if warning not in infos]
        if absent:
            message = t("review.reach.partly", rule=rule.id, flow=flow.id, keys=", ".join(absent))
            problems.append(Problem(position, message, t("review.reach.partly_hint")))
            continue
        blocked = _impossible(rule.when, keys, always)
        if blocked is not None:
            step = keys[blocked]
            message = t("review.reach.never", rule=rule.id, flow=flow.id, step=step.id)
            problems.append(Problem(position, message, t("review.reach.never_hint")))
    return problems


def rule_reads(rules: RuleBook) -> dict[str, list[str]]:
    """What the rules read, as plain data for `draft.misspelt.near_misses`: each draft key (or
    pattern) and info step id some rule reads, with the titles of the rules that read it."""
    titles: dict[str, list[str]] = {}
    for rule in rules.rules:
        for wanted in dict.fromkeys([*referenced_keys(rule.when), *referenced_warnings(rule.when)]):
            titles.setdefault(wanted, []).append(rule.title)
    return titles


def unknown_keys(rules_path: Path, flows: Iterable[Flow]) -> list[Problem]:
    """Errors for draft keys in the rule file that no flow has, with a near miss where there is one."""
    known = frozenset(key for flow in flows for key in question_keys(flow))
    document = read_document(rules_path)
    problems: list[Problem] = []
    for key, loc in draft_key_places(document):
        if not matching_keys(known, key):
            hint = did_you_mean(key, known, t("review.reach.unknown_key_hint"))
            problems.append(Problem(document.position(loc), t("review.reach.unknown_key", key=key), hint))
    return problems


def _impossible(check: Check, keys: dict[str, QuestionStep], always: set[str]) -> str | None:
    """The draft key whose question makes `check` impossible, or None if it can hold."""
    if isinstance(check, AllOf):
        return next((key for part in check.all if (key := _impossible(part, keys, always))), None)
    if isinstance(check, AnyOf):
        blocked = [_impossible(part, keys, always) for part in check.any]
        return blocked[0] if all(blocked) else None
    if isinstance(check, Missing):
        patterns = [check.missing] if isinstance(check.missing, str) else check.missing
        matched = [key for pattern in patterns for key in keys if fnmatchcase(key, pattern)]
        if matched and all(keys[key].required and keys[key].id in always for key in matched):
            return matched[0]
    if isinstance(check, FewerThan) and check.except_ is None and check.key in keys:
        step = keys[check.key]
        if (
            isinstance(step, ListStep)
            and step.required
            and step.id in always
            and step.min_items >= check.fewer_than
        ):
            return check.key
    return None


def _always_asked(flow: Flow) -> set[str]:
    """The steps on every route: no condition of their own, and no way to the end around them."""
    passed = always_passed(flow.steps)
    return {step.id for index, step in enumerate(flow.steps) if step.when is None and index in passed}
