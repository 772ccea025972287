"""Walking a flow: which steps are asked, which is next, how far along the officer is.

The engine holds no state of its own: everything follows from (flow, answers), so a resumed
session, an edited answer and a changed flow all give the right route without bookkeeping.
After one answer, `reroute` gives the same route as `route` by walking only the part of the flow
that answer can change (see `reroute`), so the cost of an answer does not grow with the flow.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import not_

from kansencoach.core.flows.conditions import holds, tested_answers
from kansencoach.core.flows.control import exits
from kansencoach.core.flows.models import END, AnswerValue, InfoStep, QuestionStep, Step

Answers = Mapping[str, AnswerValue]


@dataclass(frozen=True)
class Route:
    """The path through a flow for a set of answers.

    `path` holds every step that is (or will be) asked, in order; `skipped` the steps whose `when`
    did not hold; `next` the first question on the path without an answer (None: all done).
    Steps after `next` are an estimate: they may change once `next` is answered.
    """

    path: tuple[Step, ...]
    skipped: tuple[Step, ...]
    next: QuestionStep | None
    answered_ids: frozenset[str]
    walk: tuple[int, ...] = field(default=(), repr=False)
    """The index in the flow of every step walked (on the path or skipped), in the order walked."""
    asked: tuple[bool, ...] = field(default=(), repr=False)
    """Per step walked: whether it is on the path."""
    places: Mapping[int, int] = field(default_factory=dict, repr=False)
    """Index in the flow → place in `walk`."""
    ended: bool = field(default=True, repr=False)
    """The walk reached the end of the flow (not a step it had walked before)."""
    steps: tuple[Step, ...] = field(default=(), repr=False, compare=False)
    """Every step of the flow, and by id their index (the engine's), so a step is found at once."""
    index: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    questions: tuple[QuestionStep, ...] = field(default=(), repr=False, compare=False)
    """The questions on `path`, in order (made with the path, kept while it stays the same)."""

    @property
    def answered(self) -> list[QuestionStep]:
        return [step for step in self.questions if step.id in self.answered_ids]

    @property
    def progress(self) -> tuple[int, int]:
        """(answered, answered + still to ask on the current path)."""
        questions = self.questions
        done = sum(1 for step in questions if step.id in self.answered_ids)
        return done, len(questions)

    @property
    def complete(self) -> bool:
        return self.next is None

    def place(self, step_id: str) -> int | None:
        """Where the walk came to `step_id` (an order, on the path or skipped); None: not walked."""
        index = self.index.get(step_id)
        return None if index is None else self.places.get(index)

    def contains(self, step_id: str) -> bool:
        """Whether `step_id` is on the path."""
        place = self.place(step_id)
        return place is not None and self.asked[place]

    def has_shown(self, step_id: str) -> bool:
        """Whether `step_id` is an info step on the path before `next`: shown by now. One after it is
        an estimate, and may leave the path once `next` is answered."""
        if not self.shows_info(step_id):
            return False
        place = self.place(step_id)
        until = self.place(self.next.id) if self.next is not None else None
        return until is None or (place is not None and place < until)

    def shows_info(self, step_id: str, skipped_too: bool = False) -> bool:
        """Whether `step_id` is an info step on the path (or, `skipped_too`, walked past as well)."""
        place = self.place(step_id)
        if place is None or not isinstance(self.steps[self.index[step_id]], InfoStep):
            return False
        return skipped_too or self.asked[place]


class _Visible(Mapping[str, AnswerValue]):
    """What a condition may read at a point of a walk: the answers of the steps on the path before it.

    Made of the answers of the old route's path before the place the walk starts again from (they
    cannot have changed) and the answers the walk has added since, so starting again costs nothing.
    """

    def __init__(self, answers: Answers, old: Route | None, start: int, index: Mapping[str, int]) -> None:
        self.answers = answers
        self.old = old
        self.start = start
        self.index = index
        self.added: dict[str, AnswerValue] = {}

    def __getitem__(self, step_id: str) -> AnswerValue:
        if step_id in self.added:
            return self.added[step_id]
        if self.old is not None and step_id in self.old.answered_ids:
            place = self.old.places[self.index[step_id]]
            if place < self.start:
                return self.answers[step_id]
        raise KeyError(step_id)

    def __iter__(self) -> Iterator[str]:
        return (step_id for step_id in self.answers if step_id in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Engine:
    """Routes through one flow. Cheap to create; keeps only indexes of the flow."""

    def __init__(self, steps: tuple[Step, ...] | list[Step]) -> None:
        self.steps = tuple(steps)
        self._index = {step.id: index for index, step in enumerate(self.steps)}
        self._exits = [exits(self.steps, index) for index in range(len(self.steps))]
        self._readers: dict[str, set[int]] = {}
        """Answer id → the indexes of the steps whose conditions (own or on their exits) test it."""
        for index, step in enumerate(self.steps):
            for way in self._exits[index]:
                for step_id in tested_answers(way.when):
                    self._readers.setdefault(step_id, set()).add(index)
            for step_id in tested_answers(step.when):
                self._readers.setdefault(step_id, set()).add(index)

    def step(self, step_id: str) -> Step:
        return self.steps[self._index[step_id]]

    def has(self, step_id: str) -> bool:
        return step_id in self._index

    def route(self, answers: Answers) -> Route:
        """The whole path from the first step for these answers.

        Conditions see only the answers of steps on the path so far: an answer kept for a step the
        officer's choices have since passed by (say, partner criteria after "no partners") no longer
        steers the flow.
        """
        return self._walk_from(None, answers, 0, "")

    def reroute(self, route: Route, answers: Answers, changed: str) -> Route:
        """The route for `answers`, which differ from those of `route` only in the answer to `changed`.

        The same route as `route(answers)` (a test compares them), found by walking again only from
        `changed` until the walk is back on the old one with nothing left that reads what changed.
        """
        index = self._index.get(changed)
        place = route.places.get(index) if index is not None else None
        if place is None or not route.asked[place]:
            return route  # the old walk never read that answer: nothing can differ
        return self._walk_from(route, answers, place, changed)

    def next_after(self, step_id: str, answers: Answers) -> QuestionStep | None:
        """The first open question after `step_id`, walking only forward from it.

        Used after each answer, so its cost does not grow with the length of the flow. When the
        rest of the path is answered it falls back to a full route, to catch questions that an
        edit earlier in the flow has opened up.
        """
        start = self._successor(self._index[step_id], answers)
        if start is not None:
            for step in self._walk(answers, start):
                if (
                    not isinstance(step, InfoStep)
                    and step.id not in answers
                    and (step.when is None or holds(step.when, answers))
                ):
                    return step
        return self.route(answers).next

    def infos_before(self, route: Route, step_id: str | None) -> list[InfoStep]:
        """The info steps on the path directly before `step_id` (or at the end when None)."""
        infos: list[InfoStep] = []
        for step in route.path:
            if step.id == step_id:
                return infos
            infos = [*infos, step] if isinstance(step, InfoStep) else []
        return infos if step_id is None else []

    def previous(self, route: Route, step_id: str | None) -> QuestionStep | None:
        """The question before `step_id` on the path (the last one when `step_id` is None)."""
        questions = route.questions
        ids = [step.id for step in questions]
        if step_id is None:
            return route.answered[-1] if route.answered else None
        if step_id not in ids:
            return None
        position = ids.index(step_id)
        return questions[position - 1] if position > 0 else None

    def _walk(self, answers: Answers, start: int) -> Iterator[Step]:
        """Steps from `start` following gotos; a step whose `when` fails leads to the next in the file.

        Lazy, so a caller that stops at the first open question pays only for the steps it looked at.
        """
        seen: set[int] = set()
        index: int | None = start
        while index is not None and index not in seen:
            seen.add(index)
            step = self.steps[index]
            yield step
            index = self._successor(index, answers)

    def _successor(self, index: int, answers: Answers) -> int | None:
        """Where the flow goes after `steps[index]`: the first exit that holds (None: the end)."""
        when = self.steps[index].when
        skipped = when is not None and not holds(when, answers)
        for way in self._exits[index]:
            if skipped and way.kind not in ("skipped", "next"):
                continue
            if skipped or way.when is None or holds(way.when, answers):
                return None if way.target == END else self._index[way.target]
        return None

    def _walk_from(self, old: Route | None, answers: Answers, start: int, changed: str) -> Route:
        """Walk from place `start` of the old route's walk (from the first step when there is none).

        The steps before `start` and what they decided are kept; from there each step is walked as
        `route` always did, until the rest of the old walk can be taken over unchanged (`_rejoins`).
        """
        walk = list(old.walk[:start]) if old else []
        asked = list(old.asked[:start]) if old else []
        seen = set(walk)
        visible = _Visible(answers, old, start, self._index)
        first_open = old.next if old and old.next and old.places[self._index[old.next.id]] < start else None
        index: int | None = old.walk[start] if old else (0 if self.steps else None)
        while index is not None and index not in seen:
            if old is not None and (place := self._rejoins(old, start, walk, index, changed, visible)):
                old_seen = self._answered_between(old, start, place)
                answered_ids = (old.answered_ids - old_seen) | frozenset(visible.added)
                if first_open is None:
                    first_open = self._first_open(old, answers, place)
                if walk[start:] == list(old.walk[start:place]):  # then every place is as it was
                    if asked[start:] == list(old.asked[start:place]):
                        # The same path (an answer that steers nothing): only what is answered and
                        # what comes next differ. Made again, the path cost time in the length of
                        # the flow on every answer.
                        return replace(old, next=first_open, answered_ids=answered_ids)
                    places: Mapping[int, int] | None = old.places
                else:
                    places = None
                walk += old.walk[place:]
                asked += old.asked[place:]
                return self._made(walk, asked, first_open, answered_ids, old.ended, places)
            seen.add(index)
            walk.append(index)
            step = self.steps[index]
            on_path = step.when is None or holds(step.when, visible)
            asked.append(on_path)
            if on_path:
                if step.id in answers:
                    visible.added[step.id] = answers[step.id]
                elif first_open is None and not isinstance(step, InfoStep):
                    first_open = step
            index = self._successor(index, visible)
        before = self._answered_between(old, 0, start) if old else frozenset()
        return self._made(walk, asked, first_open, before | frozenset(visible.added), index is None, None)

    def _rejoins(
        self, old: Route, start: int, walk: list[int], index: int, changed: str, visible: _Visible
    ) -> int | None:
        """The place in the old walk from which the new walk, now at step `index`, would repeat it.

        That holds when the old walk ran to the end, the new walk has not been to any of its later
        steps, and no later step tests an answer the two walks see differently: the changed one, or
        one on the path of one walk and not of the other. None while that is not so.
        """
        place = old.places.get(index)
        if place is None or place <= start or not old.ended:
            return None
        if self._read_from(old, changed) >= place:
            return None  # the quick test first: most steps walked again are not where the walks meet
        if any(old.places.get(i, -1) >= place for i in walk[start:]):
            return None
        differ = self._answered_between(old, start, place) ^ frozenset(visible.added)
        if any(self._read_from(old, step_id) >= place for step_id in differ):
            return None
        return place

    def _read_from(self, old: Route, step_id: str) -> int:
        """The last place in the old walk of a step that tests the answer to `step_id` (-1: none)."""
        return max((old.places.get(reader, -1) for reader in self._readers.get(step_id, ())), default=-1)

    def _answered_between(self, old: Route, start: int, stop: int) -> frozenset[str]:
        """The answered steps on the old route's path at places `start` up to `stop` of its walk."""
        ids = (self.steps[index].id for index in old.walk[start:stop])
        return frozenset(step_id for step_id in ids if step_id in old.answered_ids)

    def _first_open(self, old: Route, answers: Answers, place: int) -> QuestionStep | None:
        """The first open question on the old walk from `place` on (its answers did not change)."""
        if old.next is not None and old.places[self._index[old.next.id]] >= place:
            return old.next
        for index in compress(old.walk[place:], old.asked[place:]):
            step = self.steps[index]
            if not isinstance(step, InfoStep) and step.id not in answers:
                return step
        return None

    def _made(
        self,
        walk: list[int],
        asked: list[bool],
        first_open: QuestionStep | None,
        answered_ids: frozenset[str],
        ended: bool,
        places: Mapping[int, int] | None,
    ) -> Route:
        steps = self.steps.__getitem__
        path = tuple(map(steps, compress(walk, asked)))
        return Route(
            path,
            tuple(map(steps, compress(walk, map(not_, asked)))),
            first_open,
            answered_ids,
            tuple(walk),
            tuple(asked),
            places if places is not None else dict(zip(walk, range(len(walk)), strict=True)),
            ended,
            self.steps,
            self._index,
            tuple(step for step in path if not isinstance(step, InfoStep)),
        )
