"""Plain line mode driven through stdin, as a screen-reader user would type."""

from __future__ import annotations

from pathlib import Path

from helpers import DATA, kansencoach

MINI = DATA / "flows" / "mini.yaml"
ALL_ANSWERS = "Een verschil\n1\n1,2\n20 20 60\n4\n\nnee\nsubsidie A; project B\n"


def test_plain_run_to_the_end(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", stdin=ALL_ANSWERS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓ opgeslagen") == 8
    assert "Welkom bij de **mini-flow**." in result.stdout
    assert "Denk aan de schooladviezen." in result.stdout
    assert "Klaar: alle vragen zijn beantwoord" in result.stdout


def test_invalid_input_is_explained_and_asked_again() -> None:
    result = kansencoach("run", MINI, "--plain", stdin="\nEen verschil\n7\nonderwijs\nstop\n")
    assert "! Dit antwoord is nodig om verder te gaan." in result.stdout
    assert "! Kies een nummer van 1 tot en met 2." in result.stdout
    assert result.stdout.count("✓ opgeslagen") == 2
    assert "kansencoach run --resume" in result.stdout


def test_back_help_stop_and_resume_at_the_same_step(kansencoach_home: Path) -> None:
    first = kansencoach("run", MINI, "--plain", stdin="Een verschil\n1\nterug\n?\nstop\n")
    assert "Huidig antwoord: Onderwijs (Enter om te houden)" in first.stdout
    assert "Kies een van de opties" not in first.stdout
    ident = kansencoach("sessions", "list").stdout.split()[0]
    resumed = kansencoach("run", "--resume", ident, "--plain", stdin="stop\n")
    # The officer went back to 'domein' before stopping: the resume asks exactly that again.
    assert "[2/9] Welk domein?" in resumed.stdout
    assert "Huidig antwoord: Onderwijs" in resumed.stdout


def test_end_of_input_counts_as_stop(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", stdin="Een verschil\n")
    assert result.returncode == 0
    assert "Gestopt." in result.stdout


def test_preview_in_plain_mode_saves_nothing(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", "--preview", stdin="Een verschil\nstop\n")
    assert result.returncode == 0, result.stderr
    assert "✓ opgeslagen" in result.stdout
    assert "VOORBEELD" in result.stdout and "Einde van het voorbeeld" in result.stdout
    assert "--resume" not in result.stdout, "a preview session cannot be resumed"
    assert not (kansencoach_home / "kansencoach.db").exists()
    assert "Nog geen sessies" in kansencoach("sessions", "list").stdout
