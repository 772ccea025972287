"""The headings of a source document that is not in Dutch are shown by their Dutch names.

A source names a heading as the document has it (the quote check looks for it there); the export,
read by the officer and the memo's readers, shows the name sources.yaml gives it in Dutch.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kansencoach.core.catalog import load_kb

from helpers import REPO, kansencoach

RESEARCH_HEADING = "Facts per intervention"
"""A heading of the English research notes (../shared/research/interventions.md) sources name."""


def test_a_heading_of_the_english_research_notes_is_shown_in_dutch() -> None:
    knowledge = load_kb()
    (tutoring,) = knowledge.accepted(["high-dosage-tutoring"])
    assert (
        "Onderzoeksnotities kennisbank (openbare bronnen, samengevat): Feiten per interventie"
        in tutoring.sources
    )
    shown = [source for item in knowledge.accepted(knowledge.by_id) for source in item.sources]
    assert not [source for source in shown if RESEARCH_HEADING in source]


def test_a_heading_without_a_dutch_name_is_reported_where_it_is_named(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", knowledge)
    sources = knowledge / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert f"{RESEARCH_HEADING}: Feiten per interventie" in text
    sources.write_text(
        text.replace(f"{RESEARCH_HEADING}: Feiten", "Evidence levels: Bewijsniveaus"), encoding="utf-8"
    )

    result = kansencoach("kb", "validate", knowledge, "--sources", tmp_path, "--format", "json")

    assert result.returncode == 2
    untranslated = [p for p in json.loads(result.stdout) if "geen Nederlandse naam" in p["message"]]
    tutoring = knowledge / "interventions" / "high-dosage-tutoring.yaml"
    lines = tutoring.read_text(encoding="utf-8").splitlines()
    named = [number + 1 for number, line in enumerate(lines) if f"section: {RESEARCH_HEADING}" in line]
    assert [p["line"] for p in untranslated if p["path"] == str(tutoring)] == named
    assert f"'{RESEARCH_HEADING}: …'" in untranslated[0]["hint"]
