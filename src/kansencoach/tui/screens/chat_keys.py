"""The officer's keys on the chat screen, handed on one at a time in the order they were typed.

Textual gives every widget a message queue of its own: a key handed to the answer box, a key that
bubbles from it to the screen and a priority key such as Ctrl+S each travel their own way, so a
fast typist's keys could overtake each other while one question gave way to the next (the letters
after Ctrl+S sent as the answer, or the letters before it lost with the input being removed).

So the app hands every key of the chat screen here, in the order of arrival (`key_arrived`), and
Ctrl+S joins the same line (`action_send`). A key goes on to the focused widget only once the key
before it has been dealt with there, the messages it caused included (`_landed`); while no input
takes keys for the question asked (between two questions, at the start), the line waits, and the
next question's input gets the waiting keys first, ahead of any typed after.
"""

from __future__ import annotations

from collections import deque
from typing import Final

from textual import events
from textual.message_pump import MessagePump
from textual.widget import Widget

from kansencoach.tui.screens.chat_moves import ChatMoves
from kansencoach.tui.widgets.answer_inputs import AnswerInput
from kansencoach.tui.widgets.answered import sent_from

SEND: Final = "send"
"""A Ctrl+S in the line of keys."""


class ChatKeys(ChatMoves):
    """The chat screen's line of keys, Ctrl+S among them (the chat screen builds on it)."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: deque[events.Key | str] = deque()
        """Keys typed and not handed on yet, in order; SEND is a Ctrl+S among them."""
        self._in_flight: Widget | None = None
        """The widget dealing with the key handed on last; the next waits until it has."""

    @property
    def keys_waiting(self) -> bool:
        """Whether typed keys are still on their way to an input (a test waits for them)."""
        return bool(self._keys) or self._in_flight is not None

    def key_arrived(self, event: events.Key) -> None:
        """A key typed on this screen and not bound to a priority action, in the order typed."""
        self._keys.append(event)
        self._pass_on()

    def action_send(self) -> None:
        # A priority key, run as it arrives: in line, it sends what was typed before it.
        if self.answer_area.input is not None:  # the session is done: nothing to send
            self._keys.append(SEND)
            self._pass_on()

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus `widget`, and hand it the waiting keys at once: ahead of any key typed after this."""
        super().set_focus(widget, scroll_visible, from_app_focus)
        self._pass_on()

    def _reopen(self) -> None:
        """The answer was not taken: its input reads keys again, starting with those waiting."""
        self.answer_area.reopen()
        self._pass_on()

    def _input_waited_for(self) -> bool:
        """Whether a question is asked and the focus is not (yet) on an input that takes keys for it."""
        if self.answer_area.input is None:
            return False
        focused = self.focused
        return focused is None or focused is self.chat_log or sent_from(focused)

    def _pass_on(self) -> None:
        """Hand on the keys in line, each once the one before it has been dealt with."""
        if self._in_flight is not None and not self._in_flight.is_attached:
            self._in_flight = None  # removed with all it was given: nothing more comes from it
        while self._keys and self._in_flight is None:
            key = self._keys[0]
            if self._input_waited_for() and _meant_for_an_answer(key):
                return  # typed for the next question: it waits for that question's input
            self._keys.popleft()
            if isinstance(key, events.Key):
                self._hand_on(key)
            else:
                self._send()

    def _hand_on(self, key: events.Key) -> None:
        target = self.focused or self
        key._set_forwarded()  # as the app forwards a key, so it is not routed here again on bubbling
        if target.post_message(key):
            self._in_flight = target
            # Through the target's queue twice (the key, then the messages it made there), then
            # through each node above it up to the app: a key the target does not take itself
            # (Backspace, Enter in a field) bubbles there, and the app runs the target's binding
            # for it. Then through the target and up to its answer input once more: the messages
            # that binding made (Enter adding a point to a list).
            above = [node for node in target.ancestors if isinstance(node, MessagePump)]
            self._hop([target, target, *above, target, *_up_to_answer(target)])

    def _hop(self, hops: list[MessagePump]) -> None:
        """Go through the queue of each of `hops` in turn; then the key in flight has landed."""
        if not hops or not hops[0].call_later(self._hop, hops[1:]):
            self._in_flight = None
            self._pass_on()

    def _send(self) -> None:
        """Ctrl+S, once every key typed before it is in: send the answer as it stands."""
        focused = self.focused
        answer = _answer_of(focused) if focused is not None else None
        answer = answer or self.answer_area.input  # from a pane: the question asked
        if answer is not None and not answer.sent:
            answer.submit()


def _meant_for_an_answer(key: events.Key | str) -> bool:
    """Whether `key` is typed for an answer box (a letter, digit or sign, or Ctrl+S), not a move."""
    return key == SEND or (isinstance(key, events.Key) and key.is_printable)


def _up_to_answer(widget: Widget) -> list[Widget]:
    """The widgets above `widget` up to the answer input it belongs to (none outside an input)."""
    if _answer_of(widget) is None:
        return []
    above: list[Widget] = []
    for node in widget.ancestors:
        if isinstance(node, Widget):
            above.append(node)
        if isinstance(node, AnswerInput):
            break
    return above


def _answer_of(widget: Widget) -> AnswerInput | None:
    """The answer input `widget` belongs to (None: it belongs to none, e.g. a pane)."""
    return next((node for node in widget.ancestors_with_self if isinstance(node, AnswerInput)), None)
