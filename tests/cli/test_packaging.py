"""The wheel carries the flows and the knowledge base, and the app finds them there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import REPO


@pytest.mark.slow
def test_wheel_ships_flows_and_knowledge_and_finds_them(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("kansencoach-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "flows").rglob("*.yaml"))
    for name in shipped:
        assert f"kansencoach/_data/{name}" in names
    assert "kansencoach/_data/knowledge/vocabulary.yaml" in names
    assert "kansencoach/_data/docs/flow-authoring.md" in names, "kansencoach docs needs the guide"
    assert "kansencoach/cli/serve_page/app_index.html" in names, "kansencoach serve needs its page"
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = subprocess.run(
        [sys.executable, "-c", "from kansencoach import locations; print(locations.shipped_flows_dir())"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(unpacked), "KANSENCOACH_HOME": str(tmp_path / "home")},
        check=False,
    )
    assert probe.stdout.strip() == str(unpacked / "kansencoach" / "_data" / "flows")
