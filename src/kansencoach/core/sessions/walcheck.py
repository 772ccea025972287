"""Checking SQLite's write-ahead log before SQLite opens it, which would discard a bad one."""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path
from typing import BinaryIO

from kansencoach.core.common.os_reason import reason
from kansencoach.i18n import t


def wal_fault(path: Path) -> str:
    """What is wrong (in Dutch) when the store's write-ahead log is damaged or belongs to another store.

    SQLite would silently discard such a log (and the answers in it); this leaves it in place and
    says so, so `--reset-store` can move the store and its log aside together. "" when all is well."""
    wal = Path(f"{path}-wal")
    try:
        with path.open("rb") as handle:
            main_header = handle.read(100)
        with wal.open("rb") as handle:
            header = handle.read(32)
            if not header:
                return ""
            magic, _, page_size = struct.unpack(">III", header[:12]) if len(header) == 32 else (0, 0, 0)
            big_endian = magic == 0x377F0683
            if (
                magic not in (0x377F0682, 0x377F0683)
                or _wal_checksum(header[:24], big_endian) != header[24:32]
            ):
                return t("store.wal_damaged", path=wal)
            if len(main_header) < 100:
                return ""  # a new store whose pages are all still in the log
            main_page_size = struct.unpack(">H", main_header[16:18])[0]
            if (65536 if main_page_size == 1 else main_page_size) != page_size:
                return t("store.wal_foreign", path=wal)
            first_page = _last_first_page(handle, header, page_size)
    except FileNotFoundError:
        return ""
    except OSError as error:
        return t("store.unwritable", path=wal, detail=reason(error))
    mark = main_header[_MARK]
    if first_page is not None and mark != bytes(4) and first_page[_MARK] != mark:
        return t("store.wal_foreign", path=wal)
    return "" if _reads_cleanly(path) else t("store.wal_foreign", path=wal)


_MARK = slice(60, 64)
"""The header's user_version, which the store sets to a random number of its own (see store.py)."""


def _last_first_page(handle: BinaryIO, header: bytes, page_size: int) -> bytes | None:
    """The newest copy of page 1 in the log that belongs to its current generation (same salts)."""
    salts = header[16:24]
    found = None
    offset = 32
    while True:
        handle.seek(offset)
        frame = handle.read(24)
        if len(frame) < 24 or frame[8:16] != salts:
            return found
        if struct.unpack(">I", frame[:4])[0] == 1:
            found = handle.read(100)
        offset += 24 + page_size


def _wal_checksum(data: bytes, big_endian: bool) -> bytes:
    """SQLite's WAL checksum over `data` (a multiple of 8 bytes), as stored in the header."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    first = second = 0
    for index in range(0, len(words), 2):
        first = (first + words[index] + second) & 0xFFFFFFFF
        second = (second + words[index + 1] + first) & 0xFFFFFFFF
    return struct.pack(">II", first, second)


def _reads_cleanly(path: Path) -> bool:
    """Whether the store with its log passes SQLite's own check, read through a read-only
    connection: unlike a writing one, it never checkpoints a bad log into the store on closing."""
    try:
        db = sqlite3.connect(f"{Path(os.path.realpath(path)).as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error:
        return True  # not a verdict on the log; opening it for real gives the precise message
    try:
        return bool(db.execute("PRAGMA quick_check").fetchone() == ("ok",))
    except sqlite3.DatabaseError as error:
        return "locked" in str(error) or "busy" in str(error)
    finally:
        db.close()
