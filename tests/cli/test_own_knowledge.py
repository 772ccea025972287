"""A team's own vocabulary, synonyms and review rules in its knowledge folder, added to the shipped ones."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import DATA, REPO, kansencoach

SPORT = """\
domains:
  - id: digitaal
    label: Digitale vaardigheden
    synonyms: [computer, internet]
"""


def own_knowledge(home: Path) -> Path:
    folder = home / "config" / "knowledge"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_an_own_domain_is_a_search_facet_and_a_flow_option(kansencoach_home: Path, tmp_path: Path) -> None:
    flow = tmp_path / "mini.yaml"
    flow.write_text(
        (DATA / "flows" / "mini.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "      - {value: gezondheid, label: Gezondheid}\n",
            "      - {value: gezondheid, label: Gezondheid}\n      - {value: digitaal, label: Digitaal}\n",
        ),
        encoding="utf-8",
    )
    before = kansencoach("kb", "search", "--domain", "digitaal", "segregatie")
    assert before.returncode == 2 and "digitaal" in before.stderr
    assert kansencoach("flows", "validate", flow).returncode == 2
    folder = own_knowledge(kansencoach_home)
    (folder / "vocabulary.yaml").write_text(SPORT, encoding="utf-8")
    shipped = (REPO / "knowledge" / "interventions" / "aanpak-segregatie.yaml").read_text(encoding="utf-8")
    (folder / "zwemles.yaml").write_text(
        shipped.replace("id: aanpak-segregatie", "id: zwemles").replace(
            "domains:\n", "domains:\n- digitaal\n"
        ),
        encoding="utf-8",
    )
    searched = kansencoach("kb", "search", "--domain", "digitaal", "segregatie", "--json")
    assert searched.returncode == 0, searched.stderr
    assert "zwemles" in [row["id"] for row in json.loads(searched.stdout)]
    checked = kansencoach("flows", "validate", flow)
    assert checked.returncode == 0, checked.stderr


def test_an_own_synonym_group_changes_a_search(kansencoach_home: Path) -> None:
    def found() -> list[str]:
        result = kansencoach("kb", "search", "kwebbelen", "--json")
        assert result.returncode == 0, result.stderr
        return [row["id"] for row in json.loads(result.stdout)]

    assert found() == []
    (own_knowledge(kansencoach_home) / "synonyms.yaml").write_text(
        "groups:\n  - [taal, kwebbelen]\n", encoding="utf-8"
    )
    assert found(), "the own group makes 'kwebbelen' find what 'taal' finds"


def test_an_own_review_rule_fires_and_one_with_a_shipped_id_replaces_it(kansencoach_home: Path) -> None:
    rules = own_knowledge(kansencoach_home) / "review.yaml"
    rules.write_text(
        """\
rules:
  - id: eigen-oorzaken
    title: Onze eigen toets op de oorzaken
    severity: tip
    when: {key: analyse.oorzaken, shorter_than: 100000}
    message: Wij willen de oorzaken altijd uitgebreid zien.
    fix: Schrijf meer over de oorzaken.
    source: {document: Afspraak van ons aanjaagteam, checked: false}
  - id: er-doel
    title: Ons eigen ER-doel
    severity: aandacht
    when: {key: doel.smart, shorter_than: 100000}
    message: Onze eigen tekst over het doel.
    fix: Kijk naar het doel.
    source: {document: Afspraak van ons aanjaagteam, checked: false}
""",
        encoding="utf-8",
    )
    assert (
        kansencoach("run", "voorstel", "--answers", DATA / "answers" / "voorstel-zwak.yaml").returncode == 0
    )
    ident = kansencoach("sessions", "list").stdout.split()[0]
    review = kansencoach("sessions", "review", ident)
    assert review.returncode == 0, review.stderr
    assert "[Tip] Onze eigen toets op de oorzaken" in review.stdout
    assert "[Aandacht] Ons eigen ER-doel" in review.stdout
    assert "Het doel is een ER-doel" not in review.stdout, "the shipped rule is replaced"
    validated = kansencoach("kb", "validate")
    assert validated.returncode == 0, validated.stderr
    assert f"{rules}:9:5: eigen regel 'er-doel' vervangt de meegeleverde regel" in validated.stdout


def test_a_broken_own_file_is_reported_with_its_place_and_search_keeps_working(
    kansencoach_home: Path,
) -> None:
    folder = own_knowledge(kansencoach_home)
    vocabulary = folder / "vocabulary.yaml"
    vocabulary.write_text(SPORT + "  - id: onderwijs\n    label: Ons onderwijs\n", encoding="utf-8")
    (folder / "synonyms.yaml").write_text("groups:\n  - [taal, kwebbelen\n", encoding="utf-8")
    (folder / "review.yaml").write_text("rules:\n  - id: half\n", encoding="utf-8")
    validated = kansencoach("kb", "validate")
    assert validated.returncode == 2
    assert f"{vocabulary}:5:5: 'onderwijs' staat al in de meegeleverde woordenlijst" in validated.stderr
    assert f"{folder / 'synonyms.yaml'}:" in validated.stderr
    assert f"{folder / 'review.yaml'}:2:" in validated.stderr
    assert "Traceback" not in validated.stderr
    searched = kansencoach("kb", "search", "lezen")
    assert searched.returncode == 0 and searched.stdout.strip()
    assert f"weggelaten: {vocabulary}:5:5" in searched.stderr
    assert kansencoach("kb", "search", "--domain", "digitaal", "lezen").returncode == 2, (
        "a left-out file adds no domains"
    )
