"""What the rules that explain a YAML error look at (`Context`) and what they answer (`Found`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import yaml

from kansencoach.core.common.yaml_lines import Line, parse_line


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    message: str
    hint: str
    values: Mapping[str, object]

    @property
    def code(self) -> str:
        return self.message.removeprefix("yaml.")


class Context:
    """What the rules look at: PyYAML's words and marks, and the lines of the file."""

    def __init__(self, error: yaml.MarkedYAMLError, lines: list[str]) -> None:
        self.lines = lines
        self.problem = error.problem or ""
        self.context = error.context or ""
        mark = error.problem_mark or error.context_mark
        self.problem_line = min(mark.line, max(len(lines) - 1, 0)) if mark else 0
        self.problem_column = mark.column if mark and mark.line < len(lines) else 0
        opened = error.context_mark
        self.context_line = opened.line if opened else self.problem_line
        self.context_column = opened.column if opened else self.problem_column
        last = len(lines[-1]) if lines else 0
        on_last = mark is not None and mark.line == len(lines) - 1 and mark.column >= last
        self.at_end = mark is not None and (mark.line >= len(lines) or on_last)

    def line(self, number: int) -> Line:
        return parse_line(self.lines, number)

    def previous(self, number: int) -> Line | None:
        """The nearest line above `number` that holds more than spaces or a comment."""
        for above in range(number - 1, -1, -1):
            stripped = self.lines[above].strip()
            if stripped and not stripped.startswith("#"):
                return self.line(above)
        return None

    def above(self, line: Line) -> list[Line]:
        """The lines above `line`, nearest first."""
        return [self.line(number) for number in range(line.number - 1, -1, -1)]

    def content_line(self) -> Line:
        """The problem's line, or the last written line above it when the parser stopped on a blank."""
        line = self.line(self.problem_line)
        if line.text.strip():
            return line
        return self.previous(self.problem_line) or line


Rule = Callable[[Context], "Found | None"]
"""One mistake recognised: where it is and how to write it, or None when it is another mistake."""
