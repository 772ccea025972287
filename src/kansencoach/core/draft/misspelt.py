"""For a flow's author: draft keys and info step ids that look like misspellings of ones the
review rules read, so that those rules are never made in this flow; and an info step's `finding`
that names no rule.

Works from what the rules read as plain data (`review.reach.rule_reads`), not from the rules:
`flows validate` keeps that listing in its cache and then needs neither the rules' models nor a
draft. The work is one pass over the flow's keys per wildcard the rules use, not per key they read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fnmatch import fnmatchcase

from kansencoach.core.common.problems import Position, Problem, did_you_mean, nearest
from kansencoach.core.common.yamlsource import Loc
from kansencoach.core.draft.keys import is_pattern, question_keys
from kansencoach.core.flows.models import Flow, InfoStep
from kansencoach.i18n import t


def near_misses(
    reads: Mapping[str, Sequence[str]], flow: Flow, positions: Mapping[str, Position]
) -> list[Problem]:
    """Each draft key or info step id of `flow` that looks like a misspelling of one the rules read:
    one warning per name read (`reads`: name → the titles of the rules that read it), at the step
    (`positions`, by step id)."""
    names = {key: ("draft", step.id) for key, step in question_keys(flow).items()}
    names |= {step.id: ("id", step.id) for step in flow.steps if isinstance(step, InfoStep)}
    patterns = [wanted for wanted in reads if is_pattern(wanted)]
    # A name some rule reads as it is written is no misspelling of another.
    free = [
        name
        for name in names
        if name not in reads and not any(fnmatchcase(name, pattern) for pattern in patterns)
    ]
    sections: dict[str, dict[str, str]] = {}
    for name in free:
        section, _, key = name.rpartition(".")
        sections.setdefault(section, {})[key] = name
    problems: list[Problem] = []
    for wanted, rule_titles in reads.items():
        near = None if wanted in names or is_pattern(wanted) else _misspelt_as(wanted, free, sections)
        if near is not None:
            field, step_id = names[near]
            message = t(
                "review.reach.near",
                field=field,
                name=near,
                wanted=wanted,
                flow=flow.id,
                rules="; ".join(rule_titles),
            )
            hint = t("review.reach.near_hint", field=field, wanted=wanted)
            problems.append(Problem(positions[step_id], message, hint))
    return sorted(problems, key=lambda problem: problem.position)


def _misspelt_as(wanted: str, free: list[str], sections: dict[str, dict[str, str]]) -> str | None:
    """The name in `free` that looks like `wanted` misspelt: for a draft key, a key in the same
    section (`sections`: the free names by section, then by key; the keys of a section all start
    with its name, which would make them look alike)."""
    section, dot, key = wanted.rpartition(".")
    if not dot:
        return nearest(wanted, free)
    keys = sections.get(section, {})
    near = nearest(key, keys)
    return None if near is None else keys[near]


def unknown_findings(
    rules: Mapping[str, Sequence[str]], flow: Flow, at: Callable[[Loc], Position]
) -> list[Problem]:
    """A problem at each `finding` of an info step that names no review rule (`rules`: id → title;
    `at`: where a field of the flow was written, `loader.Checked.at`): the chat would name that
    rule's finding beside the message after all, and the author would not know why."""
    return [
        Problem(
            at(("steps", index, "finding")),
            t("flows.unknown_finding", finding=step.finding),
            did_you_mean(step.finding, rules, t("flows.unknown_finding_hint")),
        )
        for index, step in enumerate(flow.steps)
        if isinstance(step, InfoStep) and step.finding is not None and step.finding not in rules
    ]
