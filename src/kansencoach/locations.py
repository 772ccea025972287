"""Where kansencoach reads and writes its files.

User data (the session store, exports) lives under platformdirs' user data dir, or under
`KANSENCOACH_HOME` when that is set (tests always set it). The shipped flows and knowledge base are
found inside the installed wheel, or at the repository root in an editable install.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import platformdirs

from kansencoach.i18n import t

APP_NAME = "kansencoach"
_REPO_ROOT = Path(__file__).resolve().parents[2]


def home_dir() -> Path:
    """The directory for the store and other user data (created on first use by the store)."""
    override = os.environ.get("KANSENCOACH_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where rebuildable data is kept (the knowledge base cache); deleting it loses nothing."""
    override = os.environ.get("KANSENCOACH_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def store_path() -> Path:
    return home_dir() / "kansencoach.db"


@cache
def _shipped(name: str) -> Path:
    """The shipped folder `name`, looked up once: it does not move while kansencoach runs."""
    # Beside this module, not through importlib.resources: kansencoach is always installed as files
    # (it reads its folders with rglob), and importing resources cost every start 3-5 ms.
    packaged = Path(__file__).resolve().parent / "_data" / name
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


TEAM_FILE = "team.toml"
_TEAM_KEYS = ("flows", "knowledge")


class TeamSettings(NamedTuple):
    """The team's shared folders, from `team.toml` in the config dir, so nobody sets variables.

    `problem` is a Dutch `path:line:col: what — what to do` when the file cannot be used, its
    folders then left out (the rest of kansencoach keeps working), or when a folder it names is not
    there (the others are used); the commands that check files report it.
    """

    flows: tuple[Path, ...] = ()
    knowledge: tuple[Path, ...] = ()
    problem: str = ""


def team_file() -> Path:
    return config_dir() / TEAM_FILE


def team_settings() -> TeamSettings:
    """The folders `team.toml` names; a relative folder is relative to that file, and `%VAR%` or
    `$VAR` in a folder is replaced by the environment variable (`%APPDATA%`, `$HOME`)."""
    path = team_file()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return TeamSettings()
    except (OSError, UnicodeDecodeError):
        return TeamSettings(problem=f"{path}:1:1: {t('team.unreadable')} — {t('team.unreadable_hint')}")
    import tomllib  # only when there is a team file: every command asks, most machines have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = where.groups() if where else ("1", "1")
        return TeamSettings(problem=f"{path}:{line}:{column}: {t('team.syntax')} — {t('team.syntax_hint')}")
    folders: dict[str, tuple[Path, ...]] = {}
    for key, value in data.items():
        values = [value] if isinstance(value, str) else value
        if key not in _TEAM_KEYS:
            problem = t("team.unknown_key", key=key) + " — " + t("team.keys_hint", keys=", ".join(_TEAM_KEYS))
            return TeamSettings(problem=f"{path}:{_line_of(text, key)}:1: {problem}")
        if not isinstance(values, list) or not all(isinstance(item, str) for item in values):
            problem = t("team.not_folders", key=key) + " — " + t("team.syntax_hint")
            return TeamSettings(problem=f"{path}:{_line_of(text, key)}:1: {problem}")
        folders[key] = tuple(path.parent / _expand(item) for item in values)
    # A folder named that is not there is said by `settings_problems`, not here.
    return TeamSettings(folders.get("flows", ()), folders.get("knowledge", ()))


def settings_problems(kind: str) -> list[str]:
    """What is wrong with the settings that name the `kind` ("flows" or "knowledge") folders: the
    team file's problem, and each folder `KANSENCOACH_FLOWS`/`KANSENCOACH_KNOWLEDGE` or team.toml
    names that is not a folder (a typo, a network drive not connected). Its files are left out
    either way; the commands that list or check them say so, instead of showing the shipped files
    alone as if nothing were amiss."""
    settings = team_settings()
    variable = f"KANSENCOACH_{'FLOWS' if kind == 'flows' else 'KNOWLEDGE'}"
    named = [(folder, variable) for folder in _from_environment(variable)]
    team_folders = getattr(settings, kind)
    if team_folders:  # where in the team file: the line that names them
        line = _line_of(team_file().read_bytes().decode("utf-8-sig", "replace"), kind)
        named += [(folder, f"{team_file()}:{line}") for folder in team_folders]
    missing = [
        t("team.no_folder", path=folder, source=source) for folder, source in named if not folder.is_dir()
    ]
    return [settings.problem, *missing] if settings.problem else missing


def every_settings_problem() -> list[str]:
    """`settings_problems` of the flows and the knowledge folders together, each said once (a
    broken team file is a problem of both): what the start screen tells the officer."""
    return list(dict.fromkeys([*settings_problems("flows"), *settings_problems("knowledge")]))


def _expand(folder: str) -> Path:
    expanded = re.sub(r"%(\w+)%", lambda match: os.environ.get(match.group(1), match.group(0)), folder)
    return Path(os.path.expandvars(expanded)).expanduser()


def _line_of(text: str, key: str) -> int:
    lines = text.splitlines()
    return next((number for number, line in enumerate(lines, 1) if line.strip().startswith(key)), 1)


def user_flows_dirs() -> list[Path]:
    """Flow directories of the user: KANSENCOACH_FLOWS (several, separated by the path separator),
    the team's folders from team.toml, then the flows folder in the config dir. Earlier ones win
    over later ones; new flows are written to the first."""
    return _once([*_from_environment("KANSENCOACH_FLOWS"), *team_settings().flows, config_dir() / "flows"])


def user_knowledge_dirs() -> list[Path]:
    """Knowledge directories of the user, like `user_flows_dirs`: KANSENCOACH_KNOWLEDGE, the team's
    folders, then the knowledge folder in the config dir."""
    return _once(
        [*_from_environment("KANSENCOACH_KNOWLEDGE"), *team_settings().knowledge, config_dir() / "knowledge"]
    )


def _once(folders: list[Path]) -> list[Path]:
    """Each folder once, where it first appears: named in the environment and in team.toml too, its
    files would be read twice and clash with themselves."""
    seen: set[str] = set()
    kept = []
    for folder in folders:
        real = os.path.realpath(folder)
        if real not in seen:
            seen.add(real)
            kept.append(folder)
    return kept


def shipped_flows_dir() -> Path:
    return _shipped("flows")


def shipped_knowledge_dir() -> Path:
    return _shipped("knowledge")


def shipped_docs_dir() -> Path:
    """The Dutch guides (docs/), so an installed user has the tutorial: `kansencoach docs`."""
    return _shipped("docs")
