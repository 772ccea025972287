"""`kansencoach sessions …`: listing, showing, reviewing, exporting and deleting saved sessions."""

from __future__ import annotations

import argparse

from kansencoach.cli.common import Commands, UserError, export_format, open_store, path_arg
from kansencoach.i18n import t


def register(commands: Commands) -> None:
    """Add the `sessions` commands to the parser."""
    sessions = commands.group("sessions", t("cli.sessions"))
    sessions.command("list", _sessions_list, t("cli.sessions_list"))
    sessions.command("show", _sessions_show, t("cli.sessions_show")).add_argument("id", metavar="ID")
    export = sessions.command("export", _sessions_export, t("cli.sessions_export"))
    export.add_argument("id", metavar="ID")
    export.add_argument("-o", "--output", type=path_arg, metavar="UIT.md", help=t("cli.run_export"))
    export.add_export_options()
    export.add_argument(
        "--session", type=path_arg, metavar="SESSIE.yaml", help=t("cli.sessions_export_session")
    )
    imported = sessions.command("import", _sessions_import, t("cli.sessions_import"))
    imported.add_argument("file", type=path_arg, metavar="SESSIE.yaml")
    review = sessions.command("review", _sessions_review, t("cli.sessions_review"))
    review.add_argument("id", metavar="ID")
    review.add_argument("--json", action="store_true", help=t("cli.json"))
    sessions.command("delete", _sessions_delete, t("cli.sessions_delete")).add_argument("id", metavar="ID")


def _sessions_list(_: argparse.Namespace) -> int:
    from kansencoach.core.catalog import scan_flows
    from kansencoach.core.sessions.described import last_used, session_flow

    with open_store() as store:
        sessions = store.sessions()
    if not sessions:
        print(t("cli.no_sessions"))
        return 0
    flows = scan_flows()  # once for the list, not once per session
    named = [session_flow(info.flow_id, info.flow_source, flows) for info in sessions]
    unknown = {True: t("cli.session_flow_broken"), False: t("cli.session_flow_missing")}
    titles = [found[1] if isinstance(found, tuple) else unknown[bool(found)] for found in named]
    width = max(map(len, titles))
    moments = [last_used(info.updated) for info in sessions]
    when_width = max(map(len, moments))  # '1 jul' is shorter than '20 nov': the columns stay aligned
    for info, when, flow_title in zip(sessions, moments, titles, strict=True):
        print(f"{info.id}  {when:>{when_width}}  {flow_title:<{width}}  {info.title}")
    return 0


def _sessions_show(arguments: argparse.Namespace) -> int:
    from kansencoach.plain.commands import show_session

    with open_store() as store:
        return show_session(store, arguments.id)


def _sessions_export(arguments: argparse.Namespace) -> int:
    from kansencoach.plain.commands import ExportOptions, export_session

    if arguments.session is not None:
        return _export_session_file(arguments)
    fmt = export_format(arguments.format, arguments.output)
    options = ExportOptions(fmt, arguments.force, arguments.template)
    with open_store() as store:
        return export_session(store, arguments.id, arguments.output, options)


def _export_session_file(arguments: argparse.Namespace) -> int:
    from kansencoach.core.common.files import write_atomic
    from kansencoach.core.sessions import sessionfile
    from kansencoach.plain import open_session

    if arguments.output is not None or arguments.format is not None or arguments.template:
        raise UserError(t("cli.session_file_alone"))
    with open_store() as store:
        written = write_atomic(
            arguments.session, sessionfile.dump(open_session(store, arguments.id)), arguments.force
        )
    print(t("sessionfile.written", path=written))
    return 0


def _sessions_import(arguments: argparse.Namespace) -> int:
    from kansencoach.core.sessions.conversation import Conversation
    from kansencoach.core.sessions.sessionfile import import_file, import_notes

    with open_store() as store:
        outcome = import_file(store, arguments.file)
    session, notes = outcome.session, import_notes(outcome)
    if not outcome.copy_avoided:
        print(t("sessionfile.imported", id=session.info.id, title=session.info.title))
    for note in notes:
        print(note)
    if session.orphans and not outcome.copy_avoided:  # told when the file was first read in
        print(t("sessionfile.orphans", count=len(session.orphans)))
        for line in Conversation.kept_apart(session):
            print(line)
    return 0


def _sessions_review(arguments: argparse.Namespace) -> int:
    from kansencoach.plain.commands import review_session

    with open_store() as store:
        return review_session(store, arguments.id, arguments.json)


def _sessions_delete(arguments: argparse.Namespace) -> int:
    with open_store() as store:
        info = store.session(arguments.id)
        store.delete(arguments.id)
    print(t("cli.deleted", id=info.id, title=info.title))
    return 0
