"""What every command module shares: the parser and its shared options, user errors, problem printing,
the store.

Imports stay inside the functions: `kansencoach --help`, `flows validate` and `kb search` must start
fast and never load Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from typing import Any, NoReturn

    from kansencoach.core.common.problems import Problem
    from kansencoach.core.draft.export import ExportFormat
    from kansencoach.core.sessions.store import Store

    Handler = Callable[[argparse.Namespace], int]

USER_ERROR = 2


def path_arg(text: str) -> Path:
    """argparse type for file arguments, importing pathlib only when one is given.

    `-` is refused: many tools read it as standard input or output, this one would read or write a
    file named `-` in the current folder (an export 'Geschreven: ./-', an import of that file)."""
    from pathlib import Path

    if text == "-":
        raise argparse.ArgumentTypeError(t("cli.dash_path"))
    return Path(text)


def export_format(flag: ExportFormat | None, path: Path | None) -> ExportFormat:
    """The format to export in: the one `flag` (--html, --docx) asks for, else the one the file name
    `path` ends in, else markdown. A flag that contradicts a known suffix is refused (UserError), so
    an .html file never silently holds markdown."""
    from kansencoach.core.draft.export import FORMATS, format_of

    by_suffix = format_of(path) if path is not None else None
    if flag is None:
        return by_suffix or "markdown"
    if path is not None and by_suffix is not None and by_suffix != flag:
        values = {"flag": f"--{flag}", "wanted": FORMATS[flag], "path": path, "suffix": path.suffix}
        raise UserError(t("cli.export_format_clash", **values))
    return flag


class UserError(Exception):
    """A mistake the user can fix; printed without a traceback, exit code 2."""


class _Formatter(argparse.HelpFormatter):
    """argparse's layout of usage and help, at the terminal's width as `terminal.columns` finds it:
    argparse's own default asks shutil, whose import was a tenth of `kansencoach --help` (and every
    parser makes formatters, at each `add_argument` too)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        from kansencoach.core.common.terminal import columns

        super().__init__(prog, indent_increment, max_help_position, width=columns() - 2)


class Parser(argparse.ArgumentParser):
    """A command's parser: usage mistakes end in Dutch with exit code 2; the options commands share."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self.closing: Callable[[], str] | None = None
        """What the help ends with, made only when it is shown (the folders on this machine)."""

    def format_help(self) -> str:
        text = super().format_help()
        return f"{text}\n{self.closing()}\n" if self.closing else text

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USER_ERROR, t("cli.usage_error", prog=self.prog, message=message) + "\n")

    def add_paths(self, help: str | None = None) -> None:
        """The files and folders a checking command works on (none: its default places)."""
        self.add_argument("paths", nargs="*", type=path_arg, metavar="PAD", help=help)

    def add_check_options(self) -> None:
        """How a validate command reports problems: --format text|json and --verbose (main() reads both)."""
        self.add_argument("--format", choices=["text", "json"], default="text", help=t("cli.format"))
        self.add_argument("--verbose", action="store_true", help=t("cli.verbose"))

    def add_export_options(self) -> None:
        """The format options every exporting command shares: --html or --docx, --template, --force."""
        formats = self.add_mutually_exclusive_group()
        formats.add_argument("--html", action="store_const", const="html", dest="format", help=t("cli.html"))
        formats.add_argument("--docx", action="store_const", const="docx", dest="format", help=t("cli.docx"))
        self.set_defaults(format=None)  # none given: the file name's suffix decides (`export_format`)
        self.add_argument("--template", type=path_arg, metavar="HUISSTIJL.docx", help=t("cli.template"))
        self.add_argument("--force", action="store_true", help=t("cli.force"))


class Commands:
    """Where a command module adds its commands: `kansencoach NAME`, or `kansencoach GROUP NAME`."""

    def __init__(self, action: argparse._SubParsersAction[Parser]) -> None:
        self.action = action

    def command(self, name: str, handler: Handler, help: str, description: str | None = None) -> Parser:
        """The command `name`, run by `handler`; its own --help starts with `description`, if any."""
        parser = self.action.add_parser(name, help=help, description=description)
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help: str, closing: Callable[[], str] | None = None) -> Commands:
        """The command `name OPDRACHT`, whose subcommands are added to what this returns; its help
        ends with what `closing` gives."""
        group = self.action.add_parser(name, help=help, description=help)
        group.closing = closing
        return Commands(group.add_subparsers(metavar="OPDRACHT", parser_class=Parser, required=True))


def folders_help(own: list[Path], shipped: Path, key: str) -> str:
    """The end of a group's help: where the user's own files of that kind are on this machine, the
    first one getting new files, the shipped folder, and where the team's folders are set."""
    from kansencoach import locations
    from kansencoach.core.common.markdown_text import wrapped
    from kansencoach.core.common.terminal import columns

    lines = [t(key), *(f"  {folder}" for folder in own), t("cli.shipped_folder", folder=shipped)]
    lines.append(t("cli.folders_team", file=locations.team_file()))
    return wrapped("\n".join(lines), columns() - 2)


def empty_folder(folder: Path, key: str) -> Problem:
    """The problem of a folder named to `validate` that holds nothing to check: told in the
    message `key` (and its hint), not passed as 'in orde' with nothing checked."""
    from kansencoach.core.common.problems import Position, Problem

    return Problem(Position(str(folder), 1, 1), t(key), t(f"{key}_hint"), "empty-folder")


def unread_warning(path: Path) -> Problem:
    """The warning for a file or folder `folders.unread` found, or a knowledge file only the shipped
    knowledge base has (`SHIPPED_ONLY_FILES`) in an own folder: kept, but never read."""
    from kansencoach import locations
    from kansencoach.core.common.problems import Position, Problem
    from kansencoach.core.knowledge.layout import SHIPPED_ONLY_FILES

    if path.is_dir():
        message, hint = t("cli.unread_folder"), t("cli.unread_folder_hint", folder=path.parent)
    elif path.name in SHIPPED_ONLY_FILES:
        shipped = locations.shipped_knowledge_dir() / path.name
        message = t("cli.unread_shipped_only", name=path.name)
        hint = t(f"cli.unread_{path.stem}_hint", shipped=shipped)
    else:
        message, hint = t("cli.unread_yml"), t("cli.unread_yml_hint", name=path.with_suffix(".yaml").name)
    return Problem(Position(str(path), 1, 1), message, hint, "unread")


def print_problems(problems: Sequence[Problem], as_json: bool = False, verbose: bool = False) -> None:
    """Every problem, quoted with a caret under the spot; or as JSON on stdout for editors and CI.

    `verbose` adds the parser's own (English) words under a problem that has them."""
    from kansencoach.core.common.problems import as_dicts, quoted

    if as_json:
        import json

        print(json.dumps(as_dicts(problems), ensure_ascii=False, indent=2))
        return
    lines: dict[str, list[str] | None] = {}
    for problem in problems:
        print(quoted(problem, lines), file=sys.stderr)
        if verbose and problem.detail:
            print(t("cli.parser_detail", detail=problem.detail), file=sys.stderr)


def print_warnings(warnings: Sequence[Problem]) -> None:
    """Warnings on stderr, quoted like problems: worth fixing, but nothing is broken (exit code 0)."""
    if warnings:
        print(t("cli.warnings", count=len(warnings)), file=sys.stderr)
        print_problems(warnings)


def report_settings(kind: str) -> bool:
    """Say on stderr what is wrong with the settings naming the `kind` folders (`locations.
    settings_problems`: team.toml, a named folder that is not there); True if anything was said."""
    from kansencoach import locations

    problems = locations.settings_problems(kind)
    for problem in problems:
        print(problem, file=sys.stderr)
    return bool(problems)


@contextlib.contextmanager
def open_store() -> Iterator[Store]:
    """The user's store; rows it had to skip as damaged are reported on stderr when done."""
    from kansencoach import locations
    from kansencoach.core.sessions.store import Store

    with Store(locations.store_path()) as store:
        try:
            yield store
        finally:
            for message in store.damaged:
                print(f"kansencoach: {message}", file=sys.stderr)


def origin(shipped: bool, path: Path, replaces: Path | None) -> str:
    if shipped:
        return t("cli.origin_shipped", path=path)
    if replaces is not None:
        return t("cli.origin_replaces", path=path, shipped=replaces)
    return t("cli.origin_user", path=path)
