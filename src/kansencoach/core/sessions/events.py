"""The answer log of a session and the fold that turns it into the current state.

Nothing is ever updated in place: answering, clearing, undoing, going back and accepting a
suggestion are all new events. The current state is a fold over the log, so every answer the
officer ever gave can still be found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from kansencoach.core.flows.models import AnswerValue

EventKind = Literal["set", "clear", "undo", "visit", "accept", "dismiss"]
EVENT_KINDS: tuple[EventKind, ...] = ("set", "clear", "undo", "visit", "accept", "dismiss")


@dataclass(frozen=True)
class Event:
    """One entry of the log. `key` is a step id (set, clear, visit) or an intervention id."""

    kind: EventKind
    key: str = ""
    value: AnswerValue = None
    at: str = ""


@dataclass
class SessionState:
    """The fold of a log: the answers in force, where the officer stands, suggestion decisions."""

    answers: dict[str, AnswerValue] = field(default_factory=dict)
    cursor: str | None = None
    suggestions: dict[str, Literal["accepted", "dismissed"]] = field(default_factory=dict)

    @property
    def accepted(self) -> list[str]:
        return [key for key, decision in self.suggestions.items() if decision == "accepted"]


class Fold:
    """The state of a log, kept up to date one event at a time.

    `undo` takes back the latest set or clear that is still in effect (repeated undos walk further
    back); it does not touch navigation or suggestions. A `set` or `clear` moves the officer on, so
    it ends any `visit` (back or jump) that placed them at an earlier step.
    """

    def __init__(self) -> None:
        self.state = SessionState()
        self._in_effect: list[Event] = []

    @property
    def undoable(self) -> str | None:
        """The key of the set or clear that an undo would take back; None when there is none."""
        return self._in_effect[-1].key if self._in_effect else None

    def apply(self, event: Event) -> None:
        state = self.state
        if event.kind in ("set", "clear"):
            self._in_effect.append(event)
            self._settle(event.key)
            state.cursor = None
        elif event.kind == "undo":
            if self._in_effect:
                self._settle(self._in_effect.pop().key)
        elif event.kind == "visit":
            state.cursor = event.key
        elif event.kind == "accept":
            state.suggestions[event.key] = "accepted"
        elif event.kind == "dismiss":
            state.suggestions[event.key] = "dismissed"

    def _settle(self, key: str) -> None:
        """Set `key` to what the latest event in effect for it says."""
        latest = next((event for event in reversed(self._in_effect) if event.key == key), None)
        if latest is None or latest.kind == "clear":
            self.state.answers.pop(key, None)
        else:
            self.state.answers[key] = latest.value


def fold(events: Iterable[Event]) -> SessionState:
    """The state after `events`."""
    folder = Fold()
    for event in events:
        folder.apply(event)
    return folder.state
