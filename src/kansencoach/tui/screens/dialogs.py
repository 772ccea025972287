"""Small modal dialogs: confirm, ask for a line of text, pick a question to go to."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from kansencoach.core.common.terminal import visible
from kansencoach.core.dutch.normalize import fold
from kansencoach.i18n import t

SHORT = 24
"""Below this many rows a dialog is `short`: its stylesheet drops the padding and margins and draws
fields and buttons on one line each, so that at 40x12 the field, the buttons and the key hint fit."""

NARROW = 50
"""Below this many columns a dialog is `narrow`: its side padding shrinks so that two buttons fit
side by side at 40 columns."""

JUMP_LIST_ROOM = 35
"""From this many rows up the jump list has its full 20 rows within the dialog's 90% of the height;
below it the list takes what the title and filter leave, and scrolls."""

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A modal dialog that stays usable on a small terminal (app.tcss, Dialogs).

    Textual CSS has no media queries: the classes `short` and `narrow` stand in for them. From 80x24
    up neither is set and a dialog looks as designed.
    """

    def on_mount(self) -> None:
        # Before the first layout, which would otherwise be of the dialog at its full size.
        self._fit(self.app.size)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size)
        # Textual scrolls a widget into view when it takes the focus, not when the layout changes
        # under it: once laid out at the new size, the focused field or button is brought back.
        self.call_after_refresh(self._show_focused)

    def _fit(self, size: Size) -> None:
        self.set_class(size.height < SHORT, "short")
        self.set_class(size.width < NARROW, "narrow")

    def _show_focused(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)


class DialogBody(VerticalScroll):
    """What a dialog says, between its docked parts (field, buttons, key hint), which stay in view:
    on a small terminal the body scrolls instead.

    Tab reaches it only when it has more than it shows, so that the arrow keys can scroll it without
    a mouse; otherwise it would be a stop that does nothing.
    """

    def allow_focus(self) -> bool:
        return self.allow_vertical_scroll


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; Escape means no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", t("answer.no")),
        Binding("j", "answer(True)", t("answer.yes")),
    ]

    def __init__(self, question: str, yes: str = "") -> None:
        super().__init__()
        self.question = question
        self.yes = yes or t("answer.yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with DialogBody():
                yield Label(visible(self.question), classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button(t("tui.cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TextPrompt(Dialog[str | None]):
    """Ask for one line of text (a title, a comment, a path); Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", t("tui.cancel"))]

    def __init__(self, question: str, value: str = "", required: str = "", error: str = "") -> None:
        """`error`: what was wrong with `value` when it was sent before (a path that could not be read)."""
        super().__init__()
        self.question = question
        self.value = value
        self.required = required or t("tui.title_required")
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with Vertical(classes="dialog-head"):
                yield Label(visible(self.question), classes="dialog-question", markup=False)
                yield Input(self.value, id="prompt-input")
            # A refused file's problems can take more rows than a small terminal has.
            with DialogBody():
                yield Label(visible(self.error), id="prompt-error", classes="validation", markup=False)
            yield Label(t("tui.keys.prompt"), classes="keys-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#prompt-error", Label).update(self.required)
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class JumpDialog(Dialog[str | None]):
    """Choose an earlier question to read or change; typing narrows the list.

    A long flow has some sixty questions: the officer who remembers a word of the question or of
    their answer types it, and the arrow keys and Enter work on the list from the filter line.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("tui.cancel")),
        Binding("down", "move('cursor_down')", show=False),
        Binding("up", "move('cursor_up')", show=False),
        Binding("pagedown", "move('page_down')", show=False),
        Binding("pageup", "move('page_up')", show=False),
    ]

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.choices = choices
        self._filtered_on = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            with Vertical(classes="dialog-head"):
                yield Label(t("tui.jump_title"), classes="dialog-question")
                yield Input(placeholder=t("tui.jump_filter"), id="jump-filter")
            yield OptionList(*self._options(""), id="jump-list")
            yield Label("", id="jump-none", classes="validation")

    def _fit(self, size: Size) -> None:
        super()._fit(size)
        self.set_class(size.height >= JUMP_LIST_ROOM, "roomy")

    def on_mount(self) -> None:
        self.query_one("#jump-filter", Input).focus()
        self.query_one("#jump-list", OptionList).highlighted = 0 if self.choices else None

    def _options(self, typed: str) -> list[Option]:
        """The choices whose text holds every word typed, case and accents aside."""
        wanted = fold(typed).split()
        return [
            Option(visible(text), id=step_id)
            for step_id, text in self.choices
            if all(word in fold(text) for word in wanted)
        ]

    @on(Input.Changed, "#jump-filter")
    def _narrow(self) -> None:
        self._follow_filter()

    def _follow_filter(self) -> OptionList:
        """The list as the filter line reads now, the highlighted question kept when it is still in.

        Keys come faster than the filter's change messages: an arrow or Enter typed right after a
        word first brings the list up to date, so it acts on the list the officer sees.
        """
        typed = self.query_one("#jump-filter", Input).value
        listed = self.query_one("#jump-list", OptionList)
        if typed == self._filtered_on:
            return listed
        self._filtered_on = typed
        was = listed.get_option_at_index(listed.highlighted).id if listed.highlighted is not None else None
        options = self._options(typed)
        listed.set_options(options)
        ids = [option.id for option in options]
        listed.highlighted = ids.index(was) if was in ids else 0 if ids else None
        listed.display = bool(ids)
        none = t("tui.jump_none", typed=visible(typed.strip())) if not ids else ""
        self.query_one("#jump-none", Label).update(none)
        return listed

    @on(Input.Submitted, "#jump-filter")
    def _submitted(self) -> None:
        listed = self._follow_filter()
        if listed.highlighted is not None:
            self.dismiss(listed.get_option_at_index(listed.highlighted).id)

    def action_move(self, action: str) -> None:
        """An arrow key typed in the filter line moves in the list (the list's own keys come first)."""
        getattr(self._follow_filter(), f"action_{action}")()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
