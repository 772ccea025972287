"""kb list, search and validate as an officer or the aanjaagteam uses them."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_a_facet_typed_as_its_label_a_synonym_or_with_a_typo_is_mapped_with_a_note() -> None:
    label = kansencoach("kb", "search", "kinderen", "--domain", "armoede en schulden", "--json")
    assert label.returncode == 0, label.stderr
    assert "--domain 'armoede en schulden' opgevat als armoede-schulden" in label.stderr
    assert json.loads(label.stdout)
    synonym = kansencoach("kb", "search", "formulieren", "--waar", "dienstverlening", "--limit", "2")
    assert synonym.returncode == 0 and "opgevat als loket" in synonym.stderr
    typo = kansencoach("kb", "search", "taal", "--domain", "onderwys")
    assert typo.returncode == 0 and "opgevat als onderwijs" in typo.stderr


def test_unknown_facet_values_list_the_valid_ones() -> None:
    domain = kansencoach("kb", "search", "taal", "--domain", "zzz")
    assert domain.returncode == 2 and "--domain 'zzz' bestaat niet" in domain.stderr
    assert "onderwijs, vroeg" in domain.stderr
    near = kansencoach("kb", "search", "taal", "--domain", "onderwijsbeleid")
    assert near.returncode == 2 and "bedoelde je 'onderwijs'" in near.stderr
    perspective = kansencoach("kb", "search", "taal", "--perspective", "A,D")
    assert perspective.returncode == 2 and "--perspective 'D' bestaat niet" in perspective.stderr
    assert "A, B, C" in perspective.stderr
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
