"""The chat header as the officer reads it beside an open pane."""

from __future__ import annotations

from driver import answer_shown, knowledge_loaded, loaded_start, new_chat, new_session, panes_current
from test_route_change import UP_TO_PARTNERS
from textual.widgets import Label, OptionList

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen

from helpers import REPO, kansencoach


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
        assert shown.endswith("…") and shown.startswith("Voorstel ongelijk investeren voor"), shown
        # Beside the pane the section bars give way to the title; the count stays, apart from it.
        assert not screen.query_one("#progress", Label).display
        count = screen.query_one("#progress-label", Label)
        assert str(count.render()) == "0/9 beantwoord" and title.region.right < count.region.x
        await pilot.press("ctrl+o")  # the pane closed: room for the bars again
        await pilot.pause()
        assert screen.query_one("#progress", Label).display


def question_count(screen: ChatScreen) -> str:
    """The 'n/m' before the question asked now."""
    assert screen.question is not None
    return str(screen.question.render()).split(" · ")[0]


async def test_the_counts_follow_the_route_as_it_stands_the_same_everywhere() -> None:
    # Answering 'no' to partners takes the criteria question off the route: the totals drop by one
    # together, and the header names what it counts, so '3/9 beantwoord' does not read as question 3.
    app = new_session(title="Andere route")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_chat(app, pilot)
        header = screen.query_one("#progress-label", Label)
        await answer_shown(pilot, screen, *UP_TO_PARTNERS)
        await panes_current(pilot)
        assert screen.step is not None and screen.step.id == "partners"
        assert (question_count(screen), str(header.render())) == ("7/9", "6/9 beantwoord")
        await answer_shown(pilot, screen, False)
        await panes_current(pilot)
        assert (question_count(screen), str(header.render())) == ("8/8", "7/8 beantwoord")
        session_id = screen.session.info.id
        await pilot.press("ctrl+q")
    app = KansencoachApp()
    async with app.run_test(size=(120, 40)) as pilot:
        start = await loaded_start(app, pilot)
        shown = [str(option.prompt) for option in start.query_one("#sessions", OptionList).options]
        assert any("7/8 vragen beantwoord" in text for text in shown), shown
    shown_plain = kansencoach("sessions", "show", session_id).stdout
    assert "7/8 vragen beantwoord" in shown_plain, shown_plain
    asked_plain = kansencoach("run", "--resume", session_id, "--plain").stdout
    assert "[8/8] " in asked_plain, asked_plain


async def test_a_flow_of_one_section_shows_no_section_bar_beside_its_count() -> None:
    """The bias flow's header read 'Bias en bubbel  1 ░░░░ 0/6 beantwoord': one section's bar says
    what the count says, and its '1' reads as a stray number."""
    app = new_session(REPO / "flows" / "bias.yaml", title="Bias en bubbel")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        await pilot.pause()
        header = screen.query_one("#session-title", Label).parent
        assert header is not None
        shown = " ".join(label.render_line(0).text for label in header.query(Label) if label.display)
        assert " ".join(shown.split()) == "Bias en bubbel 0/6 beantwoord", shown
