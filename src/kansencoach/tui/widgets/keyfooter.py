"""The footer: every key that works where the focus is, over as many lines as the width needs.

Textual's Footer draws one line and cuts off what does not fit, so at 80 columns "Afsluiten" fell
off and at 120 Ctrl+R, Ctrl+G, F1 and Esc were never shown. This footer wraps between keys, never
inside one, and writes keys as officers read them (Ctrl+S, Esc), shortening to ^S only when the
long form would take more than two lines; if even that takes more, it leaves out the keys of
`actions.FOOTER_SPARE` (all in the command palette) until it fits.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from kansencoach.tui.actions import FOOTER_SPARE, key_name

MAX_LINES = 2


def footer_key(binding: Binding, short: bool = False) -> str:
    """'Ctrl+S', 'F1', 'Esc' (or '^S' when `short`) for the first key of `binding`."""
    name = binding.key_display or key_name(binding.key)
    return name.replace("Ctrl+", "^") if short else name


def pack(items: list[Text], width: int, gap: str = "  ") -> list[Text]:
    """The items as lines of at most `width` cells, `gap` between two on a line, breaking only
    between two items (a key and what it does stay together)."""
    lines: list[Text] = [Text()]
    for item in items:
        if lines[-1].cell_len and lines[-1].cell_len + cell_len(gap) + item.cell_len > width:
            lines.append(Text())
        if lines[-1].cell_len:
            lines[-1].append(gap)
        lines[-1].append_text(item)
    return lines


class FooterKey(NamedTuple):
    action_id: str | None
    """The binding's id: the action's in the registry (`actions.Action.id`), None for others."""
    key: str
    description: str


def footer_items(items: list[FooterKey]) -> list[Text]:
    """Each key and what it does as the footer shows it: the key in bold."""
    return [Text.assemble((item.key, "bold"), " ", item.description) for item in items]


class KeyFooter(Static):
    """The keys of the focused widget, its screen and the app, each once, wrapped to the width."""

    DEFAULT_CSS = """
    KeyFooter {
        height: auto;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    _shown: Text | None = None
    """The keys as last shown."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.show_keys)

    def _bindings_changed(self, _: object) -> None:
        self.show_keys()

    def on_resize(self) -> None:
        self.show_keys()

    def items(self, short: bool = False) -> list[FooterKey]:
        """Every shown binding active now, nearest the focus first."""
        seen: set[str] = set()
        found: list[tuple[int, FooterKey]] = []
        chain = self._chain()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            depth = chain.index(active.node) if active.node in chain else len(chain)
            found.append((depth, FooterKey(binding.id, footer_key(binding, short), binding.description)))
        # Stable: keys of the focused widget first, then its containers', the screen's, the app's.
        return [item for _, item in sorted(found, key=lambda pair: pair[0])]

    def _chain(self) -> list[object]:
        focused: Widget | None = self.screen.focused
        return list(focused.ancestors_with_self) if focused is not None else [self.screen, self.app]

    def show_keys(self) -> None:
        if not self.is_mounted:
            return
        # Not laid out yet (a screen composed behind another): the footer spans the app's width. Packing
        # for the minimum instead gave ten lines, and that height stayed until the terminal was resized.
        width = max((self.size.width or self.app.size.width) - 2, 20)
        lines = pack(footer_items(self.items()), width)
        if len(lines) > MAX_LINES:
            shown = self.items(short=True)
            lines = pack(footer_items(shown), width)
            for spare in FOOTER_SPARE:
                if len(lines) <= MAX_LINES:
                    break
                shown = [item for item in shown if item.action_id != spare]
                lines = pack(footer_items(shown), width)
        text = Text("\n").join(lines)
        # The keys are worked out again on every change of focus, bindings or size, mostly to the
        # same text (eleven times before the start screen is usable); updating anyway laid out and
        # drew the whole screen again each time.
        if text != self._shown:
            self._shown = text
            self.update(text)
