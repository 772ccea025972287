"""Text on its way to a terminal: control and bidi characters shown, never emitted.

Answers, titles, flows and knowledge are written by people and may hold an escape sequence that
sets the terminal's title, writes the clipboard (`ESC ] 52`) or reorders a line (`U+202E`). Every
text the program prints passes `visible`, which keeps newlines and tabs and turns every other
control character into a visible stand-in. Exports escape for their own format instead.
"""

from __future__ import annotations

import os
import sys

# `kansencoach --help` passes through here: no typing, no re (see cli/__init__.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

REPLACEMENT = "\ufffd"
_HIDDEN = (
    *range(0x00, 0x09),  # C0, but tab (0x09) and newline (0x0A)
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),  # DEL and C1
    0x061C,  # Arabic letter mark
    0x200E,  # left-to-right and right-to-left marks
    0x200F,
    *range(0x202A, 0x202F),  # embeddings and overrides
    *range(0x2066, 0x206A),  # isolates
    0x2028,  # line and paragraph separators
    0x2029,
)
_SURROGATES = range(0xD800, 0xE000)
"""Lone surrogates: bytes that were not UTF-8. Kept out of `_table`, whose 2,048 stand-ins for them
took most of the 0.8 ms that filling it cost the start screen's first frame; few texts hold one."""
_table: dict[int, str] = {}
"""Each hidden character's stand-in but the surrogates', filled on first use."""
_surrogate_table: dict[int, str] = {}
"""The surrogates' stand-ins, filled when a text first holds one."""


def _stand_in(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, the Unicode control pictures (ESC is ␛)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"⟨U+{code:04X}⟩"


def visible(text: str) -> str:
    """`text` with every control and bidi character replaced by a visible stand-in."""
    if not _table:
        _table.update({code: _stand_in(code) for code in _HIDDEN})
    shown = text.translate(_table)
    if shown.isascii():
        return shown
    try:
        shown.encode("utf-8")  # fails only on a surrogate, without a loop in Python
    except UnicodeEncodeError:
        if not _surrogate_table:
            _surrogate_table.update({code: _stand_in(code) for code in _SURROGATES})
        shown = shown.translate(_surrogate_table)
    return shown


def from_terminal(text: str) -> tuple[str, bool]:
    """Text read from the command line or stdin, with bytes that were not UTF-8 (which Python
    keeps as lone surrogates) replaced by U+FFFD; the flag says whether anything was replaced."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), True
    return text, False


class VisibleStream:
    """A text stream that passes everything written to it through `visible`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it (`COLUMNS`, else the terminal of
    stdout, else 80), without importing shutil: it brings zlib, bz2 and lzma, 2.5 ms of the 30 ms
    that `kansencoach --help` took."""
    try:
        given = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        given = 0
    if given > 0:
        return given
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        return 80


def guard_output() -> tuple[TextIO, TextIO]:
    """Route sys.stdout and sys.stderr through `visible`; returns the originals to restore."""
    original = (sys.stdout, sys.stderr)
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = VisibleStream(sys.stdout)
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr)
    return original
