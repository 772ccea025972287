"""Suggestions in plain mode: `suggesties` lists them, `kies N` and `weg N` decide, and an empty
list says why, as the app's pane does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kansencoach import plain
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.plain import PlainUI

from helpers import REPO, kansencoach, small_knowledge_base

NO_ENTRY_HOLDS = "De jachthaven heeft te weinig ligplaatsen voor zeilboten"


@pytest.fixture
def small_kb(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    knowledge = small_knowledge_base(tmp_path / "kb")
    monkeypatch.setattr(plain, "load_kb", lambda directory=None: knowledge)


def typed(tmp_path: Path, loaded: LoadedFlow, lines: str) -> tuple[str, Session]:
    """What plain mode wrote for `lines` typed into a new session of `loaded`, and the session."""
    with Store(tmp_path / "s.db") as store:
        session = Session.start(store, loaded, "Test")
        stdout = io.StringIO()
        PlainUI(session, io.StringIO(lines), stdout).run()
    return stdout.getvalue(), session


@pytest.mark.usefixtures("small_kb")
def test_before_the_search_has_an_answer_it_names_the_question_it_waits_for(
    tmp_path: Path, mini: LoadedFlow
) -> None:
    out, _ = typed(tmp_path, mini, "Een verschil\nsuggesties\nstop\n")
    assert "Typ 'suggesties' voor interventies uit de kennisbank" in out
    assert "Nog geen suggesties: die komen zodra je de vraag ‘Welk domein?’ hebt beantwoord.\n" in out


def test_when_nothing_fits_it_says_what_the_officer_can_do(kansencoach_home: Path) -> None:
    # The shipped knowledge base, through the command an officer types.
    stdin = f"{NO_ENTRY_HOLDS}\nsuggesties\nstop\n"
    result = kansencoach("run", REPO / "flows" / "bias.yaml", "--plain", stdin=stdin)
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if "Niets in de kennisbank" in line]
    assert line.startswith("> Niets in de kennisbank past bij je antwoorden tot nu toe. Beschrijf")
    assert "met 'terug' ga je vraag voor vraag terug" in line and "kansencoach kb search" in line
    assert "Suggesties die bij je antwoorden passen" not in result.stdout


@pytest.mark.usefixtures("small_kb")
def test_a_short_list_is_shown_as_it_is_and_choosing_all_of_it_says_so(
    tmp_path: Path, mini: LoadedFlow
) -> None:
    out, session = typed(tmp_path, mini, "Een verschil\n2\nsuggesties\nkies 1\nstop\n")
    assert session.state.suggestions == {"jogg": "accepted"}
    listed = out[out.index("Suggesties die bij je antwoorden passen") :].splitlines()
    # One entry of the five is about health: one suggestion, then how to decide, nothing padded.
    assert listed[:2] == ["Suggesties die bij je antwoorden passen (1):", "  1. Jongeren op Gezond Gewicht"]
    assert listed[2].startswith("     Past bij: Gezondheid")
    assert listed[3].startswith("Typ 'kies' en een nummer om die suggestie te kiezen, 'weg' en een nummer")
    assert listed[4:6] == [
        "> ✓ gekozen: Jongeren op Gezond Gewicht (staat nu in het concept)",
        "Je hebt alle suggesties die bij je antwoorden passen gekozen of weggelegd. Gekozen suggesties "
        f"staan in het concept, dat je wegschrijft met kansencoach sessions export {session.info.id}.",
    ]


@pytest.mark.usefixtures("small_kb")
def test_a_number_not_on_the_list_decides_nothing_and_enter_returns_to_the_question(
    tmp_path: Path, mini: LoadedFlow
) -> None:
    out, session = typed(tmp_path, mini, "Een verschil\n1\nsuggesties\nkies 9\n\nsuggesties\nweg 1\nstop\n")
    assert session.state.suggestions == {"tutoring": "dismissed"}
    after_nine = out[out.index("Kies een nummer van 1 tot en met 1.") :]
    # The list again after 'kies 9'; after Enter the question again, then the list once more.
    assert after_nine.index("  1. High-Dosage Tutoring") < after_nine.index("[3/9] Voor wie?")
    assert out.count("Suggesties die bij je antwoorden passen (1):") == 3
    assert "✓ weggelegd: High-Dosage Tutoring" in out and "✓ gekozen" not in out
    assert "Je hebt alle suggesties die bij je antwoorden passen gekozen of weggelegd." in out


FINISHED = "Klaar: alle vragen zijn beantwoord. Typ 'suggesties' voor interventies"
ALL_ANSWERS = "Een verschil\n2\n1,2\n20 20 60\n4\n\nnee\nsubsidie A; project B\n"


@pytest.mark.usefixtures("small_kb")
def test_after_the_last_question_the_suggestions_are_offered_before_plain_mode_ends(
    tmp_path: Path, mini: LoadedFlow
) -> None:
    out, session = typed(tmp_path, mini, f"{ALL_ANSWERS}suggesties\nkies 1\n\n\n")
    assert session.current() is None
    assert session.state.suggestions == {"jogg": "accepted"}
    end = out[out.index(FINISHED) :]
    assert "> Suggesties die bij je antwoorden passen (5):\n  1. Jongeren op Gezond Gewicht\n" in end
    # after the list the choices are offered again, and Enter ends with how to export
    assert end.count(FINISHED) == 2
    assert end.rstrip().endswith(f"kansencoach run --resume {session.info.id} --plain")
    assert f"kansencoach sessions export {session.info.id}" in end


@pytest.mark.usefixtures("small_kb")
def test_terug_after_the_last_question_goes_back_to_it(tmp_path: Path, mini: LoadedFlow) -> None:
    out, session = typed(tmp_path, mini, f"{ALL_ANSWERS}terug\nstop\n")
    assert session.current() is not None
    assert out.count(FINISHED) == 1 and "Gestopt." in out


def test_a_script_that_ends_with_the_last_answer_ends_cleanly(kansencoach_home: Path) -> None:
    # stdin at its end after the last question: the offer is made once, then plain mode ends, exit 0
    result = kansencoach("run", REPO / "tests" / "data" / "flows" / "mini.yaml", "--plain", stdin=ALL_ANSWERS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(FINISHED) == 1
    assert "Je antwoorden zijn bewaard. Exporteer met: kansencoach sessions export" in result.stdout
    # Before that, what the review still finds, and never more than it checked.
    summary = "> De toets vond geen punten: het concept voldoet aan de 3 criteria die bij deze flow horen."
    assert summary in result.stdout
    assert result.stdout.index(summary) < result.stdout.index("Je antwoorden zijn bewaard")
