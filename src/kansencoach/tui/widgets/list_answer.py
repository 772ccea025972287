"""The input for a list step: points added one at a time, removable before the list is sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList

from kansencoach.core.common.terminal import visible
from kansencoach.core.flows.models import ListStep
from kansencoach.i18n import t
from kansencoach.tui.actions import hint
from kansencoach.tui.widgets.answer_inputs import AnswerInput

if TYPE_CHECKING:
    from kansencoach.core.flows.models import AnswerValue, QuestionStep
    from kansencoach.core.sessions.events import Unsent


class ListAnswer(AnswerInput):
    """Points typed one by one (Enter adds one, Delete removes the highlighted one); an empty Enter sends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "remove", t("tui.remove_item"), show=False),
    ]

    def __init__(self, step: QuestionStep, current: AnswerValue) -> None:
        super().__init__(step, current)
        self.items: list[str] = list(current) if isinstance(current, list) else []

    def compose(self) -> ComposeResult:
        # Not selected on focus: the letter that brings the focus back from the points (`on_key`)
        # would be selected with it and replaced by the next.
        yield Input(id="list-new", placeholder=t("tui.list_placeholder"), select_on_focus=False)
        items = OptionList(*map(visible, self.items), id="list-items")
        items.highlighted = None  # made with options, it highlights the first; Tab onto it picks the last
        items.display = bool(self.items)
        yield items

    UNSENT_LIST_BACK: ClassVar[str] = "tui.unsent_points_back"

    def read(self) -> AnswerValue:
        pending = self.query_one("#list-new", Input).value.strip()
        return [*self.items, pending] if pending else list(self.items)

    def unsent(self) -> Unsent:
        """The points added and not sent, the one still in the field among them."""
        value = self.read()
        assert isinstance(value, list)
        return value

    def restore(self, unsent: Unsent) -> None:
        if not isinstance(unsent, list):
            super().restore(unsent)
            return
        self.items = list(unsent)
        items = self.query_one("#list-items", OptionList)
        items.clear_options()
        items.add_options(map(visible, self.items))
        self._points_changed(items)

    @property
    def keys_hint(self) -> str:
        # Removing a point is named once there is one: on an empty list Tab and Backspace do nothing.
        return hint("tui.keys.list", "tui.keys.list_remove") if self.items else hint("tui.keys.list")

    def _points_changed(self, items: OptionList) -> None:
        """Show the points only when there are any, and tell the answer area which keys work now."""
        items.display = bool(self.items)
        self.post_message(self.KeysChanged())

    @on(Input.Submitted)
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.submit()
            return
        assert isinstance(self.step, ListStep)
        self.items.append(text)
        items = self.query_one("#list-items", OptionList)
        items.add_option(visible(text))
        self._points_changed(items)
        event.input.value = ""  # which tells the screen (`Typed`), so the points are kept for resume

    @on(events.DescendantFocus)
    def _list_focused(self, event: events.DescendantFocus) -> None:
        """Tab onto the points highlights the last one, so the Backspace the hint names removes it
        (a new list took the focus with nothing highlighted, and the first Backspace did nothing; a
        list brought back had its first point highlighted, and lost that one: see `compose`)."""
        items = self.query_one("#list-items", OptionList)
        if event.widget is items and items.highlighted is None and items.option_count:
            items.highlighted = items.option_count - 1

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the points starts the next one in the field: after Tab, Backspace the
        focus stays on the points, and the list took the letters of the point that replaced it."""
        items = self.query_one("#list-items", OptionList)
        if items.has_focus and event.is_printable and event.character is not None:
            event.stop()
            field = self.query_one("#list-new", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)

    def action_remove(self) -> None:
        widget = self.query_one("#list-items", OptionList)
        if widget.has_focus and widget.highlighted is not None:
            del self.items[widget.highlighted]
            widget.remove_option_at_index(widget.highlighted)
            # No text field changes, so the screen is told here: the points left are kept for resume.
            self.screen.post_message(self.Typed())
            self._points_changed(widget)
            if not self.items:
                self.query_one("#list-new", Input).focus()
