"""Every dialog stays usable on a small terminal: at 40x12 and 60x15 its field, its buttons or key
hint and the widget with the focus lie whole on the screen, and what does not fit scrolls.

Each dialog was cut off there: the key hint under a text prompt, the export dialog's formats and
buttons, the jump list, the end of a long question.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from driver import highlight, loaded_start, opened_chat, stored_session
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.dialogs import ConfirmDialog, JumpDialog, TextPrompt
from kansencoach.tui.screens.export import ExportDialog

from helpers import MINI_ANSWERS

SMALL = [(40, 12), (60, 15)]
sizes = pytest.mark.parametrize("size", SMALL, ids=lambda size: f"{size[0]}x{size[1]}")


async def comes_true(pilot: Pilot[None], holds: Callable[[], bool], frames: int = 200) -> bool:
    """Whether `holds` comes true within `frames` frames. Not driver.until, which lets the workers
    finish in between: the worker that opened a dialog waits for it to close, so it never does."""
    for _ in range(frames):
        if holds():
            return True
        await pilot.pause()
    return holds()


def in_view(widget: Widget | None) -> bool:
    """Whether all of `widget` shows: it lies inside the screen and inside every container around
    it, each of which clips what overflows it (a dialog at its maximum height, a scrolled body)."""
    if widget is None or not widget.region:
        return False
    return all(
        ancestor.scrollable_content_region.contains_region(widget.region)
        for ancestor in widget.ancestors
        if isinstance(ancestor, Widget)
    )


async def usable(pilot: Pilot[None], dialog: Screen[Any], *needed: Widget) -> None:
    """Wait until `needed` and the focused widget of `dialog` show whole; fail naming what does not."""

    def hidden() -> list[Widget]:
        focused = dialog.focused
        wanted = [*needed, focused] if focused is not None else list(needed)
        return [widget for widget in wanted if not in_view(widget)]

    assert dialog.focused is not None, "nothing in the dialog has the focus"
    assert await comes_true(pilot, lambda: not hidden()), (
        f"out of view at {pilot.app.size}: {[(widget, widget.region) for widget in hidden()]}"
    )


def fills_its_view(widget: Widget) -> bool:
    """Whether `widget` shows whole or, taller than the scrolled body it is in, fills all of it."""
    if in_view(widget):
        return True
    body = widget.parent
    if not isinstance(body, Widget) or not in_view(body):
        return False
    view = body.scrollable_content_region
    return widget.region.intersection(view) == view


def reads_whole(label: Label, text: str) -> bool:
    """Whether every character of `text` is on the rows `label` shows (wrapped, not cut off)."""
    rows = "".join(label.render_line(y).text for y in range(label.region.height))
    return "".join(rows.split()) == "".join(text.split())


async def opened(pilot: Pilot[None], key: str, kind: type[Screen[Any]]) -> Screen[Any]:
    """Press `key` and wait for a dialog of `kind` (a worker may push it after the key)."""
    await pilot.press(key)
    assert await comes_true(pilot, lambda: isinstance(pilot.app.screen, kind)), (
        f"{key} opened {pilot.app.screen!r}"
    )
    return pilot.app.screen


@asynccontextmanager
async def chat(size: tuple[int, int], answered: int = 1) -> AsyncIterator[Pilot[None]]:
    """The chat of a session of the mini flow with its first `answered` questions answered."""
    app = KansencoachApp(resume=stored_session("VVE Overvecht", *list(MINI_ANSWERS.values())[:answered]))
    async with app.run_test(size=size) as pilot:
        await opened_chat(app, pilot)
        yield pilot


async def test_the_title_prompt_shows_its_field_and_key_hint() -> None:
    # A text prompt fitted at 60x15 already; at 40x12 its key hint was cut off.
    app = KansencoachApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await loaded_start(app, pilot)
        dialog = await opened(pilot, "enter", TextPrompt)
        await usable(pilot, dialog, dialog.query_one(Input), dialog.query_one(".keys-hint", Label))


async def test_a_refused_import_shows_the_path_and_the_key_hint(tmp_path: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await loaded_start(app, pilot)
        first = await opened(pilot, "i", TextPrompt)
        first.query_one(Input).value = str(tmp_path / "verkeerde-naam.yaml")
        await pilot.press("enter")
        assert await comes_true(pilot, lambda: app.screen is not first and isinstance(app.screen, TextPrompt))
        again = app.screen
        await usable(pilot, again, again.query_one(Input), again.query_one(".keys-hint", Label))


async def test_a_refusal_longer_than_the_screen_scrolls_and_tab_reaches_it() -> None:
    problems = " ".join(f"regel {number}: onbekend veld 'x{number}'." for number in range(12))
    app = KansencoachApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await loaded_start(app, pilot)
        dialog = TextPrompt("Pad naar het sessiebestand:", "/tmp/sessie.yaml", error=problems)
        await app.push_screen(dialog)
        field = dialog.query_one(Input)
        await usable(pilot, dialog, field, dialog.query_one(".keys-hint", Label))
        refusal = dialog.query_one("#prompt-error", Label)
        assert not in_view(refusal), "the long refusal fitted: the test needs one that does not"
        # The keyboard reaches the rest: Tab to the refusal, End to its last row, Tab back.
        await pilot.press("tab")
        assert await comes_true(pilot, lambda: dialog.focused is not field and dialog.focused is not None)
        body = dialog.focused
        assert body is not None and refusal in body.children
        await pilot.press("end")
        assert await comes_true(pilot, lambda: refusal.region.bottom == body.scrollable_content_region.bottom)
        await pilot.press("tab")
        assert await comes_true(pilot, lambda: dialog.focused is field)
        await usable(pilot, dialog, field)


async def test_a_refusal_that_fits_is_no_tab_stop() -> None:
    app = KansencoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded_start(app, pilot)
        dialog = TextPrompt(
            "Pad naar het sessiebestand:", "/tmp/sessie.yaml", error="Dit bestand bestaat niet."
        )
        await app.push_screen(dialog)
        field = dialog.query_one(Input)
        assert await comes_true(pilot, lambda: dialog.focused is field)
        await pilot.press("tab")
        await pilot.pause()
        assert dialog.focused is field


async def test_the_comment_prompt_shows_its_field_and_key_hint() -> None:
    async with chat((40, 12)) as pilot:
        dialog = await opened(pilot, "ctrl+k", TextPrompt)
        await usable(pilot, dialog, dialog.query_one(Input), dialog.query_one(".keys-hint", Label))


@sizes
async def test_the_delete_question_reads_whole_above_its_buttons(size: tuple[int, int]) -> None:
    ident = stored_session("Voorstel ongelijk investeren in Overvecht")
    app = KansencoachApp()
    async with app.run_test(size=size) as pilot:
        screen = await loaded_start(app, pilot)
        sessions = screen.query_one("#sessions", OptionList)
        sessions.focus()
        highlight(sessions, ident)
        dialog = await opened(pilot, "d", ConfirmDialog)
        assert isinstance(dialog, ConfirmDialog)
        question = dialog.query_one(".dialog-question", Label)
        await usable(pilot, dialog, question, *dialog.query(Button))
        assert reads_whole(question, dialog.question), "the question is cut off"


@sizes
async def test_the_export_dialog_shows_its_path_every_format_and_its_buttons(size: tuple[int, int]) -> None:
    async with chat(size) as pilot:
        dialog = await opened(pilot, "f2", ExportDialog)
        needed = [dialog.query_one("#export-path", Input), *dialog.query(RadioButton), *dialog.query(Button)]
        await usable(pilot, dialog, *needed)
        await pilot.press("tab")  # to the formats
        assert await comes_true(pilot, lambda: isinstance(dialog.focused, RadioSet))
        await usable(pilot, dialog, *needed)


@sizes
async def test_after_an_export_its_message_shows_and_a_second_asks_to_overwrite_in_view(
    size: tuple[int, int], fixed_world: Path
) -> None:
    async with chat(size) as pilot:
        dialog = await opened(pilot, "f2", ExportDialog)
        assert isinstance(dialog, ExportDialog)
        field = dialog.query_one("#export-path", Input)
        field.value = str(fixed_world / "plan.md")
        await pilot.press("enter")
        message = dialog.query_one("#export-message", Label)
        assert await comes_true(pilot, lambda: dialog.written is not None)
        await usable(pilot, dialog, field, dialog.query_one("#close", Button))
        # A long path can make the message taller than what 40x12 leaves it: then it fills that.
        assert await comes_true(pilot, lambda: fills_its_view(message)), message.region
        assert dialog.focused is dialog.query_one("#close", Button)
        # The same name again: the question whether to overwrite it, with its buttons, in view.
        dialog.set_focus(field)
        await pilot.press("enter")
        assert await comes_true(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog))
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmDialog)
        question = confirm.query_one(".dialog-question", Label)
        await usable(pilot, confirm, *confirm.query(Button))
        assert reads_whole(question, confirm.question), "the question is cut off"


@sizes
async def test_the_jump_dialog_shows_its_filter_and_its_whole_list(size: tuple[int, int]) -> None:
    async with chat(size, answered=len(MINI_ANSWERS)) as pilot:
        dialog = await opened(pilot, "ctrl+g", JumpDialog)
        listed = dialog.query_one("#jump-list", OptionList)
        await usable(pilot, dialog, dialog.query_one("#jump-filter", Input), listed)
        # The list scrolls to the highlighted question, which therefore shows as the arrows move.
        await pilot.press(*["down"] * (len(listed.options) - 1))
        assert await comes_true(pilot, lambda: listed.highlighted == len(listed.options) - 1)
        await usable(pilot, dialog, listed)
        assert listed.scroll_offset.y == listed.max_scroll_y


def questions(count: int) -> list[tuple[str, str]]:
    """`count` questions to jump to, as a long flow's jump dialog lists them."""
    return [(f"vraag-{number}", f"Vraag {number}: antwoord {number}") for number in range(count)]


@pytest.mark.parametrize(
    ("size", "rows"),
    # Thirty questions at 80x24: the list kept its 20 rows in a dialog with room for 10 of them, and
    # the question highlighted below those went out of view. From 35 rows up it keeps its 20.
    [((80, 24), None), ((120, 40), 20)],
    ids=["80x24", "120x40"],
)
async def test_a_long_jump_list_fits_its_dialog(size: tuple[int, int], rows: int | None) -> None:
    app = KansencoachApp()
    async with app.run_test(size=size) as pilot:
        await loaded_start(app, pilot)
        dialog = JumpDialog(questions(30))
        await app.push_screen(dialog)
        listed = dialog.query_one("#jump-list", OptionList)
        await usable(pilot, dialog, dialog.query_one("#jump-filter", Input), listed)
        if rows is not None:
            assert listed.region.height == rows


async def test_a_dialog_open_while_the_terminal_shrinks_keeps_its_focus_and_buttons_in_view() -> None:
    async with chat((80, 24)) as pilot:
        dialog = await opened(pilot, "f2", ExportDialog)
        await pilot.press("tab")
        assert await comes_true(pilot, lambda: isinstance(dialog.focused, RadioSet))
        before = [widget.region for widget in dialog.query(Widget)]
        await pilot.resize_terminal(40, 12)
        await usable(pilot, dialog, *dialog.query(Button), *dialog.query(RadioButton))
        # Back at 80x24 it looks as it did.
        await pilot.resize_terminal(80, 24)
        assert await comes_true(pilot, lambda: [widget.region for widget in dialog.query(Widget)] == before)
