"""The core stays free of the TUI, and the fast commands never load Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA, REPO

SRC = REPO / "src" / "kansencoach"
CORE_PACKAGES = [SRC / "core", SRC / "i18n"]
CORE_MODULES = [SRC / "locations.py", SRC / "plain.py"]
CLI_MODULES = sorted((SRC / "cli").glob("*.py"))
"""May start the TUI, but only from inside the function that does so."""


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def core_files() -> list[Path]:
    files = [file for package in CORE_PACKAGES for file in package.rglob("*.py")]
    return files + CORE_MODULES


FORBIDDEN = ("textual", "kansencoach.tui", "rich")


@pytest.mark.parametrize("path", core_files(), ids=lambda path: path.name)
def test_core_never_imports_textual_or_the_tui(path: Path) -> None:
    for name in imported_modules(path):
        assert not name.startswith(FORBIDDEN), f"{path} imports {name}"


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda path: path.name)
def test_cli_imports_the_tui_only_lazily(path: Path) -> None:
    assert not any(name.startswith(FORBIDDEN) for name in imported_modules(path, top_level_only=True))


def test_the_cli_does_start_the_tui() -> None:
    assert any("kansencoach.tui.app" in imported_modules(path) for path in CLI_MODULES)


COMMANDS = [
    ["--help"],
    ["flows", "validate", str(DATA / "flows" / "mini.yaml")],
    ["flows", "list"],
    ["sessions", "list"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_fast_commands_do_not_load_textual(args: list[str], tmp_path: Path) -> None:
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['kansencoach', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('kansencoach', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED:' + ','.join(loaded), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"KANSENCOACH_HOME": str(tmp_path), "PATH": ""},
        check=False,
    )
    assert "LOADED:\n" in result.stderr, result.stderr[-500:]
