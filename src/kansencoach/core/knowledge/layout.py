"""The layout of a knowledge folder: where its interventions, its source list and its own files are."""

from __future__ import annotations

import os
from pathlib import Path

from kansencoach import locations
from kansencoach.core.common.folders import yaml_names

INTERVENTIONS_DIR = "interventions"
SOURCES_FILE = "sources.yaml"
VOCABULARY_FILE, SYNONYMS_FILE, REVIEW_FILE = "vocabulary.yaml", "synonyms.yaml", "review.yaml"
"""The files a team may add to in its own folders (added to the shipped ones)."""
SHIPPED_ONLY_FILES = frozenset({"stopwords.yaml", "indicators.yaml"})
"""The knowledge base's files that only the shipped folder's count: in a team's folder nothing reads them."""
KNOWLEDGE_FILES = frozenset({VOCABULARY_FILE, SYNONYMS_FILE, REVIEW_FILE, *SHIPPED_ONLY_FILES})
"""The knowledge base's own files; any other YAML file in a user's knowledge folder is an intervention."""


def own_knowledge_files(name: str, user_dirs: tuple[Path, ...] | None = None) -> list[Path]:
    """The team's own `name` (its vocabulary, synonyms or review file) in the user's knowledge
    folders, least important first."""
    user_dirs = tuple(locations.user_knowledge_dirs()) if user_dirs is None else user_dirs
    return [directory / name for directory in reversed(user_dirs) if (directory / name).is_file()]


def user_intervention_files(directory: Path) -> list[Path]:
    """The interventions in a user's knowledge folder: in `interventions/`, or directly in the folder
    (where a new author often saves them), except the knowledge base's own files."""
    return [Path(path) for path in intervention_paths(directory)]


def intervention_paths(directory: Path) -> list[str]:
    """`user_intervention_files` as strings: a search lists thousands of them, and checks each
    against the cache, without needing a Path of any."""
    inside = directory / INTERVENTIONS_DIR
    loose = [name for name in yaml_names(directory) if name not in KNOWLEDGE_FILES]
    return [
        *(f"{inside}{os.sep}{name}" for name in yaml_names(inside)),
        *(f"{directory}{os.sep}{name}" for name in loose),
    ]
