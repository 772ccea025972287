"""`kansencoach run --resume ID` opens the chat with its footer as tall as its keys, at the bottom."""

from __future__ import annotations

import pytest
from test_resume_view import SIZES, half_done_session

from kansencoach import locations
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.keyfooter import MAX_LINES, KeyFooter


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_resumed_chat_uses_the_whole_screen(size: tuple[int, int]) -> None:
    session_id = half_done_session()
    app = KansencoachApp(locations.store_path(), session_id)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        footer = app.screen.query_one(KeyFooter)
        lines = str(footer.render()).count("\n") + 1
        assert lines <= MAX_LINES
        # The footer packed for a width of nothing used to keep ten empty-looking lines under the keys.
        assert footer.region.height == lines
        assert footer.region.bottom == size[1]
