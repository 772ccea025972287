"""The session store: one SQLite file with sessions and their append-only answer logs.

Every `append` is its own committed transaction, so an answer the UI acknowledged survives a
kill -9; it is on disk (safe from a power cut too) when `append` returns, or, for writes made under
`syncing_later`, at the next `sync` (the TUI's, once the next question and the header are drawn).
The file is created with mode 0600 (answers can be sensitive) and runs in WAL mode so a
reader never blocks the writer. A second process that opens the same session is refused through a
lock file; a corrupt or newer database is reported with its path and the way out.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from kansencoach.core.common.cache import no_cyclic_gc
from kansencoach.core.common.os_reason import reason
from kansencoach.core.sessions.connection import connect
from kansencoach.core.sessions.lock import SessionLock, lock_files
from kansencoach.core.sessions.schema import SCHEMA_VERSION
from kansencoach.core.sessions.store_errors import SessionLocked, SessionNotFound, StoreError, explain
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.sessions.events import Event, SessionState

# json and the events are imported by the methods that write or read events: listing the sessions
# for the start screen reads none, and importing them was 2.5 ms of every start.

__all__ = [
    "SCHEMA_VERSION",
    "SessionInfo",
    "SessionLock",
    "SessionLocked",
    "SessionNotFound",
    "Store",
    "StoreError",
    "reset_store",
]
"""The store's public face: the names the front ends and the other session modules import from here."""


class SessionInfo(NamedTuple):
    id: str
    title: str
    flow_id: str
    flow_version: int
    flow_hash: str
    flow_source: str
    created: str
    updated: str


def now() -> str:
    """Every stamp the store keeps: UTC to the second, with its offset; `dutch.clock` shows it local."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Sessions and their logs in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = connect(path)
        self.damaged: list[str] = []
        """Dutch reports of rows that could not be read and were skipped, for the UI to show."""
        self._unsynced = False
        """Commits made under `syncing_later` may not be on disk yet."""

    def close(self) -> None:
        # The last connection to close also writes the log into the file and flushes both; a
        # flush refused here has nobody left to tell, and that write tries the disk once more.
        with contextlib.suppress(StoreError):
            self.sync()
        self._db.close()

    @contextlib.contextmanager
    def syncing_later(self) -> Iterator[None]:
        """Commit the writes made inside without waiting for the disk: `sync` puts them there.

        A commit is in the write-ahead log in the operating system when it returns, so a killed app
        loses nothing; only a power cut before the next `sync` could. The TUI writes an answer like
        this and syncs once the next question is drawn: the disk's flush (often milliseconds) is
        then not part of the officer's wait. Without this, every commit waits for the disk."""
        self._db.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self._unsynced = True
            self._db.execute("PRAGMA synchronous = FULL")

    def sync(self) -> None:
        """Put every commit on disk (flush the write-ahead log); StoreError when the disk refuses."""
        if not self._unsynced:
            return
        self._unsynced = False
        try:
            handle = os.open(f"{self.path}-wal", os.O_RDWR)
        except FileNotFoundError:
            return  # no log: every commit is already in the store's file, which SQLite flushed
        except OSError as error:
            raise StoreError(t("store.unwritable", path=self.path, detail=reason(error))) from None
        try:
            os.fsync(handle)
        except OSError as error:
            raise StoreError(t("store.failed", path=self.path, detail=reason(error))) from None
        finally:
            os.close(handle)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def create_session(
        self, title: str, flow_id: str, flow_version: int, flow_hash: str, flow_source: str = ""
    ) -> SessionInfo:
        """A new session; `flow_source` is the flow's file when it was run by path, not by id."""
        stamp = now()
        info = SessionInfo("", title, flow_id, flow_version, flow_hash, flow_source, stamp, stamp)
        with self._write() as db:
            info = info._replace(id=self._new_id(db))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", info)
        return info

    def create_with_history(
        self, title: str, flow_id: str, flow_version: int, flow_hash: str, events: list[Event]
    ) -> SessionInfo:
        """A new session holding `events` with their own times, all in one transaction.

        For a session file brought in from elsewhere: either the whole history lands or nothing does.
        """
        import json

        from kansencoach.core.sessions.events import EVENT_KINDS

        for event in events:
            if event.kind not in EVENT_KINDS:
                raise ValueError(f"unknown event kind {event.kind!r}")
        stamp = now()
        info = SessionInfo("", title, flow_id, flow_version, flow_hash, "", stamp, stamp)
        with self._write() as db:
            info = info._replace(id=self._new_id(db))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", info)
            db.executemany(
                "INSERT INTO events (session_id, at, kind, key, value) VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        info.id,
                        event.at or stamp,
                        event.kind,
                        event.key,
                        json.dumps(event.value, ensure_ascii=False),
                    )
                    for event in events
                ],
            )
        return info

    def sessions(self) -> list[SessionInfo]:
        """Every readable session, most recent first; a damaged row is reported and left out."""
        return [info for info, _ in self.listing()]

    def listing(self) -> list[tuple[SessionInfo, int]]:
        """`sessions()` with the number of each one's last event (0 before the first), in one query:
        a list can tell which sessions changed since it was last made without reading their logs."""
        rows = self._read(
            "SELECT *, (SELECT max(seq) FROM events WHERE session_id = sessions.id) FROM sessions"
            " ORDER BY updated DESC, created DESC",
            (),
        )
        found = [(row, _session_info(row[:-1])) for row in rows]
        for row, info in found:
            if info is None:
                self._report(t("store.bad_session", id=_shown_id(row)))
        return [(info, row[-1] or 0) for row, info in found if info is not None]

    def session(self, session_id: str) -> SessionInfo:
        rows = self._read("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise SessionNotFound(t("store.no_session", id=session_id))
        info = _session_info(rows[0])
        if info is None:
            raise StoreError(t("store.bad_session", id=session_id))
        return info

    def rename(self, session_id: str, title: str) -> None:
        self.session(session_id)
        with self._write() as db:
            db.execute("UPDATE sessions SET title = ?, updated = ? WHERE id = ?", (title, now(), session_id))

    def delete(self, session_id: str) -> None:
        """Delete a session; SessionLocked while another window has it open."""
        self.session(session_id)
        with self.lock(session_id), self._write() as db:
            db.execute("DELETE FROM events WHERE session_id = ?", (session_id,))
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def append(self, session_id: str, event: Event) -> Event:
        """Add `event` to the log and commit it before returning; the event as stored, with its time."""
        import json

        from kansencoach.core.sessions.events import EVENT_KINDS

        if event.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {event.kind!r}")
        stamp = now()
        value = json.dumps(event.value, ensure_ascii=False)
        with self._write(saving=True) as db:
            cursor = db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (stamp, session_id))
            if cursor.rowcount == 0:
                raise SessionNotFound(t("store.no_session", id=session_id))
            db.execute(
                "INSERT INTO events (session_id, at, kind, key, value) VALUES (?, ?, ?, ?, ?)",
                (session_id, stamp, event.kind, event.key, value),
            )
        return event._replace(at=stamp)

    def events(self, session_id: str) -> list[Event]:
        """The session's log; a damaged row is reported with the session id and skipped."""
        import json

        from kansencoach.core.sessions.events import EVENT_KINDS, Event

        rows = self._read(
            "SELECT seq, kind, key, value, at FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
        )
        events = []
        with no_cyclic_gc():  # many objects and no garbage cycles: the collector would only rescan them
            for seq, kind, key, value, at in rows:
                try:
                    if kind not in EVENT_KINDS or not isinstance(key, str) or not isinstance(value, str):
                        raise ValueError(kind)
                    events.append(Event(kind, key, json.loads(value), str(at)))
                except ValueError:
                    self._report(t("store.bad_event", id=session_id, row=seq))
        return events

    def state(self, session_id: str) -> SessionState:
        from kansencoach.core.sessions.events import fold

        return fold(self.events(session_id))

    def lock(self, session_id: str) -> SessionLock:
        """Hold the session for this process; SessionLocked, naming it as the officer knows it, when
        another process has it."""
        return SessionLock(self.path.parent / "locks", session_id, lambda: self._described(session_id))

    def _described(self, session_id: str) -> str:
        from kansencoach.core.sessions.described import described

        try:
            info = self.session(session_id)
        except StoreError:
            return t("store.session_unnamed")
        return described(info.title, info.flow_id, info.flow_source, info.updated)

    def _report(self, message: str) -> None:
        if message not in self.damaged:
            self.damaged.append(message)

    def _new_id(self, db: sqlite3.Connection) -> str:
        while True:
            candidate = os.urandom(4).hex()
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", (candidate,)).fetchone():
                return candidate

    def _read(self, sql: str, parameters: tuple[object, ...]) -> list[Any]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise explain(error, self.path) from None

    @contextlib.contextmanager
    def _write(self, saving: bool = False) -> Iterator[sqlite3.Connection]:
        """One committed transaction; on failure it is rolled back (unless SQLite already did).

        `saving` says an answer was being saved, so a full disk is reported as that answer lost."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as error:
            raise explain(error, self.path, saving) from None


def reset_store(path: Path) -> Path | None:
    """Move the store and its WAL files aside together, never deleting them; returns where they went.

    Refused (SessionLocked) while any session is open in another window, which would go on writing
    into the moved file."""
    parts = [Path(f"{path}{suffix}") for suffix in _PARTS]
    if not any(os.path.lexists(part) for part in parts):
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.opzij-{stamp}")
    with contextlib.ExitStack() as held:
        for lock_file in lock_files(path.parent / "locks"):
            held.enter_context(SessionLock(lock_file.parent, lock_file.stem))
        try:
            for part, suffix in zip(parts, _PARTS, strict=True):
                if os.path.lexists(part):
                    os.replace(part, Path(f"{target}{suffix}"))
        except OSError as error:
            raise StoreError(t("store.unwritable", path=path.parent, detail=reason(error))) from None
    return target


_PARTS = ("", "-wal", "-shm")
"""The store is its main file and SQLite's write-ahead log and index: always moved as one."""


def _session_info(row: tuple[object, ...]) -> SessionInfo | None:
    """The row as a SessionInfo, or None when a column holds the wrong kind of value."""
    kinds = (str, str, str, int, str, str, str, str)
    if len(row) != len(kinds) or not all(isinstance(v, k) for v, k in zip(row, kinds, strict=True)):
        return None
    return SessionInfo(*row)  # type: ignore[arg-type]


def _shown_id(row: tuple[object, ...]) -> str:
    return str(row[0]) if row and isinstance(row[0], str) else "?"
