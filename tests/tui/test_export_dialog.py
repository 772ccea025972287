"""The export dialog offers the current folder, remembers the last one, and never selects the path on Tab."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from driver import until
from textual.pilot import Pilot
from textual.widgets import Input, Label, RadioButton

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.export import ExportDialog

from helpers import mini_flow


async def open_dialog(pilot: Pilot[None]) -> ExportDialog:
    await pilot.press("f2")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


@contextlib.asynccontextmanager
async def exporting(
    title: str, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[Pilot[None], ExportDialog]]:
    """A new session of the mini flow titled `title`, with its export dialog open."""
    app = KansencoachApp(new_flow=mini_flow(), title=title)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot, await open_dialog(pilot)


async def test_default_is_the_current_folder_then_the_last_one(
    fixed_world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "werkmap"
    work.mkdir()
    monkeypatch.chdir(work)  # not the documents folder, which the dialog used to offer
    elsewhere = tmp_path / "Nota's"
    elsewhere.mkdir()
    async with exporting("Plan Zuid") as (pilot, dialog):
        field = dialog.query_one("#export-path", Input)
        assert field.value == str(work / "plan-zuid.md")
        field.value = str(elsewhere / "eerste.md")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert (elsewhere / "eerste.md").is_file()
        await pilot.press("escape")
        await pilot.pause()
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#export-path", Input).value == str(elsewhere / "plan-zuid.md")
    # Remembered across runs of the app, not only in memory.
    async with exporting("Plan Noord") as (pilot, dialog):
        assert dialog.query_one("#export-path", Input).value == str(elsewhere / "plan-noord.md")


async def test_tabbing_into_the_path_keeps_it(fixed_world: Path) -> None:
    async with exporting("Plan") as (pilot, dialog):
        field = dialog.query_one("#export-path", Input)
        before = field.value
        while pilot.app.focused is field:
            await pilot.press("tab")
        while pilot.app.focused is not field:
            await pilot.press("tab")
        await pilot.press("end", "x")
        assert field.value == before + "x"
        await pilot.press("shift+tab", "tab", "x")
        assert field.value == before + "xx"


async def test_every_format_reads_whole_at_80x24(fixed_world: Path) -> None:
    # The session file's line was cut off at 80 columns: 'om te delen of later i…'.
    async with exporting("Plan Zuid", size=(80, 24)) as (_pilot, dialog):
        for button in dialog.query(RadioButton):
            shown = button.render_line(0).text
            assert str(button.label) in shown and "…" not in shown, shown


async def test_a_name_with_another_formats_suffix_chooses_that_format(fixed_world: Path) -> None:
    async with exporting("Plan") as (pilot, dialog):
        field = dialog.query_one("#export-path", Input)
        field.value = str(fixed_world / "memo.html")
        # The radio set takes the press through its buttons' messages: wait for it, not a frame.
        assert await until(pilot, lambda: dialog.fmt == "html"), dialog.fmt
        assert dialog.query_one("#html", RadioButton).value
        assert field.value == str(fixed_world / "memo.html")  # the name stays as typed
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert (
            (fixed_world / "memo.html")
            .read_text(encoding="utf-8")
            .lstrip()
            .lower()
            .startswith("<!doctype html")
        )
        # A name without a known suffix leaves the format chosen.
        field.value = str(fixed_world / "memo.txt")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        assert dialog.fmt == "html"


async def test_after_an_export_typing_goes_to_the_file_name(fixed_world: Path) -> None:
    # After an export the focus was on "Sluiten": a new name typed went nowhere, silently.
    async with exporting("Plan", size=(80, 24)) as (pilot, dialog):
        field = dialog.query_one("#export-path", Input)
        field.value = str(fixed_world / "plan.md")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert (fixed_world / "plan.md").is_file()
        message = str(dialog.query_one("#export-message", Label).render())
        assert f"Geschreven: {fixed_world / 'plan.md'}" in message
        assert "Enter of Esc sluit" in message, message
        await pilot.press("backspace", "backspace", "h", "t", "m", "l")
        assert pilot.app.focused is field
        assert field.value == str(fixed_world / "plan.html")
        assert await until(pilot, lambda: dialog.fmt == "html"), dialog.fmt


async def test_after_an_export_enter_closes_the_dialog(fixed_world: Path) -> None:
    async with exporting("Plan", size=(80, 24)) as (pilot, dialog):
        dialog.query_one("#export-path", Input).value = str(fixed_world / "plan.md")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        assert await until(pilot, lambda: not isinstance(pilot.app.screen, ExportDialog))
