"""Options to tick that wrap onto as many lines as their label needs.

Textual's SelectionList draws every option on one line and cuts the rest off with "…"; most of
the ten uitgangspunten did not fit. This list is an OptionList (which wraps) with its own tick box.
Typing text here is almost always a mistake (the officer thought it was a text field), so letters
are refused with a warning and the spaces between them do not toggle anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kansencoach.i18n import t
from kansencoach.tui.widgets.answered import sent_from
from kansencoach.tui.widgets.hanging import hanging
from kansencoach.tui.widgets.typed_number import TypedNumber

TICKED, UNTICKED = "[x] ", "[ ] "


class CheckList(OptionList):
    """Tick options with Space (or Enter, or the option's number); `selected` in option order."""

    @dataclass
    class Typed(Message):
        """Text was typed into the list; `warning` says what to do instead, in Dutch."""

        warning: str

    class Toggled(Message):
        """An option was ticked or unticked."""

    def __init__(
        self,
        options: list[tuple[str, str, str]],
        selected: set[str],
        numbers: Sequence[int],
        id: str | None = None,
    ) -> None:
        """`options` are (value, number shown, label); `numbers` the number each shows, typed to tick it."""
        self.labels = {value: (lead, label) for value, lead, label in options}
        self._ticked = set(selected) & set(self.labels)
        self._typing = False
        self._typed_number = TypedNumber(numbers)
        super().__init__(*[Option(self._prompt(value), id=value) for value in self.labels], id=id)

    @property
    def selected(self) -> list[str]:
        return [value for value in self.labels if value in self._ticked]

    def _prompt(self, value: str) -> Table | Text:
        mark = TICKED if value in self._ticked else UNTICKED
        lead, label = self.labels[value]
        return hanging(Text.assemble((mark, "bold"), lead), label)

    def toggle(self, index: int) -> None:
        value = self.get_option_at_index(index).id or ""
        self._ticked ^= {value}
        self.replace_option_prompt_at_index(index, self._prompt(value))
        self.post_message(self.Toggled())

    def tick_only(self, values: list[str]) -> None:
        """Tick `values` (those it has) and untick the rest, as the officer left them earlier."""
        self._ticked = set(values) & set(self.labels)
        for index, value in enumerate(self.labels):
            self.replace_option_prompt_at_index(index, self._prompt(value))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle(event.option_index)

    def on_key(self, event: events.Key) -> None:
        if sent_from(self):
            return  # the key belongs to the next question: the screen keeps it for that one
        character = event.character or ""
        named = self._typed_number.add(character) if character.isdigit() and not self._typing else None
        if not character.isdigit():
            self._typed_number.clear()
        if event.key == "space":
            event.stop()
            if not self._typing and self.highlighted is not None:
                self.toggle(self.highlighted)  # a space between typed words is no choice
        elif named is not None:
            event.stop()
            self.highlighted = named.index
            if named.final:  # "1" of "12" only highlights: the next digit decides, or Space ticks it
                self.toggle(named.index)
        elif character.isprintable() and character and not character.isspace():
            event.stop()
            if not self._typing:
                self._typing = True
                self.post_message(self.Typed(t("tui.multi_typed")))
        elif event.key in ("up", "down", "home", "end", "pageup", "pagedown", "escape"):
            self._typing = False
