"""Problems found in a user's file, each pointing at `path:line:col` and saying what to do."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kansencoach.core.common.compared import LeadingCompared
from kansencoach.i18n import one_line_path, t


class Position(NamedTuple):
    """A place in a file; line and column count from 1, as editors show them."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        # path:line:col is one place an editor can open, also for a file name with a newline in it.
        return f"{one_line_path(self.path)}:{self.line}:{self.column}"


class _ProblemFields(NamedTuple):
    position: Position
    message: str
    hint: str = ""
    code: str = ""
    detail: str = ""
    """The parser's own (English) words, for `--verbose`; never shown otherwise."""


class Problem(_ProblemFields, LeadingCompared):
    """One thing wrong in a file: where, what, and what to do about it. Two problems are equal when
    their position, message and hint are: `code` and `detail` say how it was found, not what it is."""

    __slots__ = ()
    UNCOMPARED = 3

    def __str__(self) -> str:
        text = f"{self.position}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class ProblemsError(Exception):
    """Raised with every problem of a file at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def distinct(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once (the same message at the same spot), in file and line order."""
    seen: set[tuple[Position, str]] = set()
    kept = []
    for problem in problems:
        if (problem.position, problem.message) not in seen:
            seen.add((problem.position, problem.message))
            kept.append(problem)
    return sorted(kept, key=lambda problem: problem.position)


def nearest(word: str, candidates: Iterable[str], cutoff: float = 70) -> str | None:
    """The candidate closest to a mistyped `word`, if one is close enough to suggest."""
    choices = [candidate for candidate in candidates if candidate != word]
    if not _may_reach(word, choices, cutoff):
        return None
    # Imported only when some candidate may be close enough, not with the module: every file check
    # imports this module, and rapidfuzz's import is 8 ms of CPU.
    from rapidfuzz import fuzz, process, utils

    match = process.extractOne(word, choices, scorer=fuzz.ratio, processor=utils.default_process)
    if match is None or match[1] < cutoff:
        return None
    return str(match[0])


_NOT_ALNUM = {code: " " for code in range(128) if not chr(code).isalnum()}
"""The ASCII characters rapidfuzz's `default_process` turns into spaces: all but letters and digits."""


def _may_reach(word: str, choices: list[str], cutoff: float) -> bool:
    """False only when no choice can score `cutoff` against `word` in `nearest`.

    rapidfuzz's ratio is 200 × the longest common subsequence / the two lengths added, of the texts
    after `default_process` (lower case, all but letters and digits a space, trimmed). That
    subsequence is no longer than the shorter text, nor than the characters the two have in common.
    Ids and draft keys are ASCII, for which that processing is done here exactly; other text, and a
    text left empty, are for rapidfuzz to judge. The near-miss check of a valid flow usually finds
    no name near another, and then needs no rapidfuzz at all."""
    mine = word.lower().translate(_NOT_ALNUM).strip()
    if not (word.isascii() and mine):
        return bool(choices)
    counts: Counter[str] | None = None
    for choice in choices:
        theirs = choice.lower().translate(_NOT_ALNUM).strip()
        if not (choice.isascii() and theirs):
            return True
        total = len(mine) + len(theirs)
        if 200 * min(len(mine), len(theirs)) < cutoff * total:
            continue
        counts = counts or Counter(mine)
        if 200 * (counts & Counter(theirs)).total() >= cutoff * total:
            return True
    return False


def did_you_mean(word: str, candidates: Iterable[str], otherwise: str) -> str:
    """A "bedoelde je …?" hint when a candidate is close, else `otherwise`."""
    suggestion = nearest(word, candidates)
    return t("hint.did_you_mean", suggestion=suggestion) if suggestion else otherwise


_QUOTE_WIDTH = 100


def quoted(problem: Problem, lines: dict[str, list[str] | None]) -> str:
    """The problem with the line it points at quoted and a caret under the spot.

    `lines` caches each file's lines between calls; a file that cannot be read as text is not quoted.
    """
    text = str(problem)
    path = problem.position.path
    if path not in lines:
        lines[path] = _read_lines(path)
    source = lines[path]
    number = problem.position.line
    if source is None or not 1 <= number <= len(source):
        return text
    line = source[number - 1].replace("\t", " ")
    column = problem.position.column
    if len(line) > _QUOTE_WIDTH:
        # A 5,000-character line helps nobody: show the stretch around the spot.
        start = max(0, min(column - 1 - _QUOTE_WIDTH // 2, len(line) - _QUOTE_WIDTH))
        line = ("…" if start else "") + line[start : start + _QUOTE_WIDTH] + "…"
        column = column - start + (1 if start else 0)
    gutter = f"{number:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^"
    return f"{text}\n{gutter}{line}\n{caret}"


def as_dicts(problems: Iterable[Problem]) -> list[dict[str, object]]:
    """Problems as plain data, for `--format json` (editors and CI)."""
    return [
        {
            "path": problem.position.path,
            "line": problem.position.line,
            "column": problem.position.column,
            "message": problem.message,
            "hint": problem.hint,
            "code": problem.code,
        }
        for problem in problems
    ]


def _read_lines(path: str) -> list[str] | None:
    try:
        file = Path(path)
        if not file.is_file() or file.stat().st_size > 2 * 1024 * 1024:
            return None
        raw = file.read_bytes()
    except OSError:
        return None
    if b"\x00" in raw:
        return None
    return raw.decode("utf-8", errors="replace").splitlines()
