"""Shared fixtures: every test gets its own KANSENCOACH_HOME, never the real user data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.sessions import store

from helpers import DATA


@pytest.fixture(autouse=True)
def kansencoach_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KANSENCOACH_HOME", str(home))
    return home


@pytest.fixture
def mini() -> LoadedFlow:
    return load_flow(DATA / "flows" / "mini.yaml", load_vocabulary())


@pytest.fixture
def fixed_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Stable screens: a fixed clock, the test flows, exports to a known folder."""
    monkeypatch.setattr(store, "now", lambda: "2026-11-20T09:30:00+00:00")
    documents = tmp_path / "Documenten"
    documents.mkdir()
    monkeypatch.chdir(documents)  # the app's export dialog offers the current directory
    return documents


@pytest.fixture
def test_flows(monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = DATA / "flows"
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    return directory
