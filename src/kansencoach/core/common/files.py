"""Writing the user's files: atomically, never over a file without being asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kansencoach.i18n import t


class WriteError(Exception):
    """The export could not be written; the message says why and what to do."""


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> Path:
    """Write `text` (or bytes: a Word file) to `path` through a temporary file and `os.replace`.

    Never a half-written file.

    Refuses to replace an existing file unless `force`. Returns the absolute path written.
    """
    target = path.expanduser()
    if target.is_dir():
        raise WriteError(t("export.is_dir", path=target))
    if target.exists() and not force:
        raise WriteError(t("export.exists", path=target))
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise WriteError(t("export.no_dir", path=directory))
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        try:
            data = text.encode("utf-8") if isinstance(text, str) else text
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
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
    return target.resolve()
