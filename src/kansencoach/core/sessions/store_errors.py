"""What can go wrong with the session store, each told in Dutch with the file and the way out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kansencoach.i18n import t


class StoreError(Exception):
    """The store cannot be used; the message names the file and what to do."""


class SessionNotFound(StoreError):
    """No session has that id (any more)."""


class SessionLocked(StoreError):
    """Another process has the session open."""


def explain(error: sqlite3.Error, path: Path, saving: bool = False) -> StoreError:
    """SQLite's `error` on the store at `path` as a StoreError that says what to do.

    `saving` says an answer was being saved, so a full disk is reported as that answer lost."""
    text = str(error).lower()
    if any(sign in text for sign in ("not a database", "malformed", "no such table", "already exists")):
        return StoreError(t("store.corrupt", path=path))
    if "disk is full" in text or "disk i/o" in text:
        return StoreError(t("store.full_answer" if saving else "store.full", path=path))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError(t("store.unwritable", path=path, detail=str(error)))
    if "locked" in text or "busy" in text:
        return StoreError(t("store.busy", path=path))
    return StoreError(t("store.failed", path=path, detail=str(error)))
