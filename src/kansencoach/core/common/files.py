"""Writing the user's files: atomically, never over a file without being asked."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kansencoach.core.common.os_reason import reason
from kansencoach.i18n import t


class WriteError(Exception):
    """The export could not be written; the message says why and what to do."""


def write_atomic(
    path: Path, text: str | bytes | tuple[bytes, ...], force: bool = False, private: bool = False
) -> Path:
    """Write `text` (or bytes: a Word file; or byte strings one after the other, which need not be
    joined in memory first: a large cache) to `path` through a temporary file and `os.replace`.

    Never a half-written file. A new file gets the mode the umask gives new files (exports and
    flows go to shared folders, for colleagues to read), a replaced one keeps its own, and a
    `private` one (a cache) is the user's only.

    Only a regular file is ever replaced, and only with `force`: a device, FIFO or directory never,
    a symlink (even a dangling one) only with `force`, and then the link itself, not what it points
    at. Returns the absolute path written.
    """
    target = path.expanduser()
    if len(os.fsencode(target.name)) > _NAME_MAX:
        raise WriteError(t("export.name_too_long", count=len(target.name), limit=_NAME_MAX))
    kept_mode = _check_replaceable(target, force)
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise WriteError(t("export.no_dir", path=directory))
    try:
        handle, temporary = _temporary(directory, 0o600 if private else 0o666)
        try:
            if kept_mode is not None and not private:
                Path(temporary).chmod(kept_mode)
            chunks = (
                (text.encode("utf-8"),)
                if isinstance(text, str)
                else (text,)
                if isinstance(text, bytes)
                else text
            )
            with os.fdopen(handle, "wb") as stream:
                stream.writelines(chunks)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except PermissionError:
        raise WriteError(t("export.no_permission", path=directory)) from None
    except OSError as error:
        raise WriteError(t("export.failed", path=target, detail=reason(error))) from None
    return target.parent.resolve() / target.name


_NAME_MAX = 255
"""The longest file name (in bytes) the common file systems allow."""


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
"""A file of our own, never one already there; on Windows written as bytes, not as text."""


def _temporary(directory: Path, mode: int) -> tuple[int, str]:
    """A new file beside the target, opened for writing, created with `mode` less the umask: unlike
    `tempfile.mkstemp`, which always makes it 0600, and an export kept that."""
    while True:
        name = str(directory / f".kansencoach-{os.urandom(8).hex()}.tmp")
        try:
            return os.open(name, _CREATE, mode), name
        except FileExistsError:
            continue


def _check_replaceable(target: Path, force: bool) -> int | None:
    """WriteError unless `target` is absent, or a regular file or symlink that `force` may replace;
    the mode of the regular file replaced (None: there is none), which its new text keeps."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise WriteError(t("export.name_too_long", count=len(str(target)), limit=_NAME_MAX)) from None
        raise WriteError(t("export.failed", path=target, detail=reason(error))) from None
    if stat.S_ISLNK(status.st_mode):
        if not force:
            raise WriteError(t("export.is_link", path=target))
    elif stat.S_ISDIR(status.st_mode):
        raise WriteError(t("export.is_dir", path=target))
    elif not stat.S_ISREG(status.st_mode):
        raise WriteError(t("export.not_regular", path=target))
    elif not force:
        raise WriteError(t("export.exists", path=target))
    else:
        return stat.S_IMODE(status.st_mode)
    return None
