"""`kb validate --sources`: every quote in the shipped knowledge base occurs in its source document."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from helpers import REPO, kansencoach

SHARED = REPO.parent / "shared"
SOURCE_DIRS = (SHARED / "seeds", SHARED / "research")


def test_every_quote_of_the_shipped_knowledge_is_in_its_source() -> None:
    result = kansencoach("kb", "validate", "--sources", *SOURCE_DIRS)
    assert result.returncode == 0, result.stderr
    checked = re.search(r"(\d+) citaten gevonden", result.stdout)
    assert checked and int(checked.group(1)) >= 100, result.stdout
    count = len(list((REPO / "knowledge" / "interventions").glob("*.yaml")))
    assert result.stdout.splitlines()[-1] == f"{count} interventies gecontroleerd, 0 fouten"


def _copy_of_the_shipped_knowledge(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", copy)
    return copy


def test_one_word_changed_in_one_quote_fails_at_its_line(tmp_path: Path) -> None:
    knowledge = _copy_of_the_shipped_knowledge(tmp_path)
    path = knowledge / "interventions" / "high-dosage-tutoring.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "quote:" in line)
    words = lines[number].split()
    changed = next(i for i, word in enumerate(words) if len(word.strip("\"',.")) > 4 and i > 1)
    words[changed] = "olifant"
    lines[number] = " " * (len(lines[number]) - len(lines[number].lstrip())) + " ".join(words)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = kansencoach("kb", "validate", knowledge, "--sources", *SOURCE_DIRS)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:{number + 1}:" in result.stderr, result.stderr
    assert "komt niet letterlijk voor" in result.stderr
    assert "het meest gelijkende stuk staat op regel" in result.stderr


def test_sources_outside_the_documents_need_a_url_and_a_known_name(tmp_path: Path) -> None:
    knowledge = _copy_of_the_shipped_knowledge(tmp_path)
    path = knowledge / "interventions" / "high-dosage-tutoring.yaml"
    text = path.read_text(encoding="utf-8")
    assert "document: rekenkamer" in text
    text = text.replace("document: rekenkamer", "document: rekenkamr", 1)
    path.write_text(text, encoding="utf-8")
    own = tmp_path / "eigen.yaml"
    own.write_text(
        (REPO / "knowledge" / "interventions" / "zomerschool.yaml")
        .read_text(encoding="utf-8")
        .replace("id: zomerschool", "id: eigen")
        .replace("sources:", "sources:\n- {document: Eigen notitie, checked: false}", 1),
        encoding="utf-8",
    )

    result = kansencoach("kb", "validate", knowledge, own, "--sources", *SOURCE_DIRS, "--format", "json")

    assert result.returncode == 2
    problems = json.loads(result.stdout)
    assert any(p["path"] == str(path) and "bedoelde je 'rekenkamer'" in p["hint"] for p in problems)
    assert [p["message"] for p in problems if p["path"] == str(own)] == [
        "een bron met checked: false heeft geen url"
    ]


def test_a_source_file_missing_from_the_folders_is_named_once_per_file(tmp_path: Path) -> None:
    result = kansencoach("kb", "validate", "--sources", tmp_path)
    assert result.returncode == 2
    missing = [
        line for line in result.stderr.splitlines() if "staat in geen van de mappen achter --sources" in line
    ]
    assert len(missing) == 6, missing
    assert "Traceback" not in result.stderr


def test_a_source_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    result = kansencoach("kb", "validate", "--sources", tmp_path / "bestaat-niet")
    assert result.returncode == 2
    assert "bestaat-niet achter --sources bestaat niet" in result.stderr


def test_kb_list_counts_the_sources_not_checked() -> None:
    listing = kansencoach("kb", "list")
    line = next(line for line in listing.stdout.splitlines() if line.startswith("jeugdfonds-sport-cultuur "))
    entry = yaml.safe_load((REPO / "knowledge" / "interventions" / "jeugdfonds-sport-cultuur.yaml").read_text())
    unchecked = sum(1 for source in entry["sources"] if source.get("checked") is False)
    assert unchecked >= 2  # the entry rests on public pages: the count below means something
    assert f"bronnen niet gecontroleerd: {unchecked}" in line
    quoted = next(line for line in listing.stdout.splitlines() if line.startswith("aanmeldbeleid-vo "))
    assert "niet gecontroleerd" not in quoted


def test_a_quote_under_another_heading_than_its_section_fails(tmp_path: Path) -> None:
    """The issue's example: the SCP quote labelled notitie §2 while it stands in §3.1."""
    knowledge = _copy_of_the_shipped_knowledge(tmp_path)
    path = knowledge / "interventions" / "werkgeversaanpak.yaml"
    text = path.read_text(encoding="utf-8")
    assert "section: 3.1 Definiéring gelijke kansen" in text
    path.write_text(
        text.replace("section: 3.1 Definiéring gelijke kansen", "section: 2. Doel uitgangspuntennotitie")
    )

    result = kansencoach("kb", "validate", knowledge, "--sources", *SOURCE_DIRS)

    assert result.returncode == 2
    assert "staat niet in '2. Doel uitgangspuntennotitie' maar verderop, onder '3. Analyse" in result.stderr
