"""Start a new proposal from an earlier one: its answers are offered, question by question."""

from __future__ import annotations

from pathlib import Path

from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue
from kansencoach.core.sessions import sessionfile
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store


def earlier_answers(store: Store, source: str) -> dict[str, AnswerValue]:
    """The answers of session `source` in the store, or of the session file at that path."""
    path = Path(source).expanduser()
    if path.suffix in (".yaml", ".yml") or path.is_file():
        file, _ = sessionfile.read(path)
        return sessionfile.answers_of(file)
    return store.state(store.session(source).id).answers


def start_from(
    store: Store, loaded: LoadedFlow, title: str | None, answers: dict[str, AnswerValue]
) -> Session:
    """A new session of `loaded` in which every earlier answer to one of its steps is offered."""
    session = Session.start(store, loaded, title)
    for step_id, value in answers.items():
        if session.engine.has(step_id):
            session.prefill(step_id, value)
    return session
