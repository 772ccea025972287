"""Opening the store's SQLite file: private, in WAL mode, its log checked, its schema up to date."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from kansencoach.core.common.os_reason import reason
from kansencoach.core.sessions.lock import held
from kansencoach.core.sessions.schema import migrate, tables
from kansencoach.core.sessions.store_errors import StoreError, explain
from kansencoach.core.sessions.walcheck import wal_fault
from kansencoach.i18n import t

BUSY_TIMEOUT = 5.0
"""Seconds a process waits for another one holding the store before it says the store is busy."""


def connect(path: Path) -> sqlite3.Connection:
    """The store, opened and set up; one process at a time, so that a second one starting at the
    same moment never takes a store being set up for an incomplete one."""
    with _setting_up(path):
        return _open(path)


@contextlib.contextmanager
def _setting_up(path: Path) -> Iterator[None]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = Path(f"{path}.init").open("ab")  # noqa: SIM115 (closed after the yield)
    except OSError:
        yield  # a read-only home: _open says what is wrong, or reads what is there
        return
    with handle, held(handle):
        yield


def _open(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.path.lexists(path):
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        status = path.stat()
        kind, had_data = status.st_mode, status.st_size > 0
    except OSError as error:
        if os.path.lexists(path.parent) and not path.parent.is_dir():
            raise StoreError(t("store.home_not_folder", path=path.parent)) from None
        raise StoreError(t("store.unwritable", path=path, detail=reason(error))) from None
    if not stat.S_ISREG(kind):
        raise StoreError(t("store.not_regular", path=path))
    wal_problem = wal_fault(path)
    if wal_problem:
        raise StoreError(wal_problem)
    try:
        # The TUI opens the store in a worker thread and uses it from the UI thread, one call at a time.
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT, check_same_thread=False)
    except sqlite3.Error as error:
        raise explain(error, path) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if had_data:
            # Before WAL mode is switched on: that, too, changes the file, which may not be ours.
            found = tables(db)
            if not found:
                raise StoreError(t("store.incomplete", path=path))
            if "schema_version" not in found:
                raise StoreError(t("store.foreign", path=path))
        _switch_to_wal(db)
        db.execute("PRAGMA synchronous = FULL")
        migrate(db, path)
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:
            # A mark of this store in its header, which walcheck compares with the log's copy.
            db.execute(f"PRAGMA user_version = {int.from_bytes(os.urandom(4)) % (2**31 - 1) + 1}")
    except sqlite3.DatabaseError as error:
        db.close()
        raise explain(error, path) from None
    except StoreError:
        db.close()
        raise
    return db


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """Put the store in WAL mode, waiting for other processes doing the same on a first start:
    SQLite answers this pragma with "locked" at once instead of waiting for the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(0.01)
