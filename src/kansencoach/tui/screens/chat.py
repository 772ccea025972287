"""The chat screen: the coach asks, the officer answers, the draft grows beside them.

Every answer goes through `Session.answer`, which checks it and commits it to the store before
the next question appears (a killed app keeps it); the store flushes it to disk once that question
and the header are drawn (`Store.syncing_later`). When the store refuses (disk full,
locked), the typed answer stays in the input and the officer is told why: nothing typed is ever
thrown away.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.timer import Timer
from textual.widget import AwaitMount, Widget

from kansencoach.core.catalog import flow_for_session
from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.common.terminal import visible
from kansencoach.core.draft.findings import Coverage, Finding, review_summary
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import QuestionStep
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import SessionLock, StoreError
from kansencoach.i18n import t
from kansencoach.tui.actions import CHAT, bindings
from kansencoach.tui.contract import coach
from kansencoach.tui.screens.chat_keys import ChatKeys
from kansencoach.tui.screens.export import ExportDialog
from kansencoach.tui.signals import FilesChanged, KnowledgeLoaded
from kansencoach.tui.widgets.answer_inputs import AnswerInput
from kansencoach.tui.widgets.answerarea import AnswerArea
from kansencoach.tui.widgets.chatheader import ChatHeader
from kansencoach.tui.widgets.chatlog import ChatLog, officer_message
from kansencoach.tui.widgets.checklist import CheckList
from kansencoach.tui.widgets.keyfooter import KeyFooter
from kansencoach.tui.widgets.messages import CoachMessage, NoticeMessage, indicator_advice
from kansencoach.tui.widgets.number_answer import NumberAnswer
from kansencoach.tui.widgets.panes import SuggestionsPane
from kansencoach.tui.widgets.sidepanes import SidePanes

WIDE = 120
"""From this terminal width on, the draft is shown beside the chat from the start."""


class ChatScreen(ChatKeys):
    """One session as a conversation, with the draft, suggestions and review beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(CHAT)]
    BLANK = True
    """The screen draws nothing but its (opaque) background under its widgets: Textual draws it as
    blank, without styling each of its lines, in every frame after an answer."""

    def __init__(self, session: Session, lock: SessionLock | None = None) -> None:
        super().__init__()
        self.session = session
        self.conversation = Conversation(session)
        self._question: Widget | None = None
        """The message of the question being asked, so a remark on the last answer goes above it."""
        self._awaited: Widget | None = None
        """The last coach message `show_step` added: the header and panes wait until it is on screen."""
        self._stale_panes: tuple[set[str], Widget | None, set[str]] | None = None
        """Answers the panes do not show yet: (their steps, the last one's message, findings before)."""
        self._unsent_timer: Timer | None = None
        self.session_lock = lock
        self.step: QuestionStep | None = None
        self.findings: list[Finding] = []
        self.coverage: Coverage | None = None
        """How many rules the review behind `findings` checked."""
        self.chat_log = ChatLog(id="conversation")
        self.answer_area = AnswerArea(id="answer-area")

    def compose(self) -> ComposeResult:
        # No container around the chat column or around the column and the panes: the footer and
        # the panes split their edges off the screen (app.tcss), in the order they come here, and
        # the column is laid out in what is left. Every container is one more widget to lay out and
        # draw whole in the frame after an answer. The panes come after the answer area, so that
        # the screen's first focus (a key typed before the question is set up) goes to the answer.
        yield KeyFooter()
        yield ChatHeader(self.session.info.title, coach(self).preview, id="chat-header")
        yield self.chat_log
        yield self.answer_area
        yield SidePanes(id="side")

    @property
    def question(self) -> Widget | None:
        """The message that asks the current question (None before the first and when done)."""
        return self._question

    def on_mount(self) -> None:
        self.query_one(SidePanes).open_at_start(self.app.size.width >= WIDE)
        self._update_side()
        self.chat_log.show_history(self.session)
        if coach(self).preview:
            self.chat_log.notice(t("tui.preview_notice"))
        orphans = len(self.session.orphans)
        if orphans or self.session.flow_changed:
            # As when the flow is reloaded: only answers that lost their question are counted.
            self.chat_log.notice(t("tui.flow_changed", count=orphans) if orphans else t("tui.flow_updated"))
        self.show_step(self.session.current())

    def on_unmount(self) -> None:
        self._sync_store()
        if self.session_lock is not None:
            self.session_lock.release()

    def _sync_store(self) -> None:
        """Flush the answers committed since the last flush to disk (see `Store.syncing_later`)."""
        try:
            self.session.store.sync()
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10)

    UNSENT_DELAY = 1.0
    """Seconds of no typing after which unsent text is stored (a crash loses at most this much)."""

    @on(AnswerInput.Typed)
    @on(CheckList.Toggled)
    def _typing(self) -> None:
        if self._unsent_timer is not None:
            self._unsent_timer.stop()
        self._unsent_timer = self.set_timer(self.UNSENT_DELAY, self.keep_unsent)

    def keep_unsent(self) -> None:
        """Store what is in the answer box and was not sent (text, ticks), so it is offered back on resume."""
        step = self.step
        widget = self.answer_area.input
        # An input asked for but not mounted yet (Ctrl+Q in the frames it takes) holds nothing typed,
        # and a list or tick input has no fields to read then: reading them crashed the app.
        if step is None or widget is None or widget.sent or not widget.is_mounted:
            return
        with contextlib.suppress(StoreError):
            self.session.keep_unsent(step, widget.unsent())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Send, explain, the comments and a pane's way back to the answer need a question: once
        every question is answered they are left out of the footer and the command palette (both ask
        here), where they did nothing, and Esc in a pane goes to the start."""
        if action in ("send", "help", "comment", "resolve_comments", "focus_answer"):
            return self.step is not None
        return True

    # The conversation

    def show_step(self, step: QuestionStep | None, answered: QuestionStep | None = None) -> AwaitMount:
        """Show the infos before `step`, the question itself and the input that fits it; first the
        answer to `answered` when given (all at once: an answer and the next question in the widgets
        the conversation made ready for them, `ChatLog.make_ready`).

        Only what the officer needs to answer is done before the next frame; the header and (after
        an answer) the panes follow once the question is on screen (`_step_shown`).
        """
        asked_before, self.step = self.step is not None, step
        if asked_before != (step is not None):
            self.refresh_bindings()  # send and explain come and go with the question (`check_action`)
        messages: list[Widget] = [] if answered is None else [officer_message(self.session, answered)]
        messages += [CoachMessage(info.say) for info in self.conversation.new_infos(step)]
        shown: Widget
        if step is None:
            shown = CoachMessage(t("tui.done"))
            messages.append(shown)
            if answered is None:  # the review is current: no answer waits for the panes
                messages.append(NoticeMessage(self._review_summary()))
            self.answer_area.ask(None)
        else:
            position, total = self.conversation.position(step)
            question = f"**{position}/{total}** · {step.ask.strip()}"
            if not step.required:
                question += f"\n\n*{t('tui.optional')}*"
            shown = CoachMessage(question, classes="question")
            messages.append(shown)
            messages += [
                NoticeMessage(t("plain.comment", **Conversation.comment_fields(comment)))
                for comment in self.conversation.comments_on(step)
            ]
            if step.suggest == "indicators":
                messages += self._indicator_advice()
            widget = self.answer_area.ask(step, self.session.offered(step))
            assert widget is not None
            unsent = self.session.unsent(step.id)
            if unsent is not None:
                widget.call_after_refresh(widget.restore, unsent)
                back = "tui.unsent_back" if isinstance(unsent, str) else widget.UNSENT_LIST_BACK
                messages.append(NoticeMessage(t(back)))
            widget.call_after_refresh(widget.focus_input)
            widget.call_after_refresh(self._pass_on)
        placed, mounted = self.chat_log.add(*messages)
        shown = placed[messages.index(shown)]  # the widget showing it may be one mounted ahead
        if step is not None:
            self._question = shown
        self._awaited = shown
        self.chat_log.scroll_to_end()
        self.call_later(self._when_mounted, mounted, shown)
        return mounted

    def _indicator_advice(self) -> list[Widget]:
        """The indicators that fit the answers, for a monitoring question (none before the knowledge)."""
        knowledge = coach(self).knowledge
        found = self.session.indicators(knowledge.indicator_matcher) if knowledge is not None else []
        return [CoachMessage(indicator_advice(found), classes="help")] if found else []

    # Answering

    @on(AnswerInput.Submitted)
    async def _answered(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        step = self.step
        if step is None or event.step is not step:
            return  # sent by an input of an earlier question, on its way out
        if Conversation.asks_for_help(event.value):
            # The flows tell officers that '?' shows the explanation, in the app as on the command line.
            self.action_help()
            self.answer_area.validation("")
            self.answer_area.clear_typed()
            self._reopen()
            return
        try:
            with self.session.store.syncing_later():  # flushed once the next question is drawn
                self.session.answer(step, event.value)
        except InvalidAnswer as error:
            self.answer_area.validation(str(error))
            self._reopen()
            return
        except StoreError as error:
            self._refused(error)
            self._reopen()
            return
        answered = self._question
        steps, before = {step.id}, {finding.rule_id for finding in self.findings}
        if self._stale_panes is not None:  # answered again before the panes caught up
            steps, before = steps | self._stale_panes[0], self._stale_panes[2]
        # The next question first, the panes once it is on screen (`_step_shown`): the officer
        # reads on while the draft, the review and the suggestions are worked out again.
        self._stale_panes = (steps, answered, before)
        # One frame for the answer and the next question: none is drawn until they are mounted
        # (a frame in between showed the answer box emptied and the question not yet there).
        with self.app.batch_update():
            await self.show_step(self.session.current(), answered=step)

    async def _when_mounted(self, mounted: AwaitMount, shown: Widget) -> None:
        """Once `shown` is mounted, wait for the frame that draws it; then `_step_shown`.

        Asked from the mount, not at once: callbacks after a refresh also run while an answer
        holds the frames back (`_answered`), which brought the panes up before the question.
        """
        await mounted
        self.call_after_refresh(self._step_shown, shown)

    @property
    def panes_current(self) -> bool:
        """Whether the panes show every answer given: they catch up after the next question is
        drawn, so whoever reads them (a test) waits for this first."""
        return self._stale_panes is None

    def _step_shown(self, shown: Widget) -> None:
        """The question (or the closing message) is on screen: the header, and after the frame that
        draws it the answer to disk and the panes if stale (`_panes_shown`)."""
        # A key typed as the question appeared is drawn in the header's frame, not held up by the
        # disk's flush or by the panes' update and their drawing (the most work after an answer).
        self.call_after_refresh(self._sync_store)
        if shown is not self._awaited:
            return  # another question came first; its own call brings everything up to date
        self.query_one(ChatHeader).show_progress(self.session)
        self.chat_log.fold_oldest()
        if self._stale_panes is not None:
            self.call_after_refresh(self._panes_shown, shown)
        else:
            self.chat_log.make_ready()

    def _panes_shown(self, shown: Widget) -> None:
        """Bring the stale panes up to date, unless another question came first (it does that);
        then make the widgets of the next answer ready (`ChatLog.make_ready`), the last of the work."""
        if shown is self._awaited and self._stale_panes is not None:
            stale, self._stale_panes = self._stale_panes, None
            self._after_answer(*stale)
            self.chat_log.make_ready()

    def _after_answer(self, step_ids: set[str], answered: Widget | None, before: set[str]) -> None:
        """Bring the panes up to date, and say below the answers what the review found in them."""
        self._update_side()
        above = self._question if self._question is not None and self._question is not answered else None
        for finding in self.conversation.findings_to_name(self.findings, before, step_ids):
            self.chat_log.notice(t("tui.inline_finding", title=finding.title, fix=finding.fix), before=above)
        if self.step is None:  # the last answer given: what the review still finds, after the closing message
            self.chat_log.notice(self._review_summary())

    def _review_summary(self) -> str:
        """What the review still finds once every question is answered, and where to read it."""
        summary = review_summary(self.findings, self.coverage)
        return f"{summary} {t('tui.review_summary_where')}" if self.findings else summary

    @on(AnswerInput.Unreadable)
    def _unreadable(self, event: AnswerInput.Unreadable) -> None:
        event.stop()
        self.answer_area.validation(event.text)

    @on(NumberAnswer.Read)
    def _number_read(self, event: NumberAnswer.Read) -> None:
        event.stop()
        self.answer_area.validation(event.text, error=False)

    def action_focus_answer(self) -> None:
        """From a pane back to the answer box (Esc or Tab in a pane)."""
        self.answer_area.focus_input()

    def action_leave(self) -> None:
        self.keep_unsent()
        self.dismiss(None)

    # Side panes

    def action_toggle_pane(self, name: str) -> None:
        widget = self.query_one(SidePanes).toggle(name)
        if widget.display:
            self._update_side()  # hidden, it was left as it was
        self.chat_log.scroll_to_end()  # a pane narrows the conversation: keep the question in view
        if widget.display and widget.can_focus:
            widget.focus()
        elif not widget.display:
            self.answer_area.focus_input()

    @on(FilesChanged)
    def _files_changed(self) -> None:
        """The flow's file may have changed: carry on with the new version, answers kept."""
        info = self.session.info
        try:
            loaded = flow_for_session(info.flow_id, info.flow_source)
        except (ProblemsError, LookupError):
            return  # The app has told the officer what is broken; keep the version in use.
        self.flow_reloaded(loaded)

    def flow_reloaded(self, loaded: LoadedFlow) -> None:
        """Carry on with another version of the flow, answers kept."""
        if loaded.digest == self.session.loaded.digest:
            return
        before = len(self.session.orphans)
        self.session.reload(loaded)
        # Saving a flow while watching it is routine: only answers that lost their question are news.
        lost = len(self.session.orphans) - before
        self.chat_log.notice(t("tui.flow_changed", count=lost) if lost > 0 else t("tui.flow_updated"))
        self.show_step(self.session.current())
        self._update_side()

    @on(KnowledgeLoaded)
    def _knowledge_loaded(self) -> None:
        """The knowledge base is ready (before mounting, on_mount draws the side panes)."""
        if self.is_mounted:
            before = [finding.rule_id for finding in self.findings]
            self._update_side()
            if self.step is None and before != [finding.rule_id for finding in self.findings]:
                # Opened finished before the knowledge came: what the review finds with it.
                self.chat_log.notice(self._review_summary())
            # Resumed straight at a monitoring question: its indicators could not be found before.
            if self.step is not None and self.step.suggest == "indicators":
                self.chat_log.add(*self._indicator_advice())

    @on(SuggestionsPane.Decided)
    def _decided(self, event: SuggestionsPane.Decided) -> None:
        try:
            self.session.decide(event.intervention_id, event.accept)
        except StoreError as error:
            self._refused(error)
            return
        key = "tui.accepted" if event.accept else "tui.dismissed"
        name = event.intervention_id
        knowledge = coach(self).knowledge
        if knowledge is not None and event.intervention_id in knowledge.by_id:
            name = knowledge.by_id[event.intervention_id].name
        self.app.notify(t(key, name=name))
        self._update_side()

    @on(SuggestionsPane.Explain)
    def _explain(self, event: SuggestionsPane.Explain) -> None:
        suggestion = event.suggestion
        approach = getattr(suggestion.item, "approach", "") or ""
        text = t("tui.suggestion_explained", name=suggestion.item.name, why=suggestion.why, approach=approach)
        self.chat_log.coach(visible(text), classes="help")
        self.chat_log.scroll_to_end()

    def action_export(self) -> None:
        draft = self.session.draft(coach(self).knowledge, coach(self).rules)
        self.app.push_screen(ExportDialog(self.conversation, draft))
