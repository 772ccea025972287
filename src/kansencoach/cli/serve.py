"""`kansencoach serve`: the app in a browser, through textual-serve.

Each browser tab runs its own `kansencoach` process on this machine, with this machine's store.
It binds to 127.0.0.1 unless `--host` says otherwise: sharing it means a proxy in front that does
the login, and a store per user (see README, "In de browser"). The page tells the browser where to
fetch the app from; behind a proxy that is `--public-url`, the address colleagues type, since the
address listened on (`0.0.0.0`) is none a browser can reach.
"""

from __future__ import annotations

import argparse
import sys

from kansencoach.cli.common import Commands, UserError
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.cli.serve_server import KansencoachServer

DEFAULT_PORT = 8000


def register(commands: Commands) -> None:
    """Add the `serve` command to the parser."""
    serve = commands.command("serve", _serve, t("cli.serve"), t("cli.serve_description"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N", help=t("cli.serve_port"))
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRES", help=t("cli.serve_host"))
    serve.add_argument("--public-url", metavar="URL", help=t("cli.serve_public_url"))


def command_line() -> str:
    """The command each browser tab runs: this Python, this package, whatever PATH says."""
    import shlex
    import sys

    return f"{shlex.quote(sys.executable)} -m kansencoach"


def server(host: str, port: int, public_url: str | None = None) -> KansencoachServer:
    """The textual-serve server of `kansencoach serve`, with our own page (serve_page/, beside this
    module) in place of textual-serve's: in Dutch, and loading nothing from outside this server.
    Every address in the page starts with `public_url` (without it, `http://host:port`)."""
    from pathlib import Path

    from kansencoach.cli.serve_server import KansencoachServer

    page = Path(__file__).parent / "serve_page"
    return KansencoachServer(
        command_line(), host=host, port=port, title="Kansencoach", public_url=public_url, templates_path=page
    )


def public_address(url: str) -> str:
    """`url` as the page's addresses start (no slash at the end: each path brings its own), or
    UserError when it is not an http(s) address a browser can open."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        # `port` raises ValueError when the port is not a number from 0 to 65535.
        usable = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
        usable = usable and not parts.query and not parts.fragment
    except ValueError:
        usable = False
    if not usable:
        raise UserError(t("cli.serve_bad_public_url", url=url))
    return url.rstrip("/")


def _serve(arguments: argparse.Namespace) -> int:
    if not 0 < arguments.port < 65536:
        raise UserError(t("cli.serve_bad_port", port=arguments.port))
    public_url = None if arguments.public_url is None else public_address(arguments.public_url)
    host, port = arguments.host, arguments.port
    try_listening(host, port)
    print(t("cli.serve_open", url=public_url or f"http://{host}:{port}"))
    if public_url is None and host in _EVERY_ADDRESS:
        print(t("cli.serve_no_public_url", host=host), file=sys.stderr)
    try:
        server(host, port, public_url).serve()
    except OSError as error:  # taken between the try and the server's own bind
        raise _refused(error, host, port) from None
    return 0


def try_listening(host: str, port: int) -> None:
    """UserError, in Dutch, when the server could not listen on `host`:`port`; before the line that
    says where to open it, so a port in use is not announced as ready. Bound as aiohttp binds it
    (SO_REUSEADDR where not Windows), so a port a closed server left in TIME_WAIT is not refused."""
    import socket

    try:
        found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, protocol, _, address in found:
            with socket.socket(family, kind, protocol) as probe:
                if sys.platform != "win32":
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as error:
        raise _refused(error, host, port) from None


def _refused(error: OSError, host: str, port: int) -> UserError:
    """Why the server cannot listen, as the officer can act on it."""
    import errno
    import socket

    def named(*names: str) -> bool:
        return error.errno in {getattr(errno, name) for name in names if hasattr(errno, name)}

    if isinstance(error, socket.gaierror):
        return UserError(t("cli.serve_unknown_host", host=host))
    if named("EADDRINUSE", "WSAEADDRINUSE"):
        return UserError(t("cli.serve_port_in_use", port=port, other=port + 1 if port < 65535 else 8000))
    if named("EADDRNOTAVAIL", "WSAEADDRNOTAVAIL"):
        return UserError(t("cli.serve_foreign_host", host=host))
    if named("EACCES", "WSAEACCES"):
        return UserError(t("cli.serve_port_forbidden", port=port))
    return UserError(t("cli.serve_cannot_listen", host=host, port=port))


_EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
"""Hosts that listen on every address of the machine, and that no browser can be sent to."""
