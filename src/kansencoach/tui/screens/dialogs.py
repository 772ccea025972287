"""Small modal dialogs: confirm, ask for a line of text, pick a question to go to."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from kansencoach.core.common.terminal import visible
from kansencoach.i18n import t


class ConfirmDialog(ModalScreen[bool]):
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


class TextPrompt(ModalScreen[str | None]):
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
            yield Label(visible(self.question), classes="dialog-question", markup=False)
            yield Input(self.value, id="prompt-input")
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


class JumpDialog(ModalScreen[str | None]):
    """Choose an earlier question to read or change."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", t("tui.cancel"))]

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(t("tui.jump_title"), classes="dialog-question")
            yield OptionList(
                *[Option(visible(text), id=step_id) for step_id, text in self.choices], id="jump-list"
            )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
