"""What changed between two versions of a flow, in Dutch, for colleagues who do not read YAML."""

from __future__ import annotations

from collections.abc import Sequence

from kansencoach.core.flows.conditions import describe
from kansencoach.core.flows.models import Condition, Flow, GotoRule, Option, Step
from kansencoach.i18n import t


def diff(old: Flow, new: Flow) -> list[str]:
    """One line per change, in the order a reviewer would read them; empty when nothing changed."""
    lines: list[str] = []
    if old.id != new.id:
        lines.append(t("diff.flow_id", old=old.id, new=new.id))
    if old.title != new.title:
        lines.append(t("diff.title", old=old.title, new=new.title))
    if old.version != new.version:
        lines.append(t("diff.version", old=old.version, new=new.version))
    lines += _sections(old, new)
    old_steps = {step.id: step for step in old.steps}
    new_steps = {step.id: step for step in new.steps}
    for step in new.steps:
        if step.id not in old_steps:
            lines.append(t("diff.step_added", id=step.id, type=step.type, after=_before(new, step.id)))
    for step in old.steps:
        if step.id not in new_steps:
            lines.append(t("diff.step_removed", id=step.id, type=step.type))
    lines += _moves(old, new)
    for step in new.steps:
        if step.id in old_steps:
            lines += _step_changes(old_steps[step.id], step, old.steps, new.steps)
    return lines


def _sections(old: Flow, new: Flow) -> list[str]:
    lines = []
    before = {section.id: section.title for section in old.sections}
    after = {section.id: section.title for section in new.sections}
    for key, title in after.items():
        if key not in before:
            lines.append(t("diff.section_added", id=key, title=title))
        elif before[key] != title:
            lines.append(t("diff.section_renamed", id=key, old=before[key], new=title))
    lines += [
        t("diff.section_removed", id=key, title=title) for key, title in before.items() if key not in after
    ]
    return lines


def _before(flow: Flow, step_id: str) -> str:
    ids = [step.id for step in flow.steps]
    index = ids.index(step_id)
    return ids[index - 1] if index else t("diff.at_start")


def _moves(old: Flow, new: Flow) -> list[str]:
    """Steps whose place among the common steps changed (those outside the longest kept order)."""
    common = {step.id for step in old.steps} & {step.id for step in new.steps}
    first = [step.id for step in old.steps if step.id in common]
    second = [step.id for step in new.steps if step.id in common]
    kept = set(_longest_common_order(first, second))
    return [t("diff.step_moved", id=key, after=_before(new, key)) for key in second if key not in kept]


def _longest_common_order(first: list[str], second: list[str]) -> list[str]:
    lengths = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            lengths[i + 1][j + 1] = lengths[i][j] + 1 if a == b else max(lengths[i][j + 1], lengths[i + 1][j])
    result: list[str] = []
    i, j = len(first), len(second)
    while i and j:
        if first[i - 1] == second[j - 1]:
            result.append(first[i - 1])
            i, j = i - 1, j - 1
        elif lengths[i - 1][j] >= lengths[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return result[::-1]


def _step_changes(old: Step, new: Step, old_steps: Sequence[Step], new_steps: Sequence[Step]) -> list[str]:
    lines: list[str] = []
    key = new.id
    if old.type != new.type:
        lines.append(t("diff.type", id=key, old=old.type, new=new.type))
    for name in ("ask", "say", "label", "draft", "required", "help"):
        before, after = getattr(old, name, None), getattr(new, name, None)
        if before != after:
            lines.append(t(f"diff.field.{name}", id=key, old=_short(before), new=_short(after)))
    if old.when != new.when:
        before, after = _condition(old.when, old_steps), _condition(new.when, new_steps)
        lines.append(t("diff.when", id=key, old=before, new=after))
    if old.goto != new.goto:
        lines.append(t("diff.goto", id=key, old=_goto(old.goto, old_steps), new=_goto(new.goto, new_steps)))
    lines += _options(key, getattr(old, "options", []), getattr(new, "options", []))
    return lines


def _options(key: str, old: list[Option], new: list[Option]) -> list[str]:
    lines = []
    before = {option.value: option.label for option in old}
    after = {option.value: option.label for option in new}
    for value, label in after.items():
        if value not in before:
            lines.append(t("diff.option_added", id=key, value=value, label=label))
        elif before[value] != label:
            lines.append(t("diff.option_renamed", id=key, value=value, old=before[value], new=label))
    lines += [t("diff.option_removed", id=key, value=value) for value in before if value not in after]
    return lines


def _condition(condition: Condition | None, steps: Sequence[Step]) -> str:
    return (
        describe(condition, {step.id: step for step in steps}) if condition is not None else t("diff.always")
    )


def _goto(goto: str | list[GotoRule] | None, steps: Sequence[Step]) -> str:
    if goto is None:
        return t("diff.next_step")
    if isinstance(goto, str):
        return goto
    return "; ".join(f"{_condition(rule.when, steps)} → {rule.to}" for rule in goto)


def _short(value: object) -> str:
    text = " ".join(str(value).split()) if value is not None else "—"
    return text if len(text) <= 70 else text[:67] + "..."
