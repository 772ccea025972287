"""Where each step of a flow lands in the draft: its draft key, `section.key`.

Read from the flow alone, without building a draft: the review's reach and `flows validate`'s
near-miss check need the keys of a flow of thousands of steps, not its draft.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kansencoach.core.flows.models import Flow, InfoStep, QuestionStep


class DraftKeys(Mapping[str, str]):
    """Step id → `section.key` for every step of a flow that writes to the draft, and the other way."""

    def __init__(self, of_step: Mapping[str, str]) -> None:
        self._of_step = dict(of_step)
        self.steps = {key: step_id for step_id, key in self._of_step.items()}
        """`section.key` → the step that writes it."""
        self.names = frozenset(self.steps)

    def __getitem__(self, step_id: str) -> str:
        return self._of_step[step_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._of_step)

    def __len__(self) -> int:
        return len(self._of_step)


def draft_keys(flow: Flow) -> DraftKeys:
    """The draft key of every step of `flow` that writes to the draft (`draft: analyse` is
    `analyse.<step id>`), in step order."""
    return DraftKeys(
        {step.id: _full_key(step.draft, step.id) for step in flow.steps if step.draft is not None}
    )


def question_keys(flow: Flow) -> dict[str, QuestionStep]:
    """The draft keys the review reads answers at, each with its question (an info step's text is
    no answer)."""
    return {
        _full_key(step.draft, step.id): step
        for step in flow.steps
        if step.draft is not None and not isinstance(step, InfoStep)
    }


def is_pattern(key: str) -> bool:
    """Whether a rule's draft key has wildcards (`doel.*`), rather than naming one part."""
    return any(char in key for char in "*?[")


def _full_key(target: str, step_id: str) -> str:
    section, _, key = target.partition(".")
    return f"{section}.{key or step_id}"
