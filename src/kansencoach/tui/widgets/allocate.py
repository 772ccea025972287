"""Dividing points over options (the perspective mix A/B/C), always summing to the total.

Moving points up on one option takes them from the next option; moving down gives them to it. The
sum never changes, so the answer is valid at every moment, and a bar per option shows the mix as
it changes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from kansencoach.core.flows.answers import even_points, label_after_value, most_points
from kansencoach.core.flows.models import AllocateStep, AnswerValue, Option
from kansencoach.i18n import t
from kansencoach.tui.widgets.answer_inputs import AnswerInput

BAR_WIDTH = 24


def points_bar(
    points: int, total: int, width: int = BAR_WIDTH, bold: bool = False, number: bool = True
) -> Text:
    """'██████░░░░  25': the share of `total` that `points` is, as a bar (and the number)."""
    filled = round(width * points / total) if total else 0
    bar = Text.assemble(("█" * filled, "bold" if bold else ""), ("░" * (width - filled), "dim"))
    return bar + Text(f" {points:>3}") if number else bar


def mix_lines(step: AllocateStep, points: dict[str, int], width: int = BAR_WIDTH) -> Text:
    """An allocation as one bar per option, for the chat and the draft: the perspective mix at a glance."""
    lines = []
    for option in step.options:
        lines.append(
            Text.assemble(
                (f"{option.value} ", "bold"),
                points_bar(points.get(option.value, 0), step.total, width),
                f"  {label_after_value(option)}",
            )
        )
    return Text("\n").join(lines)


def initial_points(step: AllocateStep, current: AnswerValue) -> dict[str, int]:
    """The previous answer, or the total spread as evenly as the increment allows."""
    if isinstance(current, dict) and sum(current.values()) == step.total:
        return {option.value: int(current.get(option.value, 0)) for option in step.options}
    return even_points(step)


def shift(step: AllocateStep, points: dict[str, int], value: str, up: bool) -> dict[str, int]:
    """`points` after moving one increment to (up) or from (down) `value`, keeping the total.

    The points come from, or go to, the next option in the list that can give or take them
    (wrapping round), so setting the options from top to bottom never disturbs the ones above.
    """
    options = step.options
    index = next(number for number, option in enumerate(options) if option.value == value)
    others = [options[(index + offset) % len(options)] for offset in range(1, len(options))]
    this = options[index]
    if up:
        room = most_points(step, this) - points[value]
        donor = next((o for o in others if points[o.value] > (o.min or 0)), None)
        if donor is None or room <= 0:
            return points
        moved = min(step.increment, room, points[donor.value] - (donor.min or 0))
        return {**points, value: points[value] + moved, donor.value: points[donor.value] - moved}
    spare = points[value] - (this.min or 0)
    taker = next((o for o in others if points[o.value] < most_points(step, o)), None)
    if taker is None or spare <= 0:
        return points
    moved = min(step.increment, spare, most_points(step, taker) - points[taker.value])
    return {**points, value: points[value] - moved, taker.value: points[taker.value] + moved}


class AllocateRow(Widget, can_focus=True):
    """One option: its label, its points and a bar. Left/right move points."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,plus,equals_sign,l", "move(True)", t("tui.more"), show=False),
        Binding("left,minus,h", "move(False)", t("tui.less"), show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
        Binding("enter", "submit", show=False),
    ]
    points: reactive[int] = reactive(0)

    def __init__(self, option: Option, total: int, points: int) -> None:
        super().__init__(id=f"allocate-{option.value}")
        self.option = option
        self.total = total
        self.set_reactive(AllocateRow.points, points)

    def render(self) -> Text:
        # The whole label on its own line (it wraps), the bar under it: labels were cut at 30.
        text = Text()
        text.append(f"{self.option.value}  ", style="bold")
        text.append(f"{label_after_value(self.option)}\n")
        text.append("   ")
        text.append_text(points_bar(self.points, self.total, bold=self.has_focus))
        return text

    def action_move(self, up: bool) -> None:
        parent = self.parent
        if isinstance(parent, AllocateAnswer):
            parent.move(self.option.value, up)

    def action_submit(self) -> None:
        parent = self.parent
        if isinstance(parent, AllocateAnswer):
            parent.submit()


class AllocateAnswer(AnswerInput):
    def __init__(self, step: AllocateStep, current: AnswerValue) -> None:
        super().__init__(step, current)
        self.allocate_step = step
        self.points = initial_points(step, current)

    def compose(self) -> ComposeResult:
        for option in self.allocate_step.options:
            yield AllocateRow(option, self.allocate_step.total, self.points[option.value])

    def move(self, value: str, up: bool) -> None:
        self.points = shift(self.allocate_step, self.points, value, up)
        for row in self.query(AllocateRow):
            row.points = self.points[row.option.value]

    def read(self) -> AnswerValue:
        return dict(self.points)
