"""One conversation over a session: what plain mode and the chat screen both do, so they cannot drift.

A front end shows the questions and reads the answers; this object decides everything else they
have in common: where a question stands (`3/12`), which coach messages were already shown, which
typed words ask for help, how far undo goes, and how an export is named, stamped and written.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Literal, TypeAlias

from kansencoach import locations
from kansencoach.core.common.files import WriteError, write_atomic
from kansencoach.core.draft.draft import Draft
from kansencoach.core.draft.export import FORMATS, ExportFormat, ExportMeta, render
from kansencoach.core.draft.findings import Finding, to_name_after_answer
from kansencoach.core.dutch.clock import written_date
from kansencoach.core.dutch.normalize import fold
from kansencoach.core.flows.models import AnswerValue, InfoStep, QuestionStep
from kansencoach.core.sessions import sessionfile
from kansencoach.core.sessions.events import Comment
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import now
from kansencoach.core.sessions.suggest import Empty, Offer
from kansencoach.i18n import t

HELP_WORDS = frozenset({"?", "help", "hulp"})
"""Typed instead of an answer, these show the question's explanation (in the app as in plain mode)."""

OutputFormat: TypeAlias = ExportFormat | Literal["session"]
"""A draft in one of the export formats, or the whole session as a file to share (`sessionfile`)."""
SUFFIXES: dict[OutputFormat, str] = {fmt: suffix for fmt, suffix in FORMATS.items()}
SUFFIXES["session"] = ".yaml"

LAST_EXPORT_FOLDER = "last-export-folder.txt"
"""In the user data directory: the folder of the last export, offered again next time."""
STEM_LENGTH = 60
"""The most characters of a title a default export name keeps: enough to tell proposals apart."""


def file_stem(title: str) -> str:
    """`title` as a file name: its words without accents, joined by hyphens, as many whole words as
    fit in STEM_LENGTH ('Financiële zorgen' is financiele-zorgen; it was financi-le-, and a long
    title was cut in the middle of a word)."""
    words = re.findall(r"[a-z0-9]+", fold(title))
    stem = ""
    for word in words:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > STEM_LENGTH:
            break
        stem = longer
    return stem or (words[0][:STEM_LENGTH] if words else "voorstel")


def _last_export_folder() -> Path:
    try:
        folder = Path((locations.home_dir() / LAST_EXPORT_FOLDER).read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError, ValueError):
        return Path.cwd()
    return folder if folder.is_absolute() and folder.is_dir() else Path.cwd()


class Conversation:
    """A session as it is being talked through by one front end."""

    def __init__(self, session: Session) -> None:
        self.session = session
        current = session.current()
        # The infos passed in an earlier sitting count as shown; those right before the question
        # are shown with it again.
        passed = {info.id for info in (*self._infos_up_to(current), *self._infos_up_to(session.route().next))}
        self._shown_infos = passed - {info.id for info in session.infos_before(current)}
        self._told_by = {
            step.id: step.finding
            for step in session.loaded.flow.steps
            if isinstance(step, InfoStep) and step.finding
        }
        """Each info step that tells a review rule's finding (its `finding`), and that rule: a few per
        flow, looked up on the route after an answer instead of walking the route."""

    def new_infos(self, step: QuestionStep | None) -> list[InfoStep]:
        """The coach's messages on the path before `step` not shown yet; from now on they count as shown.

        Those right before `step`, and any the path has entered since (a changed answer that
        changes the route: the new domain's info). One the path has left shows again on its return.
        """
        route = self.session.route()
        self._shown_infos = {info_id for info_id in self._shown_infos if route.shows_info(info_id)}
        infos = [info for info in self._infos_up_to(step) if info.id not in self._shown_infos]
        self._shown_infos.update(info.id for info in infos)
        return infos

    def findings_to_name(
        self, findings: list[Finding], before: set[str], answered: set[str]
    ) -> list[Finding]:
        """The findings to name below an answer (`findings.to_name_after_answer`), without those a
        coach's message the officer has been shown tells already (an info step's `finding`, on the
        path before the next question: one further on may still leave the path)."""
        route = self.session.route()
        told = {rule for info_id, rule in self._told_by.items() if route.has_shown(info_id)}
        return to_name_after_answer(findings, before, answered, told)

    def _infos_up_to(self, step: QuestionStep | None) -> list[InfoStep]:
        """The info steps on the path before `step` (all of them when None), in route order."""
        infos: list[InfoStep] = []
        for passed in self.session.route().path:
            if step is not None and passed.id == step.id:
                break
            if isinstance(passed, InfoStep):
                infos.append(passed)
        return infos

    def position(self, step: QuestionStep) -> tuple[int, int]:
        """(number of `step` among the questions on the path, how many there are)."""
        questions = self.session.route().questions
        # Counted up to the step, not by listing every id of the path first (at question 10 of
        # 2,000 that list was most of the cost of showing the question).
        number = next((n for n, question in enumerate(questions, 1) if question.id == step.id), None)
        return number or len(questions), len(questions)

    @staticmethod
    def asks_for_help(typed: AnswerValue) -> bool:
        """Whether what was typed is a request for the explanation rather than an answer."""
        return isinstance(typed, str) and typed.strip().lower() in HELP_WORDS

    def undo(self) -> str:
        """Take back the latest answer; what to tell the officer about it."""
        step_id = self.session.undo()
        if step_id is None:
            return t("undo.nothing")
        step = self.session.engine.step(step_id) if self.session.engine.has(step_id) else None
        if step is None or isinstance(step, InfoStep):
            return t("undo.done_elsewhere")
        return t("undo.done", label=self.label(step))

    @staticmethod
    def kept_apart(session: Session) -> list[str]:
        """The answers the flow cannot use (`Session.orphans`), one line each as both front ends
        list them: the question's name while the flow still has it (the answer no longer fits),
        else that its question is gone, and the answer as it was given; never a step id."""
        engine = session.engine
        lines = []
        for orphan in session.orphans:
            step = engine.step(orphan.step_id) if engine.has(orphan.step_id) else None
            name = Conversation.label(step) if isinstance(step, QuestionStep) else t("orphan.question_gone")
            lines.append(t("orphan.line", question=name, answer=_as_given(orphan.value)))
        return lines

    @staticmethod
    def label(step: QuestionStep) -> str:
        """A question's short name: its label, else the first line of what it asks."""
        lines = step.ask.strip().splitlines()
        return step.label or (lines[0] if lines else step.ask)

    @staticmethod
    def no_suggestions(offer: Offer) -> str:
        """Why `offer` is empty, in the sentence both front ends begin with (each adds what can be
        done there); "" while it has suggestions."""
        if offer.empty is None:
            return ""
        if offer.empty is Empty.NOT_ASKED:
            if offer.asking is None:
                return t("suggest.nothing_to_ask")
            return t("suggest.not_asked", question=Conversation.label(offer.asking))
        return t("suggest.all_decided" if offer.empty is Empty.ALL_DECIDED else "suggest.nothing_fits")

    @staticmethod
    def help_text(step: QuestionStep) -> str:
        """The explanation of a question, or that it has none."""
        return step.help or t("plain.no_help")

    def comments_on(self, step: QuestionStep) -> list[Comment]:
        """The remarks on `step`, open ones first, each in the order it was made."""
        comments = [comment for comment in self.session.state.comments if comment.step_id == step.id]
        return sorted(comments, key=lambda comment: comment.done)

    def resolve_comments(self, step: QuestionStep) -> int:
        """Mark the open remarks on `step` as dealt with; how many there were."""
        open_ones = [comment for comment in self.comments_on(step) if not comment.done]
        for comment in open_ones:
            self.session.resolve(comment.number)
        return len(open_ones)

    @staticmethod
    def comment_fields(comment: Comment) -> dict[str, str]:
        """How a comment is shown: author, day, text, and whether it was dealt with."""
        return {
            "author": comment.author or t("comment.anonymous"),
            "day": written_date(comment.at),
            "text": comment.text,
            "done": t("comment.done") if comment.done else "",
        }

    @staticmethod
    def author() -> str:
        """Who is commenting: KANSENCOACH_AUTHOR when set (set it once), else the login name."""
        import getpass

        named = os.environ.get("KANSENCOACH_AUTHOR", "").strip()
        if named:
            return named
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return ""

    def export_meta(self) -> ExportMeta:
        """The front matter of an export made now."""
        return ExportMeta(
            self.session.loaded.id,
            self.session.loaded.flow.version,
            self.session.info.created,
            now(),
            self.author(),
        )

    def default_export_path(self, fmt: OutputFormat = "markdown") -> Path:
        """A file named after the session's title, in the folder of the last export, else the current one."""
        return _last_export_folder() / f"{file_stem(self.session.info.title)}{SUFFIXES[fmt]}"

    def export(
        self, draft: Draft, path: Path, fmt: OutputFormat, force: bool, template: Path | None = None
    ) -> Path:
        """Write `draft` to `path` atomically (WriteError when refused); the path written.

        Its folder is offered again next time, in any session and either front end.
        """
        share = fmt == "session"
        text = sessionfile.dump(self.session) if share else render(draft, self.export_meta(), fmt, template)
        written = write_atomic(path, text, force)
        with contextlib.suppress(WriteError, OSError):
            write_atomic(locations.home_dir() / LAST_EXPORT_FOLDER, str(written.parent), force=True)
        return written


def _as_given(value: AnswerValue) -> str:
    """An answer the flow no longer reads, on one line as it was given (no step to show it by)."""
    if value is None:
        return t("draft.skipped")
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, dict):
        return ", ".join(f"{option}: {points}" for option, points in value.items())
    return " ".join(str(value).split())
