"""The yes/no input: two buttons, or J and N."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button

from kansencoach.i18n import t
from kansencoach.tui.widgets.answer_inputs import AnswerInput

if TYPE_CHECKING:
    from kansencoach.core.flows.models import AnswerValue


class ConfirmAnswer(AnswerInput):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "answer(True)", t("answer.yes"), show=False),
        Binding("n", "answer(False)", t("answer.no"), show=False),
        Binding("left,right", "switch", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="confirm-buttons"):
            yield Button(t("answer.yes"), id="yes", variant="primary" if self.current is True else "default")
            yield Button(t("answer.no"), id="no", variant="primary" if self.current is False else "default")

    def focus_input(self) -> None:
        self.query_one("#no" if self.current is False else "#yes", Button).focus()

    def read(self) -> AnswerValue:
        focused = self.app.focused
        return isinstance(focused, Button) and focused.id == "yes"

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.send(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.send(value)

    def action_switch(self) -> None:
        other = "#no" if self.app.focused is self.query_one("#yes") else "#yes"
        self.query_one(other, Button).focus()
