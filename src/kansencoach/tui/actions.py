"""Every action of the app in one place: its keys, its name, its palette text.

The key bindings, the command palette and the key hints under the answer are all made from this
registry, so a key is written down once. Names and help are i18n keys, looked up when shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual.actions import parse
from textual.binding import Binding
from textual.dom import DOMNode

from kansencoach.i18n import t

_KEY_NAMES = {
    "ctrl": "Ctrl",
    "escape": "Esc",
    "question_mark": "?",
    "delete": "Del",
    "space": "Spatie",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


class Action(NamedTuple):
    """One thing the officer can do, with the keys that do it."""

    id: str
    keys: str | None
    """Textual key names, comma-separated, the first being the one hints show; None: palette only."""
    action: str
    """The Textual action it runs (`send`, `toggle_pane('draft')`)."""
    label: str
    """i18n key of its short name (footer, palette)."""
    palette: str | None = None
    """i18n key of its palette help; None keeps it out of the palette."""
    footer: bool = True
    priority: bool = False
    short: str | None = None
    """i18n key of a shorter name for the footer, where every key must fit in two lines at 80 columns."""

    def binding(self, keys: str) -> Binding:
        name = t(self.short or self.label)
        return Binding(keys, self.action, name, show=self.footer, priority=self.priority, id=self.id)

    @property
    def key_name(self) -> str:
        """The first key as the officer reads it: `Ctrl+S`, `F1`, `Esc` (empty without a key)."""
        return key_name(self.keys or "")


def key_name(keys: str) -> str:
    """The first of `keys` as the officer reads it: `Ctrl+S`, `F1`, `Esc`, `A`."""
    first = keys.split(",")[0].strip()
    return "+".join(_KEY_NAMES.get(part, part.upper()) for part in first.split("+") if part)


CHAT = (
    Action("send", "ctrl+s", "send", "tui.send", "tui.cmd.send", priority=True),
    Action("back", "ctrl+b", "back", "tui.back", "tui.cmd.back", priority=True, short="tui.key.back"),
    # Not a priority key: in a text field, Ctrl+Z first undoes typing, as officers expect.
    Action("undo", "ctrl+z", "undo", "tui.undo", "tui.cmd.undo", footer=False),
    Action("jump", "ctrl+g", "jump", "tui.jump", "tui.cmd.jump", priority=True, short="tui.key.jump"),
    Action("help", "f1,question_mark", "help", "tui.help", "tui.cmd.help"),
    Action("export", "f2", "export", "tui.export", "tui.cmd.export"),
    Action("comment", "ctrl+k", "comment", "tui.comment", "tui.cmd.comment", footer=False, priority=True),
    Action("resolve_comments", None, "resolve_comments", "tui.resolve_comments", "tui.cmd.resolve_comments"),
    Action("draft", "ctrl+o", "toggle_pane('draft')", "tui.draft", "tui.cmd.draft", priority=True),
    Action(
        "suggestions",
        "ctrl+t",
        "toggle_pane('suggestions')",
        "tui.suggestions",
        "tui.cmd.suggestions",
        priority=True,
    ),
    Action(
        "review",
        "ctrl+r",
        "toggle_pane('review')",
        "tui.review",
        "tui.cmd.review",
        priority=True,
    ),
    Action("leave", "escape", "leave", "tui.to_start", "tui.cmd.to_start", short="tui.key.to_start"),
    # Priority keys: they scroll the conversation also while the answer box has the focus (the
    # key hints under the answer name them; the footer has no room for them at 80 columns).
    Action(
        "scroll_up",
        "pageup",
        "scroll_conversation(-1)",
        "tui.scroll_up",
        "tui.cmd.scroll_up",
        footer=False,
        priority=True,
    ),
    Action(
        "scroll_down",
        "pagedown",
        "scroll_conversation(1)",
        "tui.scroll_down",
        "tui.cmd.scroll_down",
        footer=False,
        priority=True,
    ),
)
"""The chat screen's actions, in the order the palette lists them."""

FOOTER_SPARE = ("export", "jump", "review", "suggestions", "draft")
"""Chat actions the footer leaves out, first to last and only as many as it must, when its keys take
more than two lines even written as ^S (at 80 columns with a side pane in focus, whose own keys come
first). Each is in the command palette, whose key the footer always shows, and none is needed to
answer the question: exporting ends the work, Ctrl+B goes back a question where Ctrl+G jumps, and
the panes are read beside the question, not used to answer it. Sending, going back, the question's
explanation, Esc, quitting and the palette are never left out."""

APP = (
    Action("quit", "ctrl+q", "quit", "tui.quit", "tui.cmd.quit", priority=True),
    # In the command palette, not the footer: the footer keeps room for the keys of the work.
    Action("theme", "f10", "toggle_theme", "tui.theme", "tui.cmd.theme", footer=False),
    # Declared so Textual does not add its own, English "palette" binding.
    Action("palette", "ctrl+p", "command_palette", "tui.palette", priority=True),
)
"""Actions on every screen."""

KEYS = {action.id: action.key_name for action in (*CHAT, *APP)}
"""Action id → the key that hints name (`{send}` in a hint text is `Ctrl+S`)."""


def bindings(actions: Iterable[Action]) -> list[Binding]:
    """The Textual bindings of `actions` (those with keys)."""
    return [action.binding(action.keys) for action in actions if action.keys]


def palette(screen: DOMNode) -> list[tuple[str, str, str]]:
    """(name, help, action) for the command palette: the chat's actions on the chat screen (the one
    that binds them), then those of every screen; each only while `screen.check_action` allows it,
    the rule the footer's keys follow (a binding it refuses is not active), so the palette never
    offers what does nothing now (Verstuur once every question is answered)."""
    ids = {binding.id for binding in screen.BINDINGS if isinstance(binding, Binding)}
    offered = [*(CHAT if ids & {action.id for action in CHAT} else ()), *APP]
    return [
        (t(action.label), t(action.palette), action.action)
        for action in offered
        if action.palette and _allowed(screen, action.action)
    ]


def _allowed(screen: DOMNode, action: str) -> bool:
    """Whether `screen` lets `action` run now (None, shown disabled, counts as no, as in the footer)."""
    _, name, parameters = parse(action)
    return bool(screen.check_action(name, parameters))


HINT_GAP = " · "
"""Between two keys in the hints (as the i18n texts write them)."""


def hint(*keys: str) -> str:
    """The key hints `keys` (i18n) with the keys of the registry filled in, one after the other."""
    return HINT_GAP.join(t(key, **KEYS) for key in keys)
