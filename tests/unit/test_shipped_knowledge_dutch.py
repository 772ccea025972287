"""What the officer reads of the shipped interventions is Dutch: no English rating words left over
from the (English) research notes, such as 'gemiddelde kosten per leerling (moderate)'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from helpers import REPO

RATING_WORDS = re.compile(r"\b(very|low|moderate|high|limited|extensive|cost|evidence)\b(?!-)", re.IGNORECASE)
"""The EEF toolkit's words for cost and evidence; 'High-Dosage Tutoring' is a name and stays."""
QUOTED = {"sources"}
"""Quotes are the sources' own words, checked against them by `kb validate --sources`."""
FILES = sorted((REPO / "knowledge" / "interventions").glob("*.yaml"))


def texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in QUOTED:
                yield from texts(item)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_an_interventions_officer_visible_text_has_no_english_rating_words(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    english = [text for text in texts(document) if RATING_WORDS.search(text)]
    assert english == [], path.name
