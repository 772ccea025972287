"""One input widget per step type. Each reads the officer's answer; the screen checks and stores it.

An input never decides whether an answer is valid: it posts `AnswerInput.Submitted` with what was
typed or chosen, and the chat screen passes it to the core, which says what is wrong in Dutch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, TextArea
from textual.widgets.option_list import Option

from kansencoach.core.common.terminal import visible
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.models import ChoiceStep, MultiStep, ScaleStep, TextStep
from kansencoach.i18n import t
from kansencoach.tui.actions import hint
from kansencoach.tui.widgets.answered import Answered, sent_from
from kansencoach.tui.widgets.checklist import CheckList
from kansencoach.tui.widgets.hanging import hanging
from kansencoach.tui.widgets.typed_number import TypedNumber

if TYPE_CHECKING:
    from kansencoach.core.flows.models import AnswerValue, QuestionStep
    from kansencoach.core.sessions.events import Unsent


class AnswerInput(Answered, Vertical):
    """The base of every answer input."""

    DEFAULT_CLASSES = "answer-input"
    BLANK = True
    """Its widgets cover it and it has no border: Textual draws it as blank, without styling each
    line, in the frame after every answer."""
    UNSENT_LIST_BACK: ClassVar[str] = "tui.unsent_ticks_back"
    """The notice for a list not sent that is put back on resume (its ticks, or its points)."""

    @dataclass
    class Submitted(Message):
        """The officer sent an answer (not yet checked) to `step`."""

        value: AnswerValue
        step: QuestionStep

    class Typed(Message):
        """What the input holds changed (typing, a paste, the next question, a list point removed)."""

    class KeysChanged(Message):
        """The keys that do something in this input changed with what it holds (`keys_hint`)."""

    @dataclass
    class Unreadable(Message):
        """What was typed cannot be read as an answer; `text` says why, in Dutch."""

        text: str

    def __init__(self, step: QuestionStep, current: AnswerValue) -> None:
        super().__init__()
        self.step = step
        self.current = current
        self.sent = False

    @property
    def has_answered(self) -> bool:
        return self.sent

    def read(self) -> AnswerValue:
        """The answer as it stands; InvalidAnswer when it cannot be read."""
        raise NotImplementedError

    def take(self, step: QuestionStep, current: AnswerValue) -> bool:
        """Ask `step` (starting from `current`) in this input; False when it needs another kind.

        Taking the next question in the same input spares the chat a remove, a mount and a move of
        the focus per answer, so the next question is drawn, ready for typing, in the next frame.
        """
        return False

    def submit(self) -> None:
        try:
            value = self.read()
        except InvalidAnswer as error:
            self.post_message(self.Unreadable(str(error)))
            return
        self.send(value)

    def send(self, value: AnswerValue) -> None:
        """Post the answer, once: keys that still reach this input belong to the next question.

        A fast typist's keys can reach an input after it sent its answer and before the next
        question replaces it; `sent` tells its widgets to pass them on to the screen.

        Posted to the screen, the one that handles it: bubbling went through the queue of every
        container in between first (five of them), a quarter of a millisecond before the answer
        was stored and the next question could be mounted.
        """
        if not self.sent:
            self.sent = True
            self.screen.post_message(self.Submitted(value, self.step))

    def clear_typed(self) -> None:
        """Empty the text fields of this input (after a '?' that asked for help)."""
        for field in self.query(Input):
            field.value = ""
        for area in self.query(TextArea):
            area.clear()

    def typed(self) -> str:
        """The text in this input's text field that was not sent yet ('' when it has none)."""
        for area in self.query(TextArea):
            return area.text
        for field in self.query(Input):
            return field.value
        return ""

    def unsent(self) -> Unsent:
        """What is in this input and not sent, to keep for later: the text in its field."""
        return self.typed()

    def restore(self, unsent: Unsent) -> None:
        """Put back what was typed earlier and not sent (after quitting or a crash), the cursor at
        its end: the officer carries on where they stopped."""
        if not isinstance(unsent, str):
            return
        for area in self.query(TextArea):
            area.load_text(unsent)
            area.move_cursor(area.document.end)
            return
        for field in self.query(Input):
            field.value = unsent
            field.cursor_position = len(unsent)
            return

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _show_controls(self, event: Input.Changed | TextArea.Changed) -> None:
        """Pasted control characters would reach the terminal as they are drawn: show them
        visibly instead (the officer then also sees what was pasted).

        Then the screen is told (`Typed`), straight away: the change bubbling up went through the
        queue of every node up to the app (eight) on each key and each answer.
        """
        event.stop()
        self.screen.post_message(self.Typed())
        if isinstance(event, Input.Changed):
            if visible(event.value) != event.value:
                event.input.value = visible(event.value)
        elif visible(event.text_area.text) != event.text_area.text:
            event.text_area.text = visible(event.text_area.text)

    def focus_input(self) -> None:
        focusable = self.query("Input, TextArea, OptionList, Button, AllocateRow")
        if focusable:
            focusable.first().focus()

    @property
    def keys_hint(self) -> str:
        return hint(f"tui.keys.{self.step.type}")


class AnswerArea(TextArea):
    """A text field whose Ctrl+Z undoes typing while there is typing to undo, and otherwise lets the
    screen take the last answer back (a plain TextArea swallows the key even when empty)."""

    def on_mount(self) -> None:
        # An answer offered again (back, jump, undo) is mended by typing on after it, as a restored
        # draft is: the cursor at the end, not before the first word.
        self.move_cursor(self.document.end)

    def action_undo(self) -> None:
        if not self.history.undo_stack:
            raise SkipAction
        super().action_undo()

    @on(TextArea.SelectionChanged)
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        # Nothing above reads it: it went through the queue of every node up to the app (eight)
        # on each answer, the field's cursor moving home as the next question takes it.
        event.stop()


class TextAnswer(AnswerInput):
    _sent_text = ""
    """What the field held when the answer was sent."""

    def __init__(self, step: QuestionStep, current: AnswerValue) -> None:
        super().__init__(step, current)
        assert isinstance(step, TextStep)
        text = visible(current) if isinstance(current, str) else ""
        placeholder = step.placeholder or ""
        # Kept: sending an answer and taking the next question read it several times (a query each).
        self.field: AnswerArea | Input = (
            AnswerArea(text, id="text-answer", placeholder=placeholder, soft_wrap=True)
            if step.multiline
            else Input(text, id="text-answer", placeholder=placeholder)
        )

    def compose(self) -> ComposeResult:
        yield self.field

    def read(self) -> AnswerValue:
        return self.typed()

    def typed(self) -> str:
        return self.field.text if isinstance(self.field, TextArea) else self.field.value

    def send(self, value: AnswerValue) -> None:
        if not self.sent:
            self._sent_text = self.typed()
        super().send(value)

    def take(self, step: QuestionStep, current: AnswerValue) -> bool:
        assert isinstance(self.step, TextStep)
        if not isinstance(step, TextStep) or step.multiline != self.step.multiline:
            return False
        # What reached the field after the answer was sent (a paste: keys wait in the chat's line)
        # was meant for this next question.
        typed, sent_length = self.typed(), len(self._sent_text)
        ahead = typed[sent_length:] if self.sent and typed.startswith(self._sent_text) else ""
        self.step, self.current, self.sent = step, current, False
        start = visible(current) if isinstance(current, str) else ""
        text = start + ahead
        widget = self.field
        if isinstance(widget, TextArea):
            widget.load_text(text)  # also forgets the undo history of the last answer
            widget.move_cursor(widget.document.end)
            widget.placeholder = step.placeholder or ""
        elif isinstance(widget, Input):
            widget.value = text
            widget.cursor_position = len(text)
            widget.placeholder = step.placeholder or ""
        return True

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @property
    def keys_hint(self) -> str:
        assert isinstance(self.step, TextStep)
        return hint("tui.keys.text") if self.step.multiline else hint("tui.keys.line")


class NumberedOptions(Answered, OptionList):
    """An option list where typing a digit picks that option.

    Enter and digits are handled here, in the order the keys came: once an option is chosen the
    list takes no more keys, so a digit typed right after Enter cannot choose again.
    """

    chosen = False

    def __init__(self, *options: Option, numbers: Sequence[int], id: str | None = None) -> None:
        super().__init__(*options, id=id)
        self.typed_number = TypedNumber(numbers)

    @property
    def has_answered(self) -> bool:
        return self.chosen

    def on_key(self, event: events.Key) -> None:
        if sent_from(self):
            return  # the key belongs to the next question: the screen keeps it for that one
        character = event.character or ""
        if character.isdigit():
            named = self.typed_number.add(character)
            if named is None:
                return
            self.highlighted = named.index
            if not named.final:
                event.stop()  # "1" of "12": the next digit decides, or Enter takes this one
                return
        else:
            self.typed_number.clear()
            if event.key != "enter" or self.highlighted is None:
                return
        event.stop()
        event.prevent_default()
        self.chosen = True
        self.action_select()


class ChoiceAnswer(AnswerInput):
    def compose(self) -> ComposeResult:
        assert isinstance(self.step, ChoiceStep | ScaleStep)
        options = _numbered(self.step)
        values = [value for value, _, _, _ in options]
        widget = NumberedOptions(
            *[Option(hanging(Text(lead), label), id=value) for value, _, lead, label in options],
            numbers=[number for _, number, _, _ in options],
            id="choice-answer",
        )
        if str(self.current) in values:
            widget.highlighted = values.index(str(self.current))
        yield widget

    def read(self) -> AnswerValue:
        widget = self.query_one(OptionList)
        if widget.highlighted is None:
            raise InvalidAnswer(t("answer.required"))
        value = widget.get_option_at_index(widget.highlighted).id or ""
        return int(value) if isinstance(self.step, ScaleStep) else value

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # The option chosen, not the one highlighted now: a key typed after Enter may have moved it.
        value = event.option.id or ""
        self.send(int(value) if isinstance(self.step, ScaleStep) else value)


def _numbered(step: ChoiceStep | MultiStep | ScaleStep) -> list[tuple[str, int, str, str]]:
    """Each option's value, the number the officer types for it, that number as shown before the
    label, and the label: a choice's or a multi-select's place in the list ('2. '), a scale's own
    value, which starts its label ('5 — veel')."""
    if isinstance(step, ScaleStep):
        labels = {step.min: step.min_label, step.max: step.max_label}
        return [
            (str(value), value, "", f"{value}" + (f" — {labels[value]}" if labels.get(value) else ""))
            for value in range(step.min, step.max + 1)
        ]
    return [
        (option.value, number, f"{number}. ", option.label) for number, option in enumerate(step.options, 1)
    ]


class MultiAnswer(AnswerInput):
    def compose(self) -> ComposeResult:
        assert isinstance(self.step, MultiStep)
        chosen = self.current if isinstance(self.current, list) else []
        options = _numbered(self.step)
        yield CheckList(
            [(value, lead, label) for value, _, lead, label in options],
            set(chosen),
            numbers=[number for _, number, _, _ in options],
            id="multi-answer",
        )

    def read(self) -> AnswerValue:
        return self.query_one(CheckList).selected

    def unsent(self) -> Unsent:
        return self.query_one(CheckList).selected

    def restore(self, unsent: Unsent) -> None:
        if isinstance(unsent, list):
            self.query_one(CheckList).tick_only(unsent)

    @on(CheckList.Typed)
    def _typed(self, event: CheckList.Typed) -> None:
        event.stop()
        self.post_message(self.Unreadable(event.warning))
