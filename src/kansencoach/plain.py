"""Plain line mode (screen readers, ssh, logs) and scripted mode, over the same core as the TUI.

Plain mode asks one question at a time on stdin/stdout. An answer is acknowledged with
"opgeslagen" only after the store has committed it, so what the officer saw acknowledged survives
any crash. Typing `terug` goes back a question, `stop` ends (everything is kept), `?` shows help.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from kansencoach import locations
from kansencoach.core.catalog import find_flow, flow_for_session, load_kb, load_review_rules, scan_flows
from kansencoach.core.common.files import write_atomic
from kansencoach.core.draft.draft import answer_line
from kansencoach.core.draft.export import FORMATS, ExportMeta, render
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import (
    AllocateStep,
    AnswerValue,
    ChoiceStep,
    ConfirmStep,
    ListStep,
    MultiStep,
    NumberStep,
    QuestionStep,
    ScaleStep,
)
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.scripted import read_script
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import SessionInfo, Store
from kansencoach.i18n import t

BACK = "terug"
STOP = "stop"
HELP = "?"
_YES = {"j", "ja", "y", "yes", "jazeker", "1"}
_NO = {"n", "nee", "no", "0"}
_NONE = {"geen", "0", "-"}


class PlainUI:
    """The question loop of plain mode."""

    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO) -> None:
        self.session = session
        self.stdin = stdin
        self.stdout = stdout
        self._shown_infos: set[str] = set()

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout, flush=True)

    def read(self) -> str | None:
        self.stdout.write("> ")
        self.stdout.flush()
        line = self.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    def run(self) -> int:
        session = self.session
        self.say(
            t("plain.header", title=session.info.title, flow=session.loaded.flow.title, id=session.info.id)
        )
        self.say(t("plain.commands", back=BACK, stop=STOP, help=HELP))
        if session.orphans:
            self.say(t("plain.orphans", count=len(session.orphans)))
        while True:
            step = session.current()
            self._show_infos(step)
            if step is None:
                self.say(t("plain.done", id=session.info.id))
                return 0
            self._ask(step)
            line = self.read()
            if line is None or line.strip().lower() == STOP:
                self.say(t("plain.stopped", id=session.info.id))
                return 0
            command = line.strip().lower()
            if command == BACK:
                if session.back() is None:
                    self.say(t("plain.at_start"))
                continue
            if command in (HELP, "help", "hulp"):
                self.say(step.help or t("plain.no_help"))
                continue
            self._answer(step, line)

    def _show_infos(self, step: QuestionStep | None) -> None:
        for info in self.session.infos_before(step):
            if info.id not in self._shown_infos:
                self._shown_infos.add(info.id)
                self.say("")
                self.say(info.say.strip())

    def _ask(self, step: QuestionStep) -> None:
        questions = [question.id for question in self.session.route().questions]
        position = questions.index(step.id) + 1 if step.id in questions else len(questions)
        self.say("")
        self.say(f"[{position}/{len(questions)}] {step.ask.strip()}")
        for number, option in enumerate(getattr(step, "options", []), start=1):
            self.say(f"  {number}. {option.label}")
        self.say(t(f"plain.how.{step.type}", **_how_values(step)))
        if not step.required:
            self.say(t("plain.optional"))
        current = self.session.answers.get(step.id)
        if step.id in self.session.answers and current is not None:
            self.say(t("plain.current", value=answer_line(step, current)))

    def _answer(self, step: QuestionStep, line: str) -> None:
        if not line.strip() and step.id in self.session.answers:
            value = self.session.answers[step.id]
        else:
            try:
                value = parse_line(step, line)
            except InvalidAnswer as error:
                self.say(f"! {error}")
                return
        try:
            self.session.answer(step, value)
        except InvalidAnswer as error:
            self.say(f"! {error}")
            return
        self.say(t("plain.saved"))


def parse_line(step: QuestionStep, line: str) -> AnswerValue:
    """One typed line as an answer for `step`; InvalidAnswer when it cannot be read."""
    text = line.strip()
    if not text:
        return None
    if isinstance(step, ChoiceStep):
        return _pick(step, text)
    if isinstance(step, MultiStep):
        if text.lower() in _NONE:
            return []
        return [_pick(step, part) for part in re.split(r"[,;\s]+", text) if part]
    if isinstance(step, ScaleStep):
        number = _number(text)
        if number != int(number):
            raise InvalidAnswer(t("answer.scale", min=step.min, max=step.max))
        return int(number)
    if isinstance(step, NumberStep):
        number = _number(text)
        return int(number) if number == int(number) else number
    if isinstance(step, ConfirmStep):
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise InvalidAnswer(t("answer.confirm"))
    if isinstance(step, ListStep):
        return [item.strip() for item in text.split(";") if item.strip()]
    if isinstance(step, AllocateStep):
        return _allocation(step, text)
    return line


def _pick(step: ChoiceStep | MultiStep | AllocateStep, text: str) -> str:
    options = step.options
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1].value
    for option in options:
        if text.lower() in (option.value.lower(), option.label.lower()):
            return option.value
    raise InvalidAnswer(t("plain.pick", count=len(options)))


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InvalidAnswer(t("answer.number")) from None


def _allocation(step: AllocateStep, text: str) -> dict[str, int]:
    pairs = re.findall(r"([^\s=:,;]+)\s*[=:]\s*(\d+)", text)
    if pairs:
        return {_pick(step, name): int(points) for name, points in pairs}
    numbers = re.findall(r"\d+", text)
    if len(numbers) != len(step.options):
        raise InvalidAnswer(t("plain.allocate_format", count=len(step.options)))
    return {option.value: int(number) for option, number in zip(step.options, numbers, strict=True)}


def _how_values(step: QuestionStep) -> dict[str, object]:
    if isinstance(step, ScaleStep):
        return {"min": step.min, "max": step.max}
    if isinstance(step, AllocateStep):
        return {"total": step.total, "count": len(step.options)}
    return {}


def open_session(store: Store, session_id: str) -> Session:
    """A stored session with its flow; a clear error when the flow has gone."""
    info = store.session(session_id)
    return Session(store, info, flow_for_session(info.flow_id, info.flow_source))


def run_plain(
    store: Store,
    loaded: LoadedFlow,
    title: str | None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    session = Session.start(store, loaded, title or loaded.flow.title)
    with store.lock(session.info.id):
        return PlainUI(session, stdin, stdout).run()


def resume_plain(
    store: Store, session_id: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    session = open_session(store, session_id)
    with store.lock(session_id):
        return PlainUI(session, stdin, stdout).run()


def start_menu(store: Store, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Choose a flow to start or a session to resume, then run it in plain mode."""
    flows = [entry for entry in scan_flows() if entry.loaded is not None]
    sessions = store.sessions()
    print(t("plain.menu"), file=stdout)
    choices: list[tuple[str, str]] = []
    for entry in flows:
        assert entry.loaded is not None
        choices.append(("flow", entry.id))
        print(f"  {len(choices)}. {t('plain.menu_new', title=entry.loaded.flow.title)}", file=stdout)
    for info in sessions:
        choices.append(("session", info.id))
        print(f"  {len(choices)}. {t('plain.menu_resume', title=info.title, id=info.id)}", file=stdout)
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


@dataclass(frozen=True)
class ExportOptions:
    """How to export: a format of FORMATS, whether to overwrite, and a Word template."""

    fmt: str = "markdown"
    force: bool = False
    template: Path | None = None


def run_scripted(
    store: Store, loaded: LoadedFlow, answers_path: Path, export: Path | None, options: ExportOptions
) -> int:
    """Check an answers file against the flow; store it as a session and export the draft."""
    script = read_script(answers_path, loaded, load_kb().by_id)
    session = Session.start(store, loaded, script.title)
    with store.lock(session.info.id):
        for step_id, value in script.answers.items():
            store.append(session.info.id, Event("set", step_id, value))
        for intervention_id in script.accept:
            store.append(session.info.id, Event("accept", intervention_id))
    print(t("plain.scripted", id=session.info.id, count=len(script.answers)))
    if export is not None:
        export_session(store, session.info.id, export, options)
    return 0


def export_session(store: Store, session_id: str, output: Path | None, options: ExportOptions) -> int:
    session = open_session(store, session_id)
    if output is None:
        output = locations.documents_dir() / f"kansencoach-{session_id}{FORMATS[options.fmt]}"
    meta = ExportMeta(
        session.loaded.id,
        session.loaded.flow.version,
        session.info.created,
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    draft = session.draft(load_kb(), load_review_rules())
    written = write_atomic(output, render(draft, meta, options.fmt, options.template), options.force)
    print(t("plain.exported", path=written))
    return 0


def show_session(store: Store, session_id: str) -> int:
    session = open_session(store, session_id)
    info: SessionInfo = session.info
    done, total = session.route().progress
    print(
        t(
            "plain.show_header",
            title=info.title,
            id=info.id,
            flow=info.flow_id,
            version=info.flow_version,
            done=done,
            total=total,
            updated=info.updated,
        )
    )
    for step in session.route().answered:
        print(f"- {step.label or step.ask.strip()}: {answer_line(step, session.answers[step.id])}")
    if session.orphans:
        print(t("plain.orphans_header"))
        for orphan in session.orphans:
            print(f"- {orphan.step_id}: {orphan.value!r}")
    return 0


def review_session(store: Store, session_id: str, as_json: bool) -> int:
    """Print the review of a session's draft: every finding with what to do and its source."""
    import json
    from dataclasses import asdict

    session = open_session(store, session_id)
    rules = load_review_rules()
    findings = session.review(rules, load_kb()) if rules else []
    if as_json:
        print(json.dumps([asdict(finding) for finding in findings], ensure_ascii=False, indent=2))
        return 0
    if not findings:
        print(t("review.none"))
    for finding in findings:
        print(f"[{t(f'review.severity.{finding.severity}')}] {finding.title}")
        print(f"  {finding.message}")
        print(f"  {t('review.fix')}: {finding.fix}")
        if finding.example:
            print(f"  {t('review.example')}: {finding.example}")
        print(f"  {t('review.source')}: {finding.source}")
    return 0
