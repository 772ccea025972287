"""Text on its way to a terminal: control and bidi characters shown, never emitted.

Answers, titles, flows and knowledge are written by people and may hold an escape sequence that
sets the terminal's title, writes the clipboard (`ESC ] 52`) or reorders a line (`U+202E`). Every
text the program prints passes `visible`, which keeps newlines and tabs and turns every other
control character into a visible stand-in. Exports escape for their own format instead.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
"""C0 (but newline and tab), DEL, C1, bidi controls, line separators and lone surrogates."""

REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, the Unicode control pictures (ESC is ␛)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"⟨U+{code:04X}⟩"


def visible(text: str) -> str:
    """`text` with every control and bidi character replaced by a visible stand-in."""
    return _HIDDEN.sub(_stand_in, text)


def from_terminal(text: str) -> tuple[str, bool]:
    """Text read from the command line or stdin, with bytes that were not UTF-8 (which Python
    keeps as lone surrogates) replaced by U+FFFD; the flag says whether anything was replaced."""
    if not re.search("[\ud800-\udfff]", text):
        return text, False
    raw = text.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace"), True


class VisibleStream:
    """A text stream that passes everything written to it through `visible`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def guard_output() -> tuple[TextIO, TextIO]:
    """Route sys.stdout and sys.stderr through `visible`; returns the originals to restore."""
    original = (sys.stdout, sys.stderr)
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = VisibleStream(sys.stdout)
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr)
    return original
