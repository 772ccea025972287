from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.store import (
    SCHEMA_VERSION,
    SessionLocked,
    SessionNotFound,
    Store,
    StoreError,
    reset_store,
)


def test_store_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "data" / "k.db"
    with Store(path) as store:
        store.create_session("t", "mini", 1, "abc")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_events_round_trip_and_fold(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        info = store.create_session("Mijn plan", "mini", 1, "abc")
        store.append(info.id, Event("set", "domein", "onderwijs"))
        store.append(info.id, Event("set", "mix", {"A": 50, "B": 50}))
        store.append(info.id, Event("set", "domein", "gezondheid"))
        store.append(info.id, Event("undo"))
    with Store(tmp_path / "k.db") as store:
        state = store.state(info.id)
        assert state.answers == {"domein": "onderwijs", "mix": {"A": 50, "B": 50}}
        assert [event.kind for event in store.events(info.id)] == ["set", "set", "set", "undo"]
        assert store.sessions()[0].title == "Mijn plan"


def test_rename_delete_and_unknown_session(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        info = store.create_session("a", "mini", 1, "abc")
        store.rename(info.id, "b")
        assert store.session(info.id).title == "b"
        store.delete(info.id)
        with pytest.raises(SessionNotFound, match="sessions list"):
            store.session(info.id)
        with pytest.raises(SessionNotFound):
            store.append(info.id, Event("set", "a", 1))


def test_corrupt_database_names_the_file_and_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    path.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert "--reset-store" in str(caught.value)


def test_newer_schema_is_refused_with_a_way_out(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="nieuwere versie") as caught:
        Store(path)
    assert "--reset-store" in str(caught.value)


def test_reset_moves_the_store_aside_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with Store(path) as store:
        info = store.create_session("bewaard", "mini", 1, "abc")
    moved = reset_store(path)
    assert moved is not None and moved.exists() and not path.exists()
    with Store(moved) as old:
        assert old.session(info.id).title == "bewaard"
    assert reset_store(path) is None


def test_second_lock_on_a_session_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        info = store.create_session("a", "mini", 1, "abc")
        with store.lock(info.id), pytest.raises(SessionLocked, match="al geopend"):
            store.lock(info.id).acquire()
        with store.lock(info.id):
            pass  # released again after the first holder let go


def test_unwritable_home_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="KANSENCOACH_HOME"):
        Store(blocker / "k.db")


def test_migration_from_an_empty_schema_table(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    with Store(path) as store:
        assert store.sessions() == []


def test_a_commit_made_syncing_later_waits_for_sync_to_reach_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[str] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        flushed.append(str(Path(f"/proc/self/fd/{handle}").readlink()))
        real_fsync(handle)

    monkeypatch.setattr("kansencoach.core.sessions.store.os.fsync", fsync)
    with Store(tmp_path / "k.db") as store:
        info = store.create_session("t", "mini", 1, "abc")
        with store.syncing_later():
            assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: no flush
            store.append(info.id, Event("set", "a", "ja"))
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again after it
        assert flushed == []
        with sqlite3.connect(tmp_path / "k.db") as other:  # committed: another reader sees it
            assert other.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        store.sync()
        assert flushed == [str(tmp_path / "k.db-wal")]
        store.sync()  # nothing new: no second flush
        assert len(flushed) == 1


def test_a_refused_flush_is_a_dutch_store_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(handle: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with Store(tmp_path / "k.db") as store:
        info = store.create_session("t", "mini", 1, "abc")
        with store.syncing_later():
            store.append(info.id, Event("set", "a", "ja"))
        monkeypatch.setattr("kansencoach.core.sessions.store.os.fsync", fsync)
        with pytest.raises(StoreError, match=r"k\.db gaf een fout: Input/output error"):
            store.sync()


KILLED_CHILD = """
import sys, time
from pathlib import Path
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.store import Store
store = Store(Path(sys.argv[1]))
info = store.create_session("t", "mini", 1, "abc")
with store.syncing_later():
    store.append(info.id, Event("set", "a", "ja"))
print("ACK", flush=True)
time.sleep(60)
"""


def test_a_commit_made_syncing_later_survives_a_kill_before_the_sync(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "ACK\n"
    finally:
        child.kill()
        child.wait()
    with Store(path) as store:
        assert store.state(store.sessions()[0].id).answers == {"a": "ja"}
