"""The review rules kept as plain data (core.common.cache) while their files and code are unchanged.

Only the rules of one file and its word lists are kept; the team's own rules are added to them
afterwards (`own.add_rules`), never cached, so a mistake in an own file is always reported afresh.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from kansencoach.core.common import cache
from kansencoach.core.draft.review import references, rules
from kansencoach.core.draft.review.rules import RuleBook


def load_cached(path: Path, cache_file: Path) -> RuleBook:
    """The rules in `path` with the word lists beside it, from `cache_file` while they are current;
    ProblemsError as `rules.load_rules` raises it."""
    core = Path(__file__).parents[2]
    code = [
        *Path(__file__).parent.glob("*.py"),
        *(core / "common").glob("*.py"),
        core / "knowledge" / "models.py",
    ]
    sources = [path, path.parent / references.WORDS_FILE, *code]
    plain = cache.load(cache_file, sources)
    if plain is not None:
        with contextlib.suppress(*cache.BROKEN):
            book = cache.from_tagged(plain, cache.model_classes(rules))
            if isinstance(book, RuleBook):
                return book
    book = rules.load_rules(path)
    cache.store(cache_file, sources, cache.to_tagged(book))
    return book
