"""`kansencoach example FLOW` writes a commented answers file that `run --answers` accepts as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA, kansencoach


@pytest.mark.parametrize(
    "flow", ["voorstel", "quickscan", "bias", "risico", str(DATA / "flows" / "mini.yaml")]
)
def test_the_example_runs_as_it_is(kansencoach_home: Path, tmp_path: Path, flow: str) -> None:
    made = kansencoach("example", flow)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("# Antwoorden voor ")
    assert f"kansencoach run {flow} --answers antwoorden.yaml" in made.stdout
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(made.stdout, encoding="utf-8")
    exported = tmp_path / "voorstel.md"
    run = kansencoach("run", flow, "--answers", answers, "--export", exported)
    assert run.returncode == 0, run.stderr
    assert "\n## " in exported.read_text(encoding="utf-8")


def test_every_question_is_explained(kansencoach_home: Path) -> None:
    made = kansencoach("example", str(DATA / "flows" / "mini.yaml")).stdout
    assert "  # Welk domein?\n  # Kies één van deze waarden:\n  #   onderwijs = Onderwijs\n" in made
    assert "  # Verdeel 100 punten over de perspectieven.\n" in made
    assert "niet verplicht" in made  # budget is optional


def test_an_unknown_flow_is_exit_2(kansencoach_home: Path) -> None:
    made = kansencoach("example", "bestaatniet")
    assert made.returncode == 2
    assert "bestaatniet" in made.stderr and "Traceback" not in made.stderr


def test_the_answers_error_points_to_the_example_command(kansencoach_home: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "fout.yaml"
    wrong.write_text("titel: iets\n", encoding="utf-8")
    result = kansencoach("run", "voorstel", "--answers", wrong)
    assert result.returncode == 2
    assert "kansencoach example FLOW > antwoorden.yaml" in result.stderr
    assert "tests/data" not in result.stderr


def test_a_stand_in_left_in_the_answers_is_pointed_out(kansencoach_home: Path, tmp_path: Path) -> None:
    # Running the example as it is must work (to try a flow out), but 'Schrijf hier je antwoord.'
    # reached the export without a word; the officer is told which answers still stand in.
    mini = str(DATA / "flows" / "mini.yaml")
    made = kansencoach("example", mini).stdout
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(made, encoding="utf-8")
    run = kansencoach("run", mini, "--answers", answers)
    assert run.returncode == 0
    assert "nog de voorbeeldtekst van `kansencoach example` (verschil, criteria, stoppen)" in run.stderr, (
        run.stderr
    )
    own = made.replace(
        "verschil: Schrijf hier je antwoord.", "verschil: Peuters gaan minder naar de voorschool."
    )
    answers.write_text(own.replace("- Punt 1", "- Losse subsidies"), encoding="utf-8")
    assert made != own and "voorbeeldtekst" not in kansencoach("run", mini, "--answers", answers).stderr
