"""What an officer found walking the app as a person would (the QA walk of this round)."""

from __future__ import annotations

from driver import opened_chat, type_text
from test_unsent import TYPED, start_typing

from kansencoach.tui.app import KansencoachApp


async def test_typing_after_resume_carries_on_after_the_unsent_text() -> None:
    """The restored text is where the officer stopped: the cursor at its end, not its start."""
    session_id = await start_typing()
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(app, pilot)
        await type_text(pilot, " en minder lang")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["verschil"] == TYPED + " en minder lang"
