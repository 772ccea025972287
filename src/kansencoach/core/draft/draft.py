"""The proposal draft: a pure projection of (flow, answers) onto the flow's sections.

The draft is what the officer is writing; it is rebuilt from scratch after every answer, so it can
never disagree with the log. A question on the current path without an answer shows up as an
open point in its section, so nothing that still needs thought is hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kansencoach.core.flows.conditions import describe, is_empty, step_label
from kansencoach.core.flows.engine import Engine, Route
from kansencoach.core.flows.models import AnswerValue, Flow, InfoStep
from kansencoach.core.flows.shown import Advice, Prose, Shown
from kansencoach.core.flows.steptypes import show
from kansencoach.core.knowledge.models import Accepted
from kansencoach.i18n import t

if TYPE_CHECKING:
    from kansencoach.core.draft.findings import Finding


ACCEPTED_SECTION = "inzet"
"""Where a flow puts what the municipality will do, and so the accepted interventions."""


@dataclass(frozen=True)
class DraftItem:
    """One answer in the draft: where it comes from, and how it reads."""

    key: str
    label: str
    step_id: str
    value: AnswerValue
    shown: Shown


@dataclass(frozen=True)
class OpenPoint:
    label: str
    step_id: str


@dataclass(frozen=True)
class DraftSection:
    id: str
    title: str
    intro: str | None
    items: tuple[DraftItem, ...]
    open_points: tuple[OpenPoint, ...]

    @property
    def is_open(self) -> bool:
        """Nothing answered in this section yet."""
        return not self.items


@dataclass(frozen=True)
class Provenance:
    """What a reader needs to know what was and was not asked."""

    flow_id: str
    version: int
    digest: str
    not_asked: tuple[tuple[str, str], ...]
    """(question, why it was not asked) for every question off the officer's path."""


@dataclass(frozen=True)
class Remark:
    """A comment on a question, as the draft and the export show it."""

    question: str
    author: str
    day: str
    text: str
    done: bool


@dataclass(frozen=True)
class Draft:
    title: str
    flow: Flow
    sections: tuple[DraftSection, ...]
    keys: Mapping[str, str] = field(default_factory=dict)
    """Step id → `section.key` for every step of the flow that writes to the draft."""
    accepted: tuple[Accepted, ...] = ()
    findings: tuple[Finding, ...] | None = None
    """The review's findings; None when the draft was not reviewed."""
    provenance: Provenance | None = None
    remarks: tuple[Remark, ...] = ()
    """Comments by the aanjaagteam or colleagues, per question."""

    @property
    def accepted_in(self) -> str:
        """The section that lists the accepted interventions: `inzet` when the flow has it, else the last."""
        ids = [section.id for section in self.sections]
        return ACCEPTED_SECTION if ACCEPTED_SECTION in ids else ids[-1]

    def item(self, key: str) -> DraftItem | None:
        """The item at `section.key`, for rules that read the draft."""
        section_id, _, item_key = key.partition(".")
        for section in self.sections:
            if section.id == section_id:
                return next((item for item in section.items if item.key == item_key), None)
        return None


def build_draft(
    flow: Flow,
    answers: Mapping[str, AnswerValue],
    title: str = "",
    route: Route | None = None,
    accepted: Sequence[Accepted] = (),
) -> Draft:
    """The draft for `answers`; only steps on the current path count."""
    route = route or Engine(flow.steps).route(answers)
    items: dict[str, list[DraftItem]] = {section.id: [] for section in flow.sections}
    open_points: dict[str, list[OpenPoint]] = {section.id: [] for section in flow.sections}
    for step in route.path:
        if step.draft is None:
            continue
        section_id, _, key = step.draft.partition(".")
        if isinstance(step, InfoStep):
            label = step.label or t("draft.advice")
            items[section_id].append(DraftItem(key or step.id, label, step.id, step.say, Advice(step.say)))
            continue
        label = step_label(step)
        value = answers.get(step.id)
        if step.id not in answers:
            open_points[section_id].append(OpenPoint(label, step.id))
        elif value == []:
            items[section_id].append(DraftItem(key or step.id, label, step.id, value, Prose(t("draft.none"))))
        elif not is_empty(value):
            items[section_id].append(DraftItem(key or step.id, label, step.id, value, show(step, value)))
    sections = tuple(
        DraftSection(s.id, s.title, s.intro, tuple(items[s.id]), tuple(open_points[s.id]))
        for s in flow.sections
    )
    keys = {step.id: _full_key(step.draft, step.id) for step in flow.steps if step.draft is not None}
    return Draft(title or flow.title, flow, sections, keys, tuple(accepted))


def _full_key(target: str, step_id: str) -> str:
    section, _, key = target.partition(".")
    return f"{section}.{key or step_id}"


def provenance(flow: Flow, route: Route, digest: str) -> Provenance:
    """Every question not on the path, with the condition that skipped it or the branch that passed it."""
    on_path = {step.id for step in route.path}
    skipped = {step.id: step for step in route.skipped}
    steps = {step.id: step for step in flow.steps}
    not_asked: list[tuple[str, str]] = []
    for step in flow.steps:
        if step.id in on_path or (isinstance(step, InfoStep) and step.draft is None):
            continue
        if step.id in skipped and step.when is not None:
            reason = t("provenance.condition", condition=describe(step.when, steps))
        else:
            reason = t("provenance.branch")
        not_asked.append((step_label(step), reason))
    return Provenance(flow.id, flow.version, digest, tuple(not_asked))
