"""Ctrl+T then `a`, as an officer presses them: the first suggestion is at hand without arrowing to it."""

from __future__ import annotations

from driver import answer, knowledge_loaded

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.panes import SuggestionsPane

from helpers import mini_flow


async def test_ctrl_t_then_a_accepts_the_first_suggestion() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="VVE Overvecht")
    async with app.run_test(size=(120, 40)) as pilot:
        await knowledge_loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChatScreen) and screen.step is not None
        await answer(pilot, screen.step, "Peuters gaan weinig naar de voorschool")
        assert screen.step is not None
        await answer(pilot, screen.step, "onderwijs")
        await pilot.press("ctrl+t")
        await pilot.pause()
        pane = screen.query_one(SuggestionsPane)
        assert app.focused is pane and pane.option_count > 0
        first = pane.get_option_at_index(0).id
        await pilot.press("a")
        await pilot.pause()
        assert screen.session.state.suggestions == {first: "accepted"}
