"""The chat header as the officer reads it beside an open pane."""

from __future__ import annotations

from driver import knowledge_loaded, new_chat, new_session
from textual.widgets import Label


async def test_a_long_title_beside_a_pane_ends_in_an_ellipsis_apart_from_the_progress() -> None:
    # The title wrapped inside its one-line header: it was cut after a word without a sign that
    # more followed ("Voorstel ongelijk"), or ran into the section bars ("Overvecht1 █████").
    app = new_session(title="Voorstel ongelijk investeren voor de peuters van Overvecht")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_chat(app, pilot)
        await knowledge_loaded(app, pilot)
        await pilot.pause()
        title = screen.query_one("#session-title", Label)
        shown = title.render_line(0).text.rstrip()
        assert shown.endswith("…") and shown.startswith("Voorstel ongelijk investeren"), shown
        progress = screen.query_one("#progress", Label)
        assert progress.display and title.region.right < progress.region.x
