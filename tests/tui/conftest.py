"""Every TUI test runs in a fixed world: fixed clock, exports to a known folder (see tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _fixed(fixed_world: Path) -> Path:
    return fixed_world
