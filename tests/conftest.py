"""Shared fixtures: every test gets its own KANSENCOACH_HOME, never the real user data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.loader import LoadedFlow, load_flow

from helpers import DATA


@pytest.fixture(autouse=True)
def kansencoach_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KANSENCOACH_HOME", str(home))
    return home


@pytest.fixture
def mini() -> LoadedFlow:
    return load_flow(DATA / "flows" / "mini.yaml", load_vocabulary())
