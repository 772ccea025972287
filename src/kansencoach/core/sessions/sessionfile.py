"""A session as one human-readable YAML file, to send to the aanjaagteam and back.

The file holds the flow it was made with (id, version, fingerprint), the title, the answers by step
id with each question as a comment, the suggestion decisions, the comments, and the whole event
history. The history is what an import replays, with its own times, so export → import → export
gives the same file. The other parts are there to be read and edited: an answer changed by hand is
imported as a new answer after the history; a file without history is built from its parts.

The file ends in a comment line (`END`), so that a file cut off on its way (a mail client, a copy
broken off) is refused instead of read as a shorter session: a cut before the history loses the
answers after the cut, and the last answer kept may end mid-sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from kansencoach.core.catalog import UnknownFlow, find_flow, scan_flows
from kansencoach.core.common.ids import Identifier
from kansencoach.core.common.problems import Position, Problem, ProblemsError, did_you_mean
from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.yamlsource import Document, parse, read_text
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, InfoStep, QuestionStep
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.sessions.events import Event, EventKind, EventValue, SessionState, fold
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import SessionInfo, Store
from kansencoach.i18n import t

FORMAT_VERSION = 1

Text = Annotated[str, Field(max_length=20_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class FlowRef(_Strict):
    id: Identifier
    version: int = Field(ge=1)
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16,64}$")


class Decisions(_Strict):
    accepted: list[Identifier] = Field(default_factory=list)
    dismissed: list[Identifier] = Field(default_factory=list)


class CommentEntry(_Strict):
    question: Identifier
    author: Annotated[str, Field(max_length=200)] = ""
    at: str = Field(default="", pattern=r"^(\d{4}-\d\d-\d\dT[0-9:.+-]+)?$")
    text: Text
    done: bool = False


class HistoryEntry(_Strict):
    at: str = Field(pattern=r"^\d{4}-\d\d-\d\dT[0-9:.+-]+$")
    kind: EventKind
    key: Annotated[str, Field(max_length=200)] = ""
    value: AnswerValue | dict[str, str] = None


class SessionFile(_Strict):
    """The file's shape; every field is checked before anything is imported."""

    kansencoach_session: Literal[1]
    flow: FlowRef
    title: Annotated[str, Field(min_length=1, max_length=200)]
    answers: dict[Identifier, AnswerValue] = Field(default_factory=dict)
    suggestions: Decisions = Field(default_factory=Decisions)
    comments: list[CommentEntry] = Field(default_factory=list)
    history: list[HistoryEntry] | None = None


@dataclass(frozen=True)
class Imported:
    """What an import needs to create the session: the file's flow and title, and the events."""

    flow_id: str
    flow_version: int
    flow_hash: str
    title: str
    events: list[Event]


def dump(session: Session) -> str:
    """The session file's text."""
    info, state = session.info, session.state
    steps = {step.id: step for step in session.loaded.flow.steps if not isinstance(step, InfoStep)}
    parts = [
        f"# {_line(t('sessionfile.header', title=info.title))}\n",
        f"# {t('sessionfile.howto')}\n",
        _yaml({"kansencoach_session": FORMAT_VERSION}),
        _yaml({"flow": {"id": info.flow_id, "version": info.flow_version, "fingerprint": info.flow_hash}}),
        _yaml({"title": info.title}),
        "answers:" + (" {}\n" if not state.answers else "\n"),
    ]
    for key, value in state.answers.items():
        step = steps.get(key)
        question = step.ask if isinstance(step, QuestionStep) else t("sessionfile.not_asked")
        parts.append(f"  # {_line(question)}\n" + _indent(_yaml({key: value})))
    accepted = [key for key, decision in state.suggestions.items() if decision == "accepted"]
    dismissed = [key for key, decision in state.suggestions.items() if decision == "dismissed"]
    parts.append(_yaml({"suggestions": {"accepted": accepted, "dismissed": dismissed}}))
    comments = [
        {"question": c.step_id, "author": c.author, "at": c.at, "text": c.text, "done": c.done}
        for c in state.comments
    ]
    parts.append(_yaml({"comments": comments}))
    history = [_entry(event) for event in session.store.events(info.id)]
    parts.append(f"# {t('sessionfile.history')}\n" + _yaml({"history": history}))
    parts.append(f"# {t('sessionfile.end')}\n")
    return "".join(parts)


def read(path: Path) -> tuple[SessionFile, Document]:
    """The checked file; ProblemsError with path:line:col for anything that does not fit."""
    text = read_text(path)
    document = parse(text, str(path))
    _readable_format(document)
    file = validate(SessionFile, document.data, document.position)
    if file.history is None and _cut_off(text):
        lines = text.splitlines() or [""]
        position = Position(str(path), len(lines), len(lines[-1]) + 1)
        raise ProblemsError([Problem(position, t("sessionfile.cut_off"), t("sessionfile.cut_off_hint"))])
    return file, document


def _readable_format(document: Document) -> None:
    """A file in a later format than this kansencoach reads is told so, with what to do about it;
    the schema alone would only say that its number can only be 1."""
    data = document.data
    written = data.get("kansencoach_session") if isinstance(data, dict) else None
    if isinstance(written, int) and not isinstance(written, bool) and written > FORMAT_VERSION:
        position = document.position(("kansencoach_session",))
        message = t("sessionfile.newer_format", written=written, read=FORMAT_VERSION)
        raise ProblemsError([Problem(position, message, t("sessionfile.newer_format_hint"))])


def _cut_off(text: str) -> bool:
    """Whether `text` begins as `dump` writes a file and lacks the line it ends with.

    Only a file without history is refused for it: one cut off inside its history still holds
    every answer (its answers part comes first), and files written before the end line existed
    have one. A file an officer wrote from scratch has neither the first line nor the last.
    """
    header = f"# {t('sessionfile.header', title='')}"
    end = f"# {t('sessionfile.end')}"
    return text.startswith(header) and end not in (line.strip() for line in text.splitlines())


def events_for_import(file: SessionFile, document: Document, loaded: LoadedFlow) -> Imported:
    """The events that recreate the file's session on `loaded`; ProblemsError when one does not fit.

    Answers to steps the flow no longer has are kept as they are (shown as "niet meer gevraagd");
    an answer that the officer's flow would refuse is a problem at its line, so nothing is imported half.
    """
    problems: list[Problem] = []
    events = [_event(entry) for entry in file.history] if file.history is not None else []
    folded = fold(events)
    steps = {step.id: step for step in loaded.flow.steps if not isinstance(step, InfoStep)}
    stamp = events[-1].at if events else ""
    for key, value in file.answers.items():
        if key in folded.answers and folded.answers[key] == value:
            continue
        step = steps.get(key)
        if step is not None:
            try:
                value = check_answer(step, value)
            except InvalidAnswer as error:
                problems.append(Problem(document.position(("answers", key)), str(error)))
                continue
        events.append(Event("set", key, value, stamp))
    if file.history is None:
        events += _from_parts(file, stamp)
    else:
        problems += _disagreements(file, document, folded)
    if problems:
        raise ProblemsError(problems)
    return Imported(file.flow.id, file.flow.version, file.flow.fingerprint, file.title, events)


def answers_of(file: SessionFile) -> dict[str, AnswerValue]:
    """The answers the file stands for: its history's, with the answers changed by hand on top."""
    folded = fold(_event(entry) for entry in file.history or [])
    return {**folded.answers, **file.answers}


def _from_parts(file: SessionFile, stamp: str) -> list[Event]:
    """A hand-written file without history: its decisions and comments become events."""
    events = [Event("accept", key, None, stamp) for key in file.suggestions.accepted]
    events += [Event("dismiss", key, None, stamp) for key in file.suggestions.dismissed]
    for number, comment in enumerate(file.comments, start=1):
        body = {"author": comment.author, "text": comment.text}
        events.append(Event("comment", comment.question, body, comment.at or stamp))
        if comment.done:
            events.append(Event("resolve", str(number), None, comment.at or stamp))
    return events


def _disagreements(file: SessionFile, document: Document, folded: SessionState) -> list[Problem]:
    """Decisions and comments are read from the history; a part that says otherwise is refused."""
    problems = []
    accepted = [key for key, decision in folded.suggestions.items() if decision == "accepted"]
    dismissed = [key for key, decision in folded.suggestions.items() if decision == "dismissed"]
    if (file.suggestions.accepted, file.suggestions.dismissed) != (accepted, dismissed):
        problems.append(_differs(document, "suggestions"))
    mine = [(c.question, c.author, c.text, c.done) for c in file.comments]
    theirs = [(c.step_id, c.author, c.text, c.done) for c in folded.comments]
    if mine != theirs:
        problems.append(_differs(document, "comments"))
    return problems


def _differs(document: Document, part: str) -> Problem:
    return Problem(
        document.position((part,)), t("sessionfile.differs", part=part), t("sessionfile.differs_hint")
    )


@dataclass(frozen=True)
class ImportOutcome:
    """The session an import gives, and a session of the same name that was in the store before.

    `already` is that earlier session: the very same one (same flow and history, so no copy was
    made and `session` is it) or a namesake with another history (`session` is new beside it).
    """

    session: Session
    already: SessionInfo | None

    @property
    def copy_avoided(self) -> bool:
        return self.already is not None and self.already.id == self.session.info.id


def import_file(store: Store, path: Path) -> ImportOutcome:
    """The session file at `path` as a session in `store`; nothing is stored when it does not fit.

    A file read in before (the same flow and history) opens the session it gave then instead of
    making a copy beside it: an officer who imports a mail attachment twice gets one session.
    """
    file, document = read(path)
    try:
        loaded = find_flow(file.flow.id)
    except UnknownFlow:
        known = [entry.id for entry in scan_flows()]
        hint = did_you_mean(file.flow.id, known, t("sessionfile.unknown_flow_hint"))
        message = t("sessionfile.unknown_flow", flow=file.flow.id)
        raise ProblemsError([Problem(document.position(("flow", "id")), message, hint)]) from None
    imported = events_for_import(file, document, loaded)
    namesakes = [
        info for info in store.sessions() if info.title == imported.title and info.flow_id == imported.flow_id
    ]
    for info in namesakes:
        if store.events(info.id) == imported.events:
            return ImportOutcome(Session(store, info, loaded), info)
    info = store.create_with_history(
        imported.title, imported.flow_id, imported.flow_version, imported.flow_hash, imported.events
    )
    return ImportOutcome(Session(store, info, loaded), namesakes[0] if namesakes else None)


def import_notes(outcome: ImportOutcome) -> list[str]:
    """What to tell after an import, for the CLI and the start screen alike: the session opened
    instead of a copy (then only that, as nothing was read in), or else a namesake the file now
    stands beside and a flow of another version than the file's."""
    already = outcome.already
    if already is not None and outcome.copy_avoided:
        return [t("sessionfile.already_here", title=already.title, id=already.id)]
    notes = [t("sessionfile.namesake", title=already.title, id=already.id)] if already is not None else []
    flow = _flow_note(outcome.session)
    return [*notes, flow] if flow is not None else notes


def _flow_note(session: Session) -> str | None:
    """What to tell after an import when the file was made with another flow than the one here.

    The session keeps the file's version and fingerprint (so `flow_changed` tells it on every
    resume); the import itself says which way the difference goes and what it means for the answers.
    """
    theirs, ours = session.info.flow_version, session.loaded.flow.version
    if theirs == ours and not session.flow_changed:
        return None
    title = session.loaded.flow.title
    if theirs == ours:
        return t("sessionfile.flow_other", flow=title, ours=ours)
    key = "sessionfile.flow_newer" if theirs > ours else "sessionfile.flow_older"
    return t(key, flow=title, theirs=theirs, ours=ours)


def _event(entry: HistoryEntry) -> Event:
    value: EventValue = entry.value
    return Event(entry.kind, entry.key, value, entry.at)


def _entry(event: Event) -> dict[str, object]:
    entry: dict[str, object] = {"at": event.at, "kind": event.kind}
    if event.key:
        entry["key"] = event.key
    if event.value is not None:
        entry["value"] = event.value
    return entry


def _yaml(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def _indent(text: str) -> str:
    return "".join(f"  {line}" for line in text.splitlines(keepends=True))


def _line(text: str) -> str:
    """Text for a YAML comment: one line, no control characters that would end or hide it."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
