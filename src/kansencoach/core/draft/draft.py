"""The proposal draft: a pure projection of (flow, answers) onto the flow's sections.

The draft is what the officer is writing; it is made anew from the answers after every answer
(`Drafter` keeps only what cannot have changed), so it can never disagree with the log. A question
on the current path without an answer shows up as an open point in its section, so nothing that
still needs thought is hidden.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from kansencoach.core.draft.keys import DraftKeys, draft_keys
from kansencoach.core.flows.conditions import describe, is_empty, step_label
from kansencoach.core.flows.engine import Engine, Route
from kansencoach.core.flows.models import AnswerValue, Flow, InfoStep, Section, Step
from kansencoach.core.flows.shown import Advice, Shown
from kansencoach.core.flows.steptypes import show
from kansencoach.core.knowledge.models import Accepted
from kansencoach.i18n import t

if TYPE_CHECKING:
    from kansencoach.core.draft.findings import Coverage, Finding


P = TypeVar("P")

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
    """A question the draft still needs an answer to, shown as an open point in its section."""

    label: str
    """How the draft names the question: its label, else its text."""
    step_id: str
    """The question's step, where the officer is taken to answer it."""


@dataclass(frozen=True)
class DraftSection:
    """One section of the proposal as it stands, in the order the flow gives."""

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
    keys: DraftKeys = field(default_factory=lambda: DraftKeys({}))
    """Step id → `section.key` for every step of the flow that writes to the draft."""
    accepted: tuple[Accepted, ...] = ()
    findings: tuple[Finding, ...] | None = None
    """The review's findings; None when the draft was not reviewed."""
    coverage: Coverage | None = None
    """How many review rules the draft was checked against; None when it was not reviewed."""
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


class Drafter:
    """Makes the drafts of one flow, keeping from one draft to the next what has not changed.

    What only the flow decides (where a step lands in the draft, its label, why it can be skipped)
    is worked out once, and an answer is shown anew only when it changed. A session keeps one
    drafter; `build_draft` uses a fresh one, and both give the same draft (a test compares them).
    """

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.keys = draft_keys(flow)
        self._targets = {
            step.id: (section, key or step.id, step_label(step))
            for step in flow.steps
            if step.draft is not None
            for section, _, key in [step.draft.partition(".")]
        }
        self._open = {
            step.id: OpenPoint(self._targets[step.id][2], step.id) for step in flow.steps if step.draft
        }
        self._items: dict[str, tuple[AnswerValue, DraftItem]] = {}
        """Step id → the answer last shown and its item."""
        self._reasons: dict[str, str] = {}
        self._sheet: _Sheet | None = None
        """The parts of the last draft, by section and place on the path."""
        self._steps = {step.id: step for step in flow.steps}
        self._not_asked: _NotAsked | None = None
        """What provenance said for the last route: on the same walk, only the steps asked or skipped
        anew change."""

    def draft(
        self,
        answers: Mapping[str, AnswerValue],
        title: str = "",
        route: Route | None = None,
        accepted: Sequence[Accepted] = (),
        changed: Iterable[str] | None = None,
    ) -> Draft:
        """The draft for `answers`; only steps on the current path count.

        `changed`, given by a session, names the answers that changed since the drafter's last draft:
        when the path is the same, only their parts are made again. None: every part is.
        """
        route = route or Engine(self.flow.steps).route(answers)
        sheet = self._sheet
        if changed is None or sheet is None or sheet.walk != route.walk:
            sheet = self._sheet = self._fresh_sheet(answers, route)
        else:
            # The same walk: only the steps whose answer changed or that were asked or skipped
            # anew (a condition that now holds, or no longer does) are made again.
            redo = set(changed)
            if sheet.asked != route.asked:
                redo.update(route.steps[route.walk[place]].id for place in _flipped(sheet.asked, route.asked))
                sheet.asked = route.asked
            for step_id in redo:
                self._redo(sheet, step_id, answers, route)
        sections = tuple(
            DraftSection(
                s.id, s.title, s.intro, tuple(sheet.items[s.id].parts), tuple(sheet.open[s.id].parts)
            )
            for s in self.flow.sections
        )
        return Draft(title or self.flow.title, self.flow, sections, self.keys, tuple(accepted))

    def _part(self, step: Step, answers: Mapping[str, AnswerValue]) -> DraftItem | OpenPoint | None:
        """What a step on the path puts in the draft: its item, an open point, or nothing."""
        if isinstance(step, InfoStep):
            return self._item(step, step.say)
        if step.id not in answers:
            return self._open[step.id]
        value = answers[step.id]
        return self._item(step, value) if not is_empty(value) or value == [] else None

    def _fresh_sheet(self, answers: Mapping[str, AnswerValue], route: Route) -> _Sheet:
        sheet = _Sheet(route.walk, route.asked, self.flow.sections)
        for place, index in enumerate(route.walk):
            step = route.steps[index]
            if route.asked[place] and step.id in self._targets:
                sheet.add(self._targets[step.id][0], place, self._part(step, answers))
        return sheet

    def _redo(self, sheet: _Sheet, step_id: str, answers: Mapping[str, AnswerValue], route: Route) -> None:
        """Make the part of one step again (the walk is the same); none when it is not asked now."""
        place = route.place(step_id)
        if step_id not in self._targets or place is None:
            return
        section_id = self._targets[step_id][0]
        sheet.items[section_id].remove(place)
        sheet.open[section_id].remove(place)
        if route.asked[place]:
            sheet.add(section_id, place, self._part(route.steps[route.index[step_id]], answers))

    def _item(self, step: Step, value: AnswerValue) -> DraftItem:
        """The draft item of an answer (an info step's text), made again only when the answer changed."""
        kept = self._items.get(step.id)
        if kept is not None and kept[0] is value:
            return kept[1]
        _, key, label = self._targets[step.id]
        if isinstance(step, InfoStep):
            item = DraftItem(key, step.label or t("draft.advice"), step.id, value, Advice(step.say))
        else:
            item = DraftItem(key, label, step.id, value, show(step, value))
        self._items[step.id] = (value, item)
        return item

    def provenance(self, route: Route, digest: str) -> Provenance:
        """Every question not on the path, with the condition that skipped it or the branch that passed it."""
        kept = self._not_asked
        if kept is None or kept.walk != route.walk:
            kept = self._not_asked = _NotAsked(route.walk, route.asked)
            for index, step in enumerate(self.flow.steps):
                if not route.contains(step.id):
                    kept.note(index, self._not_asked_entry(step, route))
        elif kept.asked != route.asked:
            for place in _flipped(kept.asked, route.asked):
                index = route.walk[place]
                if route.asked[place]:
                    kept.drop(index)
                else:
                    kept.note(index, self._not_asked_entry(self.flow.steps[index], route))
            kept.asked = route.asked
        return Provenance(self.flow.id, self.flow.version, digest, kept.entries())

    def _not_asked_entry(self, step: Step, route: Route) -> tuple[str, str] | None:
        """A step off the path as provenance lists it (None: an info step that adds nothing to the draft)."""
        if isinstance(step, InfoStep) and step.draft is None:
            return None
        walked = route.place(step.id) is not None
        reason = self._reason(step) if walked and step.when is not None else t("provenance.branch")
        return step_label(step), reason

    def _reason(self, step: Step) -> str:
        if step.id not in self._reasons:
            assert step.when is not None
            condition = describe(step.when, self._steps)
            self._reasons[step.id] = t("provenance.condition", condition=condition)
        return self._reasons[step.id]


class _Column(Generic[P]):
    """Parts of one kind in one section, in the order of the path (by their place in its walk)."""

    def __init__(self) -> None:
        self.places: list[int] = []
        self.parts: list[P] = []

    def insert(self, place: int, part: P) -> None:
        at = bisect_left(self.places, place)
        self.places.insert(at, place)
        self.parts.insert(at, part)

    def remove(self, place: int) -> None:
        at = bisect_left(self.places, place)
        if at < len(self.places) and self.places[at] == place:
            del self.places[at], self.parts[at]


class _Sheet:
    """A draft's items and open points per section, for one walk, to change one part at a time."""

    def __init__(self, walk: tuple[int, ...], asked: tuple[bool, ...], sections: Sequence[Section]) -> None:
        self.walk = walk
        self.asked = asked
        self.items: dict[str, _Column[DraftItem]] = {section.id: _Column() for section in sections}
        self.open: dict[str, _Column[OpenPoint]] = {section.id: _Column() for section in sections}

    def add(self, section_id: str, place: int, part: DraftItem | OpenPoint | None) -> None:
        if isinstance(part, DraftItem):
            self.items[section_id].insert(place, part)
        elif isinstance(part, OpenPoint):
            self.open[section_id].insert(place, part)


class _NotAsked:
    """The steps off the path of one walk, by their index in the flow, as provenance lists them."""

    def __init__(self, walk: tuple[int, ...], asked: tuple[bool, ...]) -> None:
        self.walk = walk
        self.asked = asked
        self._entries: dict[int, tuple[str, str]] = {}
        self._listed: tuple[tuple[str, str], ...] | None = ()

    def note(self, index: int, entry: tuple[str, str] | None) -> None:
        if entry is not None:
            self._entries[index] = entry
            self._listed = None

    def drop(self, index: int) -> None:
        if self._entries.pop(index, None) is not None:
            self._listed = None

    def entries(self) -> tuple[tuple[str, str], ...]:
        """In the order of the flow."""
        if self._listed is None:
            self._listed = tuple(self._entries[index] for index in sorted(self._entries))
        return self._listed


FLIP_CHUNK = 64
"""Places compared at once when looking for what a condition flipped: slices compare in C."""


def _flipped(before: tuple[bool, ...], after: tuple[bool, ...]) -> list[int]:
    """The places of a walk asked in one of two routes and not in the other (walks of one length).

    An answer flips a few places of a long walk; only the slices that differ are looked into.
    """
    places: list[int] = []
    for start in range(0, len(after), FLIP_CHUNK):
        end = min(start + FLIP_CHUNK, len(after))
        if before[start:end] != after[start:end]:
            places += [place for place in range(start, end) if before[place] != after[place]]
    return places


def build_draft(
    flow: Flow,
    answers: Mapping[str, AnswerValue],
    title: str = "",
    route: Route | None = None,
    accepted: Sequence[Accepted] = (),
) -> Draft:
    """The draft for `answers`; only steps on the current path count."""
    return Drafter(flow).draft(answers, title, route, accepted)


def provenance(flow: Flow, route: Route, digest: str) -> Provenance:
    """Every question not on the path, with the condition that skipped it or the branch that passed it."""
    return Drafter(flow).provenance(route, digest)
