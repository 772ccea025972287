"""The knowledge base and its two indexes as plain data, for the cache, and back without re-indexing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kansencoach.core.common.cache import construct
from kansencoach.core.common.problems import Position, Problem
from kansencoach.core.knowledge.base import KnowledgeBase, Synonyms
from kansencoach.core.knowledge.index import Index
from kansencoach.core.knowledge.matcher import Matcher
from kansencoach.core.knowledge.models import Indicator, Intervention, SourceDocument, Vocabulary


def to_plain(knowledge: KnowledgeBase) -> dict[str, Any]:
    """Everything `from_plain` needs, in dicts, lists, strings and bytes (the indexes are built here)."""
    return {
        "vocabulary": knowledge.vocabulary.model_dump(),
        "interventions": [item.model_dump() for item in knowledge.interventions],
        "synonyms": knowledge.synonyms.model_dump(),
        "stopwords": sorted(knowledge.stopwords),
        "places": knowledge.places,
        "paths": {key: str(path) for key, path in knowledge.paths.items()},
        "indicators": [item.model_dump() for item in knowledge.indicators],
        "problems": [
            (p.position.path, p.position.line, p.position.column, p.message, p.hint, p.code, p.detail)
            for p in knowledge.problems
        ],
        "shipped_ids": sorted(knowledge.shipped_ids),
        "indicators_path": str(knowledge.indicators_path) if knowledge.indicators_path else None,
        "documents": {key: document.model_dump() for key, document in knowledge.documents.items()},
        "matcher": knowledge.matcher.index.to_plain(),
        "indicator_matcher": knowledge.indicator_matcher.index.to_plain(),
    }


def from_plain(data: dict[str, Any]) -> KnowledgeBase:
    """The knowledge base `to_plain` saved, its matchers ready; KeyError or TypeError if it is not that."""
    knowledge = KnowledgeBase(
        construct(Vocabulary, data["vocabulary"]),
        tuple(construct(Intervention, item) for item in data["interventions"]),
        construct(Synonyms, data["synonyms"]),
        frozenset(data["stopwords"]),
        dict(data["places"]),
        {key: Path(path) for key, path in data["paths"].items()},
        tuple(construct(Indicator, item) for item in data["indicators"]),
        tuple(Problem(Position(*row[:3]), *row[3:]) for row in data["problems"]),
        frozenset(data["shipped_ids"]),
        Path(data["indicators_path"]) if data["indicators_path"] else None,
        {key: construct(SourceDocument, value) for key, value in data["documents"].items()},
    )
    # The matchers are cached properties; the cached indexes fill them without indexing again.
    for name, items in (("matcher", knowledge.interventions), ("indicator_matcher", knowledge.indicators)):
        index = Index.from_plain(data[name], knowledge.normalizer)
        knowledge.__dict__[name] = Matcher(items, knowledge.vocabulary, knowledge.normalizer, index)
    return knowledge
