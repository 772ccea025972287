"""One line of YAML as an author sees it (indentation, a list dash, `key: value`), and the ways to
write a text so that YAML keeps it a text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENTRY = re.compile(r"^(?P<indent> *)(?P<dash>-(?: +|$))?(?P<rest>.*)$")
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*) *:(?: +(?P<value>.*?)|)\s*$")
CURLY = "“”„‘’‚«»"
_FIX_WIDTH = 70
"""Longer texts are cut in the fix shown: the author needs the pattern, not the whole text again."""


@dataclass(frozen=True)
class Line:
    """One source line as an author sees it: indentation, an optional list dash, `key: value`."""

    number: int
    """Zero-based index into the file's lines."""
    text: str
    indent: int
    dash: bool
    key: str
    value: str
    value_column: int
    key_indent: int
    """Where the key starts: after the dash of a list item, else the indentation."""

    def with_value(self, value: str) -> str:
        """This line, without its indentation, with `value` as its value."""
        return f"{self.text[: self.value_column].strip()} {value}".strip()


def parse_line(lines: list[str], number: int) -> Line:
    """The parts of line `number` (zero-based); an out-of-range number gives an empty line."""
    text = lines[number].rstrip() if 0 <= number < len(lines) else ""
    entry = _ENTRY.match(text)
    assert entry is not None  # the pattern matches every string
    rest = entry.group("rest")
    start = len(text) - len(rest)
    pair = _KEY_VALUE.match(rest)
    indent, dash = len(entry.group("indent")), bool(entry.group("dash"))
    if pair is None:
        return Line(number, text, indent, dash, "", rest, start, start)
    value = pair.group("value") or ""
    column = start + (pair.start("value") if pair.group("value") is not None else len(rest))
    return Line(number, text, indent, dash, pair.group("key"), value, column, start)


def quote(value: str) -> str:
    """`value` between the quotes that need no escaping: double ones, or single when it holds a
    double quote or a backslash (a single quote inside is then written twice)."""
    shown = value if len(value) <= _FIX_WIDTH else value[: _FIX_WIDTH - 1].rstrip() + "…"
    if '"' in shown or "\\" in shown:
        return "'" + shown.replace("'", "''") + "'"
    return f'"{shown}"'


def unquoted(value: str) -> str:
    """The text of a value without the quotes (straight or curly) the author put around it."""
    return value.strip().strip("\"'" + CURLY)


def balanced_end(value: str) -> int:
    """Where the bracket opening `value` closes (one past it), or -1 when it never closes."""
    depth = 0
    for index, char in enumerate(value):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1
