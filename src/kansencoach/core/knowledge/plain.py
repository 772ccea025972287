"""The knowledge base and its two indexes as plain data, for the cache, and back without re-indexing.

Two parts: `search` (knowledge/search.py: what `kb search` needs, readable without pydantic) and
`full`, the rest, as one marshal string that only a full load decodes.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from kansencoach.core.common.cache import BROKEN, construct
from kansencoach.core.knowledge import search
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.matcher import Matcher

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Imported where a model is first asked for (see _Cached).
    from kansencoach.core.knowledge.models import (
        Indicator,
        Intervention,
        SourceDocument,
        Synonyms,
        Vocabulary,
    )

EntryT = TypeVar("EntryT", "Intervention", "Indicator")
PartT = TypeVar("PartT")
_FULL_PARTS = {
    "vocabulary",
    "paths",
    "shipped_ids",
    "replaced",
    "indicators_path",
    "documents",
    "order",
    "indicators",
    "indicator_order",
}
"""What `to_plain` keeps in `full`."""


def to_plain(knowledge: KnowledgeBase) -> dict[str, Any]:
    """Everything `from_plain` needs, in dicts, lists, strings and bytes (the indexes are built here)."""
    searchable = search.Searchable(knowledge.matcher, knowledge.names, knowledge.problems)
    words = (knowledge.synonyms.groups, sorted(knowledge.stopwords), knowledge.places)
    full = {
        "vocabulary": knowledge.vocabulary.model_dump(),
        "paths": {key: str(path) for key, path in knowledge.paths.items()},
        "shipped_ids": sorted(knowledge.shipped_ids),
        "replaced": {key: str(path) for key, path in knowledge.replaced.items()},
        "indicators_path": str(knowledge.indicators_path) if knowledge.indicators_path else None,
        "documents": {key: document.model_dump() for key, document in knowledge.documents.items()},
        "order": _order(knowledge.matcher, [item.id for item in knowledge.interventions]),
        "indicators": search.matcher_to_plain(knowledge.indicator_matcher),
        "indicator_order": _order(knowledge.indicator_matcher, [item.id for item in knowledge.indicators]),
    }
    assert set(full) == _FULL_PARTS
    return {"search": search.to_plain(searchable, words), "full": marshal.dumps(full)}


def from_plain(data: dict[str, Any], rebuild: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """The knowledge base `to_plain` saved, its matchers ready and its models made when first asked
    for; KeyError, TypeError or ValueError if it is not that. A model that cannot be made from the
    data when asked for (a damaged cache) is taken from `rebuild`, which reads the files again."""
    searchable, normalizer = search.from_plain(data["search"])
    full = marshal.loads(data["full"])
    if not isinstance(full, dict) or set(full) != _FULL_PARTS:
        raise KeyError("the cache holds other parts than a knowledge base's")
    groups, stopwords, places = data["search"]["words"]
    indicator_matcher = search.matcher_from_plain(
        full["indicators"], searchable.names, normalizer, "Indicator"
    )
    knowledge = _Cached.__new__(_Cached)
    # The fields that need no model, then the cached properties, filled from the cache instead of
    # being built again.
    knowledge.__dict__.update(
        stopwords=frozenset(stopwords),
        places=dict(places),
        paths={key: Path(path) for key, path in full["paths"].items()},
        problems=searchable.problems,
        shipped_ids=frozenset(full["shipped_ids"]),
        replaced={key: Path(path) for key, path in full["replaced"].items()},
        indicators_path=Path(full["indicators_path"]) if full["indicators_path"] else None,
        normalizer=normalizer,
        names=searchable.names,
        matcher=searchable.matcher,
        indicator_matcher=indicator_matcher,
        _full=full,
        _groups=groups,
        _rebuild=rebuild,
    )
    return knowledge


def _or_rebuilt(make: Callable[[_Cached], PartT]) -> cached_property[PartT]:
    """A cached property made from the cache's data by `make`, or when the data is not of the shape
    it should be, taken from the knowledge base read from its files (never a traceback later on)."""

    def made(knowledge: _Cached) -> PartT:
        try:
            return make(knowledge)
        except BROKEN:
            part: PartT = getattr(knowledge._rebuilt, make.__name__)
            return part

    made.__name__, made.__doc__ = make.__name__, make.__doc__
    return cached_property(made)


class _Cached(KnowledgeBase):
    """A knowledge base from the cache whose models are made when one is first asked for: the start
    screen needs its matchers and problems only, and making a model imports pydantic (a tenth of a
    second and 15 MiB), so a start from a current cache makes none.

    Not a dataclass of its own: the fields, their order and equality stay KnowledgeBase's; each field
    that holds models is a cached property over the plain data `from_plain` keeps."""

    _full: dict[str, Any]
    _groups: list[list[str]]
    _rebuild: Callable[[], KnowledgeBase]

    @cached_property
    def _rebuilt(self) -> KnowledgeBase:
        """The knowledge base read from its files: what a model the data cannot make is taken from."""
        return self._rebuild()

    @_or_rebuilt
    def vocabulary(self) -> Vocabulary:
        from kansencoach.core.knowledge.models import Vocabulary

        return construct(Vocabulary, self._full["vocabulary"])

    @_or_rebuilt
    def synonyms(self) -> Synonyms:
        from kansencoach.core.knowledge.models import Synonyms

        return construct(Synonyms, {"groups": self._groups})

    @_or_rebuilt
    def interventions(self) -> tuple[Intervention, ...]:
        from kansencoach.core.knowledge.models import Intervention

        return _models(self.matcher, self._full["order"], Intervention)

    @_or_rebuilt
    def indicators(self) -> tuple[Indicator, ...]:
        from kansencoach.core.knowledge.models import Indicator

        return _models(self.indicator_matcher, self._full["indicator_order"], Indicator)

    @_or_rebuilt
    def documents(self) -> dict[str, SourceDocument]:
        from kansencoach.core.knowledge.models import SourceDocument

        return {key: construct(SourceDocument, value) for key, value in self._full["documents"].items()}


def _models(matcher: Matcher, order: list[int], kind: type[EntryT]) -> tuple[EntryT, ...]:
    """The matcher's entries' models in the knowledge base's `order`."""
    made = tuple(item for item in map(matcher.entries.item, order) if isinstance(item, kind))
    if len(made) != len(order):
        raise TypeError(f"the cache holds other entries than {kind.__name__}")
    return made


def _order(matcher: Matcher, ids: list[str]) -> list[int]:
    """Where each of `ids` sits among the matcher's entries (which are in id order)."""
    position = {facts.id: doc for doc, facts in enumerate(matcher.entries.facts)}
    return [position[key] for key in ids]
