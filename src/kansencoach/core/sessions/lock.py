"""Exclusive file locks, the one place that knows how each platform takes them, and session locks.

On Windows a lock is `msvcrt.locking` on the file's first byte; elsewhere it is `flock` on the whole
file. Either way the operating system lets go when the process ends, however it ends, so a crash
never leaves a session locked.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from kansencoach.core.common.os_reason import reason
from kansencoach.core.sessions.store_errors import SessionLocked, StoreError
from kansencoach.i18n import t

_POLL = 0.01
"""Seconds between attempts while waiting for a lock: one way of waiting for both platforms, since
Windows has no wait of its own that lasts (its `LK_LOCK` gives up after ten seconds)."""

if sys.platform == "win32":
    import msvcrt

    def try_lock(handle: BinaryIO) -> bool:
        """Lock `handle`'s file for this process; False when another process holds it."""
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except PermissionError:  # EACCES: the byte is locked by someone else
            return False
        return True

    def unlock(handle: BinaryIO) -> None:
        """Let go of the lock before `handle` is closed (Windows asks for it; closing alone may lag)."""
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(handle: BinaryIO) -> bool:
        """Lock `handle`'s file for this process; False when another process holds it."""
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(handle: BinaryIO) -> None:
        """Let go of the lock before `handle` is closed."""
        fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def held(handle: BinaryIO) -> Iterator[None]:
    """`handle`'s file locked for this process during the block, waiting while another process holds it."""
    while not try_lock(handle):
        time.sleep(_POLL)
    try:
        yield
    finally:
        unlock(handle)


_HOLDER = 1
"""Where the holder's process number starts in a lock file: after the byte Windows locks, which no
other process can read while it is held."""


class SessionLock:
    """An exclusive lock on a session, released when the process ends, however it ends.

    `named` tells the officer which session a refusal is about (see `described`); without it the
    refusal speaks of 'een sessie', never of its id."""

    def __init__(self, directory: Path, session_id: str, named: Callable[[], str] | None = None) -> None:
        self.session_id = session_id
        self.path = directory / f"{session_id}.lock"
        self._named = named
        self._file: BinaryIO | None = None

    def acquire(self) -> SessionLock:
        """Hold the session; SessionLocked, naming the holder's process, when another process has it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+b")
        except OSError as error:
            raise self._unusable(error) from None
        try:
            locked = try_lock(handle)
        except OSError as error:
            handle.close()
            raise self._unusable(error) from None
        if not locked:
            handle.seek(_HOLDER)
            holder = handle.read().decode("ascii", "replace").strip()
            handle.close()
            session = self._named() if self._named is not None else t("store.session_unnamed")
            if holder.isdigit():
                raise SessionLocked(t("store.locked", session=session, pid=holder))
            # The holder has the lock but has not written its process number yet.
            raise SessionLocked(t("store.locked_unknown", session=session))
        handle.seek(0)
        handle.truncate()
        handle.write(b" " * _HOLDER + str(os.getpid()).encode("ascii"))
        handle.flush()
        self._file = handle
        return self

    def _unusable(self, error: OSError) -> StoreError:
        detail = reason(error)
        return StoreError(t("store.locks_unusable", path=self.path.parent, detail=detail))

    def release(self) -> None:
        """Let the session go; nothing happens when it is not held."""
        if self._file is not None:
            unlock(self._file)
            self._file.close()
            self._file = None

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(self, *_: object) -> None:
        self.release()


def lock_files(directory: Path) -> list[Path]:
    """The session lock files in `directory`, held or not; none when it cannot be read."""
    try:
        return sorted(directory.glob("*.lock")) if directory.is_dir() else []
    except OSError:
        return []
