"""Below the conversation: what the officer answers with, what went wrong, and the keys to use."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from kansencoach.core.flows.models import AnswerValue, QuestionStep
from kansencoach.tui.actions import HINT_GAP, hint
from kansencoach.tui.widgets.answer_inputs import AnswerInput, NumberedOptions
from kansencoach.tui.widgets.inputs import input_for
from kansencoach.tui.widgets.keyfooter import pack


class AnswerArea(Vertical):
    """The input of the question being asked, a line for validation and a line of key hints."""

    _keys_hint = ""
    """The keys of the input asked now."""
    _shown_keys = ""
    """The line of keys as shown."""
    _input: AnswerInput | None = None
    """The input `ask` put in the area (a query for it, several per answer, walked the area)."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys_label = Label("", id="keys-hint")

    def compose(self) -> ComposeResult:
        yield Label("", id="validation", classes="validation", markup=False)
        yield self._keys_label

    @property
    def input(self) -> AnswerInput | None:
        """The input of the question being asked (None when the session is done)."""
        return self._input

    def ask(self, step: QuestionStep | None, current: AnswerValue = None) -> AnswerInput | None:
        """The input for `step`, starting from `current`, with its keys (None: no question left).

        An input of the same kind takes the new question itself (`AnswerInput.take`) and keeps the
        focus; otherwise the old one loses the focus before it goes, so a key typed in between waits
        for the new input instead of answering the previous question again.
        """
        self.validation("")
        widget = self.input
        if step is None or widget is None or not widget.take(step, current):
            self.screen.set_focus(None)
            if self._input is not None:
                self._input.remove()
            widget = None if step is None else input_for(step, current)
            if widget is not None:
                # Between the validation line and the keys, straight in the area: a container
                # of its own was one more widget to lay out and draw in every frame after an answer.
                self.mount(widget, before=self._keys_label)
            self._input = widget
        self._keys_hint = hint("tui.keys.done") if widget is None else _question_keys(widget)
        self._show_keys()
        return widget

    def on_resize(self) -> None:
        self._show_keys()

    @on(AnswerInput.KeysChanged)
    def _keys_changed(self, event: AnswerInput.KeysChanged) -> None:
        event.stop()
        if self._input is not None:
            self._keys_hint = _question_keys(self._input)
            self._show_keys()

    def _show_keys(self) -> None:
        """The input's keys, and the keys that scroll the conversation where they fit on the line;
        on more lines where the input's do not fit, broken between two keys, never inside one."""
        shown = self._keys_hint
        width = self.content_region.width
        with_scroll = f"{shown}{HINT_GAP}{hint('tui.keys.scroll')}"
        if cell_len(with_scroll) <= width:
            shown = with_scroll
        elif width:
            items = [Text(item) for item in shown.split(HINT_GAP)]
            shown = "\n".join(line.plain for line in pack(items, width, HINT_GAP))
        if shown != self._shown_keys:  # no restyle before the next question is drawn when unchanged
            self._shown_keys = shown
            self._keys_label.update(shown)

    def validation(self, text: str, error: bool = True) -> None:
        """Say what is wrong with the answer (or, not `error`, how it was read); '' clears it."""
        label = self.query_one("#validation", Label)
        if not text and not label.display:
            return  # nothing shown, nothing to clear: no restyle before the next question is drawn
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


def _question_keys(widget: AnswerInput) -> str:
    """The input's own keys, then the explanation's, which every question has: one place adds it, so
    no input's hint leaves it out."""
    return f"{widget.keys_hint}{HINT_GAP}{hint('tui.keys.help')}"
