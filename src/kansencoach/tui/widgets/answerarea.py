"""Below the conversation: what the officer answers with, what went wrong, and the keys to use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from kansencoach.tui.widgets.answer_inputs import AnswerInput, NumberedOptions


class AnswerArea(Vertical):
    """The input of the question being asked, a line for validation and a line of key hints."""

    def compose(self) -> ComposeResult:
        yield Label("", id="validation", classes="validation", markup=False)
        yield Vertical(id="input-slot")
        yield Label("", id="keys-hint")

    @property
    def input(self) -> AnswerInput | None:
        """The input of the question being asked (None when the session is done)."""
        inputs = self.query(AnswerInput)
        return inputs.first() if inputs else None

    def ask(self, widget: AnswerInput | None, keys_hint: str) -> None:
        """Replace the input by `widget` (None: no question left), with the keys that go with it."""
        slot = self.query_one("#input-slot")
        slot.remove_children()
        self.validation("")
        if widget is not None:
            slot.mount(widget)
        self.query_one("#keys-hint", Label).update(keys_hint)

    def validation(self, text: str, error: bool = True) -> None:
        """Say what is wrong with the answer (or, not `error`, how it was read); '' clears it."""
        label = self.query_one("#validation", Label)
        label.update(text)
        label.set_class(not error, "success")
        label.display = bool(text)

    def reopen(self) -> None:
        """The answer was not taken: its input reads keys again."""
        for widget in self.query(AnswerInput):
            widget.sent = False
        for options in self.query(NumberedOptions):
            options.chosen = False

    def clear_typed(self) -> None:
        for widget in self.query(AnswerInput):
            widget.clear_typed()

    def focus_input(self) -> None:
        if self.input is not None:
            self.input.focus_input()
