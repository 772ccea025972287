"""`kansencoach example FLOW`: a commented answers file for `run FLOW --answers`, on stdout."""

from __future__ import annotations

import argparse

from kansencoach.cli.common import Commands
from kansencoach.i18n import t


def register(commands: Commands) -> None:
    """Add the `example` command to the parser."""
    example = commands.command("example", _example, t("cli.example"), t("cli.example_usage"))
    example.add_argument("flow", metavar="FLOW", help=t("cli.run_flow"))


def _example(arguments: argparse.Namespace) -> int:
    from kansencoach.core.authoring.example import example_answers
    from kansencoach.core.catalog import find_flow

    print(example_answers(find_flow(arguments.flow), arguments.flow), end="")
    return 0
