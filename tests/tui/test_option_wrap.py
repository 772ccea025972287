"""An option too long for the answer box wraps under its own label, not under its number or tick
box, where its rest read as the start of another option (seen at 80x24 in the voorstel flow)."""

from __future__ import annotations

from driver import answer
from test_undo_keys import at_the_first_text_question
from textual.widgets import OptionList

from kansencoach.tui.widgets.checklist import CheckList


def shown_lines(options: OptionList) -> list[str]:
    return [options.render_line(y).text for y in range(options.size.height)]


def wrapped_under_its_label(lines: list[str], first: str, rest: str) -> bool:
    """The line that goes on with `rest` starts where the label starting with `first` starts."""
    (start,) = [line for line in lines if first in line]
    (after,) = [line for line in lines if line.lstrip().startswith(rest)]
    return len(after) - len(after.lstrip()) == start.index(first)


async def test_a_long_option_to_tick_wraps_under_its_label_at_80_columns() -> None:
    async with at_the_first_text_question(size=(80, 24)) as (pilot, screen):
        for value in ("Bijna een op de vijf huishoudens heeft een achterstand.", "Stress."):
            assert screen.step is not None
            await answer(pilot, screen.step, value)
        assert screen.step is not None and screen.step.id == "kapitaal"
        lines = shown_lines(screen.query_one(CheckList))
        assert any(line.lstrip().startswith("[ ] 2. Economisch kapitaal") for line in lines)
        assert wrapped_under_its_label(lines, "Economisch kapitaal", "vermogen)")


async def test_a_long_option_to_choose_wraps_under_its_label_in_a_narrow_window() -> None:
    async with at_the_first_text_question(size=(80, 24)) as (pilot, screen):
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "domein"
        # The domain's longest label fits in 80 columns; in 48 it wraps.
        await pilot.resize_terminal(48, 24)
        await pilot.pause()
        options = screen.query_one("#choice-answer", OptionList)
        lines = shown_lines(options)
        assert wrapped_under_its_label(lines, "Vroeg- en voorschoolse", "het jonge kind")
