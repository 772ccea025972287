"""The step-type registry: per type of question, in one place, how an answer is read, checked and shown.

Each step type says how a line of typed text becomes a value (plain mode, the TUI's typed fields),
which values are valid (every answer, from any front end or an answers file, passes `check_answer`),
and how a stored value reads in the draft (`show`) and on one line (`answer_line`). Front ends,
the draft and the export ask the registry instead of switching on the step's class themselves.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar, Generic, TypeVar

from kansencoach.core.dutch.numbers import format_amount
from kansencoach.core.flows.answers import (
    MAX_TEXT,
    InvalidAnswer,
    even_points,
    number_text,
    read_number_answer,
    read_whole_number,
)
from kansencoach.core.flows.conditions import is_empty
from kansencoach.core.flows.models import (
    AllocateStep,
    AnswerValue,
    ChoiceStep,
    ConfirmStep,
    ListStep,
    MultiStep,
    NumberStep,
    QuestionStep,
    ScaleStep,
    TextStep,
)
from kansencoach.core.flows.shown import Items, Prose, Shown, Table, one_line
from kansencoach.i18n import t

S = TypeVar("S", bound=QuestionStep)

YES = frozenset({"j", "ja", "y", "yes", "jazeker", "1"})
NO = frozenset({"n", "nee", "no", "0"})
NONE_CHOSEN = frozenset({"geen", "0", "-"})
"""Typed for a multi step to choose none of the options."""


class StepType(Generic[S]):
    """The rules of one step type. Subclasses override what differs from plain text."""

    name: ClassVar[str]
    skips_when_empty: ClassVar[bool] = True
    """An empty answer means "skipped" (or "required" when the step is required)."""
    example_stands_in: ClassVar[bool] = False
    """Whether `example` is a text standing in for the officer's own (a choice's first option is a
    real answer): one left in an answers file would reach the draft as it is."""

    def parse(self, step: S, text: str) -> AnswerValue:
        """A non-empty typed line as a value for `step`; InvalidAnswer when it cannot be read."""
        return text

    def check(self, step: S, value: AnswerValue) -> AnswerValue:
        """The non-empty value as it will be stored; InvalidAnswer saying what to change."""
        return _text(value)

    def show(self, step: S, value: AnswerValue) -> Shown:
        """How a stored, non-empty value reads in the draft."""
        return Prose(str(value))

    def takes_empty_list(self, step: S) -> bool:
        """Whether "none of these" (an empty list) is an answer of its own."""
        return False

    def hint_values(self, step: S) -> dict[str, object]:
        """The values for this type's typing hints (`plain.how.<type>`, `example.how.<type>`)."""
        return {}

    def example(self, step: S) -> AnswerValue:
        """An answer to `step` that its checks accept, for an answers file to start from."""
        return t("example.text")


class TextType(StepType[TextStep]):
    name = "text"
    example_stands_in = True

    def example(self, step: TextStep) -> AnswerValue:
        return (step.placeholder or "").removeprefix("Bijvoorbeeld: ").strip() or t("example.text")


class ChoiceType(StepType[ChoiceStep]):
    name = "choice"

    def parse(self, step: ChoiceStep, text: str) -> AnswerValue:
        return _pick(step, text)

    def check(self, step: ChoiceStep, value: AnswerValue) -> AnswerValue:
        values = [option.value for option in step.options]
        if not isinstance(value, str) or value not in values:
            raise InvalidAnswer(t("answer.choice", options=", ".join(values)))
        return value

    def show(self, step: ChoiceStep, value: AnswerValue) -> Shown:
        labels = {option.value: option.label for option in step.options}
        return Prose(labels.get(str(value), str(value)))

    def example(self, step: ChoiceStep) -> AnswerValue:
        return step.options[0].value


class MultiType(StepType[MultiStep]):
    name = "multi"

    def parse(self, step: MultiStep, text: str) -> AnswerValue:
        if text.lower() in NONE_CHOSEN:
            return []
        return [_pick(step, part) for part in re.split(r"[,;\s]+", text) if part]

    def check(self, step: MultiStep, value: AnswerValue) -> AnswerValue:
        values = [option.value for option in step.options]
        if not isinstance(value, list) or any(
            not isinstance(item, str) or item not in values for item in value
        ):
            raise InvalidAnswer(t("answer.choice", options=", ".join(values)))
        chosen = [item for item in values if item in value]
        if len(chosen) < step.min_selected:
            raise InvalidAnswer(t("answer.multi_min", count=step.min_selected))
        if step.max_selected is not None and len(chosen) > step.max_selected:
            raise InvalidAnswer(t("answer.multi_max", count=step.max_selected))
        return chosen

    def show(self, step: MultiStep, value: AnswerValue) -> Shown:
        if not isinstance(value, list):
            return Prose(str(value))
        labels = {option.value: option.label for option in step.options}
        return Items(tuple(labels.get(item, item) for item in value))

    def takes_empty_list(self, step: MultiStep) -> bool:
        return step.min_selected == 0

    def example(self, step: MultiStep) -> AnswerValue:
        return [option.value for option in step.options[: max(step.min_selected, 1)]]


class ScaleType(StepType[ScaleStep]):
    name = "scale"

    def parse(self, step: ScaleStep, text: str) -> AnswerValue:
        number = read_whole_number(text)
        if number is None:
            raise InvalidAnswer(t("answer.scale", min=step.min, max=step.max))
        return number

    def check(self, step: ScaleStep, value: AnswerValue) -> AnswerValue:
        if isinstance(value, bool) or not isinstance(value, int) or not step.min <= value <= step.max:
            raise InvalidAnswer(t("answer.scale", min=step.min, max=step.max))
        return value

    def show(self, step: ScaleStep, value: AnswerValue) -> Shown:
        ends = " – ".join(label for label in (step.min_label, step.max_label) if label)
        text = t("draft.scale", value=value, max=step.max)
        return Prose(f"{text} ({ends})" if ends else text)

    def hint_values(self, step: ScaleStep) -> dict[str, object]:
        # Each end with what it means ('1 (geen idee)'), as the app's list shows it: a bare
        # '1 tot en met 5' does not say which end is which.
        return {
            "min": f"{step.min} ({step.min_label})" if step.min_label else step.min,
            "max": f"{step.max} ({step.max_label})" if step.max_label else step.max,
        }

    def example(self, step: ScaleStep) -> AnswerValue:
        return step.min


class NumberType(StepType[NumberStep]):
    name = "number"

    def parse(self, step: NumberStep, text: str) -> AnswerValue:
        return read_number_answer(step, text).value

    def check(self, step: NumberStep, value: AnswerValue) -> AnswerValue:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InvalidAnswer(t("answer.number"))
        if step.integer and value != int(value):
            raise InvalidAnswer(t("answer.integer"))
        if step.min is not None and value < step.min:
            raise InvalidAnswer(t("answer.number_min", min=format_amount(step.min)))
        if step.max is not None and value > step.max:
            raise InvalidAnswer(t("answer.number_max", max=format_amount(step.max)))
        return int(value) if step.integer or value == int(value) else value

    def show(self, step: NumberStep, value: AnswerValue) -> Shown:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return Prose(str(value))
        return Prose(number_text(step, value))

    def hint_values(self, step: NumberStep) -> dict[str, object]:
        return {"unit": f" in {step.unit}" if step.unit else ""}

    def example(self, step: NumberStep) -> AnswerValue:
        number = step.min if step.min is not None else min(0.0, step.max) if step.max is not None else 0.0
        return int(number) if step.integer or number == int(number) else number


class ConfirmType(StepType[ConfirmStep]):
    name = "confirm"

    def parse(self, step: ConfirmStep, text: str) -> AnswerValue:
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        raise InvalidAnswer(t("answer.confirm"))

    def check(self, step: ConfirmStep, value: AnswerValue) -> AnswerValue:
        if isinstance(value, str):
            return self.parse(step, value)  # `nee` in an answers or test file means what it says
        if not isinstance(value, bool):
            raise InvalidAnswer(t("answer.confirm"))
        return value

    def show(self, step: ConfirmStep, value: AnswerValue) -> Shown:
        return Prose(t("answer.yes") if value else t("answer.no"))

    def example(self, step: ConfirmStep) -> AnswerValue:
        return True


class ListType(StepType[ListStep]):
    name = "list"
    example_stands_in = True

    def parse(self, step: ListStep, text: str) -> AnswerValue:
        return [item.strip() for item in text.split(";") if item.strip()]

    def check(self, step: ListStep, value: AnswerValue) -> AnswerValue:
        if not isinstance(value, list) or any(not isinstance(item, str) for item in value):
            raise InvalidAnswer(t("answer.list"))
        items = [_text(item) for item in value if item.strip()]
        minimum = step.min_items if step.required else 0
        if len(items) < minimum:
            raise InvalidAnswer(t("answer.list_min", count=minimum))
        if step.max_items is not None and len(items) > step.max_items:
            raise InvalidAnswer(t("answer.list_max", count=step.max_items))
        return items

    def show(self, step: ListStep, value: AnswerValue) -> Shown:
        return Items(tuple(value)) if isinstance(value, list) else Prose(str(value))

    def takes_empty_list(self, step: ListStep) -> bool:
        return step.min_items == 0

    def example(self, step: ListStep) -> AnswerValue:
        return [t("example.item", number=number) for number in range(1, max(step.min_items, 1) + 1)]


class AllocateType(StepType[AllocateStep]):
    name = "allocate"
    skips_when_empty = False

    def parse(self, step: AllocateStep, text: str) -> AnswerValue:
        pairs = re.findall(r"([^\s=:,;]+)\s*[=:]\s*(\d+)", text)
        if pairs:
            return {_pick(step, name): int(points) for name, points in pairs}
        numbers = re.findall(r"\d+", text)
        if len(numbers) != len(step.options):
            raise InvalidAnswer(t("plain.allocate_format", count=len(step.options)))
        return {option.value: int(number) for option, number in zip(step.options, numbers, strict=True)}

    def check(self, step: AllocateStep, value: AnswerValue) -> AnswerValue:
        values = [option.value for option in step.options]
        if not isinstance(value, dict) or any(key not in values for key in value):
            raise InvalidAnswer(t("answer.allocate_options", options=", ".join(values)))
        points: dict[str, int] = {}
        for option in step.options:
            given = value.get(option.value, 0)
            if isinstance(given, bool) or not isinstance(given, int) or given < 0:
                raise InvalidAnswer(t("answer.allocate_points", label=option.label))
            if option.min is not None and given < option.min:
                raise InvalidAnswer(t("answer.allocate_min", label=option.label, min=option.min))
            if option.max is not None and given > option.max:
                raise InvalidAnswer(t("answer.allocate_max", label=option.label, max=option.max))
            points[option.value] = given
        if sum(points.values()) != step.total:
            raise InvalidAnswer(t("answer.allocate_total", sum=sum(points.values()), total=step.total))
        return points

    def show(self, step: AllocateStep, value: AnswerValue) -> Shown:
        if not isinstance(value, dict):
            return Prose(str(value))
        rows = tuple((option.label, str(value.get(option.value, 0))) for option in step.options)
        return Table((t("draft.option"), t("draft.points", total=step.total)), rows)

    def hint_values(self, step: AllocateStep) -> dict[str, object]:
        return {"total": step.total, "count": len(step.options)}

    def example(self, step: AllocateStep) -> AnswerValue:
        return even_points(step)


_REGISTRY: dict[str, StepType[Any]] = {
    kind.name: kind
    for kind in (
        TextType(),
        ChoiceType(),
        MultiType(),
        ScaleType(),
        NumberType(),
        ConfirmType(),
        ListType(),
        AllocateType(),
    )
}


def step_type(step: QuestionStep) -> StepType[Any]:
    """The rules of `step`'s type."""
    return _REGISTRY[step.type]


def parse_typed(step: QuestionStep, line: str) -> AnswerValue:
    """One typed line as an answer for `step` (None when blank); InvalidAnswer when it cannot be read."""
    text = line.strip()
    if not text:
        return None
    return step_type(step).parse(step, text)


def check_answer(step: QuestionStep, value: AnswerValue) -> AnswerValue:
    """The answer as it will be stored, or InvalidAnswer saying what to change.

    An empty answer to an optional step is stored as None: the officer chose to skip it.
    """
    kind = step_type(step)
    if value == [] and kind.takes_empty_list(step):
        return []
    if is_empty(value) and kind.skips_when_empty:
        if step.required:
            raise InvalidAnswer(t("answer.required"))
        return None
    return kind.check(step, value)


def left_as_example(step: QuestionStep, value: AnswerValue) -> bool:
    """Whether `value` is still the stand-in text `kansencoach example` wrote for `step`."""
    kind = step_type(step)
    return kind.example_stands_in and value == kind.example(step)


def show(step: QuestionStep, value: AnswerValue) -> Shown:
    """How a stored, non-skipped answer reads in the draft and on one line; an empty list is none
    of the options chosen, said as such (an empty line read as an answer gone missing)."""
    if value == []:
        return Prose(t("draft.none"))
    return step_type(step).show(step, value)


def answer_line(step: QuestionStep, value: AnswerValue) -> str:
    """An officer's answer on one line, or that they skipped the question."""
    return t("draft.skipped") if value is None else one_line(show(step, value))


def _text(value: AnswerValue) -> str:
    if not isinstance(value, str):
        raise InvalidAnswer(t("answer.text"))
    if len(value) > MAX_TEXT:
        raise InvalidAnswer(t("answer.too_long", limit=MAX_TEXT))
    return "\n".join(line.rstrip() for line in value.strip().splitlines())


def _pick(step: ChoiceStep | MultiStep | AllocateStep, text: str) -> str:
    """The option a typed word names: its number, its value or its label, or the first words of
    exactly one label ("ja" for "Ja, met een cijfer …", "nee" for "Nee, nog niet"), as an officer
    answers a question out loud."""
    options = step.options
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1].value
    typed = text.casefold()
    for option in options:
        if typed in (option.value.casefold(), option.label.casefold()):
            return option.value
    begun = [option for option in options if _begins_with_words(option.label.casefold(), typed)]
    if len(begun) == 1:
        return begun[0].value
    raise InvalidAnswer(t("plain.pick", count=len(options)))


def _begins_with_words(label: str, typed: str) -> bool:
    """Whether `label` begins with `typed` as whole words: "ja" begins "ja, met …", not "jaarlijks"."""
    return label.startswith(typed) and not label[len(typed) : len(typed) + 1].isalnum()
