"""Ctrl+T then `a`, as an officer presses them: the first suggestion is at hand without arrowing to it."""

from __future__ import annotations

from driver import suggestions_open

from kansencoach.tui.app import KansencoachApp

from helpers import mini_flow


async def test_ctrl_t_then_a_accepts_the_first_suggestion() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="VVE Overvecht")
    async with app.run_test(size=(120, 40)) as pilot:
        screen, pane = await suggestions_open(pilot, app, "Peuters gaan weinig naar de voorschool")
        assert app.focused is pane and pane.option_count > 0
        first = pane.get_option_at_index(0).id
        await pilot.press("a")
        await pilot.pause()
        assert screen.session.state.suggestions == {first: "accepted"}
