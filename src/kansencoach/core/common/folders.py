"""The YAML files of a flow or knowledge folder, listed without opening any of them."""

from __future__ import annotations

import os
from pathlib import Path


def yaml_files(directory: Path) -> list[Path]:
    """The .yaml files in a user or shipped folder, without flow tests (`*.test.yaml`); none when
    the folder is missing or unreadable.

    Each file is opened only when loaded, by yamlsource, which refuses what is not a regular file.
    """
    return [directory / name for name in yaml_names(directory)]


def yaml_names(directory: Path) -> list[str]:
    """The names of the files `yaml_files` lists, sorted (as strings: a knowledge folder can hold
    thousands, and a Path per file costs a search more than its cache check)."""
    try:
        names = os.listdir(directory)  # noqa: PTH208 - names, not a Path per file
    except OSError:
        return []
    # `len(name) > 5`: a file called just ".yaml" has no suffix, as Path.suffix has it.
    return sorted(
        name for name in names if name.endswith(".yaml") and len(name) > 5 and not name.endswith(".test.yaml")
    )


def unread(directory: Path, read: tuple[str, ...] = ()) -> list[Path]:
    """What an author put in a folder that nothing reads: files ending in `.yml`, and subfolders
    (but those in `read`, such as a flow folder's `blocks`) with YAML files in them. Listed so that
    `validate` can say so: such a flow or intervention was left out without a word."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return []
    return [Path(entry.path) for entry in entries if entry.name not in read and _left_out(entry)]


def _left_out(entry: os.DirEntry[str]) -> bool:
    """Whether `entry` is a `.yml` file, or a folder (not hidden) with a YAML file in it that is
    not a flow test (tests are read when named, wherever they are)."""
    try:
        if entry.name.endswith(".yml"):
            return entry.is_file()
        if not entry.is_dir() or entry.name.startswith("."):
            return False
        names = os.listdir(entry.path)  # noqa: PTH208 - names, not a Path per file
    except OSError:  # a link loop, a folder that cannot be read: `yaml_files` reports what it lists
        return False
    return any(name.endswith(".yml") for name in names) or bool(yaml_names(Path(entry.path)))
