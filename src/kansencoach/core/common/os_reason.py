"""Why the system refused a file operation, in Dutch.

An `OSError`'s `strerror` is the C library's English ("No such file or directory"); the officer
reads every other word of the message in Dutch. The reasons a user's folder or disk usually gives
have a Dutch text; any other keeps the system's own words.
"""

from __future__ import annotations

import errno

from kansencoach.i18n import t

_SAID = {
    errno.ENOENT: "ENOENT",
    errno.EACCES: "EACCES",
    errno.EPERM: "EACCES",
    errno.ENOSPC: "ENOSPC",
    errno.EROFS: "EROFS",
    errno.EISDIR: "EISDIR",
    errno.ENOTDIR: "ENOTDIR",
    errno.EEXIST: "EEXIST",
    errno.ENAMETOOLONG: "ENAMETOOLONG",
    errno.ELOOP: "ELOOP",
    errno.EBUSY: "EBUSY",
    errno.EDQUOT: "ENOSPC",
}


def reason(error: OSError) -> str:
    """Why `error` happened, in Dutch where the reason is a common one, else the system's text."""
    name = _SAID.get(error.errno) if error.errno is not None else None
    return t(f"os.{name}") if name else error.strerror or str(error)
