"""The remaining key bindings: dismissing a suggestion, removing a list item, switching yes/no, the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import answer_shown, answered_up_to, type_text
from textual.widgets import Button, OptionList

from kansencoach.core import catalog
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.start import StartScreen
from kansencoach.tui.widgets.keyfooter import KeyFooter
from kansencoach.tui.widgets.list_answer import ListAnswer
from kansencoach.tui.widgets.panes import DraftPane, ReviewPane, SuggestionsPane

from helpers import MINI_ANSWERS, mini_flow, small_knowledge_base


@pytest.fixture
def small_kb(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    knowledge = small_knowledge_base(tmp_path / "kb")
    monkeypatch.setattr(catalog, "load_kb", lambda directory=None: knowledge)


async def test_x_dismisses_a_suggestion_and_a_accepts_one(small_kb: None) -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Suggesties")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen = await answered_up_to(pilot, app, "urgentie")
        await pilot.press("ctrl+t")
        pane = screen.query_one(SuggestionsPane)
        before = [option.id for option in pane.options]
        assert len(before) >= 2, "the mini answers should match several entries of the small knowledge base"
        pane.highlighted = 0
        await pilot.press("x")
        await pilot.pause()
        assert screen.session.state.suggestions == {before[0]: "dismissed"}
        assert before[0] not in [option.id for option in pane.options]
        pane.highlighted = 0
        accepted = pane.get_option_at_index(0).id
        assert accepted is not None
        await pilot.press("a")
        await pilot.pause()
        assert screen.session.state.suggestions[accepted] == "accepted"
        draft = "\n".join(str(option.prompt) for option in screen.query_one(DraftPane).options)
        assert "✓" in draft


async def test_backspace_removes_a_list_item() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Lijst")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "criteria")
        for item in ("een", "twee", "drie"):
            await type_text(pilot, item)
            await pilot.press("enter")
        widget = screen.query_one(ListAnswer)
        assert widget.items == ["een", "twee", "drie"]
        items = screen.query_one("#list-items", OptionList)
        items.focus()
        items.highlighted = 1
        await pilot.press("backspace")
        assert widget.items == ["een", "drie"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers["criteria"] == ["een", "drie"]


async def test_left_and_right_switch_between_yes_and_no() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Ja of nee")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "partners")
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "yes"
        await pilot.press("right")
        assert app.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.answers["partners"] is False


async def test_every_chat_action_is_in_the_command_palette() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Palet")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        titles = {command.title for command in app.get_system_commands(screen)}
        for expected in (
            "Verstuur",
            "Vorige vraag",
            "Ga naar vraag",
            "Uitleg",
            "Exporteren",
            "Concept",
            "Suggesties",
            "Toets",
            "Naar start",
            "Licht/donker",
        ):
            assert expected in titles
        command = next(c for c in app.get_system_commands(screen) if c.title == "Concept")
        visible = screen.query_one(DraftPane).display
        app.call_later(command.callback)  # as the command palette invokes it
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one(DraftPane).display is not visible


async def test_the_footer_leaves_out_send_and_explain_once_every_question_is_answered() -> None:
    """With nothing left to ask, Ctrl+S Verstuur and F1 Uitleg did nothing, yet stayed in the footer."""
    app = KansencoachApp(new_flow=mini_flow(), title="Klaar")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "criteria")
        footer = screen.query_one(KeyFooter)
        assert "Verstuur" in str(footer.render()) and "Uitleg" in str(footer.render())
        keys = list(MINI_ANSWERS)
        await answer_shown(pilot, screen, *(MINI_ANSWERS[key] for key in keys[keys.index("criteria") :]))
        assert screen.step is None
        await pilot.pause()
        shown = str(footer.render())
        assert "Verstuur" not in shown and "Uitleg" not in shown
        assert "Vorige" in shown and "Exporteren" in shown
        await pilot.press("ctrl+r")  # the review pane takes the focus: there is no answer to return to
        await pilot.pause()
        assert "Naar je antwoord" not in str(footer.render())
        await pilot.press("ctrl+b")  # back to the last question: both keys are there again
        await pilot.pause()
        assert screen.step is not None
        assert "Verstuur" in str(footer.render()) and "Uitleg" in str(footer.render())


async def test_the_palette_leaves_out_what_needs_a_question_once_every_question_is_answered() -> None:
    """The footer hid Verstuur and Uitleg after the last question, but the palette still listed
    them (and the comments' commands), and choosing one did nothing."""
    needs_a_question = {"Verstuur", "Uitleg", "Opmerking", "Opmerkingen afgehandeld"}
    app = KansencoachApp(new_flow=mini_flow(), title="Klaar")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "criteria")
        titles = _palette_titles(app)
        assert needs_a_question <= titles
        keys = list(MINI_ANSWERS)
        await answer_shown(pilot, screen, *(MINI_ANSWERS[key] for key in keys[keys.index("criteria") :]))
        assert screen.step is None
        titles = _palette_titles(app)
        assert not needs_a_question & titles
        assert {"Vorige vraag", "Ongedaan maken", "Exporteren", "Afsluiten"} <= titles
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert needs_a_question <= _palette_titles(app)


def _palette_titles(app: KansencoachApp) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


async def test_esc_in_a_pane_of_a_finished_session_goes_to_the_start_as_the_hint_says() -> None:
    """The footer offered 'Esc Naar je antwoord' in a pane with no answer left to give, and Esc did
    nothing there, while the hint under the conversation says 'Esc naar start'."""
    app = KansencoachApp(new_flow=mini_flow(), title="Klaar")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answered_up_to(pilot, app, "criteria")
        keys = list(MINI_ANSWERS)
        await answer_shown(pilot, screen, *(MINI_ANSWERS[key] for key in keys[keys.index("criteria") :]))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.query_one(ReviewPane).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
