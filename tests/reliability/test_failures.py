"""What goes wrong on real machines: a second process, a read-only or full disk, a broken or newer
store, awkward export paths. Each gives a clear message and loses nothing."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.files import WriteError, write_atomic
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store, StoreError

from helpers import DATA, answer_current, kansencoach, question

MINI = DATA / "flows" / "mini.yaml"


def started_session(home: Path) -> str:
    result = kansencoach("run", MINI, "--plain", stdin="Een verschil\nstop\n", home=home)
    assert result.returncode == 0, result.stderr
    return kansencoach("sessions", "list", home=home).stdout.split()[0]


def test_a_second_process_on_the_same_session_is_refused(kansencoach_home: Path) -> None:
    session_id = started_session(kansencoach_home)
    env = {**os.environ, "KANSENCOACH_HOME": str(kansencoach_home)}
    first = subprocess.Popen(
        [sys.executable, "-m", "kansencoach", "run", "--resume", session_id, "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert first.stdout is not None and first.stdin is not None
    for line in first.stdout:  # the first process holds the session once it asks the next question
        if "Welk domein?" in line:
            break
    else:
        raise AssertionError("the first process ended before its second question")
    second = kansencoach("run", "--resume", session_id, "--plain", stdin="onderwijs\n")
    first.stdin.write("stop\n")
    first.stdin.flush()
    first.wait(timeout=60)  # a hang guard: it stops as soon as it reads `stop`
    assert second.returncode == 2
    # Named as the officer knows it (called after its flow), never by its internal id
    named = r"de sessie ‘Mini-voorstel’ \(laatst gebruikt \d+ [a-z]{3} \d{4} \d\d:\d\d\)"
    assert re.search(named, second.stderr), second.stderr
    assert "is al geopend in een ander venster" in second.stderr and session_id not in second.stderr
    assert "Traceback" not in second.stderr
    with Store(kansencoach_home / "kansencoach.db") as store:
        assert store.state(session_id).answers == {"verschil": "Een verschil"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_a_read_only_data_dir_gives_a_clear_message(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    result = kansencoach("sessions", "list", home=home)
    assert result.returncode == 2 and "KANSENCOACH_HOME" in result.stderr


def test_a_data_dir_on_a_read_only_file_system_gives_a_clear_message() -> None:
    # sysfs refuses new directories even to root: a read-only data dir on any machine.
    result = kansencoach("sessions", "list", home=Path("/sys/kansencoach"))
    assert result.returncode == 2
    assert "kan niet schrijven" in result.stderr and "KANSENCOACH_HOME" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_data_dir_that_is_a_file_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "home"
    blocker.write_text("geen map")
    result = kansencoach("sessions", "list", home=blocker)
    assert result.returncode == 2
    assert f"{blocker} is een bestand" in result.stderr and "KANSENCOACH_HOME" in result.stderr
    assert "File exists" not in result.stderr  # the operating system's English, said of the wrong path
    assert "Traceback" not in result.stderr
    assert blocker.read_text() == "geen map"


def test_a_full_disk_refuses_the_answer_and_keeps_everything_before(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    loaded = load_flow(MINI, load_vocabulary())
    with Store(path) as store:
        session = Session.start(store, loaded, "Vol")
        answer_current(session, "Eerste antwoord")
        # SQLite's own limit on the file's size behaves exactly like a full disk (SQLITE_FULL).
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        step = question(loaded, "verschil")
        with pytest.raises(StoreError, match="de schijf is vol") as caught:
            for number in range(200):
                session.answer(step, f"{number} " + "x" * 5000)
        assert "niet opgeslagen" in str(caught.value)
        last_committed = store.state(session.info.id).answers["verschil"]
        # The refused answer never reached the session's state: what the officer sees is what is stored.
        assert session.answers["verschil"] == last_committed
    with Store(path) as store:
        assert store.state(session.info.id).answers["verschil"] == last_committed


def test_a_corrupt_store_is_explained_and_can_be_moved_aside(kansencoach_home: Path) -> None:
    (kansencoach_home / "kansencoach.db").write_bytes(os.urandom(4096))
    result = kansencoach("run", MINI, "--plain", stdin="stop\n")
    assert result.returncode == 2 and "beschadigd" in result.stderr and "--reset-store" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_store_from_a_newer_version_is_explained(kansencoach_home: Path) -> None:
    started_session(kansencoach_home)
    with sqlite3.connect(kansencoach_home / "kansencoach.db") as db:
        db.execute("UPDATE schema_version SET version = 42")
    result = kansencoach("sessions", "list")
    assert result.returncode == 2 and "nieuwere versie" in result.stderr and "--reset-store" in result.stderr
    with sqlite3.connect(kansencoach_home / "kansencoach.db") as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1  # nothing was touched


def test_export_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert write_atomic(Path("relatief.md"), "x") == tmp_path / "relatief.md"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert write_atomic(Path("~/thuis.md"), "x") == tmp_path / "thuis.md"
    with pytest.raises(WriteError, match="is een map"):
        write_atomic(tmp_path, "x")
    with pytest.raises(WriteError, match="bestaat al"):
        write_atomic(Path("relatief.md"), "y")
    assert (tmp_path / "relatief.md").read_text() == "x"
    with pytest.raises(WriteError, match="bestaat niet"):
        write_atomic(tmp_path / "geen" / "map.md", "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_export_without_permission(tmp_path: Path) -> None:
    locked = tmp_path / "dicht"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(WriteError, match="geen schrijfrechten"):
        write_atomic(locked / "x.md", "x")


def test_export_without_permission_via_cli(tmp_path: Path, kansencoach_home: Path) -> None:
    session_id = started_session(kansencoach_home)
    target = Path("/proc/kansencoach-export.md")  # not writable, even for root
    result = kansencoach("sessions", "export", session_id, "-o", target)
    assert result.returncode == 2
    assert "kansencoach:" in result.stderr and "Traceback" not in result.stderr


def test_another_programs_database_as_the_store_is_refused_and_left_alone(kansencoach_home: Path) -> None:
    store = kansencoach_home / "kansencoach.db"
    with sqlite3.connect(store) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Anna')")
    db.close()
    before = store.read_bytes()
    result = kansencoach("run", MINI, "--plain", stdin="Een verschil\nstop\n")
    assert result.returncode == 2, result.stdout
    assert "ander programma" in result.stderr and "--reset-store" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.read_bytes() == before  # no tables added, not even switched to WAL mode
    assert not Path(f"{store}-wal").exists()
