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
