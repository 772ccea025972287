"""The conversation scrolls by keyboard while the answer box keeps the focus (PgUp, PgDn)."""

from __future__ import annotations

import pytest
from driver import answer_focused, opened_chat, stored_session, until
from rich.cells import cell_len
from test_resume_view import half_done_session, question_visible
from textual.widgets import Label

from kansencoach.tui.actions import hint, palette
from kansencoach.tui.app import KansencoachApp

from helpers import MINI_ANSWERS


async def test_page_up_and_down_scroll_the_conversation_and_leave_the_answer_focused() -> None:
    app = KansencoachApp(resume=half_done_session())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened_chat(app, pilot)
        await answer_focused(pilot)
        log = screen.chat_log
        assert await until(pilot, lambda: log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y)
        focused = app.focused
        await pilot.press("pageup")
        assert await until(pilot, lambda: log.scroll_y < log.max_scroll_y)
        assert not question_visible(screen)  # a screen further back: earlier answers to read
        assert app.focused is focused
        await pilot.press("pageup", "pagedown", "pagedown")
        assert await until(pilot, lambda: log.scroll_y == log.max_scroll_y and question_visible(screen))
        assert app.focused is focused
        # Named in Dutch where the officer looks for keys: under the answer where the line has room
        # (at 80 columns a multiple choice's own keys fill it), and in the palette.
        keys = screen.query_one("#keys-hint", Label)
        shown, scroll = str(keys.render()), " · PgUp/PgDn gesprek"
        assert shown.endswith(scroll) or cell_len(shown + scroll) > keys.content_region.width, shown
        names = [name for name, _, _ in palette(screen)]
        assert "Gesprek omhoog" in names and "Gesprek omlaag" in names


async def test_key_hints_too_wide_for_the_line_break_between_two_keys() -> None:
    # Beside the draft at 80 columns 'F2 exporteren · Ctrl+G ga naar vraag · Esc naar start' broke
    # inside the last key: 'Esc' at the end of one line, 'naar start' alone on the next.
    stored = stored_session("Klaar", *MINI_ANSWERS.values())
    app = KansencoachApp(resume=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened_chat(app, pilot)
        assert screen.step is None
        if not screen.query_one("#draft-pane").display:
            await pilot.press("ctrl+o")
        hints = screen.query_one("#keys-hint", Label)
        keys = hint("tui.keys.done").split(" · ")
        assert await until(pilot, lambda: len(str(hints.render()).splitlines()) > 1)
        for line in str(hints.render()).splitlines():
            assert set(line.split(" · ")) <= set(keys), line
            assert cell_len(line) <= hints.content_region.width


@pytest.mark.parametrize("step_id", list(MINI_ANSWERS)[:-1])
async def test_every_input_names_the_key_that_explains_the_question(step_id: str) -> None:
    # The multiple choice, number, yes/no, list and allocation inputs named every key but F1.
    before = list(MINI_ANSWERS)[: list(MINI_ANSWERS).index(step_id)]
    app = KansencoachApp(resume=stored_session("Uitleg", *(MINI_ANSWERS[key] for key in before)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_chat(app, pilot)
        await answer_focused(pilot)
        assert screen.step is not None and screen.step.id == step_id
        items = str(screen.query_one("#keys-hint", Label).render()).replace("\n", " · ").split(" · ")
        assert hint("tui.keys.help") in items, items
