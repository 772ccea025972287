"""Reading YAML written by people: plain data, every node's position kept, faults in Dutch.

We build plain data from the parser's events (never construct Python objects from tags, see
`yaml_build`), so `!!python/...` tags are refused instead of executed, and every value can be traced
back to its line and column. Anchors and aliases are refused: they make a file hard to read for its
next editor and are the vehicle of "billion laughs" documents.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kansencoach.core.common.os_reason import reason
from kansencoach.core.common.problems import Position, Problem, ProblemsError
from kansencoach.core.common.yaml_build import (
    LOADER,
    NOTHING,
    Builder,
    ComposerStops,
    composer_error,
    unpacked,
)
from kansencoach.core.common.yaml_build import Loc as Loc
from kansencoach.i18n import t

MAX_BYTES = 2 * 1024 * 1024
"""A flow of 2,000 steps is well under 1 MB; anything larger is almost surely the wrong file."""

# How a source file is opened: never blocking on a FIFO, never through a second symlink. Windows has
# no FIFOs to block on and no O_NOFOLLOW, and opens a file as text unless told O_BINARY.
if sys.platform == "win32":
    _OPEN_FLAGS = os.O_RDONLY | os.O_BINARY
else:
    _OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file, with the position of every mapping key and value."""

    path: str
    data: Any
    positions: dict[Loc, int]
    """Each position packed in one int (see `yaml_build`): a flow of 20,000 steps has some 300,000."""

    def position(self, loc: Loc) -> Position:
        """The position of `loc`, or of its nearest ancestor that has one."""
        packed = self.positions.get(loc)
        while packed is None and loc:
            loc = loc[:-1]
            packed = self.positions.get(loc)
        return Position(self.path, 1, 1) if packed is None else unpacked(self.path, packed)


def read_text(path: Path, empty_hint: str | None = None) -> str:
    """The file's text, or ProblemsError for a file a person would not call YAML.

    `empty_hint` says what belongs in the file when it is empty (a flow's fields, an
    intervention's): the caller knows what kind of file it reads; without one the hint is general.
    """
    shown = str(path)
    start = Position(shown, 1, 1)
    raw = _read_capped(path, start)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ProblemsError([Problem(_at_byte(shown, raw, nul), t("yaml.binary"), t("yaml.binary_hint"))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProblemsError(
            [Problem(_at_byte(shown, raw, error.start), t("yaml.not_utf8"), t("yaml.not_utf8_hint"))]
        ) from None
    if not text.strip():
        raise _empty(start, "yaml.empty", empty_hint)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        # The author wrote something, only all of it is commentary: "leeg" made them doubt the file.
        raise _empty(start, "yaml.only_comments", empty_hint)
    return text


def _at_byte(shown: str, raw: bytes, index: int) -> Position:
    """Where the byte at `index` of `raw` is, as an editor shows it: its line, and its column in
    the characters before it on that line (a byte that is no UTF-8 counts as one)."""
    line_start = raw.rfind(b"\n", 0, index) + 1
    before = raw[line_start:index].removeprefix(b"\xef\xbb\xbf" if line_start == 0 else b"")
    return Position(shown, raw.count(b"\n", 0, index) + 1, len(before.decode("utf-8", "replace")) + 1)


def _read_capped(path: Path, start: Position) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them.

    A symlink is followed once (a link to a link is refused), and the file is opened without
    blocking, so a FIFO, a device or /dev/zero in a user folder is reported instead of hanging.
    """

    def refuse(key: str, **values: object) -> ProblemsError:
        return ProblemsError([Problem(start, t(key, **values), t(f"{key}_hint"))])

    try:
        target = path
        if path.is_symlink():
            target = path.parent / path.readlink()
            if target.is_symlink():
                raise refuse("file.symlink_chain")
        descriptor = os.open(target, _OPEN_FLAGS)
    except FileNotFoundError:
        raise refuse("file.missing") from None
    except PermissionError:
        raise refuse("file.no_permission") from None
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):
            raise refuse("file.symlink_chain") from None
        raise refuse("file.unreadable", detail=reason(error)) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise refuse("file.is_dir")
        if not stat.S_ISREG(status.st_mode):
            raise refuse("file.not_regular")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # As much as the file holds, plus one byte to see it grew: a read of MAX_BYTES + 1
            # allocates that much for every file (for 10,000 small files, five times the parsing).
            wanted = min(status.st_size, MAX_BYTES) + 1
            raw = handle.read(wanted)
            if len(raw) == wanted:
                raw += handle.read(MAX_BYTES + 1 - len(raw))
    except OSError as error:
        raise refuse("file.unreadable", detail=reason(error)) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_BYTES:
        raise refuse("yaml.too_big", size=f"{status.st_size / 1_048_576:.1f}")
    return raw


def parse(text: str, path: str, empty_hint: str | None = None) -> Document:
    """Read `text` into a Document, or raise ProblemsError pointing at the fault.

    Where PyYAML's composer would stop (an undefined alias, a repeated anchor, a second document),
    the text is composed once more, so that the error explained is the composer's own.
    """
    loader = LOADER(text)
    try:
        builder = Builder(path, loader.get_event)
        data = builder.document()
    except yaml.YAMLError as error:
        raise _explained(error, text, path) from None
    except ComposerStops:
        raise _explained(composer_error(text), text, path) from None
    finally:
        loader.dispose()
    if data is NOTHING:
        raise _empty(Position(path, 1, 1), "yaml.empty", empty_hint)
    if builder.problems:
        raise ProblemsError(builder.problems)
    return Document(path, data, builder.positions)


def _explained(error: yaml.YAMLError, text: str, path: str) -> ProblemsError:
    """The parser's `error` explained in Dutch. The explanations (their rules and the lines they
    read) are imported only for a file that has a mistake: 2 ms of every valid file's check."""
    from kansencoach.core.common.yaml_explain import explain

    return ProblemsError([explain(error, text, path)])


def read_document(path: Path, empty_hint: str | None = None) -> Document:
    return parse(read_text(path, empty_hint), str(path), empty_hint)


def _empty(position: Position, key: str, hint: str | None) -> ProblemsError:
    return ProblemsError([Problem(position, t(key), hint or t("yaml.empty_hint"))])
