"""Writing the user's files: atomically, never over a file without being asked."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from kansencoach.i18n import t


class WriteError(Exception):
    """The export could not be written; the message says why and what to do."""


def write_atomic(path: Path, text: str | bytes | tuple[bytes, ...], force: bool = False) -> Path:
    """Write `text` (or bytes: a Word file; or byte strings one after the other, which need not be
    joined in memory first: a large cache) to `path` through a temporary file and `os.replace`.

    Never a half-written file.

    Only a regular file is ever replaced, and only with `force`: a device, FIFO or directory never,
    a symlink (even a dangling one) only with `force`, and then the link itself, not what it points
    at. Returns the absolute path written.
    """
    target = path.expanduser()
    if len(os.fsencode(target.name)) > _NAME_MAX:
        raise WriteError(t("export.name_too_long", count=len(target.name), limit=_NAME_MAX))
    _check_replaceable(target, force)
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise WriteError(t("export.no_dir", path=directory))
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".kansencoach-", suffix=".tmp")
        try:
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
        raise WriteError(t("export.failed", path=target, detail=error.strerror or str(error))) from None
    return target.parent.resolve() / target.name


_NAME_MAX = 255
"""The longest file name (in bytes) the common file systems allow."""


def _check_replaceable(target: Path, force: bool) -> None:
    """WriteError unless `target` is absent, or a regular file or symlink that `force` may replace."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise WriteError(t("export.name_too_long", count=len(str(target)), limit=_NAME_MAX)) from None
        raise WriteError(t("export.failed", path=target, detail=error.strerror or str(error))) from None
    if stat.S_ISLNK(status.st_mode):
        if not force:
            raise WriteError(t("export.is_link", path=target))
    elif stat.S_ISDIR(status.st_mode):
        raise WriteError(t("export.is_dir", path=target))
    elif not stat.S_ISREG(status.st_mode):
        raise WriteError(t("export.not_regular", path=target))
    elif not force:
        raise WriteError(t("export.exists", path=target))
