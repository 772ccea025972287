"""The conversation on the chat screen: the messages, from the first answer to the question asked now."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import AwaitMount, Widget

from kansencoach.core.flows.models import AllocateStep, QuestionStep
from kansencoach.core.flows.steptypes import answer_line
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.tui.widgets.allocate import mix_lines
from kansencoach.tui.widgets.messages import (
    CoachMessage,
    FoldedMessage,
    HistoryMessage,
    NoticeMessage,
    OfficerMessage,
    PlainMessage,
)

HISTORY_SHOWN = 12
"""Answers of an earlier sitting shown as messages on resuming; those before them are folded."""

FOLD_AT, KEPT = 90, 50
"""Messages in the conversation from which the oldest are folded into one; how many stay as they are."""


class ChatLog(VerticalScroll):
    """The messages of one session, anchored at its end while the officer does not scroll up."""

    BLANK = True
    """It draws nothing but its background (the messages are widgets of their own), so Textual
    draws its lines as blank without styling each: every mount lays it out and draws it again,
    which took 0.6 ms of the frame after an answer."""

    def __init__(self, id: str | None = None) -> None:
        # No Tab stop: typing there went nowhere. The wheel still scrolls it.
        super().__init__(id=id, can_focus=False)
        self._ready: tuple[OfficerMessage, CoachMessage] | None = None
        """An answer and a question mounted hidden at the end (`make_ready`), for the next answer."""

    def on_mount(self) -> None:
        # Anchored, the conversation stays at its end while messages render (markdown renders late),
        # until the officer scrolls up to read; scroll_to_end anchors it again.
        self.anchor()

    def show_history(self, session: Session) -> None:
        """The questions answered on the path before the current one, in route order, each with its
        answer (`Session.answered_before`), compactly.

        The last HISTORY_SHOWN as messages; those before them in one message of a line each, so
        the conversation has as many widgets to lay out after every answer at question 600 as at
        question 20 (with a widget per answer, the next question took 0.3 s to appear there).
        """
        steps = session.answered_before(session.current())
        folded = max(len(steps) - HISTORY_SHOWN, 0)
        messages: list[Widget] = []
        if folded:
            lines = [f"{Conversation.label(step)}: {answer_text(session, step)}" for step in steps[:folded]]
            messages.append(FoldedMessage("\n".join(lines)))
        for step in steps[folded:]:
            messages.append(HistoryMessage(Conversation.label(step)))
            messages.append(officer_message(session, step))
        self.mount_all(messages)

    @property
    def messages(self) -> list[Widget]:
        """The messages shown, oldest first (not the two `make_ready` keeps hidden)."""
        ready = self._ready or ()
        return [message for message in self.children if message not in ready]

    def make_ready(self) -> None:
        """Mount an answer and a question hidden at the end, for `add` to show the next answer with.

        Mounting them when the answer is sent styled, started and composed two widgets before the
        frame showing the next question could be drawn (about a millisecond of CPU, of 8.5 in all);
        done after the frame that shows the panes, that work falls while the officer reads.
        """
        if self._ready is not None or not self.is_attached:
            return
        ready = self._ready = (OfficerMessage(""), CoachMessage("", classes="question"))
        for message in ready:
            message.display = False
        self.mount_all(ready)

    def add(self, *messages: Widget) -> tuple[list[Widget], AwaitMount]:
        """Add messages at the end; the widgets that show them, and what to await to know they can
        be drawn.

        An answer followed by a question (what sending an answer adds) is shown in the two widgets
        `make_ready` mounted, which take what the given ones say; messages between the two are
        mounted between them, those after the question after it. Others are mounted in one mount,
        before the hidden two.
        """
        ready, self._ready = self._ready, None
        asks = [index for index, message in enumerate(messages) if _asks(message)]
        first, question = (messages[0], messages[asks[0]]) if messages and asks else (None, None)
        if ready is None or not isinstance(first, OfficerMessage) or not isinstance(question, CoachMessage):
            self._ready = ready
            return list(messages), self.mount_all(messages, before=ready[0] if ready else None)
        answer, asked = ready
        answer.say_as(first)
        asked.say_as(question)
        answer.display = asked.display = True
        between, after = messages[1 : asks[0]], messages[asks[0] + 1 :]
        if between:
            self.mount_all(between, before=asked)
        if after:
            self.mount_all(after)
        # Shown, not mounted: the screen is told at once that its next frame lays it out again, so
        # that callbacks after that refresh (the header, the panes) wait for the frame, as they do
        # for a mount.
        self.screen.refresh(repaint=False, layout=True)
        # The two are awaited too while their own mount is under way (an answer sent right after
        # `make_ready`), so that the header and the panes still wait for the frame that shows them.
        mounting = [message for message in ready if not message.is_mounted]
        return [answer, *between, asked, *after], AwaitMount(self, [*mounting, *between, *after])

    def coach(self, markdown: str, classes: str | None = None) -> CoachMessage:
        """Add a message from the coach (markdown); the widget, to place remarks before it."""
        message = CoachMessage(markdown, classes=classes)
        self._append(message)
        return message

    def notice(self, text: str, before: Widget | None = None) -> None:
        """Add a remark from the app, at the end or before `before`."""
        if before is None:
            self._append(NoticeMessage(text))
        else:
            self.mount(NoticeMessage(text), before=before)

    def _append(self, message: Widget) -> None:
        """Mount `message` after the messages shown (before the two kept hidden)."""
        self.mount(message, before=self._ready[0] if self._ready else None)

    def fold_oldest(self) -> None:
        """Fold the oldest messages into the first one once there are FOLD_AT, keeping the last KEPT.

        Through a long sitting the conversation would otherwise grow by two or three widgets per
        answer, and so would the layout after each answer. Not while the officer reads back.
        """
        messages = self.messages
        if len(messages) < FOLD_AT or self.scroll_y < self.max_scroll_y:
            return
        folded = messages[0] if isinstance(messages[0], FoldedMessage) else None
        old = messages[1 if folded else 0 : len(messages) - KEPT]
        lines = [message.folded for message in old if isinstance(message, CoachMessage | PlainMessage)]
        if folded is None:
            self.mount(FoldedMessage("\n".join(lines)), before=old[0])
        else:
            folded.fold(lines)
        self.remove_children(old)

    def scroll_to_end(self) -> None:
        """Bring the last message (the question) into view once the layout has settled.

        Scrolling at once measured the conversation before the new messages (or a pane that
        narrows it) were laid out, which left the question below the fold after a resume.
        """
        self.call_after_refresh(self.scroll_end, animate=False, immediate=True)


def _asks(message: Widget) -> bool:
    """Whether `message` is a question (which `ChatLog.add` can show in the one mounted ahead)."""
    return isinstance(message, CoachMessage) and message.has_class("question")


def officer_message(session: Session, step: QuestionStep) -> OfficerMessage:
    """The officer's answer in the chat; a perspective mix as bars."""
    value = session.answers.get(step.id)
    if isinstance(step, AllocateStep) and isinstance(value, dict):
        return OfficerMessage(mix_lines(step, value).plain)
    return OfficerMessage(answer_text(session, step))


def answer_text(session: Session, step: QuestionStep) -> str:
    """The answer to `step` on one line, as the jump list and the chat show it."""
    return answer_line(step, session.answers.get(step.id))
