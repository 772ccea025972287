"""The input for a number step: a Dutch number, read back before it is sent when it had to be interpreted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input

from kansencoach.core.flows.answers import InvalidAnswer, number_text, read_number_answer
from kansencoach.core.flows.models import NumberStep
from kansencoach.core.flows.steptypes import parse_typed
from kansencoach.i18n import t
from kansencoach.tui.widgets.answer_inputs import AnswerInput

if TYPE_CHECKING:
    from kansencoach.core.flows.models import AnswerValue, QuestionStep


class NumberAnswer(AnswerInput):
    """A Dutch number: '650.000', '€ 650.000,-', '58%', 'tachtig procent'.

    When the reader had to interpret what was typed, the first Enter shows how it read it and the
    second one, with the same text, sends it.
    """

    @dataclass
    class Read(Message):
        """How the typed number was read, shown before it is sent."""

        text: str

    def __init__(self, step: QuestionStep, current: AnswerValue) -> None:
        super().__init__(step, current)
        self._shown_reading_for: str | None = None

    def compose(self) -> ComposeResult:
        assert isinstance(self.step, NumberStep)
        number = self.current
        current = number_text(self.step, number) if isinstance(number, int | float) else ""
        placeholder = t("tui.number_placeholder", unit=self.step.unit) if self.step.unit else ""
        yield Input(current, id="number-answer", placeholder=placeholder)

    def read(self) -> AnswerValue:
        return parse_typed(self.step, self.query_one(Input).value)

    def submit(self) -> None:
        assert isinstance(self.step, NumberStep)
        text = self.query_one(Input).value
        if text.strip() and text != self._shown_reading_for:
            try:
                number = read_number_answer(self.step, text)
            except InvalidAnswer as error:
                self.post_message(self.Unreadable(str(error)))
                return
            if number.interpreted:
                self._shown_reading_for = text
                self.post_message(self.Read(t("tui.number_read", reading=number.reading)))
                return
        super().submit()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
