"""Fixtures for the TUI tests: a fixed clock, known flows, and a documents folder in tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansencoach import locations
from kansencoach.core import catalog, store

from helpers import DATA


@pytest.fixture(autouse=True)
def fixed_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Stable screens: a fixed clock, the test flows, exports to a known folder."""
    monkeypatch.setattr(store, "now", lambda: "2026-11-20T09:30:00+00:00")
    documents = tmp_path / "Documenten"
    documents.mkdir()
    monkeypatch.setattr(locations, "documents_dir", lambda: documents)
    return documents


@pytest.fixture
def test_flows(monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = DATA / "flows"
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    return directory
