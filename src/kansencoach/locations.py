"""Where kansencoach reads and writes its files.

User data (the session store, exports) lives under platformdirs' user data dir, or under
`KANSENCOACH_HOME` when that is set (tests always set it). The shipped flows and knowledge base are
found inside the installed wheel, or at the repository root in an editable install.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "kansencoach"
_REPO_ROOT = Path(__file__).resolve().parents[2]


def home_dir() -> Path:
    """The directory for the store and other user data (created on first use by the store)."""
    override = os.environ.get("KANSENCOACH_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_path() -> Path:
    return home_dir() / "kansencoach.db"


def locks_dir() -> Path:
    return home_dir() / "locks"


def _shipped(name: str) -> Path:
    packaged = Path(str(resources.files("kansencoach") / "_data" / name))
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def config_dir() -> Path:
    """Where the aanjaagteam keeps its own flows and knowledge (under KANSENCOACH_HOME in tests)."""
    override = os.environ.get("KANSENCOACH_HOME")
    if override:
        return Path(override).expanduser() / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def _from_environment(name: str) -> list[Path]:
    value = os.environ.get(name, "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]


def user_flows_dirs() -> list[Path]:
    """Flow directories of the user: KANSENCOACH_FLOWS (several, separated by the path separator),
    then the flows folder in the config dir. Earlier ones win over later ones."""
    return [*_from_environment("KANSENCOACH_FLOWS"), config_dir() / "flows"]


def user_knowledge_dirs() -> list[Path]:
    """Knowledge directories of the user, like `user_flows_dirs`: KANSENCOACH_KNOWLEDGE, then config."""
    return [*_from_environment("KANSENCOACH_KNOWLEDGE"), config_dir() / "knowledge"]


def shipped_flows_dir() -> Path:
    return _shipped("flows")


def shipped_knowledge_dir() -> Path:
    return _shipped("knowledge")
