"""What the officer types while the chat cannot take it yet, kept and handed on in the order typed.

Between two questions (and at the start) there is a moment in which no answer box has the focus,
or the box still holds the answer just sent. Keys typed then are held and replayed into the next
question's box the moment it has the focus. Ctrl+S is a priority key, run before the keys typed
just ahead of it are read: it travels the path of those keys, so it sends what was typed before it,
also when they were held, and the keys after it go to the next question.
"""

from __future__ import annotations

from textual import events, on
from textual.message import Message
from textual.widget import Widget

from kansencoach.tui.screens.chat_moves import ChatMoves
from kansencoach.tui.widgets.answer_inputs import AnswerInput
from kansencoach.tui.widgets.answered import sent_from


class ChatKeys(ChatMoves):
    """The chat screen's holding and replaying of keys, Ctrl+S among them (the chat screen builds on it)."""

    class HeldSend(Message):
        """A Ctrl+S on its way to the screen behind the keys typed before it, to be held with them."""

    def __init__(self) -> None:
        super().__init__()
        self._early_keys: list[events.Key | None] = []
        """Keys typed while no input could take them, in order; None is a Ctrl+S among them."""
        self._send_due = False
        """A held Ctrl+S is on its way to the input: the keys after it wait for the next question."""

    def _input_waited_for(self) -> bool:
        """Whether the focus is not (yet) on an input that takes keys for the question asked."""
        focused = self.focused
        return focused is None or focused is self.chat_log or sent_from(focused)

    def _waiting(self) -> bool:
        """Whether keys typed now must be held: no input takes them, or held keys go first."""
        return self._input_waited_for() or bool(self._early_keys) or self._send_due

    def on_key(self, event: events.Key) -> None:
        """Keep what is typed before the answer input has focus (at start, or between two questions)."""
        if event.is_printable and self._waiting():
            event.stop()
            event.prevent_default()
            self._early_keys.append(event)
            self.call_after_refresh(self._replay_early_keys)

    @on(HeldSend)
    def _held_send(self, event: HeldSend) -> None:
        """A Ctrl+S that reached the screen in line with the keys held: it waits with them."""
        event.stop()
        self._early_keys.append(None)
        self._replay_early_keys()

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus `widget`, and hand it the held keys at once: ahead of any key typed after this."""
        super().set_focus(widget, scroll_visible, from_app_focus)
        self._replay_early_keys()

    def _replay_early_keys(self) -> None:
        focused = self.focused
        if focused is None or self._input_waited_for() or self._send_due:
            return  # the next question's input is not there yet, or the one before still sends
        widget = self.answer_area.input
        while self._early_keys:
            key = self._early_keys.pop(0)
            if key is None:
                if widget is not None:
                    self._send_due = True
                    # Behind the keys just handed over, so the answer holds all typed before Ctrl+S.
                    focused.call_later(self._send_held, widget)
                    return
                continue
            focused.post_message(events.Key(key.key, key.character))

    def _send_held(self, widget: AnswerInput) -> None:
        self._send_due = False
        widget.submit()
        self._replay_early_keys()  # not sent (unreadable): the keys after it go on in this input

    def _reopen(self) -> None:
        """The answer was not taken: its input reads keys again, starting with those held back."""
        self.answer_area.reopen()
        self._replay_early_keys()

    def action_send(self) -> None:
        # Ctrl+S is a priority key, handled before the keys typed just ahead of it have been read:
        # it is read where they are, after them.
        if self.answer_area.input is None:
            return  # the session is done: nothing to send, and nothing to keep for later
        focused = self.focused
        if focused is None:
            self.post_message(self.HeldSend())
        else:
            focused.call_later(self._send_from, focused)

    def _send_from(self, focused: Widget) -> None:
        """Ctrl+S, read by `focused` after the keys typed before it: send, or hold it in line."""
        answer = next((node for node in focused.ancestors_with_self if isinstance(node, AnswerInput)), None)
        if answer is not None and not sent_from(focused):  # an option chosen by Enter is sent, too
            answer.submit()
        elif (answer is None or not answer.hold_send()) and focused.parent is not None:
            # The keys before it went up to the screen to be held: it follows them the same way.
            focused.parent.post_message(self.HeldSend())
