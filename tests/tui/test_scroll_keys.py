"""The conversation scrolls by keyboard while the answer box keeps the focus (PgUp, PgDn)."""

from __future__ import annotations

from driver import answer_focused, opened_chat, until
from test_resume_view import half_done_session, question_visible
from textual.widgets import Label

from kansencoach.tui.actions import palette
from kansencoach.tui.app import KansencoachApp


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
        # Named in Dutch where the officer looks for keys: under the answer and in the palette.
        assert str(screen.query_one("#keys-hint", Label).render()).endswith(" · PgUp/PgDn gesprek")
        names = [name for name, _, _ in palette(screen.BINDINGS)]
        assert "Gesprek omhoog" in names and "Gesprek omlaag" in names
