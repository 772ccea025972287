"""Which input widget asks which step type (by the names of the step-type registry)."""

from __future__ import annotations

from kansencoach.core.flows.models import AnswerValue, QuestionStep
from kansencoach.tui.widgets.allocate import AllocateAnswer
from kansencoach.tui.widgets.answer_inputs import (
    AnswerInput,
    ChoiceAnswer,
    MultiAnswer,
    TextAnswer,
)
from kansencoach.tui.widgets.confirm import ConfirmAnswer
from kansencoach.tui.widgets.list_answer import ListAnswer
from kansencoach.tui.widgets.number_answer import NumberAnswer

INPUTS: dict[str, type[AnswerInput]] = {
    "text": TextAnswer,
    "choice": ChoiceAnswer,
    "scale": ChoiceAnswer,
    "multi": MultiAnswer,
    "number": NumberAnswer,
    "confirm": ConfirmAnswer,
    "list": ListAnswer,
    "allocate": AllocateAnswer,
}
"""The input widget for each step type."""


def input_for(step: QuestionStep, current: AnswerValue) -> AnswerInput:
    """The input widget that fits the step type."""
    return INPUTS[step.type](step, current)
