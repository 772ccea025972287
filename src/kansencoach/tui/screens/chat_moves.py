"""The moves over a session besides answering: back, undo, jumping to a question, help, comments.

The chat screen (`chat.py`) builds on this class; it shows the question a move lands on.
"""

from __future__ import annotations

from textwrap import shorten

from textual import on, work
from textual.screen import Screen
from textual.widget import AwaitMount

from kansencoach.core.draft.findings import Coverage, Finding
from kansencoach.core.flows.models import QuestionStep
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import StoreError
from kansencoach.i18n import t
from kansencoach.tui.contract import coach
from kansencoach.tui.screens.dialogs import JumpDialog, TextPrompt
from kansencoach.tui.widgets.answerarea import AnswerArea
from kansencoach.tui.widgets.chatlog import ChatLog, answer_text
from kansencoach.tui.widgets.panes import DraftPane
from kansencoach.tui.widgets.sidepanes import SidePanes


class ChatMoves(Screen[None]):
    """What the chat screen does when the officer moves through the session other than by answering."""

    session: Session
    conversation: Conversation
    step: QuestionStep | None
    findings: list[Finding]
    coverage: Coverage | None
    chat_log: ChatLog
    answer_area: AnswerArea
    """The conversation and the answer area, made with the screen and kept: both are asked for
    several times per answer, and a query for the answer area walked every message first."""

    def show_step(self, step: QuestionStep | None, answered: QuestionStep | None = None) -> AwaitMount:
        """Show `step` with its input, after the answer to `answered` (the chat screen does); await
        the result to see it mounted."""
        raise NotImplementedError

    def _update_side(self) -> None:
        self.findings, self.coverage = self.query_one(SidePanes).update(
            self.session, coach(self).knowledge, coach(self).rules
        )

    def _refused(self, error: StoreError) -> None:
        """The store refused a move: say why, and leave the question and what was typed as they are."""
        self.answer_area.validation(str(error))
        self.app.notify(str(error), severity="error", timeout=10)

    def action_back(self) -> None:
        try:
            previous = self.session.back()
        except StoreError as error:
            self._refused(error)
            return
        if previous is None:
            self.app.notify(t("plain.at_start"))
            return
        self.chat_log.notice(t("tui.went_back", label=Conversation.label(previous)))
        self.show_step(previous)

    def action_undo(self) -> None:
        """Take back the latest answer (repeat to go further back) and ask that question again."""
        try:
            notice = self.conversation.undo()
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        self.chat_log.notice(notice)
        self._update_side()
        self.show_step(self.session.current())

    def go_to(self, step_id: str) -> None:
        try:
            step = self.session.jump(step_id)
        except KeyError:
            self.app.notify(t("tui.not_on_path"), severity="warning")
            return
        except StoreError as error:
            self._refused(error)
            return
        self.chat_log.notice(t("tui.went_back", label=Conversation.label(step)))
        self.show_step(step)

    @work(exclusive=True, group="jump")
    async def action_jump(self) -> None:
        route = self.session.route()
        choices = [(step.id, _jump_entry(step, answer_text(self.session, step))) for step in route.answered]
        if route.next is not None:
            choices.append((route.next.id, _jump_entry(route.next, None)))
        chosen = await self.app.push_screen_wait(JumpDialog(choices))
        if chosen:
            self.go_to(chosen)

    @on(DraftPane.JumpRequested)
    def _jump_from_draft(self, event: DraftPane.JumpRequested) -> None:
        self.go_to(event.step_id)

    def action_scroll_conversation(self, pages: int) -> None:
        """Scroll the conversation `pages` screens down (up when negative), the answer keeping the focus.

        Scrolled back to the end, the conversation follows new messages again (its anchor).
        """
        log = self.chat_log
        log.scroll_to(y=log.scroll_y + pages * log.scrollable_content_region.height, animate=False)

    def action_help(self) -> None:
        if self.step is not None:
            self.chat_log.coach(Conversation.help_text(self.step), classes="help")
            self.chat_log.scroll_to_end()

    @work(exclusive=True, group="comment")
    async def action_comment(self) -> None:
        """Add a remark to the current question, for the aanjaagteam or a colleague to read."""
        step = self.step
        if step is None:  # not offered then (`ChatScreen.check_action`)
            return
        label = Conversation.label(step)
        text = await self.app.push_screen_wait(
            TextPrompt(t("tui.comment_question", question=label), required=t("tui.comment_required"))
        )
        if text is None:
            return
        try:
            self.session.comment(step.id, Conversation.author(), text)
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        comment = self.session.state.comments[-1]
        self.chat_log.notice(t("plain.comment", **Conversation.comment_fields(comment)))
        self.chat_log.scroll_to_end()
        self._update_side()

    def action_resolve_comments(self) -> None:
        """Mark the remarks on the current question as dealt with."""
        if self.step is None:  # not offered then (`ChatScreen.check_action`)
            return
        try:
            count = self.conversation.resolve_comments(self.step)
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        self.app.notify(t("plain.comments_resolved", count=count))
        self._update_side()


JUMP_ENTRY_WIDTH = 62
"""An entry of the jump list fits on one line at 80 columns: the list is 66 wide there, less its
scrollbar when the route is long. The question's name is cut only where the two do not fit, to no
less than half of it; the answer has the rest."""


def _jump_entry(step: QuestionStep, answer: str | None) -> str:
    """'Het verschil: Peuters in …' for an answered question, 'Welk domein? — open' for the next."""
    after = f" — {t('tui.open')}" if answer is None else f": {answer}"
    label = _short(Conversation.label(step), max(JUMP_ENTRY_WIDTH // 2, JUMP_ENTRY_WIDTH - len(after)))
    if answer is None:
        return f"{label}{after}"
    return f"{label}: {_short(answer, JUMP_ENTRY_WIDTH - len(label) - 2)}"


def _short(text: str, width: int) -> str:
    """`text` cut at a word, with a sign that more follows (a cut mid-word read as the answer)."""
    return text if len(text) <= width else shorten(text, width, placeholder=" …")
