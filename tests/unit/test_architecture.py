"""The core stays free of the TUI, and the fast commands never load Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA, REPO

SRC = REPO / "src" / "kansencoach"
CORE_PACKAGES = [SRC / "core", SRC / "i18n", SRC / "plain"]
CORE_MODULES = [SRC / "locations.py"]
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


def forbidden(name: str) -> bool:
    """Whether module `name` is one of FORBIDDEN or inside one (textual_serve is neither)."""
    return any(name == package or name.startswith(f"{package}.") for package in FORBIDDEN)


@pytest.mark.parametrize("path", core_files(), ids=lambda path: path.name)
def test_core_never_imports_textual_or_the_tui(path: Path) -> None:
    for name in imported_modules(path):
        assert not forbidden(name), f"{path} imports {name}"


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda path: path.name)
def test_cli_imports_the_tui_only_lazily(path: Path) -> None:
    assert not any(forbidden(name) for name in imported_modules(path, top_level_only=True))


def test_the_cli_does_start_the_tui() -> None:
    assert any("kansencoach.tui.app" in imported_modules(path) for path in CLI_MODULES)


COMMANDS = [
    ["--help"],
    ["flows", "validate", str(DATA / "flows" / "mini.yaml")],
    ["flows", "list"],
    ["sessions", "list"],
]


def _loaded_by(args: list[str], roots: tuple[str, ...], home: Path) -> subprocess.CompletedProcess[str]:
    """`kansencoach ARGS` run in a fresh process, its stderr ending in the loaded modules under `roots`."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['kansencoach', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('kansencoach', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"roots = {roots!r}\n"
        "loaded = sorted(name for name in sys.modules if name.startswith(roots))\n"
        "print('LOADED:' + ','.join(loaded), file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"KANSENCOACH_HOME": str(home), "PATH": ""},
        check=False,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_fast_commands_do_not_load_textual(args: list[str], tmp_path: Path) -> None:
    stderr = _loaded_by(args, ("textual", "rich"), tmp_path).stderr
    assert "LOADED:\n" in stderr, stderr[-500:]


def test_validating_a_flow_loads_no_stemmer_or_knowledge_base(tmp_path: Path) -> None:
    # Stemming and the knowledge base serve searching; a valid flow needs neither, and importing
    # them only made the command slower, as did package metadata (pydantic's plugin discovery) and
    # importlib.resources (zipfile, tempfile) for the flow template. Fuzzy matching (rapidfuzz) may be
    # needed: a valid flow is still checked for draft keys that look like misspellings of keys the
    # review rules read (this one has names close enough to need it).
    roots = (
        "snowballstemmer",
        "Stemmer",
        "kansencoach.core.knowledge.base",
        "importlib.metadata",
        "importlib.resources",
        "zipfile",
        "markdown_it",
    )
    result = _loaded_by(["flows", "validate", str(DATA / "flows" / "mini.yaml")], roots, tmp_path)
    assert "in orde" in result.stdout, result.stdout + result.stderr[-500:]
    assert "LOADED:\n" in result.stderr, result.stderr[-500:]


STRING_TABLES = SRC / "i18n" / "nl"
"""The Dutch texts, one table per part of the product: long by nature, with no logic to split."""


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        str(path.relative_to(SRC)): lines
        for path in SRC.rglob("*.py")
        if STRING_TABLES not in path.parents
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert too_long == {}, "split these by what their parts are about"
