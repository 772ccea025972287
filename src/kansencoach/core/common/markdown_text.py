"""Markdown as lines of marked text: plain text for plain mode, styled text for the chat.

A screen reader should not read out asterisks, and a chat message should not need a widget per
paragraph: both front ends take the same lines from `markdown_lines` (one walk over markdown-it's
tokens), plain mode keeps only their text (wrapped between words to the terminal's width) and
the chat styles their marks.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

MARKS = {"strong_open": "strong", "em_open": "em", "link_open": "link"}
"""Opening tokens of inline markup → the mark their text carries until the closing token."""
BLOCK_MARKS = {"heading_open": "strong", "blockquote_open": "em"}
"""Opening tokens of blocks whose whole text carries a mark (plain mode drops marks, the chat styles them)."""


@dataclass(frozen=True)
class Run:
    """A stretch of text with the same marks ('strong', 'em', 'code', 'link')."""

    text: str
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Line:
    """One line of a markdown text: the list marker or indent before it, then its text in runs.

    A blank line (no runs, no lead) separates paragraphs and lists.
    """

    lead: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_to_text(text: str, soft_break: str = "\n") -> str:
    """`text` without markup: emphasis and code marks dropped, links as 'text (address)', lists kept.

    Paragraphs stay separated by a blank line and list items keep their '-' or number, so the
    structure the author wrote is still there to read; a soft line break becomes `soft_break`.
    """
    return "\n".join(line.lead + line.text for line in markdown_lines(text, soft_break)).strip()


def markdown_lines(text: str, soft_break: str = "\n") -> list[Line]:
    """The lines of `text` as the author structured it; a soft line break becomes `soft_break`.

    Plain mode in a pipe keeps the author's line breaks ('\\n'); the chat and plain mode on a
    terminal join them with ' ' so that a paragraph wraps whole at the width of the window.
    """
    lines: list[Line] = []
    lists: list[int | None] = []  # per open list: the next number, or None for bullets
    hangs: list[int] = []  # per open list item: the width of its marker, which its lines hang past
    marker = ""
    block_marks: set[str] = set()  # a heading's text is strong, a quote's emphasised
    for token in _parser().parse(text):
        kind = token.type
        if kind in BLOCK_MARKS:
            block_marks.add(BLOCK_MARKS[kind])
        elif kind.replace("_close", "_open") in BLOCK_MARKS:
            block_marks.discard(BLOCK_MARKS[kind.replace("_close", "_open")])
        if kind == "bullet_list_open":
            lists.append(None)
        elif kind == "ordered_list_open":
            lists.append(int(str(token.attrs.get("start", 1))))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append(Line("", ()))
        elif kind == "list_item_open":
            number = lists[-1]
            marker = "- " if number is None else f"{number}. "
            hangs.append(len(marker))
            if number is not None:
                lists[-1] = number + 1
        elif kind == "list_item_close":
            hangs.pop()
        elif kind == "inline":
            indent = "  " * (len(lists) - 1) if lists else ""
            hang = " " * hangs[-1] if hangs else ""
            inline = _inline(token.children or [], soft_break)
            marked = [Run(run.text, run.marks | block_marks) for run in inline] if block_marks else inline
            for index, runs in enumerate(_split(marked)):
                lines.append(Line(indent + (marker if index == 0 and marker else hang), runs))
            marker = ""
        elif kind in ("paragraph_close", "heading_close") and not token.hidden:
            lines.append(Line("", ()))
        elif kind in ("fence", "code_block"):
            code = frozenset({"code"})
            lines.extend(Line("    ", (Run(line, code),)) for line in token.content.rstrip("\n").split("\n"))
            lines.append(Line("", ()))
    return lines


def _inline(children: list[Token], soft_break: str) -> list[Run]:
    runs: list[Run] = []
    marks: set[str] = set()
    href: str | None = None  # the address of the link being written, whose text starts at `start`
    start = 0
    for child in children:
        kind = child.type
        if kind == "text":
            runs.append(Run(child.content, frozenset(marks)))
        elif kind == "code_inline":
            runs.append(Run(child.content, frozenset({*marks, "code"})))
        elif kind == "softbreak":
            runs.append(Run(soft_break))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
        elif kind == "image":
            runs.append(Run(child.content, frozenset(marks)))
        elif kind in MARKS:
            marks.add(MARKS[kind])
            if kind == "link_open":
                href, start = str(child.attrs.get("href", "")), len(runs)
        elif kind.endswith("_close") and kind.replace("_close", "_open") in MARKS:
            marks.discard(MARKS[kind.replace("_close", "_open")])
            if kind == "link_close" and href is not None:
                if href and href != "".join(run.text for run in runs[start:]) and not href.startswith("#"):
                    runs.append(Run(f" ({href})", frozenset(marks)))
                href = None
    return runs


def _split(runs: list[Run]) -> list[tuple[Run, ...]]:
    """The runs of one inline text, line by line (split at its line breaks)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        first, *rest = run.text.split("\n")
        if first:
            lines[-1].append(Run(first, run.marks))
        for part in rest:
            lines.append([Run(part, run.marks)] if part else [])
    return [tuple(line) for line in lines]


_LEAD = re.compile(r"\s*(?:[-*] |\d+\. |\[\d+/\d+\] |! )?")
"""What a line starts with that its continuation lines are indented past: its indent, and a list's
`- ` or `1. `, a question's `[3/9] ` or an error's `! `."""


def wrapped(text: str, width: int) -> str:
    """`text` with each line longer than `width` broken between words, as a terminal of that width
    would otherwise break it anywhere (mid-word); continuation lines are indented under the line's
    text. Only a word longer than the whole line is broken."""
    return "\n".join(_wrapped_line(line, width) for line in text.split("\n"))


def _wrapped_line(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    lead = _LEAD.match(line)
    prefix = lead.group() if lead is not None and lead.end() < width // 2 else ""
    wrapper = textwrap.TextWrapper(
        width,
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix),
        break_on_hyphens=False,  # addresses and ids keep their hyphens on one line
        expand_tabs=False,
    )
    return "\n".join(wrapper.wrap(line[len(prefix) :])) or line
