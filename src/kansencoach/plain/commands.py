"""The session commands that print plain text and ask nothing: `sessions show`, `sessions export`,
`sessions review` and `run --answers` (a scripted session from an answers file)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from kansencoach.core.catalog import load_kb, load_review_rules, own_knowledge_problems
from kansencoach.core.draft.export import ExportFormat
from kansencoach.core.draft.findings import all_clear
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.steptypes import answer_line
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.described import last_used
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.scripted import read_script
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import SessionInfo, Store
from kansencoach.i18n import t
from kansencoach.plain import open_session


@dataclass(frozen=True)
class ExportOptions:
    """How to export: a format of FORMATS, whether to overwrite, and a Word template."""

    fmt: ExportFormat = "markdown"
    force: bool = False
    template: Path | None = None


def run_scripted(
    store: Store,
    loaded: LoadedFlow,
    answers_path: Path,
    export: Path | None,
    options: ExportOptions,
    title: str | None = None,
) -> int:
    """Check an answers file against the flow; store it as a session (called `title`, else as the
    file says) and export the draft."""
    script = read_script(answers_path, loaded, load_kb().by_id)
    session = Session.start(store, loaded, title or script.title)
    with store.lock(session.info.id):
        for step_id, value in script.answers.items():
            store.append(session.info.id, Event("set", step_id, value))
        for intervention_id in script.accept:
            store.append(session.info.id, Event("accept", intervention_id))
    print(t("plain.scripted", id=session.info.id, count=len(script.answers)))
    for step_id, reading in script.readings.items():
        print(f"  {step_id}: {reading}")
    if script.examples:
        # Allowed, to try a flow out: but an officer's export must not carry 'Schrijf hier je antwoord.'
        warning = t("plain.scripted_examples", count=len(script.examples), ids=", ".join(script.examples))
        print(warning, file=sys.stderr)
    if export is not None:
        export_session(store, session.info.id, export, options)
    return 0


def export_session(store: Store, session_id: str, output: Path | None, options: ExportOptions) -> int:
    conversation = Conversation(open_session(store, session_id))
    fmt = options.fmt
    draft = conversation.session.draft(load_kb(), load_review_rules())
    _say_left_out()  # the export's review ran without them
    path = output or conversation.default_export_path(fmt)
    written = conversation.export(draft, path, fmt, options.force, options.template)
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
            flow=session.loaded.flow.title,
            version=info.flow_version,
            done=done,
            total=total,
            updated=last_used(info.updated),
        )
    )
    for step in session.route().answered:
        print(f"- {Conversation.label(step)}: {answer_line(step, session.answers[step.id])}")
    if session.orphans:
        print(t("plain.orphans_header"))
        for line in Conversation.kept_apart(session):
            print(line)
    return 0


def review_session(store: Store, session_id: str, as_json: bool) -> int:
    """Print the review of a session's draft: every finding with what to do and its source."""
    import json
    from dataclasses import asdict

    session = open_session(store, session_id)
    rules = load_review_rules()
    draft = session.draft(load_kb(), rules)
    findings = draft.findings or ()
    _say_left_out()
    if as_json:
        print(json.dumps([asdict(finding) for finding in findings], ensure_ascii=False, indent=2))
        return 0
    if not findings:
        print(all_clear(draft.coverage))
    for finding in findings:
        print(f"[{t(f'review.severity.{finding.severity}')}] {finding.title}")
        print(f"  {finding.message}")
        print(f"  {t('review.fix')}: {finding.fix}")
        if finding.example:
            print(f"  {t('review.example')}: {finding.example}")
        print(f"  {t('review.source')}: {finding.source}")
    return 0


def _say_left_out() -> None:
    """Name the team's own review rules and vocabulary that were left out for a mistake, on stderr."""
    for problem in own_knowledge_problems():
        print(t("cli.kb_left_out", problem=problem), file=sys.stderr)
