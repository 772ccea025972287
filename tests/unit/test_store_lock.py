"""Session locks on both platforms: flock for real, and msvcrt through a stand-in on this machine."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kansencoach.core.sessions import lock
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.store import SessionLocked, Store
from kansencoach.i18n import t

HOLDER = """
import sys
from pathlib import Path
from kansencoach.core.sessions.lock import SessionLock
held = SessionLock(Path(sys.argv[1]), "abc").acquire()
print("vast", flush=True)
sys.stdin.readline()
"""


def test_a_session_held_by_another_process_is_refused_naming_it(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "vast\n"
        with pytest.raises(SessionLocked) as refused:
            lock.SessionLock(tmp_path, "abc").acquire()
        assert str(refused.value) == t("store.locked", session="een sessie", pid=holder.pid)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    with lock.SessionLock(tmp_path, "abc"):
        pass  # the holder ended, and with it its lock


def test_a_released_session_can_be_taken_again_in_the_same_process(tmp_path: Path) -> None:
    first = lock.SessionLock(tmp_path, "abc").acquire()
    with pytest.raises(SessionLocked, match=f"proces {os.getpid()}"):
        lock.SessionLock(tmp_path, "abc").acquire()
    first.release()
    first.release()  # a second release does nothing
    with lock.SessionLock(tmp_path, "abc"):
        pass


def test_waiting_for_a_lock_tries_again_until_it_is_free(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answers = iter([False, False, True])
    pauses: list[float] = []
    monkeypatch.setattr(lock, "try_lock", lambda handle: next(answers))
    monkeypatch.setattr(time, "sleep", pauses.append)
    with (tmp_path / "x.init").open("ab") as handle, lock.held(handle):
        assert len(pauses) == 2  # two waits, then the lock was free


class FakeMsvcrt(ModuleType):
    """msvcrt as Windows has it, for what the lock uses: a byte-range lock per open file."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = range(5)

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int, int]] = []
        """(mode, file position, bytes) of every call."""
        self.held: dict[int, int] = {}
        """The file (inode) whose first byte is locked, and the descriptor holding it."""

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        self.calls.append((mode, position, nbytes))
        file = os.fstat(fd).st_ino
        if mode == self.LK_UNLCK:
            if self.held.get(file) != fd:
                raise PermissionError(13, "Permission denied")
            del self.held[file]
        elif mode == self.LK_NBLCK:
            if file in self.held:
                raise PermissionError(13, "Permission denied")
            self.held[file] = fd
        else:
            raise AssertionError(f"unexpected locking mode {mode}")


@pytest.fixture
def msvcrt() -> Iterator[FakeMsvcrt]:
    """The lock module as it is on Windows, with a stand-in msvcrt; as it was again afterwards."""
    fake = FakeMsvcrt()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "platform", "win32")
        patch.setitem(sys.modules, "msvcrt", fake)
        importlib.reload(lock)
    try:
        yield fake
    finally:
        importlib.reload(lock)


def test_on_windows_a_session_is_locked_on_its_first_byte(msvcrt: FakeMsvcrt, tmp_path: Path) -> None:
    held = lock.SessionLock(tmp_path, "abc").acquire()
    assert msvcrt.calls == [(msvcrt.LK_NBLCK, 0, 1)]
    assert (tmp_path / "abc.lock").read_bytes() == f" {os.getpid()}".encode()
    with pytest.raises(SessionLocked) as refused:
        lock.SessionLock(tmp_path, "abc").acquire()
    assert str(refused.value) == t("store.locked", session="een sessie", pid=os.getpid())
    assert msvcrt.calls == [(msvcrt.LK_NBLCK, 0, 1)] * 2  # the second opener tried the same byte
    held.release()
    assert msvcrt.calls[-1] == (msvcrt.LK_UNLCK, 0, 1) and not msvcrt.held
    with lock.SessionLock(tmp_path, "abc"):
        assert len(msvcrt.held) == 1


def test_on_windows_a_holder_yet_to_write_its_number_is_refused_without_one(
    msvcrt: FakeMsvcrt, tmp_path: Path
) -> None:
    (tmp_path / "abc.lock").touch()
    with (tmp_path / "abc.lock").open("ab") as other:
        assert lock.try_lock(other)
        with pytest.raises(SessionLocked) as refused:
            lock.SessionLock(tmp_path, "abc").acquire()
    assert str(refused.value) == t("store.locked_unknown", session="een sessie")


def test_on_windows_the_store_opens_and_keeps_answers(msvcrt: FakeMsvcrt, tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        info = store.create_session("t", "mini", 1, "abc")
        with store.lock(info.id):
            store.append(info.id, Event("set", "domein", "onderwijs"))
        assert store.state(info.id).answers == {"domein": "onderwijs"}
    # Setting up the store held its .init file, then the session was held: each on its first byte.
    taken, let_go = (msvcrt.LK_NBLCK, 0, 1), (msvcrt.LK_UNLCK, 0, 1)
    assert msvcrt.calls == [taken, let_go, taken, let_go] and not msvcrt.held
