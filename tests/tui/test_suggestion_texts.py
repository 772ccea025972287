"""The suggestions pane tells the truth about its list: nothing asked yet, nothing that fits, every
suggestion decided, or a short list shown as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import answer, knowledge_loaded, panes_current, until
from textual.pilot import Pilot

from kansencoach.core import catalog
from kansencoach.core.catalog import find_flow
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.knowledge.suggestion import Suggestion, WordMatch
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets import panes
from kansencoach.tui.widgets.panes import SuggestionsPane

from helpers import mini_flow, small_knowledge_base

NO_ENTRY_HOLDS = "De jachthaven heeft te weinig ligplaatsen voor zeilboten"


@pytest.fixture(autouse=True)
def small_kb(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    knowledge = small_knowledge_base(tmp_path / "kb")
    monkeypatch.setattr(catalog, "load_kb", lambda directory=None: knowledge)


def lines(pane: SuggestionsPane) -> list[str]:
    return [str(option.prompt) for option in pane.options]


async def chat(app: KansencoachApp, pilot: Pilot[None]) -> ChatScreen:
    await knowledge_loaded(app, pilot)
    assert isinstance(app.screen, ChatScreen)
    return app.screen


async def answered(pilot: Pilot[None], screen: ChatScreen, *values: str) -> None:
    for value in values:
        assert screen.step is not None
        await answer(pilot, screen.step, value)
    await panes_current(pilot)


async def shown(pilot: Pilot[None], screen: ChatScreen) -> SuggestionsPane:
    """Ctrl+T, and the pane once it shows the answers given."""
    await pilot.press("ctrl+t")
    pane = screen.query_one(SuggestionsPane)
    assert await until(pilot, lambda: pane.display and pane.option_count > 0), "the pane stayed empty"
    return pane


def app_for(loaded: LoadedFlow) -> KansencoachApp:
    return KansencoachApp(new_flow=loaded, title="Suggesties")


def keys_to_decide(app: KansencoachApp, pane: SuggestionsPane) -> tuple[str, list[str]]:
    """The pane's title and the choose/put-aside keys the footer offers, with the pane focused."""
    pane.focus()
    shown = [active.binding.description for active in app.screen.active_bindings.values()]
    return str(pane.border_title), [name for name in shown if name in ("Kiezen", "Wegleggen")]


async def test_before_the_search_has_an_answer_the_pane_names_the_question_it_waits_for() -> None:
    app = app_for(mini_flow())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await chat(app, pilot)
        await answered(pilot, screen, "Een verschil")
        pane = await shown(pilot, screen)
        assert lines(pane) == [
            "Nog geen suggesties: die komen zodra je de vraag ‘Welk domein?’ hebt beantwoord."
        ]


async def test_in_a_flow_whose_questions_feed_no_search_the_pane_says_so() -> None:
    app = app_for(find_flow("quickscan"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await chat(app, pilot)
        pane = await shown(pilot, screen)
        assert lines(pane) == [
            "Geen suggesties: je antwoorden in deze flow geven niets om in de kennisbank mee te zoeken."
        ]
        await pilot.pause()
        assert keys_to_decide(app, pane) == ("Suggesties", [])


async def test_when_nothing_fits_the_pane_says_what_the_officer_can_do() -> None:
    app = app_for(find_flow("bias"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await chat(app, pilot)
        await answered(pilot, screen, NO_ENTRY_HOLDS)
        pane = await shown(pilot, screen)
        [line] = lines(pane)
        assert line.startswith("Niets in de kennisbank past bij je antwoorden tot nu toe.")
        assert (
            "in andere woorden (met Ctrl+G ga je naar een eerdere vraag)" in line
            and "kansencoach kb search" in line
        )
        assert "beantwoord" not in line


async def test_a_short_list_is_shown_as_it_is_and_deciding_on_it_all_says_so() -> None:
    app = app_for(mini_flow())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await chat(app, pilot)
        await answered(pilot, screen, "Een verschil", "gezondheid")
        pane = await shown(pilot, screen)
        await pilot.pause()
        # At 80 columns the keyed title would be cut ('Suggesties (a: kiezen, x: weg…'): the title
        # is the pane's name alone, the footer names the keys.
        assert keys_to_decide(app, pane) == ("Suggesties", ["Kiezen", "Wegleggen"])
        await pilot.resize_terminal(120, 40)
        assert await until(pilot, lambda: pane.border_title != "Suggesties"), "title stayed short"
        # One entry of the five is about health: one suggestion, no padding, no line of excuse.
        assert [option.id for option in pane.options] == ["jogg"]
        # The name alone on its line: no raw score beside it, the order is the ranking.
        assert lines(pane)[0].split("\n")[0] == "Jongeren op Gezond Gewicht"
        await pilot.pause()
        assert keys_to_decide(app, pane) == (
            "Suggesties (a: kiezen, x: wegleggen)",
            ["Kiezen", "Wegleggen"],
        )
        pane.highlighted = 0
        await pilot.press("x")
        assert await until(pilot, lambda: pane.get_option_at_index(0).id is None), "still listed"
        assert screen.session.state.suggestions == {"jogg": "dismissed"}
        [line] = lines(pane)
        assert line == (
            "Je hebt alle suggesties die bij je antwoorden passen gekozen of weggelegd. "
            "Gekozen suggesties staan in het concept (Ctrl+O)."
        )
        await pilot.pause()
        assert keys_to_decide(app, pane) == ("Suggesties", [])


def suggestion(words: tuple[str, ...], facets: tuple[str, ...], related_to: str) -> Suggestion:
    def model() -> None:
        raise AssertionError("the line under a suggestion needs no model")

    return Suggestion(
        *("id", "Naam", 1.0, 0.0, 0.0, 0.0, 0.0),
        tuple(WordMatch(word, ("name",), 1.0) for word in words),
        facets,
        (),
        related_to,
        "Past bij: …",
        model,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("words", "facets", "related_to", "line"),
    [
        (("peuters", "taal"), (), "", "Past bij: peuters, taal · Enter: waarom"),
        ((), ("vroeg",), "", "Past bij 1 kenmerk van je voorstel · Enter: waarom"),
        ((), (), "Kansrijke Start", "Hangt samen met ‘Kansrijke Start’ · Enter: waarom"),
        ((), (), "", "Enter: waarom het past"),
    ],
)
def test_the_line_under_a_suggestion_names_only_what_brought_it(
    words: tuple[str, ...], facets: tuple[str, ...], related_to: str, line: str
) -> None:
    assert panes._matched(suggestion(words, facets, related_to)) == line
