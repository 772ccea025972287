"""One test per fault of the hardening issue: the store, exports, input that is not UTF-8, ids in
two user folders, where new files go, and the app under a refusing store or early typing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Label, TextArea

from kansencoach.core.common.files import WriteError, write_atomic
from kansencoach.core.sessions import store as store_module
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.lock import try_lock
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import SessionLocked, Store, StoreError, reset_store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen

from helpers import DATA, HANG, REPO, answer_current, kansencoach, mini_flow


def stored_session(path: Path, answer: str = "Een verschil") -> tuple[Store, str]:
    store = Store(path)
    session = Session.start(store, mini_flow(), "Sessie")
    answer_current(session, answer)
    return store, session.info.id


def crashed_store(directory: Path) -> Path:
    """A store whose last writes live only in its WAL, as after a kill -9."""
    directory.mkdir(parents=True, exist_ok=True)
    script = (
        "import os, sys; from pathlib import Path\n"
        "from kansencoach.core.sessions.store import Store\n"
        "from kansencoach.core.sessions.events import Event\n"
        "store = Store(Path(sys.argv[1]))\n"
        "for n in range(3):\n"
        "    info = store.create_session(f'sessie {n}', 'mini', 1, 'h')\n"
        "    store.append(info.id, Event('set', 'verschil', 'x' * 2000))\n"
        "os._exit(0)\n"
    )
    path = directory / "kansencoach.db"
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=30)
    assert Path(f"{path}-wal").stat().st_size > 0
    return path


# The store: rows, locks, WAL, first start, messages


def test_damaged_rows_are_reported_with_the_session_and_skipped(tmp_path: Path) -> None:
    store, session_id = stored_session(tmp_path / "k.db")
    store._db.execute(
        "INSERT INTO events (session_id, at, kind, key, value) VALUES (?, 'x', 'set', 'domein', '{kapot')",
        (session_id,),
    )
    store._db.execute(
        "INSERT INTO events (session_id, at, kind, key, value) VALUES (?, 'x', 'set', 'domein', NULL)",
        (session_id,),
    )
    store._db.execute("INSERT INTO sessions VALUES ('kapot', 5, 'mini', 'een', 'h', '', 'x', 'y')")
    assert store.state(session_id).answers == {"verschil": "Een verschil"}
    assert [info.id for info in store.sessions()] == [session_id]
    assert len(store.damaged) == 3
    assert all(session_id in message for message in store.damaged[:2]) and "kapot" in store.damaged[2]
    with pytest.raises(StoreError, match="sessie kapot is beschadigd"):
        store.session("kapot")
    store.close()


def test_damaged_rows_via_the_cli_give_a_message_and_the_rest(kansencoach_home: Path) -> None:
    store, session_id = stored_session(kansencoach_home / "kansencoach.db")
    store._db.execute(
        "INSERT INTO events (session_id, at, kind, key, value) VALUES (?, 'x', 'set', 'domein', NULL)",
        (session_id,),
    )
    store.close()
    for command in (["sessions", "show", session_id], ["run", "--resume", session_id, "--plain"]):
        result = kansencoach(*command, stdin="stop\n")
        assert result.returncode == 0 and "Traceback" not in result.stderr
        assert f"sessie {session_id}: regel" in result.stderr and "overgeslagen" in result.stderr


def test_delete_and_reset_wait_for_the_session_lock(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    store, session_id = stored_session(path)
    with store.lock(session_id):
        with pytest.raises(SessionLocked):
            store.delete(session_id)
        with pytest.raises(SessionLocked):
            reset_store(path)
        assert path.exists()
    assert store.state(session_id).answers  # nothing was deleted or moved while it was open
    store.delete(session_id)
    store.close()


def test_reset_moves_the_store_and_its_wal_together(tmp_path: Path) -> None:
    path = crashed_store(tmp_path)
    moved = reset_store(path)
    assert moved is not None and not path.exists() and not Path(f"{path}-wal").exists()
    assert Path(f"{moved}-wal").stat().st_size > 0
    shutil.copy(moved, tmp_path / "terug.db")
    shutil.copy(f"{moved}-wal", tmp_path / "terug.db-wal")
    with Store(tmp_path / "terug.db") as store:
        assert len(store.sessions()) == 3  # the moved-aside pair is the whole store


def test_a_store_without_its_wal_is_reported_not_empty(tmp_path: Path) -> None:
    path = crashed_store(tmp_path / "a")
    copy = tmp_path / "b" / "kansencoach.db"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    with pytest.raises(StoreError, match="onvolledig"):
        Store(copy)


def test_a_damaged_wal_is_reported_and_kept(tmp_path: Path) -> None:
    path = crashed_store(tmp_path)
    wal = Path(f"{path}-wal")
    raw = bytearray(wal.read_bytes())
    raw[0:4] = b"XXXX"
    wal.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match=r"logboek .* is beschadigd"):
        Store(path)
    assert wal.read_bytes() == bytes(raw)


def test_a_wal_from_another_store_is_reported_and_nothing_is_checkpointed(tmp_path: Path) -> None:
    mine = crashed_store(tmp_path / "mijn")
    with Store(mine) as store:  # a clean close: everything in the main file
        for number in range(5):
            info = store.create_session(f"eigen {number}", "mini", 1, "h")
            store.append(info.id, Event("set", "verschil", "y" * 3000))
    other = crashed_store(tmp_path / "ander")
    shutil.copy(f"{other}-wal", f"{mine}-wal")
    before = (mine.read_bytes(), Path(f"{mine}-wal").read_bytes())
    with pytest.raises(StoreError, match="hoort niet bij dit sessiebestand"):
        Store(mine)
    assert (mine.read_bytes(), Path(f"{mine}-wal").read_bytes()) == before
    Path(f"{mine}-wal").unlink()
    with Store(mine) as store:
        assert len(store.sessions()) == 8


def test_eight_first_starts_at_once_all_succeed(tmp_path: Path) -> None:
    env = {**os.environ, "KANSENCOACH_HOME": str(tmp_path / "home")}
    answers = DATA / "answers" / "bias.yaml"
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kansencoach", "run", "bias", "--answers", str(answers)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    results = [process.communicate(timeout=HANG) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, [err for _, err in results]
    with Store(tmp_path / "home" / "kansencoach.db") as store:
        assert len(store.sessions()) == 8


def test_store_faults_get_clear_messages(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "locks").write_text("geen map")
    store, session_id = stored_session(tmp_path / "a" / "k.db")
    with pytest.raises(StoreError, match="sessiesloten"):
        store.lock(session_id).acquire()
    store.close()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "k.db").symlink_to("/dev/null")
    with pytest.raises(StoreError, match="geen gewoon bestand"):
        Store(tmp_path / "b" / "k.db")
    store, _ = stored_session(tmp_path / "c" / "k.db")
    store._db.execute("UPDATE schema_version SET version = 0")
    store.close()
    with pytest.raises(StoreError, match="beschadigd"):
        Store(tmp_path / "c" / "k.db")


def test_disk_full_says_an_answer_was_lost_only_when_one_was_saved(tmp_path: Path) -> None:
    store, session_id = stored_session(tmp_path / "k.db")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="de schijf is vol") as renaming:
        for number in range(200):
            store.rename(session_id, f"{number} " + "t" * 5000)
    assert "niet opgeslagen" not in str(renaming.value)
    with pytest.raises(StoreError, match="niet opgeslagen"):
        for number in range(200):
            store.append(session_id, Event("set", "verschil", f"{number} " + "x" * 5000))
    store.close()


@pytest.mark.usefixtures("amsterdam_time")
def test_the_lock_message_never_shows_an_unknown_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "now", lambda: "2026-11-20T09:30:00+00:00")
    store, session_id = stored_session(tmp_path / "k.db")
    (tmp_path / "locks").mkdir()
    with (tmp_path / "locks" / f"{session_id}.lock").open("ab") as held:
        assert try_lock(held)  # held, but no process number written yet
        with pytest.raises(SessionLocked) as refused:
            store.lock(session_id).acquire()
    assert "?" not in str(refused.value) and "al geopend in een ander venster" in str(refused.value)
    # Last used as the officer's clock showed it (UTC+1 in November), never the store's UTC
    assert str(refused.value).startswith(
        "de sessie ‘Sessie’ (Mini-voorstel, laatst gebruikt 20 nov 2026 10:30)"
    )
    assert session_id not in str(refused.value)
    store.close()


# Exports


def test_exports_replace_only_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.md"
    os.mkfifo(fifo)
    for special in (fifo, Path("/dev/null")):
        with pytest.raises(WriteError, match="geen gewoon bestand"):
            write_atomic(special, "x", force=True)
    assert fifo.is_fifo()
    dangling = tmp_path / "los.md"
    dangling.symlink_to(tmp_path / "nergens.md")
    with pytest.raises(WriteError, match="snelkoppeling"):
        write_atomic(dangling, "x")
    target = tmp_path / "doel.md"
    target.write_text("van iemand anders")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(WriteError, match="snelkoppeling"):
        write_atomic(link, "x")
    write_atomic(link, "nieuw", force=True)
    assert target.read_text() == "van iemand anders" and link.read_text() == "nieuw"
    assert not link.is_symlink()
    with pytest.raises(WriteError, match="te lang"):
        write_atomic(tmp_path / ("x" * 300 + ".md"), "x")


def test_a_written_file_is_as_readable_as_the_officer_sets_new_files(tmp_path: Path) -> None:
    """An export or a new flow goes to a shared folder for colleagues: it gets the mode the umask
    gives new files (a temporary file's 0600 kept the team out), a replaced file keeps its own mode,
    and a cache, which is nobody else's business, stays private."""
    before = os.umask(0o022)
    try:
        export = write_atomic(tmp_path / "voorstel.md", "x")
        shared = tmp_path / "gedeeld.md"
        shared.write_text("oud")
        shared.chmod(0o664)
        write_atomic(shared, "nieuw", force=True)
        cached = write_atomic(tmp_path / "cache.marshal", b"x", private=True)
    finally:
        os.umask(before)
    assert stat.S_IMODE(export.stat().st_mode) == 0o644
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_text() == "nieuw"
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache.marshal", "gedeeld.md", "voorstel.md"]


def test_an_export_and_a_new_flow_via_the_cli_are_readable_by_the_team(
    kansencoach_home: Path, tmp_path: Path
) -> None:
    own = tmp_path / "team-flows"
    own.mkdir()
    out = tmp_path / "voorstel.html"
    env = {**os.environ, "KANSENCOACH_FLOWS": str(own)}
    for args in (
        ["run", "bias", "--answers", str(DATA / "answers" / "bias.yaml"), "--export", str(out)],
        ["flows", "new", "team"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "kansencoach", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=HANG,
            umask=0o022,
        )
        assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert stat.S_IMODE((own / "team.yaml").stat().st_mode) == 0o644


def test_a_long_export_name_via_the_cli(kansencoach_home: Path, tmp_path: Path) -> None:
    result = kansencoach(
        "run", "bias", "--answers", DATA / "answers" / "bias.yaml", "--export", tmp_path / ("n" * 300)
    )
    assert result.returncode == 2 and "te lang" in result.stderr and "Traceback" not in result.stderr


# Input that is not UTF-8


def run_bytes(*args: bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kansencoach", *args],
        input=stdin,
        capture_output=True,
        timeout=HANG,
        check=False,
    )


def test_input_that_is_not_utf8_is_refused_or_replaced_and_said(kansencoach_home: Path) -> None:
    title = run_bytes(b"run", b"bias", b"--plain", b"--title", b"caf\xe9")
    show = run_bytes(b"sessions", b"show", b"\xe9")
    for result in (title, show):
        assert result.returncode == 2 and b"Traceback" not in result.stderr
        assert b"geen geldige UTF-8" in result.stderr
    plain = run_bytes(
        b"run", str(DATA / "flows" / "mini.yaml").encode(), b"--plain", stdin=b"caf\xe9\nstop\n"
    )
    assert plain.returncode == 0 and b"Traceback" not in plain.stderr
    assert "vervangen door \ufffd".encode() in plain.stdout and "✓ opgeslagen".encode() in plain.stdout
    with Store(kansencoach_home / "kansencoach.db") as store:
        (info,) = store.sessions()
        assert store.state(info.id).answers["verschil"] == "caf\ufffd"


# Ids in two user folders, and where new files go


def test_a_flow_id_in_two_user_folders_is_an_error_naming_both(tmp_path: Path) -> None:
    first, second = tmp_path / "een", tmp_path / "twee"
    for folder in (first, second):
        folder.mkdir()
        text = (REPO / "flows" / "bias.yaml").read_text(encoding="utf-8")
        (folder / "eigen.yaml").write_text(text.replace("id: bias", "id: eigen", 1), encoding="utf-8")
    env = {**os.environ, "KANSENCOACH_FLOWS": f"{first}{os.pathsep}{second}"}
    listing = subprocess.run(
        [sys.executable, "-m", "kansencoach", "flows", "list"], env=env, capture_output=True, text=True
    )
    assert listing.returncode == 0 and f"KAPOT: 1 fout in {second / 'eigen.yaml'}" in listing.stdout
    validate = subprocess.run(
        [sys.executable, "-m", "kansencoach", "flows", "validate", str(second / "eigen.yaml")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 2
    assert f"{second / 'eigen.yaml'}:1:1: de flow-id 'eigen' staat ook in {first / 'eigen.yaml'}" in (
        validate.stderr
    )


def test_an_intervention_id_in_two_user_folders_is_an_error_naming_both(tmp_path: Path) -> None:
    shipped = sorted((REPO / "knowledge" / "interventions").glob("*.yaml"))[0]
    folders = [tmp_path / "een", tmp_path / "twee"]
    for folder in folders:
        (folder / "interventions").mkdir(parents=True)
        text = shipped.read_text(encoding="utf-8").replace(f"id: {shipped.stem}", "id: eigen", 1)
        (folder / "interventions" / "eigen.yaml").write_text(text, encoding="utf-8")
    env = {**os.environ, "KANSENCOACH_KNOWLEDGE": os.pathsep.join(map(str, folders))}
    result = subprocess.run(
        [sys.executable, "-m", "kansencoach", "kb", "list"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "de id 'eigen' bestaat al" in result.stderr
    assert all(str(folder / "interventions" / "eigen.yaml") in result.stderr for folder in folders)


def test_flows_new_writes_into_the_folder_named_by_kansencoach_flows(tmp_path: Path) -> None:
    own = tmp_path / "eigen-flows"
    own.mkdir()
    env = {**os.environ, "KANSENCOACH_FLOWS": str(own)}
    result = subprocess.run(
        [sys.executable, "-m", "kansencoach", "flows", "new", "nieuw"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (own / "nieuw.yaml").is_file()


# The app


async def test_the_app_keeps_the_typed_answer_when_the_store_refuses_a_move() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Vol")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        await pilot.press(*"Een verschil")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.store._db.execute("PRAGMA query_only = ON")  # from now on the store refuses every write
        step = screen.step
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and screen.step is step
        assert "kan niet schrijven" in str(screen.query_one("#validation", Label).render())
        await pilot.press("ctrl+t", "a")  # accepting a suggestion is refused the same way
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and screen.step is step


async def test_keys_typed_before_the_first_question_is_ready_are_kept() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Vroeg")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"hallo")  # no pause: the question is still being set up
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#text-answer", TextArea).text == "hallo"
