"""The knowledge base as `kb search` needs it: the matcher, the vocabulary's names and the problems of
left-out files, to and from plain data without pydantic.

The cache keeps this part apart from the full knowledge base (knowledge/plain.py), so a search from a
current cache imports no model and decodes none: each entry's model is stored as its own marshal
string and made only when asked for.
"""

from __future__ import annotations

import functools
import marshal
from collections.abc import Mapping
from typing import Any, NamedTuple

from kansencoach.core.common.problems import Position, Problem
from kansencoach.core.dutch.normalize import Normalizer
from kansencoach.core.knowledge.entries import Entries, Facts, Names
from kansencoach.core.knowledge.index import Index
from kansencoach.core.knowledge.matcher import Matcher

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.knowledge.entries import Entry


class Searchable(NamedTuple):
    """What a search needs of the knowledge base."""

    matcher: Matcher
    names: Names
    problems: tuple[Problem, ...]
    """Problems in user files that were left out."""


Words = tuple[list[list[str]], list[str], dict[str, str]]
"""The normaliser's synonym groups, stopwords and places."""


def to_plain(searchable: Searchable, words: Words) -> dict[str, Any]:
    """`searchable` as plain data."""
    return {
        "words": words,
        "normalizer": searchable.matcher.normalizer.to_plain(),
        "names": searchable.names.to_plain(),
        "problems": [
            (p.position.path, p.position.line, p.position.column, p.message, p.hint, p.code, p.detail)
            for p in searchable.problems
        ],
        "matcher": matcher_to_plain(searchable.matcher),
    }


def from_plain(data: Mapping[str, Any]) -> tuple[Searchable, Normalizer]:
    """The searchable part `to_plain` saved, and its normaliser; KeyError, TypeError or ValueError
    if it is not that."""
    groups, stopwords, places = data["words"]
    # The knowledge base reads these texts later, unchecked, and a search not at all: checked here.
    texts = [*(word for group in groups for word in group), *stopwords, *places, *places.values()]
    if not all(isinstance(text, str) for text in texts):
        raise TypeError("the cache's synonyms, stopwords or places are not all texts")
    normalizer = Normalizer.from_plain(data["normalizer"])
    names = Names.from_plain(data["names"])
    problems = tuple(Problem(Position(*row[:3]), *row[3:]) for row in data["problems"])
    matcher = matcher_from_plain(data["matcher"], names, normalizer, "Intervention")
    return Searchable(matcher, names, problems), normalizer


def matcher_to_plain(matcher: Matcher) -> dict[str, Any]:
    """A matcher's index, its entries' facts, and each entry's texts and model as one marshal string
    of its own (read only for an entry that is shown)."""
    entries = matcher.entries
    shared: dict[Any, Any] = {}
    # Equal facet values as one object: marshal then writes each once and refers back to it.
    facts = [tuple(shared.setdefault(part, part) for part in facts) for facts in entries.facts]
    return {
        "index": matcher.index.to_plain(),
        "facts": facts,
        "entries": [
            marshal.dumps((tuple(entries.fields(doc).values()), entries.item(doc).model_dump()))
            for doc in range(len(entries))
        ],
    }


def matcher_from_plain(data: Mapping[str, Any], names: Names, normalizer: Normalizer, kind: str) -> Matcher:
    """The matcher `matcher_to_plain` saved; `kind` names the model class its entries are made of
    (`Intervention`, `Indicator`), made only for an entry someone asks for."""
    stored: list[bytes] = data["entries"]

    @functools.cache
    def read(doc: int) -> tuple[tuple[str, ...], dict[str, Any]]:
        texts, dump = marshal.loads(stored[doc])
        return texts, dump

    def model(doc: int) -> Entry:
        from kansencoach.core.common.cache import construct
        from kansencoach.core.knowledge import models as shapes

        made: Entry = construct(getattr(shapes, kind), read(doc)[1])
        return made

    facts = list(map(Facts._make, data["facts"]))
    index = Index.from_plain(data["index"], normalizer)
    if not len(facts) == len(stored) == index.size:
        raise ValueError("facts, entries and index do not pair up")
    return Matcher(Entries(facts, lambda doc: read(doc)[0], model), names, normalizer, index)
