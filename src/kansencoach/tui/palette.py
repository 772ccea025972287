"""The command palette in Dutch: Textual's own palette, with its placeholder, keys and messages translated."""

from __future__ import annotations

from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from kansencoach.i18n import t


class DutchCommandPalette(CommandPalette):
    """Textual's command palette with every text the officer can see in Dutch."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", t("tui.palette.last"), show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", t("tui.palette.first"), show=False),
        Binding("down", "cursor_down", t("tui.palette.next"), show=False),
        Binding("escape", "escape", t("tui.palette.close")),
        Binding("pagedown", "command_list('page_down')", t("tui.palette.next_page"), show=False),
        Binding("pageup", "command_list('page_up')", t("tui.palette.previous_page"), show=False),
        Binding("up", "command_list('cursor_up')", t("tui.palette.previous"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder=t("tui.palette.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's version adds an English "No matches found"; this is the same countdown in Dutch.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("tui.palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
