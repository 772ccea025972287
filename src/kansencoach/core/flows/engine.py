"""Walking a flow: which steps are asked, which is next, how far along the officer is.

The engine holds no state of its own: everything follows from (flow, answers), so a resumed
session, an edited answer and a changed flow all give the right route without bookkeeping.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from kansencoach.core.flows.conditions import holds
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

    @property
    def questions(self) -> list[QuestionStep]:
        return [step for step in self.path if not isinstance(step, InfoStep)]

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

    def contains(self, step_id: str) -> bool:
        return any(step.id == step_id for step in self.path)


class Engine:
    """Routes through one flow. Cheap to create; keeps only indexes of the flow."""

    def __init__(self, steps: tuple[Step, ...] | list[Step]) -> None:
        self.steps = tuple(steps)
        self._index = {step.id: index for index, step in enumerate(self.steps)}
        self._exits = [exits(self.steps, index) for index in range(len(self.steps))]

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
        path: list[Step] = []
        skipped: list[Step] = []
        first_open: QuestionStep | None = None
        visible: dict[str, AnswerValue] = {}
        for step in self._walk(visible, 0):
            if step.when is not None and not holds(step.when, visible):
                skipped.append(step)
                continue
            path.append(step)
            if step.id in answers:
                visible[step.id] = answers[step.id]
            elif first_open is None and not isinstance(step, InfoStep):
                first_open = step
        return Route(tuple(path), tuple(skipped), first_open, frozenset(visible))

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
