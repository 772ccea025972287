"""`kansencoach serve`: the app in a browser, through textual-serve.

Each browser tab runs its own `kansencoach` process on this machine, with this machine's store.
It binds to 127.0.0.1 unless `--host` says otherwise: sharing it means a proxy in front that does
the login, and a store per user (see README, "In de browser").
"""

from __future__ import annotations

import argparse

from kansencoach.cli.common import Commands, UserError
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual_serve.server import Server

DEFAULT_PORT = 8000


def register(commands: Commands) -> None:
    """Add the `serve` command to the parser."""
    serve = commands.command("serve", _serve, t("cli.serve"), t("cli.serve_description"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N", help=t("cli.serve_port"))
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRES", help=t("cli.serve_host"))


def command_line() -> str:
    """The command each browser tab runs: this Python, this package, whatever PATH says."""
    import shlex
    import sys

    return f"{shlex.quote(sys.executable)} -m kansencoach"


def server(host: str, port: int) -> Server:
    """The textual-serve server of `kansencoach serve`, with our own page (serve_page/, beside this
    module) in place of textual-serve's: in Dutch, and loading nothing from outside this server."""
    from pathlib import Path

    from textual_serve.server import Server

    page = Path(__file__).parent / "serve_page"
    return Server(command_line(), host=host, port=port, title="Kansencoach", templates_path=page)


def _serve(arguments: argparse.Namespace) -> int:
    if not 0 < arguments.port < 65536:
        raise UserError(t("cli.serve_bad_port", port=arguments.port))
    print(t("cli.serve_open", url=f"http://{arguments.host}:{arguments.port}"))
    server(arguments.host, arguments.port).serve()
    return 0
