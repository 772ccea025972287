"""Markdown as readable plain text, for plain mode: a screen reader should not read out asterisks;
and lines wrapped between words to the terminal's width."""

from __future__ import annotations

import re
import textwrap
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_to_text(text: str) -> str:
    """`text` without markup: emphasis and code marks dropped, links as 'text (address)', lists kept.

    Paragraphs stay separated by a blank line and list items keep their '-' or number, so the
    structure the author wrote is still there to read.
    """
    lines: list[str] = []
    lists: list[int | None] = []  # per open list: the next number, or None for bullets
    marker = ""
    for token in _parser().parse(text):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append(None)
        elif kind == "ordered_list_open":
            lists.append(int(str(token.attrs.get("start", 1))))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append("")
        elif kind == "list_item_open":
            number = lists[-1]
            marker = "- " if number is None else f"{number}. "
            if number is not None:
                lists[-1] = number + 1
        elif kind == "inline":
            indent = "  " * (len(lists) - 1) if lists else ""
            for index, line in enumerate(_inline(token.children or []).split("\n")):
                lead = indent + (marker if index == 0 else " " * len(marker))
                lines.append(lead + line)
            marker = ""
        elif kind in ("paragraph_close", "heading_close") and not token.hidden:
            lines.append("")
        elif kind in ("fence", "code_block"):
            lines.extend("    " + line for line in token.content.rstrip("\n").split("\n"))
            lines.append("")
    return "\n".join(lines).strip()


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    href: str | None = None  # the address of the link being written, whose text starts at `start`
    start = 0
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            href, start = str(child.attrs.get("href", "")), len(parts)
        elif child.type == "link_close" and href is not None:
            if href and href != "".join(parts[start:]) and not href.startswith("#"):
                parts.append(f" ({href})")
            href = None
    return "".join(parts)


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
