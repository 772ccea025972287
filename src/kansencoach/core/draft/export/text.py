"""Officer text made safe for markdown: control characters gone, markup characters escaped, lines wrapped.

Nothing typed into an answer (`#`, `|`, `*`, backticks, HTML, a leading `1.` or `---`) can change
the document's structure: escaping happens here and only here, and wrapping re-escapes every line
it starts, so a word that lands at the start of a line cannot begin a list or a heading there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
# An ordered-list marker needs white space after it ("2024)," starts no list); the others are
# escaped wherever they start a line, which is always safe.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")
WIDTH = 80
"""markdownlint's default line length (MD013)."""


def clean(text: str) -> str:
    """Officer text without terminal escapes, control and direction-override characters."""
    text = _ANSI.sub("", text).replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Clean text on one line, runs of white space made one space."""
    return " ".join(clean(text).split())


def escape_chars(text: str) -> str:
    """Every markup character backslash-escaped; spaces at the edges kept (for runs of a line)."""
    return _INLINE.sub(r"\\\1", text)


def escape_inline(text: str) -> str:
    """Text made one line with its markup characters backslash-escaped (for headings and cells)."""
    return escape_chars(one_line(text))


def escape_line_start(line: str) -> str:
    """A line that starts a block (paragraph line, list item): no list, quote or heading marker."""
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)


def escape_authored(text: str) -> str:
    """One line of markdown written by a flow's author: inline emphasis kept, no blocks or HTML."""
    return escape_line_start(one_line(text).replace("<", "\\<"))


def paragraphs(text: str) -> list[str]:
    """Text split at blank lines, each paragraph cleaned and on one line."""
    return [one_line(part) for part in re.split(r"\n\s*\n", clean(text).strip()) if part.strip()]


def wrap(line: str, first: str = "", rest: str = "") -> list[str]:
    """Escaped markdown `line` broken at spaces into lines of at most WIDTH columns.

    `first` prefixes the first line (a list marker), `rest` the others (its indent). A word longer
    than the line stays whole: markdownlint allows a line with no space past the limit.
    """
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        prefix = rest if lines else first
        # Measured escaped: the backslash a line-start marker gets takes a column too.
        if current and len(prefix) + len(escape_line_start(f"{current} {word}")) > WIDTH:
            lines.append(prefix + escape_line_start(current))
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append((rest if lines else first) + escape_line_start(current))
    return lines


@lru_cache(maxsize=1)
def authored_parser() -> MarkdownIt:
    """How HTML and Word read an author's inline markdown: emphasis and code, no HTML, links or images.

    Images would load from the network and links would leave the document, so both stay text.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable(["link", "image", "autolink", "html_inline"])


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
