"""What `flows validate` found in each file, kept as plain data while nothing it depends on changed.

A repeated `flows validate` of unchanged files prints what the first one found without importing
pydantic, the models or the checks: each file's problems and warnings are kept on a cache shelf
(core.common.cache) with the stamps of every file they were worked out from. The shelf as a whole
also depends on every file of the kansencoach package and on the libraries that check (pydantic,
PyYAML), so results of other code (an update, or an edit under development) are never trusted, and
on the knowledge files the caller names.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kansencoach.core.common.cache import Shelf
from kansencoach.core.common.problems import Position, Problem

_PACKAGE = Path(__file__).parents[2]
_CHECKERS = ("pydantic", "pydantic_core", "yaml")
"""The libraries whose version can change a verdict: the schema's errors, the YAML reader's words."""


@dataclass(frozen=True)
class Verdict:
    """What checking one file found: its problems (none when it is valid) and its warnings."""

    problems: list[Problem]
    warnings: list[Problem]


def package_files() -> list[Path]:
    """Every file of the kansencoach package (its modules, texts and templates), bytecode aside."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found += [Path(folder, name) for name in names]
    return found


def library_files() -> list[Path]:
    """The first module of each library that checks, found without importing it: an upgrade
    replaces it, and with it its stamp."""
    found: list[Path] = []
    for name in _CHECKERS:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            found.append(Path(spec.origin))
    return found


def folder_files(folders: Iterable[Path]) -> list[Path]:
    """`folders`, the folders in them and their YAML files: a file appearing, going or changing in
    any of them changes a stamp (a folder's modification time changes with its list of names)."""
    found: list[Path] = []
    for top in folders:
        for folder, _, names in os.walk(top):
            found.append(Path(folder))
            found += [Path(folder, name) for name in names if name.endswith(".yaml")]
    return found


class VerdictShelf:
    """Verdicts by file, each valid while its own sources and the shelf's shared files are unchanged."""

    def __init__(self, file: Path, shared: Iterable[Path]) -> None:
        """`shared` are the files every verdict depends on (the knowledge it was checked against);
        the package's and the checking libraries' files are added here."""
        self._shelf = Shelf(file, [*package_files(), *library_files(), *shared])

    def get(self, path: Path) -> Verdict | None:
        """The verdict on `path`, spelled as it was then (the problems name it so), if still valid."""
        entry = self._shelf.get(os.path.abspath(path))  # noqa: PTH100 - the shelf's keys are strings
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != str(path):
            return None
        try:
            return Verdict(_problems(entry[1]), _problems(entry[2]))
        except (TypeError, ValueError):  # an entry of another shape: worked out again
            return None

    def put(self, path: Path, sources: Iterable[Path], verdict: Verdict) -> None:
        """Keep `verdict` on `path` as worked out from `sources` (written by `save`)."""
        value = [str(path), _plain(verdict.problems), _plain(verdict.warnings)]
        self._shelf.put(os.path.abspath(path), sources, value)  # noqa: PTH100

    def save(self) -> None:
        """Write the verdicts put since the last save."""
        self._shelf.save()


def _plain(problems: list[Problem]) -> list[list[Any]]:
    return [
        [where.path, where.line, where.column, problem.message, problem.hint, problem.code, problem.detail]
        for problem in problems
        for where in (problem.position,)
    ]


def _problems(plain: list[list[Any]]) -> list[Problem]:
    """The problems `_plain` kept; TypeError or ValueError when `plain` is not that."""
    problems = []
    for path, line, column, message, hint, code, detail in plain:
        if not all(isinstance(text, str) for text in (path, message, hint, code, detail)):
            raise TypeError("not a problem")
        if not (isinstance(line, int) and isinstance(column, int)):
            raise TypeError("not a position")
        problems.append(Problem(Position(path, line, column), message, hint, code, detail))
    return problems
