"""The store's tables and the migrations that bring an older store up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kansencoach.core.sessions.store_errors import StoreError
from kansencoach.i18n import t

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        flow_hash TEXT NOT NULL,
        flow_source TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT
    );
    CREATE INDEX events_by_session ON events (session_id, seq);
    """,
)
"""Schema migrations in order; the schema version is how many have been applied."""

SCHEMA_VERSION = len(MIGRATIONS)


def tables(db: sqlite3.Connection) -> set[str]:
    """The names of the database's tables. A file with data but no table is a store cut short; one
    with tables but no `schema_version` (which every store has had from the first) is another
    program's database, which the store must not write its tables into."""
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations the store at `path` lacks, in one transaction; a newer store is refused."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = db.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(t("store.newer", path=path, version=version, supported=SCHEMA_VERSION))
        for script in MIGRATIONS[version:]:
            for statement in filter(str.strip, script.split(";")):
                db.execute(statement)
        if row is None:
            db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
        else:
            db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
