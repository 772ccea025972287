"""The answer log of a session and the fold that turns it into the current state.

Nothing is ever updated in place: answering, clearing, undoing, going back, accepting a
suggestion, commenting on a question and marking a comment done are all new events. The current
state is a fold over the log, so every answer the officer ever gave can still be found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple, TypeAlias

from kansencoach.core.common.cache import no_cyclic_gc

TYPE_CHECKING = False
if TYPE_CHECKING:
    # For annotations only: importing the models means importing pydantic, which listing the
    # store's sessions at start does not need.
    from kansencoach.core.flows.models import AnswerValue

EventKind = Literal[
    "set", "clear", "undo", "visit", "accept", "dismiss", "comment", "resolve", "prefill", "unsent"
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "set",
    "clear",
    "undo",
    "visit",
    "accept",
    "dismiss",
    "comment",
    "resolve",
    "prefill",
    "unsent",
)


EventValue: TypeAlias = "AnswerValue | dict[str, str]"
"""An answer, or a comment's author and text."""

Unsent: TypeAlias = "str | list[str]"
"""What was put in an answer box and not sent: text typed, or the options ticked."""


class Event(NamedTuple):
    """One entry of the log (a named tuple: immutable, and cheap to make by the hundred thousand on resume).

    `key` is a step id (set, clear, visit, comment, prefill), an intervention id (accept, dismiss)
    or a comment's number (resolve). A comment's value is `{"author": …, "text": …}`; a prefill's
    is an answer from an earlier proposal, offered but not yet given; an unsent's is text typed
    or options ticked for a step but not sent (None when it is gone), kept so that quitting or a
    crash loses nothing.
    """

    kind: EventKind
    key: str = ""
    value: EventValue = None
    at: str = ""


@dataclass(frozen=True)
class Comment:
    """A remark on one question, by anyone who opened the session (the aanjaagteam, a colleague)."""

    number: int
    step_id: str
    author: str
    text: str
    at: str
    done: bool = False


@dataclass
class SessionState:
    """The fold of a log: the answers in force, where the officer stands, suggestion decisions."""

    answers: dict[str, AnswerValue] = field(default_factory=dict)
    cursor: str | None = None
    suggestions: dict[str, Literal["accepted", "dismissed"]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    prefill: dict[str, AnswerValue] = field(default_factory=dict)
    """Answers copied from an earlier proposal, shown as the default until the officer answers."""
    unsent: dict[str, Unsent] = field(default_factory=dict)
    """Text typed or options ticked for a step and not sent yet; answering the step ends it."""
    withdrawn: dict[str, AnswerValue] = field(default_factory=dict)
    """Answers an undo took back, leaving their step unanswered: offered again, as the state before
    they were sent had them in the answer box, until the step is answered."""

    @property
    def accepted(self) -> list[str]:
        return [key for key, decision in self.suggestions.items() if decision == "accepted"]


class Fold:
    """The state of a log, kept up to date one event at a time.

    `undo` takes back the latest set or clear that is still in effect (repeated undos walk further
    back), the answer before it coming back into force, or else the one taken back being offered
    (`SessionState.withdrawn`); it does not touch navigation or suggestions. A `set` or `clear`
    moves the officer on, so it ends any `visit` (back or jump) that placed them at an earlier step.
    """

    def __init__(self, events: Iterable[Event] = ()) -> None:
        """The state after `events` (a whole log on resume: many objects, no garbage cycles, so the
        cyclic collector is held off while they are applied)."""
        self.state = SessionState()
        self._in_effect: list[Event] = []
        with no_cyclic_gc():
            for event in events:
                self.apply(event)

    @property
    def undoable(self) -> str | None:
        """The key of the set or clear that an undo would take back; None when there is none."""
        return self._in_effect[-1].key if self._in_effect else None

    def apply(self, event: Event) -> None:
        state = self.state
        if event.kind in ("set", "clear"):
            self._in_effect.append(event)
            self._take(event)
            state.cursor = None
            state.unsent.pop(event.key, None)
            if state.withdrawn:  # mostly empty: the test is cheaper than a pop per answer on resume
                state.withdrawn.pop(event.key, None)
        elif event.kind == "undo":
            if self._in_effect:
                taken = self._in_effect.pop()
                self._settle(taken.key)
                if taken.key in state.answers:  # an earlier answer is in force again: none to offer
                    state.withdrawn.pop(taken.key, None)
                elif taken.kind == "set":
                    state.withdrawn[taken.key] = _answer(taken.value)
        elif event.kind == "visit":
            state.cursor = event.key
        elif event.kind == "accept":
            state.suggestions[event.key] = "accepted"
        elif event.kind == "dismiss":
            state.suggestions[event.key] = "dismissed"
        elif event.kind == "comment":
            self._comment(event)
        elif event.kind == "resolve":
            state.comments = [
                replace(comment, done=True) if str(comment.number) == event.key else comment
                for comment in state.comments
            ]
        elif event.kind == "prefill":
            state.prefill[event.key] = _answer(event.value)
        elif event.kind == "unsent":
            if isinstance(event.value, list):
                state.unsent[event.key] = [str(item) for item in event.value]
            elif isinstance(event.value, str) and event.value.strip():
                state.unsent[event.key] = event.value
            else:
                state.unsent.pop(event.key, None)

    def _comment(self, event: Event) -> None:
        body = event.value if isinstance(event.value, dict) else {}
        number = len(self.state.comments) + 1
        comment = Comment(number, event.key, str(body.get("author", "")), str(body.get("text", "")), event.at)
        self.state.comments.append(comment)

    def _settle(self, key: str) -> None:
        """Set `key` to what the latest event in effect for it says (after an undo took one back)."""
        latest = next((event for event in reversed(self._in_effect) if event.key == key), None)
        if latest is None:
            self.state.answers.pop(key, None)
        else:
            self._take(latest)

    def _take(self, event: Event) -> None:
        """Make the set or clear `event` the answer in force for its key."""
        if event.kind == "clear":
            self.state.answers.pop(event.key, None)
        else:
            self.state.answers[event.key] = _answer(event.value)


def _answer(value: EventValue) -> AnswerValue:
    """A set or prefill event's value: an allocation keeps its whole numbers, nothing else."""
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if isinstance(item, int)}
    return value


def fold(events: Iterable[Event]) -> SessionState:
    """The state after `events`."""
    return Fold(events).state
