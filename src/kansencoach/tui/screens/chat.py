"""The chat screen: the coach asks, the officer answers, the draft grows beside them.

Every answer goes through `Session.answer`, which checks it and commits it to the store before
the next question appears. When the store refuses (disk full, locked), the typed answer stays in
the input and the officer is told why: nothing typed is ever thrown away.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from kansencoach.core.catalog import flow_for_session
from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.common.terminal import visible
from kansencoach.core.draft.findings import Finding
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AllocateStep, QuestionStep
from kansencoach.core.flows.steptypes import answer_line
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import SessionLock, StoreError
from kansencoach.i18n import t
from kansencoach.tui.actions import CHAT, bindings, hint
from kansencoach.tui.contract import coach
from kansencoach.tui.screens.dialogs import JumpDialog, TextPrompt
from kansencoach.tui.screens.export import ExportDialog
from kansencoach.tui.signals import FilesChanged, KnowledgeLoaded
from kansencoach.tui.widgets.allocate import mix_lines, points_bar
from kansencoach.tui.widgets.answer_inputs import AnswerInput, NumberAnswer, NumberedOptions
from kansencoach.tui.widgets.answered import sent_from
from kansencoach.tui.widgets.inputs import input_for
from kansencoach.tui.widgets.keyfooter import KeyFooter
from kansencoach.tui.widgets.messages import (
    CoachMessage,
    HistoryMessage,
    NoticeMessage,
    OfficerMessage,
    indicator_advice,
)
from kansencoach.tui.widgets.panes import DraftPane, ReviewPane, SuggestionsPane

SECTION_BAR = 5
"""Cells per section in the header's progress: four sections fit beside the title at 80 columns."""

NARROW_CHAT = 60
"""Below this chat width the header shows the title and the count, not the section bars."""

WIDE = 120
"""From this terminal width on, the draft is shown beside the chat from the start."""


class ChatScreen(Screen[None]):
    """One session as a conversation, with the draft, suggestions and review beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(CHAT)]

    def __init__(self, session: Session, lock: SessionLock | None = None) -> None:
        super().__init__()
        self.session = session
        self.conversation = Conversation(session)
        self._question: Widget | None = None
        self._unsent_timer: Timer | None = None
        """The message of the question being asked, so a remark on the last answer goes above it."""
        self.session_lock = lock
        self.step: QuestionStep | None = None
        self.findings: list[Finding] = []
        self._early_keys: list[events.Key] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                with Horizontal(id="chat-header"):
                    yield Label(visible(self.session.info.title), id="session-title", markup=False)
                    if coach(self).preview:
                        yield Label(t("tui.preview"), id="preview-badge", markup=False)
                    yield Label("", id="progress")
                    yield Label("", id="progress-label")
                # No Tab stop: typing there went nowhere. The wheel still scrolls it.
                yield VerticalScroll(id="conversation", can_focus=False)
                with Vertical(id="answer-area"):
                    yield Label("", id="validation", classes="validation", markup=False)
                    yield Vertical(id="input-slot")
                    yield Label("", id="keys-hint")
            with Vertical(id="side"):
                yield DraftPane(id="draft-pane")
                yield SuggestionsPane(id="suggestions-pane")
                yield ReviewPane(id="review-pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#suggestions-pane").display = False
        self.query_one(ReviewPane).display = False
        self.query_one("#draft-pane").display = self.app.size.width >= WIDE
        self._update_side_visibility()
        self._update_side()
        # Anchored, the conversation stays at its end while messages render (markdown renders late),
        # until the officer scrolls up to read; scroll_to_end anchors it again.
        self.query_one("#conversation").anchor()
        self._show_history()
        if coach(self).preview:
            self._notice(t("tui.preview_notice"))
        if self.session.orphans or self.session.flow_changed:
            self._notice(t("tui.flow_changed", count=len(self.session.orphans)))
        self.show_step(self.session.current())

    def on_unmount(self) -> None:
        if self.session_lock is not None:
            self.session_lock.release()

    UNSENT_DELAY = 1.0
    """Seconds of no typing after which unsent text is stored (a crash loses at most this much)."""

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _typing(self) -> None:
        if self._unsent_timer is not None:
            self._unsent_timer.stop()
        self._unsent_timer = self.set_timer(self.UNSENT_DELAY, self.keep_unsent)

    def keep_unsent(self) -> None:
        """Store the text in the answer box that was not sent, so it is offered back on resume."""
        step = self.step
        inputs = self.query(AnswerInput)
        if step is None or not inputs or inputs.first().sent:
            return
        typed = inputs.first().typed()
        offered = self.session.offered(step)
        if isinstance(offered, str) and typed.strip() == offered.strip():
            typed = ""  # the answer as it stands is nothing new
        with contextlib.suppress(StoreError):
            self.session.keep_unsent(step.id, typed)

    # The conversation

    def _show_history(self) -> None:
        conversation = self.query_one("#conversation")
        current = self.session.current()
        messages: list[Widget] = []
        for step in self.session.route().answered:
            if current is not None and step.id == current.id:
                break
            messages.append(HistoryMessage(Conversation.label(step)))
            messages.append(self._officer_message(step))
        conversation.mount_all(messages)

    def show_step(self, step: QuestionStep | None) -> None:
        """Show the infos before `step`, the question itself and the input that fits it."""
        # The old input loses focus at once: keys typed from now on wait for the new one (on_key),
        # instead of reaching the old one, where a digit would answer the previous question again.
        self.set_focus(None)
        self.step = step
        conversation = self.query_one("#conversation")
        for info in self.conversation.new_infos(step):
            conversation.mount(CoachMessage(info.say))
        slot = self.query_one("#input-slot")
        slot.remove_children()
        self._validation("")
        self._update_progress()
        if step is None:
            conversation.mount(CoachMessage(t("tui.done")))
            self.query_one("#keys-hint", Label).update(hint("tui.keys.done"))
            self.scroll_to_end()
            return
        position, total = self.conversation.position(step)
        question = f"**{position}/{total}** · {step.ask.strip()}"
        if not step.required:
            question += f"\n\n*{t('tui.optional')}*"
        self._question = CoachMessage(question, classes="question")
        conversation.mount(self._question)
        for comment in self.conversation.comments_on(step):
            conversation.mount(NoticeMessage(t("plain.comment", **Conversation.comment_fields(comment))))
        if step.suggest == "indicators":
            self._suggest_indicators()
        widget = input_for(step, self.session.offered(step))
        slot.mount(widget)
        unsent = self.session.unsent(step.id)
        if unsent:
            widget.call_after_refresh(widget.restore, unsent)
            conversation.mount(NoticeMessage(t("tui.unsent_back")))
        self.query_one("#keys-hint", Label).update(widget.keys_hint)
        widget.call_after_refresh(widget.focus_input)
        widget.call_after_refresh(self._replay_early_keys)
        self.scroll_to_end()

    def _reopen_input(self) -> None:
        """The answer was not taken: its input reads keys again."""
        for widget in self.query(AnswerInput):
            widget.sent = False
        for options in self.query(NumberedOptions):
            options.chosen = False

    def on_key(self, event: events.Key) -> None:
        """Keep what is typed before the answer input has focus (at start, or between two questions)."""
        focused = self.focused
        waiting = focused is None or focused is self.query_one("#conversation") or sent_from(focused)
        if event.is_printable and waiting:
            event.stop()
            event.prevent_default()
            self._early_keys.append(event)
            self.call_after_refresh(self._replay_early_keys)

    def on_descendant_focus(self) -> None:
        # Focus lands after a refresh or two (Widget.focus is deferred): replay the kept keys then.
        self._replay_early_keys()

    def _replay_early_keys(self) -> None:
        focused = self.focused
        if focused is None or not self._early_keys or focused is self.query_one("#conversation"):
            return
        if sent_from(focused):
            return  # the next question's input is not there yet
        keys, self._early_keys = self._early_keys, []
        for key in keys:
            focused.post_message(events.Key(key.key, key.character))

    def scroll_to_end(self) -> None:
        """Bring the last message (the question) into view once the layout has settled.

        Scrolling at once measured the conversation before the new messages (or a pane that
        narrows it) were laid out, which left the question below the fold after a resume.
        """
        conversation = self.query_one("#conversation")
        self.call_after_refresh(conversation.scroll_end, animate=False, immediate=True)

    def _suggest_indicators(self) -> None:
        knowledge = coach(self).knowledge
        found = self.session.indicators(knowledge.indicator_matcher) if knowledge is not None else []
        if found:
            self.query_one("#conversation").mount(CoachMessage(indicator_advice(found), classes="help"))

    def _officer_message(self, step: QuestionStep) -> OfficerMessage:
        """The officer's answer in the chat; a perspective mix as bars."""
        value = self.session.answers.get(step.id)
        if isinstance(step, AllocateStep) and isinstance(value, dict):
            return OfficerMessage(mix_lines(step, value).plain)
        return OfficerMessage(self._answer_text(step))

    def _answer_text(self, step: QuestionStep) -> str:
        return answer_line(step, self.session.answers.get(step.id))

    def _notice(self, text: str) -> None:
        self.query_one("#conversation").mount(NoticeMessage(text))

    def _validation(self, text: str, error: bool = True) -> None:
        label = self.query_one("#validation", Label)
        label.update(text)
        label.set_class(not error, "success")
        label.display = bool(text)

    def _update_progress(self) -> None:
        done, total = self.session.route().progress
        self.query_one("#progress", Label).update(self._section_progress())
        self.query_one("#progress-label", Label).update(t("tui.progress", done=done, total=total))

    def _section_progress(self) -> Text:
        """A short bar per section of the method (analyse, doel, inzet, monitoring): how far each is."""
        counts: dict[str, list[int]] = {section.id: [0, 0] for section in self.session.loaded.flow.sections}
        for question in self.session.route().questions:
            section_id = (question.draft or "").split(".")[0]
            if section_id in counts:
                counts[section_id][1] += 1
                counts[section_id][0] += question.id in self.session.answers
        parts = [
            Text.assemble((f"{number} ", "bold"), points_bar(done, total, width=SECTION_BAR, number=False))
            for number, (done, total) in enumerate(counts.values(), 1)
            if total
        ]
        return Text("  ").join(parts)

    # Answering

    @on(AnswerInput.Submitted)
    def _answered(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        step = self.step
        if step is None or event.step is not step:
            return  # sent by an input of an earlier question, on its way out
        if Conversation.asks_for_help(event.value):
            # The flows tell officers that '?' shows the explanation, in the app as on the command line.
            self.action_help()
            self._validation("")
            for widget in self.query(AnswerInput):
                widget.clear_typed()
            self._reopen_input()
            return
        try:
            self.session.answer(step, event.value)
        except InvalidAnswer as error:
            self._validation(str(error))
            self._reopen_input()
            return
        except StoreError as error:
            self._refused(error)
            self._reopen_input()
            return
        self.query_one("#conversation").mount(self._officer_message(step))
        answered = self._question
        before = {finding.rule_id for finding in self.findings}
        # The next question first, the panes after the screen is drawn: the old text must not
        # linger while the draft, the review and the suggestions are worked out again.
        self.show_step(self.session.current())
        self.call_after_refresh(self._after_answer, step.id, answered, before)

    def _after_answer(self, step_id: str, answered: Widget | None, before: set[str]) -> None:
        """Bring the panes up to date, and say below the answer what the review found in it."""
        self._update_side()
        conversation = self.query_one("#conversation")
        # The live review shows a finding once its questions are passed: name it when it appears.
        for finding in self.findings:
            if finding.step_id == step_id or finding.rule_id not in before:
                notice = NoticeMessage(t("tui.inline_finding", title=finding.title, fix=finding.fix))
                if self._question is not None and self._question is not answered:
                    conversation.mount(notice, before=self._question)
                else:
                    conversation.mount(notice)

    @on(AnswerInput.Unreadable)
    def _unreadable(self, event: AnswerInput.Unreadable) -> None:
        event.stop()
        self._validation(event.text)

    @on(NumberAnswer.Read)
    def _number_read(self, event: NumberAnswer.Read) -> None:
        event.stop()
        self._validation(event.text, error=False)

    def action_send(self) -> None:
        inputs = self.query(AnswerInput)
        if inputs:
            inputs.first().submit()

    # Navigation

    def _refused(self, error: StoreError) -> None:
        """The store refused a move: say why, and leave the question and what was typed as they are."""
        self._validation(str(error))
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
        self._notice(t("tui.went_back", label=Conversation.label(previous)))
        self.show_step(previous)

    def action_undo(self) -> None:
        """Take back the latest answer (repeat to go further back) and ask that question again."""
        try:
            notice = self.conversation.undo()
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        self._notice(notice)
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
        self._notice(t("tui.went_back", label=Conversation.label(step)))
        self.show_step(step)

    @work(exclusive=True, group="jump")
    async def action_jump(self) -> None:
        route = self.session.route()
        choices = [
            (step.id, f"{Conversation.label(step)}: {self._answer_text(step)[:60]}")
            for step in route.answered
        ]
        if route.next is not None:
            choices.append((route.next.id, f"{Conversation.label(route.next)} — {t('tui.open')}"))
        chosen = await self.app.push_screen_wait(JumpDialog(choices))
        if chosen:
            self.go_to(chosen)

    @on(DraftPane.JumpRequested)
    def _jump_from_draft(self, event: DraftPane.JumpRequested) -> None:
        self.go_to(event.step_id)

    def action_help(self) -> None:
        if self.step is not None:
            self.query_one("#conversation").mount(
                CoachMessage(Conversation.help_text(self.step), classes="help")
            )
            self.scroll_to_end()

    @work(exclusive=True, group="comment")
    async def action_comment(self) -> None:
        """Add a remark to the current question, for the aanjaagteam or a colleague to read."""
        step = self.step
        if step is None:
            self.app.notify(t("tui.comment_no_question"), severity="warning")
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
        self._notice(t("plain.comment", **Conversation.comment_fields(comment)))
        self.scroll_to_end()
        self._update_side()

    def action_resolve_comments(self) -> None:
        """Mark the remarks on the current question as dealt with."""
        if self.step is None:
            return
        try:
            count = self.conversation.resolve_comments(self.step)
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        self.app.notify(t("plain.comments_resolved", count=count))
        self._update_side()

    def action_focus_answer(self) -> None:
        """From a pane back to the answer box (Esc or Tab in a pane)."""
        self._focus_input()

    def action_leave(self) -> None:
        self.keep_unsent()
        self.dismiss(None)

    # Side panes

    def action_toggle_pane(self, name: str) -> None:
        pane = {"draft": "#draft-pane", "suggestions": "#suggestions-pane", "review": "#review-pane"}[name]
        widget = self.query_one(pane)
        widget.display = not widget.display
        self._update_side_visibility()
        self.scroll_to_end()  # a pane narrows the conversation: keep the question in view
        if widget.display and widget.can_focus:
            widget.focus()
        elif not widget.display:
            self._focus_input()

    def _update_side_visibility(self) -> None:
        self.query_one("#side").display = any(pane.display for pane in self.query(".pane"))
        self.call_after_refresh(self._fit_header)

    def on_resize(self) -> None:
        self._fit_header()

    def _fit_header(self) -> None:
        # Beside an open pane at 80 columns the title comes first; the section bars give way.
        self.query_one("#progress").display = self.query_one("#chat").size.width >= NARROW_CHAT

    def _focus_input(self) -> None:
        inputs = self.query(AnswerInput)
        if inputs:
            inputs.first().focus_input()

    def _update_side(self) -> None:
        knowledge = coach(self).knowledge
        draft = self.session.draft(knowledge, coach(self).rules, live=True)
        self.query_one(DraftPane).show_draft(draft)
        self.query_one(ReviewPane).show_findings(None if draft.findings is None else list(draft.findings))
        if knowledge is not None:
            self.query_one(SuggestionsPane).show_suggestions(self.session.suggestions(knowledge.matcher))
        self.findings = list(draft.findings or ())

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
        self._notice(t("tui.flow_changed", count=lost) if lost > 0 else t("tui.flow_updated"))
        self.show_step(self.session.current())
        self._update_side()

    @on(KnowledgeLoaded)
    def _knowledge_loaded(self) -> None:
        """The knowledge base is ready (before mounting, on_mount draws the side panes)."""
        if self.is_mounted:
            self._update_side()
            # Resumed straight at a monitoring question: its indicators could not be found before.
            if self.step is not None and self.step.suggest == "indicators":
                self._suggest_indicators()

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
        self.query_one("#conversation").mount(CoachMessage(visible(text), classes="help"))
        self.scroll_to_end()

    def action_export(self) -> None:
        draft = self.session.draft(coach(self).knowledge, coach(self).rules)
        self.app.push_screen(ExportDialog(self.conversation, draft))
