"""Plain line mode (screen readers, ssh, logs) and scripted mode, over the same core as the TUI.

Plain mode asks one question at a time on stdin/stdout. An answer is acknowledged with
"opgeslagen" only after the store has committed it, so what the officer saw acknowledged survives
any crash. Typing `terug` goes back a question, `ongedaan` takes back the latest answer, `stop` ends
(everything is kept), `?` shows help. After the last question the suggestions and `terug` are
offered before plain mode ends (Enter, `stop` or the end of the input), as the app offers them.
"""

from __future__ import annotations

import sys
from typing import TextIO

from kansencoach.core.catalog import (
    find_flow,
    flow_for_session,
    load_kb,
    load_review_rules,
    scan_flows,
)
from kansencoach.core.common.markdown_text import markdown_to_text, wrapped
from kansencoach.core.common.terminal import columns, from_terminal, visible
from kansencoach.core.draft.findings import Finding, review_summary
from kansencoach.core.flows.answers import InvalidAnswer, read_number_answer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, ChoiceStep, MultiStep, NumberStep, QuestionStep
from kansencoach.core.flows.steptypes import YES, answer_line, parse_typed, step_type
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.core.sessions.suggest import Empty
from kansencoach.i18n import t

BACK = "terug"
UNDO = "ongedaan"
STOP = "stop"
HELP = "?"
COMMENT = "opmerking"
RESOLVE = "afgehandeld"
SUGGESTIONS = "suggesties"
CHOOSE = "kies"
PUT_ASIDE = "weg"


class PlainUI:
    """The question loop of plain mode."""

    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, preview: bool = False) -> None:
        self.session = session
        self.preview = preview
        """A throwaway session: said at the start, and no resume or export command at the end."""
        self.conversation = Conversation(session)
        self.stdin = stdin
        self.stdout = stdout
        self.findings = self._live_review()

    def say(self, text: str = "") -> None:
        """Write `text`; on a terminal broken between words at its width (asked each time: the
        window may change), in a pipe or a log as it is."""
        shown = visible(text)
        if self.stdout.isatty():
            shown = wrapped(shown, columns())
        print(shown, file=self.stdout, flush=True)

    def _text(self, markdown: str) -> str:
        """`markdown` as plain text; on a terminal each paragraph on one line, for `say` to break
        at the window's width (the author's lines broken one by one left half-empty lines)."""
        return markdown_to_text(markdown, soft_break=" " if self.stdout.isatty() else "\n")

    def read(self) -> str | None:
        self.stdout.write("> ")
        self.stdout.flush()
        line = self.stdin.readline()
        if line == "":
            return None
        line, replaced = from_terminal(line.rstrip("\n"))
        if replaced:
            self.say(t("plain.not_utf8"))
        return line

    def run(self) -> int:
        """Ask until the flow ends or the officer stops; Ctrl+C stops too, saying how to resume."""
        try:
            return self._converse()
        except KeyboardInterrupt:
            self.say("")
            self.say(t("plain.stopped", id=self.session.info.id))
            return 130

    def _converse(self) -> int:
        session = self.session
        title, flow = session.info.title, session.loaded.flow.title
        if title == flow:
            self.say(t("plain.header_flow", flow=flow, id=session.info.id))
        else:
            self.say(t("plain.header", title=title, flow=flow, id=session.info.id))
        self.say(t("plain.commands", back=BACK, undo=UNDO, stop=STOP, help=HELP))
        self.say(t("plain.comment_command", comment=COMMENT, resolve=RESOLVE))
        self.say(t("plain.suggestions_command", suggestions=SUGGESTIONS))
        if self.preview:
            self.say(t("plain.preview"))
        if session.orphans:
            self.say(t("plain.orphans", count=len(session.orphans)))
        self._show_history()
        while True:
            step = session.current()
            self._show_infos(step)
            if step is None:
                if self._at_the_end():
                    continue
                self._say_review_summary()
                self.say(t("plain.preview_end") if self.preview else t("plain.done", id=session.info.id))
                return 0
            self._ask(step)
            line = self.read()
            if line is None or line.strip().lower() == STOP:
                self.say(t("plain.preview_end") if self.preview else t("plain.stopped", id=session.info.id))
                return 0
            command = line.strip().lower()
            if command == BACK:
                if session.back() is None:
                    self.say(t("plain.at_start"))
                continue
            if command == UNDO:
                self.say(self.conversation.undo())
                continue
            if Conversation.asks_for_help(command):
                self.say(self._text(Conversation.help_text(step)))
                continue
            if command == COMMENT:
                self._comment(step)
                continue
            if command == SUGGESTIONS:
                self._suggestions()
                continue
            if command == RESOLVE:
                count = self.conversation.resolve_comments(step)
                self.say(t("plain.comments_resolved", count=count))
                continue
            self._answer(step, line)

    def _at_the_end(self) -> bool:
        """Every question answered: offer what the app offers there (the suggestions, going back to
        change an answer) until the officer ends with Enter, `stop` or the end of the input (a script
        ends as it did). True when they went back to a question."""
        while True:
            self.say(t("plain.finished", suggestions=SUGGESTIONS, back=BACK))
            command = (self.read() or "").strip().lower()
            if command in ("", STOP):
                return False
            if command == BACK:
                self.session.back()
                return True
            if command == UNDO:
                said = self.conversation.undo()
                self.say(said)
                if self.session.current() is not None:
                    return True
            elif command == SUGGESTIONS:
                self._suggestions()
            else:  # a remark, help or an answer belong to a question: say so, not just ask again
                self.say(t("plain.finished_no_question", command=command, back=BACK))

    def _comment(self, step: QuestionStep) -> None:
        """Ask for a remark on this question and store it under the commenter's name."""
        self.say(t("plain.comment_ask"))
        text = self.read()
        if text is None or not text.strip():
            self.say(t("plain.comment_none"))
            return
        self.session.comment(step.id, Conversation.author(), text.strip())
        self.say(t("plain.comment_saved"))

    def _suggestions(self) -> None:
        """The suggestions for the answers so far, each numbered with why it fits, until the officer
        returns to the question; `kies N` or `weg N` decides on one, and the list is shown again."""
        matcher = load_kb().matcher
        while (offer := self.session.suggestions(matcher)).empty is None:
            items = (f"  {n}. {item.name}\n     {item.why}" for n, item in enumerate(offer.suggestions, 1))
            self.say("\n".join([t("plain.suggestions", count=len(offer.suggestions)), *items]))
            self.say(t("plain.suggestions_how", choose=CHOOSE, aside=PUT_ASIDE))
            verb, _, typed = (self.read() or "").strip().lower().partition(" ")
            if not verb:
                return
            index = int(typed) - 1 if typed.isdigit() else -1
            if verb in _DECISIONS and 0 <= index < len(offer.suggestions):
                accept, said = _DECISIONS[verb]
                self.session.decide(offer.suggestions[index].id, accept)
                self.say(t(said, name=offer.suggestions[index].name))
            else:
                self.say(t("plain.pick", count=len(offer.suggestions)))
        said, todo = Conversation.no_suggestions(offer), _WHAT_TO_DO.get(offer.empty)
        self.say(f"{said} {t(todo, back=BACK, id=self.session.info.id)}" if todo else said)

    def _show_history(self) -> None:
        """On resuming, the questions answered before the current one with their answers, as the
        chat shows them (`Session.answered_before`); nothing in a new session."""
        session = self.session
        earlier = session.answered_before(session.current())
        if earlier:
            self.say("")
            self.say(t("plain.answered_before"))
            for step in earlier:
                self.say(f"  {Conversation.label(step)}: {answer_line(step, session.answers.get(step.id))}")

    def _show_infos(self, step: QuestionStep | None) -> None:
        for info in self.conversation.new_infos(step):
            self.say("")
            self.say(self._text(info.say))

    def _ask(self, step: QuestionStep) -> None:
        position, total = self.conversation.position(step)
        self.say("")
        self.say(f"[{position}/{total}] {self._text(step.ask)}")
        for number, option in enumerate(getattr(step, "options", []), start=1):
            self.say(f"  {number}. {self._text(option.label)}")
        self.say(t(f"plain.how.{step.type}", **step_type(step).hint_values(step)))
        if not step.required:
            self.say(t("plain.optional"))
        for comment in self.conversation.comments_on(step):
            self.say(t("plain.comment", **Conversation.comment_fields(comment)))
        current = self.session.offered(step)
        if current is not None:
            if step.id in self.session.answers:
                key = "plain.current"
            elif step.id in self.session.state.withdrawn:
                key = "plain.withdrawn"  # taken back by `ongedaan`
            else:
                key = "plain.earlier"
            self.say(t(key, value=answer_line(step, current)))

    def _answer(self, step: QuestionStep, line: str) -> None:
        offered = self.session.offered(step)
        value: AnswerValue = offered
        reading: str | None = ""
        if line.strip() or offered is None:
            try:
                value = parse_typed(step, line)
                if isinstance(step, NumberStep) and line.strip():
                    reading = self._confirmed_reading(step, line)
                elif isinstance(step, ChoiceStep | MultiStep) and value is not None:
                    # A number or the first words of a label picked it: say which option was stored.
                    reading = t("plain.chosen", choice=answer_line(step, value))
            except InvalidAnswer as error:
                self.say(f"! {error}")
                return
            if reading is None:
                return
        try:
            self.session.answer(step, value)
        except InvalidAnswer as error:
            self.say(f"! {error}")
            return
        self.say(t("plain.saved_as", reading=reading) if reading else t("plain.saved"))
        before = {finding.rule_id for finding in self.findings}
        self.findings = self._live_review()
        for finding in self.conversation.findings_to_name(self.findings, before, {step.id}):
            self.say(t("plain.finding", title=finding.title, fix=finding.fix))

    def _say_review_summary(self) -> None:
        """What the review still finds once every question is answered (as the app says it)."""
        rules = load_review_rules()
        if rules is None:
            return
        draft = self.session.draft(load_kb(), rules, live=True)
        self.say(review_summary(list(draft.findings or ()), draft.coverage))

    def _live_review(self) -> list[Finding]:
        """The review as it stands while answering: findings about the questions passed so far."""
        rules = load_review_rules()
        return self.session.review(rules, load_kb(), live=True) if rules else []

    def _confirmed_reading(self, step: NumberStep, line: str) -> str | None:
        """How a number was read; when it had to interpret, ask first (None: not confirmed, ask again)."""
        number = read_number_answer(step, line)
        if not number.interpreted:
            return number.reading
        self.say(t("plain.confirm_reading", reading=number.reading))
        answer = self.read()
        return number.reading if answer is not None and answer.strip().lower() in ("", *YES) else None


_DECISIONS = {CHOOSE: (True, "plain.suggestion_chosen"), PUT_ASIDE: (False, "plain.suggestion_put_aside")}
"""A decision on a suggestion as typed → whether it accepts, and how it is acknowledged."""
_WHAT_TO_DO = {Empty.NOTHING_FITS: "plain.suggest_other_words", Empty.ALL_DECIDED: "plain.suggest_in_draft"}
"""What the officer can do about an empty list, in plain mode (nothing while the answers are to come)."""


def open_session(store: Store, session_id: str) -> Session:
    """A stored session with its flow; a clear error when the flow has gone."""
    info = store.session(session_id)
    return Session(store, info, flow_for_session(info.flow_id, info.flow_source))


def run_plain(
    store: Store,
    loaded: LoadedFlow,
    title: str | None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    preview: bool = False,
) -> int:
    """A new session in plain mode; stdin and stdout are the process's streams when this is called
    (not when the module was imported: the command routes them through the terminal sanitiser first)."""
    session = Session.start(store, loaded, title)
    with store.lock(session.info.id):
        return PlainUI(session, stdin or sys.stdin, stdout or sys.stdout, preview).run()


def resume_plain(
    store: Store, session_id: str, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """A stored session resumed in plain mode, on the streams as `run_plain` takes them."""
    session = open_session(store, session_id)
    with store.lock(session_id):
        return PlainUI(session, stdin or sys.stdin, stdout or sys.stdout).run()


def start_menu(store: Store, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Choose a flow to start or a session to resume, then run it in plain mode."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    entries = scan_flows()
    flows = [entry for entry in entries if entry.loaded is not None]
    sessions = store.sessions()
    print(t("plain.menu"), file=stdout)
    choices: list[tuple[str, str]] = []
    for entry in flows:
        assert entry.loaded is not None
        choices.append(("flow", entry.id))
        print(visible(f"  {len(choices)}. {t('plain.menu_new', title=entry.loaded.flow.title)}"), file=stdout)
    for entry in entries:
        if entry.loaded is None:  # not to choose, but named, as the app's start screen does
            problem = t("cli.flow_broken", count=len(entry.problems), path=entry.path)
            print(visible(f"     {entry.id} {problem}"), file=stdout)
    for info in sessions:
        choices.append(("session", info.id))
        print(
            visible(f"  {len(choices)}. {t('plain.menu_resume', title=info.title, id=info.id)}"), file=stdout
        )
    stdout.write("> ")
    stdout.flush()
    line = stdin.readline().strip()
    if not line.isdigit() or not 1 <= int(line) <= len(choices):
        print(t("plain.menu_none"), file=stdout)
        return 0
    kind, key = choices[int(line) - 1]
    if kind == "flow":
        return run_plain(store, find_flow(key), None, stdin, stdout)
    return resume_plain(store, key, stdin, stdout)
