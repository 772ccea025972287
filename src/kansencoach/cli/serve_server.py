"""textual-serve's server as `kansencoach serve` runs it: quiet in the terminal, but for problems.

textual-serve greets with an English logo, "Serving … on …" and "Press Ctrl+C to quit", and logs
every event through Rich at INFO. The Dutch line `kansencoach serve` prints says all an officer needs
(where to open it, how to stop); what is left is a problem worth reading, on stderr.
"""

from __future__ import annotations

import logging
import sys

from aiohttp import web
from textual_serve.server import Server


class KansencoachServer(Server):
    """The server, with its greeting left out and only warnings and errors logged."""

    async def on_startup(self, app: web.Application) -> None:
        """No greeting of textual-serve's own: the command has printed the Dutch one."""

    def initialize_logging(self) -> None:
        logging.basicConfig(
            level=logging.WARNING, format="kansencoach serve: %(message)s", stream=sys.stderr, force=True
        )
