"""The `kansencoach` command: the parser, and main() that turns every user mistake into exit 2.

Imports stay inside the handlers: `kansencoach --help`, `flows validate` and `kb search` must start
fast and never load Textual. Every user mistake ends in a Dutch message and exit code 2.
"""

from __future__ import annotations

import argparse
import io
import sys

from kansencoach.cli import example, flows, kb, portfolio, run, serve, sessions
from kansencoach.cli.common import USER_ERROR, Commands, Parser, UserError, print_problems
from kansencoach.i18n import argparse_text, t

# `kansencoach --help` should cost little more than argparse: even typing and pathlib are imported
# only when a command needs them (mypy reads this constant like typing.TYPE_CHECKING).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from kansencoach.cli.common import Handler


def build_parser() -> argparse.ArgumentParser:
    # argparse looks its texts up through the module-level gettext alias `_` at call time.
    argparse._ = argparse_text  # type: ignore[attr-defined]
    parser = Parser(prog="kansencoach", description=t("cli.description"))
    parser.add_argument("--plain", action="store_true", help=t("cli.plain"))
    parser.add_argument("--reset-store", action="store_true", help=t("cli.reset_store"))
    parser.add_argument("--watch", action="store_true", help=t("cli.watch"))
    parser.add_argument("--version", action="version", version=_version(), help=t("cli.version"))
    parser.set_defaults(handler=run._start)
    commands = Commands(
        parser.add_subparsers(title=t("cli.commands"), metavar="OPDRACHT", parser_class=Parser)
    )
    for module in (run, example, flows, kb, sessions, portfolio, serve):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every text it prints passes the terminal sanitiser."""
    from kansencoach.core.common.terminal import guard_output

    original = guard_output()
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno() if sys.__stdout__ else 1)
        return 0
    finally:
        sys.stdout, sys.stderr = original


def entry() -> int:
    """`main()` as the process's own command (`kansencoach`, `python -m kansencoach`): the process
    ends with it, so the objects left are not searched for garbage cycles on the way out. That last
    collection walks everything still alive; after a first `kb search` over 10,000 interventions it
    cost 0.6 s, a sixth of the run, to free memory the system takes back at once anyway."""
    _closed_streams_to_devnull()
    code = main()
    import gc

    gc.freeze()
    return code


def _closed_streams_to_devnull() -> None:
    """A standard stream the caller closed (`<&-`, `>&-`) becomes the null device: Python leaves it
    None, which plain mode and the app cannot read or write (a traceback), and the next file opened
    (a session lock, an export's temporary file) would take its number, so that whatever is written
    to the stream would land in that file."""
    import os

    for number, name in enumerate(("stdin", "stdout", "stderr")):
        try:
            os.fstat(number)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if number == 0 else os.O_WRONLY)
            if null != number:
                os.dup2(null, number)
                os.close(null)
            setattr(sys, name, open(number, "r" if number == 0 else "w", encoding="utf-8", closefd=False))  # noqa: SIM115 (the process's own stream)


def _main(argv: list[str]) -> int:
    from kansencoach.core.common.terminal import from_terminal

    for argument in argv:
        shown, replaced = from_terminal(argument)
        if replaced:
            print(f"kansencoach: {t('cli.not_utf8', argument=shown)}", file=sys.stderr)
            return USER_ERROR
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Bytes that are not UTF-8 reach plain mode as lone surrogates, which it replaces and reports.
        sys.stdin.reconfigure(errors="surrogateescape")
    parser = build_parser()
    arguments = parser.parse_args(argv)
    handler: Handler = arguments.handler
    as_json = getattr(arguments, "format", "") == "json"
    from kansencoach.core.catalog import UnknownFlow
    from kansencoach.core.common.files import WriteError
    from kansencoach.core.common.problems import ProblemsError

    try:
        return handler(arguments)
    except ProblemsError as error:
        print_problems(error.problems, as_json, getattr(arguments, "verbose", False))
        return USER_ERROR
    except (UserError, WriteError, UnknownFlow, _store_error()) as error:
        print(f"kansencoach: {error}", file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:
        print("\n" + t("cli.interrupted"), file=sys.stderr)
        return 130


def _store_error() -> type[Exception]:
    """StoreError, imported only when something went wrong: `kb search` never loads the store."""
    from kansencoach.core.sessions.store import StoreError

    return StoreError


def _version() -> str:
    from kansencoach import __version__

    return f"kansencoach {__version__}"
