"""A file saved in the wrong folder is told what it is and where it belongs, in one message, instead
of every field the expected kind lacks; a knowledge file named to kb validate is checked as itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO, kansencoach


def own(home: Path, *parts: str) -> Path:
    folder = home.joinpath("config", *parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_an_intervention_among_the_flows_is_told_to_go_to_the_interventions(kansencoach_home: Path) -> None:
    saved = own(kansencoach_home, "flows") / "zomerschool.yaml"
    shutil.copy(REPO / "knowledge" / "interventions" / "zomerschool.yaml", saved)
    result = kansencoach("flows", "validate", saved)
    assert result.returncode == 2
    interventions = kansencoach_home / "config" / "knowledge"
    assert (
        f"{saved}:1:1: dit bestand is een interventie, geen flow — zet het in de map interventions"
        f" van je eigen kennisbank ({interventions})"
    ) in result.stderr
    assert "ontbreekt" not in result.stderr and "onbekend veld" not in result.stderr


def test_a_flow_block_or_answers_file_among_the_interventions_is_told_what_it_is(
    kansencoach_home: Path, tmp_path: Path
) -> None:
    folder = own(kansencoach_home, "knowledge", "interventions")
    shutil.copy(REPO / "flows" / "quickscan.yaml", folder / "quickscan.yaml")
    shutil.copy(REPO / "flows" / "blocks" / "bias.yaml", folder / "bias.yaml")
    answers = kansencoach("example", "quickscan").stdout
    (folder / "antwoorden.yaml").write_text(answers, encoding="utf-8")
    result = kansencoach("kb", "validate")
    assert result.returncode == 2
    flows = kansencoach_home / "config" / "flows"
    assert (
        f"quickscan.yaml:1:1: dit bestand is een flow, geen interventie — zet het in de map met eigen"
        f" flows ({flows})"
    ) in result.stderr
    assert (
        "bias.yaml:1:1: dit bestand is een blok, geen interventie — zet het in de map blocks" in result.stderr
    )
    assert "antwoorden.yaml:4:1: dit bestand is een antwoordenbestand, geen interventie" in result.stderr
    assert "ontbreekt" not in result.stderr and "onbekend veld" not in result.stderr
    assert result.stderr.rstrip().endswith("3 fouten")


def test_a_knowledge_base_file_named_to_kb_validate_is_checked_with_its_base() -> None:
    # `kb validate knowledge/synonyms.yaml` after an edit: the file is not an intervention.
    result = kansencoach(
        "kb", "validate", REPO / "knowledge" / "synonyms.yaml", REPO / "knowledge" / "indicators.yaml"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(f"{REPO / 'knowledge'}: in orde") == 1
    assert "ontbreekt" not in result.stderr


def test_an_own_vocabulary_named_to_kb_validate_is_checked_as_one(kansencoach_home: Path) -> None:
    vocabulary = own(kansencoach_home, "knowledge") / "vocabulary.yaml"
    vocabulary.write_text("domains:\n  - id: digitaal\n    label: Digitale vaardigheden\n", encoding="utf-8")
    valid = kansencoach("kb", "validate", vocabulary)
    assert valid.returncode == 0 and f"{vocabulary}: in orde" in valid.stdout
    vocabulary.write_text("domains:\n  - id: onderwijs\n    label: Onderwijs\n", encoding="utf-8")
    result = kansencoach("kb", "validate", vocabulary)
    assert result.returncode == 2
    assert f"{vocabulary}:2:5: " in result.stderr and "ontbreekt" not in result.stderr


def test_an_own_indicators_file_is_said_to_be_never_read(kansencoach_home: Path) -> None:
    # The team adds a CBS indicator in its own folder: nothing reads it, so 'in orde' misled them.
    indicators = own(kansencoach_home, "knowledge") / "indicators.yaml"
    indicators.write_text("indicators: []\n", encoding="utf-8")
    for result in (kansencoach("kb", "validate"), kansencoach("kb", "validate", indicators)):
        said = " ".join(result.stderr.split())
        assert (
            f"{indicators}:1:1: dit bestand wordt niet gelezen: een eigen indicators.yaml kent kansencoach"
            f" niet, alleen de meegeleverde — zet een nieuwe indicator in {REPO / 'knowledge' / 'indicators.yaml'}"
        ) in said, result.stderr
