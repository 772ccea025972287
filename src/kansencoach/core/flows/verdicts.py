"""What `flows validate` found in each file, kept as plain data while nothing it depends on changed.

A repeated `flows validate` of unchanged files prints what the first one found without importing
pydantic, the models or the checks: each file's problems and warnings are kept on a cache shelf
(core.common.cache) with the stamps of every file they were worked out from. The shelf as a whole
also depends on every file of the kansencoach package and on the libraries that check (pydantic,
PyYAML), so results of other code (an update, or an edit under development) are never trusted, and
on the knowledge files the caller names. What an edited file is checked against (the
vocabulary's facet values, what the review rules read) is kept beside the shelf as plain data
(`CheckedAgainst`), so checking it makes no knowledge or review rule model either.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from kansencoach.core.common import cache
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

    def __init__(self, file: Path, against_file: Path, shared: Iterable[Path]) -> None:
        """`shared` are the files every verdict depends on (the knowledge it was checked against);
        the package's and the checking libraries' files are added here. `against_file` keeps what
        the verdicts were checked against (`against`)."""
        self._shared = [*package_files(), *library_files(), *shared]
        self._shelf = Shelf(file, self._shared)
        self._against_file = against_file
        self._against: CheckedAgainst | None = None

    @property
    def against(self) -> CheckedAgainst:
        """What an edited file is checked against, kept beside the shelf (read when first asked for:
        a run whose files are all unchanged needs none of it)."""
        if self._against is None:
            self._against = CheckedAgainst(self._against_file, self._shared)
        return self._against

    def get(self, path: Path) -> Verdict | None:
        """The verdict on `path`, spelled as it was then (the problems name it so), if still valid."""
        entry = self._shelf.get(os.path.abspath(path))  # noqa: PTH100 - the shelf's keys are strings
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != str(path):
            return None
        try:
            return Verdict(_problems(entry[1]), _problems(entry[2]))
        except cache.BROKEN:  # an entry of another shape: worked out again
            return None

    def put(self, path: Path, sources: Iterable[Path], verdict: Verdict) -> None:
        """Keep `verdict` on `path` as worked out from `sources` (written by `save`)."""
        value = [str(path), _plain(verdict.problems), _plain(verdict.warnings)]
        self._shelf.put(os.path.abspath(path), sources, value)  # noqa: PTH100

    def save(self) -> None:
        """Write the verdicts put since the last save, and what they were checked against."""
        self._shelf.save()
        if self._against is not None:
            self._against.save()


class CheckedAgainst:
    """What flows are checked against, as plain data (names, each with a list of texts), kept
    while `shared` (a `VerdictShelf`'s) are unchanged: each kind worked out once, when first asked for."""

    def __init__(self, file: Path, shared: list[Path]) -> None:
        self._file = file
        self._shared = shared
        stored = cache.load(file, self._shared)
        self._kept: dict[str, dict[str, list[str]]] = stored if isinstance(stored, dict) else {}
        self._changed = False

    def get(self, kind: str, work_out: Callable[[], dict[str, list[str]]]) -> dict[str, list[str]]:
        """The `kind` kept, or else what `work_out` gives (and kept from now on)."""
        kept = self._kept.get(kind)
        if _names(kept):
            return kept
        self._kept[kind] = worked_out = work_out()
        self._changed = True
        return worked_out

    def save(self) -> None:
        """Write what was worked out since the last save."""
        if self._changed:
            cache.store(self._file, self._shared, self._kept)
            self._changed = False


def _names(value: object) -> TypeGuard[dict[str, list[str]]]:
    """Whether `value` is a dict of names, each with a list of texts (what `CheckedAgainst` keeps)."""
    return isinstance(value, dict) and all(
        isinstance(name, str) and isinstance(texts, list) and all(isinstance(text, str) for text in texts)
        for name, texts in value.items()
    )


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
