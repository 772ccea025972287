"""Pydantic finds no plugins without looking for any: its discovery imported `importlib.metadata`
and read every installed package's entry points on the first validation of every process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import DATA


def _validated(flow: Path, home: Path) -> tuple[str, str, str]:
    """`kansencoach flows validate FLOW` in a fresh process: its exit code and output, and which of
    pydantic and the plugin discovery's modules it loaded."""
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['kansencoach', 'flows', 'validate', {str(flow)!r}]\n"
        "try:\n    runpy.run_module('kansencoach', run_name='__main__')\n"
        "except SystemExit as exit:\n    code = exit.code\n"
        "from kansencoach.core.common.pydantic_plugins import LOADER\n"
        "loaded = [name for name in ('importlib.metadata', 'pydantic', LOADER) if name in sys.modules]\n"
        "print(f'EXIT:{code} LOADED:' + ','.join(loaded), file=sys.stderr)\n"
    )
    env = {"KANSENCOACH_HOME": str(home), "PATH": ""}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    stderr, code_and_loaded = done.stderr.rsplit("EXIT:", 1)
    code, loaded = code_and_loaded.strip().split(" LOADED:")
    return code, done.stdout + stderr, loaded


def test_validating_an_edited_flow_does_not_look_for_pydantic_plugins(tmp_path: Path) -> None:
    flow = tmp_path / "mini.yaml"
    flow.write_text((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, output, loaded = _validated(flow, tmp_path / "home")
    assert (code, output) == ("0", f"{flow}: in orde\n")
    # pydantic validated the flow, through the stand-in loader, and no package metadata was read
    assert loaded == "pydantic,pydantic.plugin._loader"


def test_a_broken_flow_gets_pydantic_s_errors_as_before(tmp_path: Path) -> None:
    flow = tmp_path / "kapot.yaml"
    flow.write_text("id: kapot\ntitle: Kapot\nversion: nul\nsections: []\nsteps: []\n", encoding="utf-8")
    code, output, loaded = _validated(flow, tmp_path / "home")
    assert code == "2"
    assert f"{flow}:3:1: 'version' moet een geheel getal zijn" in output
    assert f"{flow}:5:1: 'steps' heeft te weinig items (minstens 1)" in output
    assert "importlib.metadata" not in loaded
