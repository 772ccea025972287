"""`kansencoach` and `kansencoach run`: the app, plain mode, scripted runs, previews, resetting the store."""

from __future__ import annotations

import argparse

from kansencoach.cli.common import Commands, UserError, export_format, open_store, path_arg
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from kansencoach.core.flows.loader import LoadedFlow


def register(commands: Commands) -> None:
    """Add the `run` commands to the parser."""
    run = commands.command("run", _run, t("cli.run"), t("cli.run"))
    run.add_argument("flow", nargs="?", metavar="FLOW", help=t("cli.run_flow"))
    run.add_argument("--resume", metavar="ID", help=t("cli.run_resume"))
    # --plain and --watch may also stand before `run` (`kansencoach --plain run FLOW`): without a
    # default of their own here, run's False would overwrite what the main parser read.
    run.add_argument("--plain", action="store_true", default=argparse.SUPPRESS, help=t("cli.plain"))
    run.add_argument("--answers", type=path_arg, metavar="BESTAND.yaml", help=t("cli.run_answers"))
    run.add_argument("--export", type=path_arg, metavar="UIT.md", help=t("cli.run_export"))
    run.add_export_options()
    run.add_argument("--title", help=t("cli.run_title"))
    run.add_argument("--watch", action="store_true", default=argparse.SUPPRESS, help=t("cli.watch"))
    run.add_argument("--preview", action="store_true", help=t("cli.preview"))
    run.add_argument("--from", dest="earlier", metavar="ID|BESTAND", help=t("cli.run_from"))


def _start(arguments: argparse.Namespace) -> int:
    if arguments.reset_store:
        return _reset_store()
    if arguments.plain:
        from kansencoach.plain import start_menu

        with open_store() as store:
            return start_menu(store)
    return _tui(watch=arguments.watch)


def _tui(
    resume: str | None = None,
    new_flow: LoadedFlow | None = None,
    title: str | None = None,
    watch: bool = False,
    store_path: Path | None = None,
) -> int:
    _require_terminal()
    from kansencoach import tui

    tui.defer_young_collections()
    from kansencoach.tui.app import KansencoachApp

    KansencoachApp(store_path, resume, new_flow, title, watch, preview=store_path is not None).run()
    return 0


def _require_terminal() -> None:
    """The full-screen app needs a terminal on both ends; without one it would draw into a pipe and spin.

    Under `kansencoach serve` the browser is the terminal: textual-serve runs the app with Textual's
    web driver, which talks over pipes by design.
    """
    import os
    import sys

    served = os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(t("cli.not_a_terminal"))


def _reset_store() -> int:
    from kansencoach import locations
    from kansencoach.core.sessions.store import reset_store

    moved = reset_store(locations.store_path())
    if moved is None:
        print(t("cli.reset_nothing", path=locations.store_path()))
    else:
        print(t("cli.reset_done", path=moved))
    return 0


def _run(arguments: argparse.Namespace) -> int:
    from kansencoach.core.catalog import find_flow

    if arguments.resume:
        if arguments.flow or arguments.answers:
            raise UserError(t("cli.resume_alone"))
        if not arguments.plain:
            return _tui(arguments.resume, watch=arguments.watch)
        from kansencoach.plain import resume_plain

        with open_store() as store:
            return resume_plain(store, arguments.resume)
    if not arguments.flow:
        raise UserError(t("cli.run_needs_flow"))
    loaded = find_flow(arguments.flow)
    if arguments.answers:
        from kansencoach.plain.commands import ExportOptions, run_scripted

        fmt = export_format(arguments.format, arguments.export)
        with open_store() as store:
            return run_scripted(
                store,
                loaded,
                arguments.answers,
                arguments.export,
                ExportOptions(fmt, arguments.force, arguments.template),
                arguments.title,
            )
    if arguments.export:
        raise UserError(t("cli.export_needs_answers"))
    if arguments.preview:
        return _preview(loaded, arguments.plain)
    if arguments.earlier:
        return _run_from(arguments, loaded)
    if not arguments.plain:
        return _tui(new_flow=loaded, title=arguments.title, watch=arguments.watch)
    from kansencoach.plain import run_plain

    with open_store() as store:
        return run_plain(store, loaded, arguments.title)


def _run_from(arguments: argparse.Namespace, loaded: LoadedFlow) -> int:
    """A new session whose questions start with an earlier proposal's answers."""
    from kansencoach.core.sessions.reuse import earlier_answers, start_from

    with open_store() as store:
        answers = earlier_answers(store, arguments.earlier)
        session = start_from(store, loaded, arguments.title, answers)
        if arguments.plain:
            from kansencoach.plain import resume_plain

            return resume_plain(store, session.info.id)
    return _tui(session.info.id, watch=arguments.watch)


def _preview(loaded: LoadedFlow, plain: bool) -> int:
    """Walk a flow on a throwaway store that is deleted afterwards."""
    import tempfile
    from pathlib import Path

    from kansencoach.core.sessions.store import Store

    with tempfile.TemporaryDirectory(prefix="kansencoach-voorbeeld-") as scratch:
        store_path = Path(scratch) / "voorbeeld.db"
        if not plain:
            return _tui(new_flow=loaded, watch=True, store_path=store_path)
        from kansencoach.plain import run_plain

        with Store(store_path) as store:
            return run_plain(store, loaded, None, preview=True)
