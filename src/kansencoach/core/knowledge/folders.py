"""The knowledge base as the app and the CLI get it: built from the shipped folder (or another) and
the team's own folders, through the cache in the user's cache dir, so that a start or a `kb search`
with nothing changed reads one file and makes no model."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple

from kansencoach import locations
from kansencoach.core.common.problems import distinct
from kansencoach.core.knowledge.layout import (
    SYNONYMS_FILE,
    VOCABULARY_FILE,
    intervention_paths,
    own_knowledge_files,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Imported where they are loaded: a `kb search` from a current cache needs none of the models.
    from kansencoach.core.knowledge.base import KnowledgeBase
    from kansencoach.core.knowledge.search import Searchable


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """The knowledge base: the shipped one (or `directory`), with the user's interventions added.

    A user intervention with a shipped id replaces it. A broken user file is left out and its
    problems are kept in `KnowledgeBase.problems`, so one mistake does not stop the suggestions.
    """
    return _load_kb(directory, tuple(locations.user_knowledge_dirs()))


def load_search() -> Searchable:
    """What `kb search` needs of `load_kb()`: from a current cache without making a single model."""
    return _load_search(tuple(locations.user_knowledge_dirs()))


def forget_loaded_knowledge() -> None:
    """Drop the knowledge bases loaded so far, so the next load reads the cache or the files again."""
    _load_kb.cache_clear()
    _load_search.cache_clear()


class _KnowledgeFiles(NamedTuple):
    """The files a knowledge base is built from, and the cache entry built from them."""

    directory: Path
    interventions: list[str]
    vocabularies: list[Path]
    synonyms: list[Path]
    cache_file: Path
    shelf_file: Path
    """The user's interventions one by one, so that a change to one file reads only that file again."""

    @property
    def sources(self) -> list[str | Path]:
        own: list[str | Path] = [*self.interventions, *self.vocabularies, *self.synonyms]
        return [*self.directory.rglob("*.yaml"), *own, *_code_files()]


def _knowledge_files(directory: Path | None, user_dirs: tuple[Path, ...]) -> _KnowledgeFiles:
    from kansencoach.core.common.cache import name_for

    directory = directory or locations.shipped_knowledge_dir()
    key = name_for(repr((str(directory), [str(path) for path in user_dirs])))
    return _KnowledgeFiles(
        directory,
        # All user folders at once, least important first, so an id in two of them is reported.
        [path for user_dir in reversed(user_dirs) for path in intervention_paths(user_dir)],
        own_knowledge_files(VOCABULARY_FILE, user_dirs),
        own_knowledge_files(SYNONYMS_FILE, user_dirs),
        locations.cache_dir() / f"knowledge-{key}.marshal",
        locations.cache_dir() / f"interventions-{key}.marshal",
    )


@lru_cache(maxsize=4)
def _load_search(user_dirs: tuple[Path, ...]) -> Searchable:
    from kansencoach.core.common import cache
    from kansencoach.core.knowledge import search

    files = _knowledge_files(None, user_dirs)
    with cache.no_cyclic_gc():
        cached = cache.load(files.cache_file, files.sources)
        if cached is not None:
            with contextlib.suppress(*cache.BROKEN):
                return search.from_plain(cached["search"])[0]
    knowledge = _load_kb(None, user_dirs)
    return search.Searchable(knowledge.matcher, knowledge.names, knowledge.problems)


@lru_cache(maxsize=4)
def _load_kb(directory: Path | None, user_dirs: tuple[Path, ...]) -> KnowledgeBase:
    from kansencoach.core.common import cache
    from kansencoach.core.knowledge import plain

    files = _knowledge_files(directory, user_dirs)
    with cache.no_cyclic_gc():
        cached = cache.load(files.cache_file, files.sources)
        if cached is not None:
            with contextlib.suppress(*cache.BROKEN):
                return plain.from_plain(cached, partial(_built_kb, files))
        return _built_kb(files)


def _built_kb(files: _KnowledgeFiles) -> KnowledgeBase:
    """The knowledge base read from its files, and cached."""
    from kansencoach.core.common import cache
    from kansencoach.core.knowledge import plain

    with cache.no_cyclic_gc():
        # Only now: reading the files needs pydantic and PyYAML, a current cache neither.
        from kansencoach.core.knowledge.loading import load_knowledge, with_user_files
        from kansencoach.core.knowledge.own import with_own_words

        knowledge = with_own_words(load_knowledge(files.directory), files.vocabularies, files.synonyms)
        if files.interventions:
            shelf = cache.Shelf(files.shelf_file, _code_files())
            knowledge = with_user_files(knowledge, [Path(path) for path in files.interventions], shelf)
            shelf.save()
            del shelf  # ten thousand files' entries, not needed while the cache is written
        knowledge = replace(knowledge, problems=tuple(distinct(knowledge.problems)))
        cache.store(files.cache_file, files.sources, plain.to_plain(knowledge))
    return knowledge


_CODE_SHAPING_KNOWLEDGE = (
    "common/cache.py",
    "common/file_kinds.py",
    "dutch/normalize.py",
    *(
        f"knowledge/{name}.py"
        for name in ("base", "entries", "index", "loading", "matcher", "models", "own", "plain", "search")
    ),
)
"""The modules that shape a cached knowledge base, under core/: a change to one makes the cache stale."""


def _code_files() -> list[Path]:
    # By path, not by importing them: a search from the cache must not import the models.
    core = Path(__file__).parent.parent
    return [core / name for name in _CODE_SHAPING_KNOWLEDGE]
