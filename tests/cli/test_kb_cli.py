"""kb list, search and validate as an officer or the aanjaagteam uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kansencoach.core.common.templates import example_texts

from helpers import kansencoach


def test_kb_search_json_gives_id_name_score_and_why() -> None:
    result = kansencoach("kb", "search", "schulden", "bij", "jongeren", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert 1 <= len(rows) <= 5
    for row in rows:
        assert {"id", "name", "score", "why"} <= set(row)
        assert row["why"].startswith("Past bij:")
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)


def test_kb_search_text_output_and_facets() -> None:
    result = kansencoach(
        "kb", "search", "voorschool", "--domain", "vroeg", "--wie", "jonge-kinderen", "--limit", "3"
    )
    assert result.returncode == 0
    assert result.stdout.startswith(" 1. ") and "Past bij:" in result.stdout


def test_kb_search_names_the_words_that_did_not_count() -> None:
    # Words no intervention holds, one with a diaeresis: the line names them as they were typed.
    result = kansencoach("kb", "search", "Veel kinderen in Transvaal vinden de glijbaan een ruïne", "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Niet meegeteld, want de kennisbank kent ze niet: ‘glijbaan’, ‘ruïne’. Een ander woord "
        "voor hetzelfde vindt misschien meer."
    )
    known = kansencoach("kb", "search", "schulden bij jongeren", "--limit", "2")
    assert "Niet meegeteld" not in known.stdout
    # The JSON rows stay as they are: a list of suggestions.
    rows = json.loads(kansencoach("kb", "search", "glijbaan schulden", "--json").stdout)
    assert isinstance(rows, list) and rows


def test_a_facet_typed_as_its_label_a_synonym_or_with_a_typo_is_mapped_with_a_note_naming_its_label() -> None:
    # The officer sees the vocabulary's Dutch labels, never its internal ids (armoede-schulden, loket).
    label = kansencoach("kb", "search", "kinderen", "--domain", "armoede en schulden", "--json")
    assert label.returncode == 0, label.stderr
    assert label.stderr == "--domain 'armoede en schulden' opgevat als ‘Armoede en schulden’\n"
    assert json.loads(label.stdout)
    synonym = kansencoach("kb", "search", "formulieren", "--waar", "dienstverlening", "--limit", "2")
    assert synonym.returncode == 0
    assert synonym.stderr == "--waar 'dienstverlening' opgevat als ‘Gemeentelijk loket en dienstverlening’\n"
    typo = kansencoach("kb", "search", "taal", "--domain", "onderwys", "--wie", "ouder")
    assert typo.returncode == 0
    assert typo.stderr.splitlines() == [
        "--domain 'onderwys' opgevat als ‘Onderwijs’",
        "--wie 'ouder' opgevat als ‘Ouders en gezinnen’",
    ]
    # Perspectives go by their letters in the method: the note gives the letter and the label.
    perspective = kansencoach("kb", "search", "taal", "--perspective", "basis")
    assert perspective.stderr == "--perspective 'basis' opgevat als A (Basis bieden)\n"


@pytest.mark.parametrize(
    "typed",
    [
        "Vroeg- en voorschoolse educatie",  # what officers call it: the label's first words
        "vroeg- en voorschoolse EDUCATIE",
        "Vroeg- en voorschoolse educatie en het jonge kind",
        "Vroeg- en voorschoolse educatie en jonge kind",  # the label as it read before, a typo of the whole label now
        "vroeg- en voorschoolse edukatie",  # a typo of those words, as one of the whole label maps
    ],
)
def test_the_first_words_of_a_label_map_to_it(typed: str) -> None:
    result = kansencoach("kb", "search", "peuters", "--domain", typed, "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert (
        result.stderr
        == f"--domain '{typed}' opgevat als ‘Vroeg- en voorschoolse educatie en het jonge kind’\n"
    )


def test_first_words_several_labels_share_map_to_none() -> None:
    # 'Mensen met (problematische) schulden' and 'Mensen met gezondheidsachterstanden …'
    result = kansencoach("kb", "search", "geld", "--wie", "mensen met")
    assert result.returncode == 2 and "--wie 'mensen met' bestaat niet" in result.stderr


def test_unknown_facet_values_list_the_valid_ones_by_label() -> None:
    domain = kansencoach("kb", "search", "taal", "--domain", "zzz")
    assert domain.returncode == 2 and "--domain 'zzz' bestaat niet" in domain.stderr
    assert (
        "geldige waarden: ‘Onderwijs’; ‘Vroeg- en voorschoolse educatie en het jonge kind’; " in domain.stderr
    )
    assert "armoede-schulden" not in domain.stderr
    waar = kansencoach("kb", "search", "taal", "--waar", "qqqq")
    assert waar.returncode == 2 and "‘Gemeentelijk loket en dienstverlening’" in waar.stderr
    assert "loket," not in waar.stderr and "aandachtswijken" not in waar.stderr
    near = kansencoach("kb", "search", "taal", "--domain", "onderwijsbeleid")
    assert near.returncode == 2 and "bedoelde je ‘Onderwijs’?" in near.stderr
    perspective = kansencoach("kb", "search", "taal", "--perspective", "A,D")
    assert perspective.returncode == 2 and "--perspective 'D' bestaat niet" in perspective.stderr
    assert "A (Basis bieden); B (Tegensturen en herverdelen); C (Maatwerk en drempels wegnemen)" in (
        perspective.stderr
    )
    empty = kansencoach("kb", "search")
    assert empty.returncode == 2 and "geef zoekwoorden" in empty.stderr


def test_kb_list_shows_every_intervention_and_a_users_own(kansencoach_home: Path) -> None:
    assert kansencoach("kb", "new", "eigen-aanpak").returncode == 0
    unfinished = kansencoach("kb", "list")
    assert "eigen-aanpak" not in unfinished.stdout and "voorbeeldtekst" in unfinished.stderr
    path = kansencoach_home / "config" / "knowledge" / "interventions" / "eigen-aanpak.yaml"
    text = path.read_text(encoding="utf-8")
    for number, example in enumerate(sorted(example_texts("intervention.yaml"))):
        text = text.replace(example, f"Eigen tekst {number}")
    path.write_text(text, encoding="utf-8")
    listing = kansencoach("kb", "list")
    assert "eigen-aanpak" in listing.stdout and "eigen bestand" in listing.stdout, listing.stderr
    count = int(listing.stdout.strip().splitlines()[-1].split()[0])
    assert count >= 46


def test_each_left_out_file_is_noted_once_in_file_order(kansencoach_home: Path) -> None:
    # The team's folder named in KANSENCOACH_KNOWLEDGE and as the config folder as well: its files
    # were read twice, so every note came twice and each intervention clashed with itself.
    own = kansencoach_home / "config" / "knowledge"
    (own / "interventions").mkdir(parents=True)
    (own / "interventions" / "b.yaml").write_text("id: b\nname: [B\n", encoding="utf-8")
    (own / "interventions" / "a.yaml").write_text("id: a\nname: A\n", encoding="utf-8")
    (own / "vocabulary.yaml").write_text("domains:\n  - id: onderwijs\n    label: X\n", encoding="utf-8")
    env = {"KANSENCOACH_KNOWLEDGE": str(own)}
    for command in (("kb", "search", "schulden"), ("kb", "list")):
        result = kansencoach(*command, env=env)
        assert result.returncode == 0, result.stderr
        notes = [line for line in result.stderr.splitlines() if line.startswith("weggelaten: ")]
        paths = [note.split()[1].rsplit(":", 3)[0] for note in notes]
        assert paths == sorted(paths) and len(notes) == len(set(notes)), notes
        assert list(dict.fromkeys(paths)) == [
            str(own / "interventions" / "a.yaml"),
            str(own / "interventions" / "b.yaml"),
            str(own / "vocabulary.yaml"),
        ], notes


def test_kb_validate_of_an_own_folder_names_its_broken_vocabulary(kansencoach_home: Path) -> None:
    # `kb validate MAP` of an own folder ended in a NameError traceback once an own file was broken.
    own = kansencoach_home / "config" / "knowledge"
    own.mkdir(parents=True)
    (own / "vocabulary.yaml").write_text("domains:\n  - id: onderwijs\n    label: X\n", encoding="utf-8")
    result = kansencoach("kb", "validate", own)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{own / 'vocabulary.yaml'}:2:5: 'onderwijs' staat al in de meegeleverde woordenlijst" in (
        result.stderr
    )
