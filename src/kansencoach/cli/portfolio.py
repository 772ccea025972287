"""`kansencoach portfolio`: every proposal side by side, for the aanjaagteam."""

from __future__ import annotations

import argparse

from kansencoach.cli.common import Commands, UserError, open_store, path_arg
from kansencoach.i18n import t


def register(commands: Commands) -> None:
    """Add the `portfolio` command to the parser."""
    portfolio = commands.command("portfolio", _portfolio, t("cli.portfolio"), t("cli.portfolio"))
    portfolio.add_argument(
        "files", nargs="*", type=path_arg, metavar="SESSIE.yaml", help=t("cli.portfolio_files")
    )
    portfolio.add_argument("--all", action="store_true", help=t("cli.portfolio_all"))
    portfolio.add_argument(
        "-o", "--output", type=path_arg, metavar="UIT.html", help=t("cli.portfolio_output")
    )
    portfolio.add_argument("--force", action="store_true", help=t("cli.force"))


def _portfolio(arguments: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from kansencoach.core.catalog import load_kb, load_review_rules
    from kansencoach.core.common.files import write_atomic
    from kansencoach.core.portfolio.render import to_html, to_markdown
    from kansencoach.core.portfolio.summary import row_of, summarise
    from kansencoach.core.sessions.sessionfile import import_file
    from kansencoach.core.sessions.store import Store
    from kansencoach.plain import open_session

    if not arguments.files and not arguments.all:
        raise UserError(t("cli.portfolio_needs_input"))
    knowledge, rules = load_kb(), load_review_rules()
    rows = []
    if arguments.all:
        with open_store() as store:
            rows += [row_of(open_session(store, info.id), knowledge, rules) for info in store.sessions()]
    if arguments.files:
        # Files go into a throwaway store: checked exactly as an import is, never added to the officer's.
        with (
            tempfile.TemporaryDirectory(prefix="kansencoach-portfolio-") as scratch,
            Store(Path(scratch) / "portfolio.db") as store,
        ):
            rows += [row_of(import_file(store, path).session, knowledge, rules) for path in arguments.files]
    if not rows:
        raise UserError(t("cli.portfolio_nothing"))
    portfolio = summarise(rows)
    output: Path | None = arguments.output
    as_html = output is not None and output.suffix.lower() in (".html", ".htm")
    text = to_html(portfolio) if as_html else to_markdown(portfolio)
    if output is None:
        print(text, end="")
        return 0
    print(t("cli.portfolio_written", path=write_atomic(output, text, arguments.force)))
    return 0
