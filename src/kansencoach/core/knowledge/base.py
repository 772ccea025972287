"""The knowledge base: vocabulary, interventions and indicators, and the matchers built over them.

Importing this module imports no pydantic (models are imported for type checking only): a knowledge
base from the cache (knowledge/plain.py) makes its models only when one is asked for, so a start from
a current cache needs none. Reading and checking the files is knowledge/loading.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kansencoach.core.common.problems import Problem
from kansencoach.core.dutch.normalize import Normalizer, words
from kansencoach.core.knowledge.entries import Entries, Names
from kansencoach.core.knowledge.matcher import Matcher
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.knowledge.models import (
        Accepted,
        Indicator,
        Intervention,
        SourceDocument,
        SourceRef,
        Synonyms,
        Vocabulary,
    )


def _no_synonyms() -> Synonyms:
    from kansencoach.core.knowledge.models import Synonyms  # only for a base made without any

    return Synonyms()


@dataclass(frozen=True)
class KnowledgeBase:
    vocabulary: Vocabulary
    interventions: tuple[Intervention, ...]
    synonyms: Synonyms = field(default_factory=_no_synonyms)
    stopwords: frozenset[str] = frozenset()
    places: dict[str, str] = field(default_factory=dict, compare=False)
    """Place name → the `waar` value it stands for."""
    paths: dict[str, Path] = field(default_factory=dict, compare=False)
    indicators: tuple[Indicator, ...] = ()
    problems: tuple[Problem, ...] = ()
    """Problems in user files that were left out."""
    shipped_ids: frozenset[str] = frozenset()
    indicators_path: Path | None = None
    documents: dict[str, SourceDocument] = field(default_factory=dict, compare=False)
    """The source documents quotes are checked against, by their short name."""
    replaced: dict[str, Path] = field(default_factory=dict, compare=False)
    """The shipped file each own intervention with a shipped id replaces, by that id."""

    @cached_property
    def normalizer(self) -> Normalizer:
        return Normalizer(self.synonyms.groups, self.stopwords, self.places)

    @cached_property
    def empty_words(self) -> frozenset[str]:
        """Words that say nothing about what a text is about: the stopwords and the words of the
        place names (the review's check that an indicator measures the goal passes over them)."""
        return self.stopwords | {word for place in self.places for word in words(place)}

    @cached_property
    def names(self) -> Names:
        """The vocabulary as search uses it."""
        return Names.of(self.vocabulary)

    @cached_property
    def matcher(self) -> Matcher:
        """The index over the interventions, built once and shared by suggestions and the review."""
        return Matcher(Entries.of_items(self.interventions, self.names), self.names, self.normalizer)

    @cached_property
    def indicator_matcher(self) -> Matcher:
        """The index over the indicators, for the monitoring steps."""
        return Matcher(Entries.of_items(self.indicators, self.names), self.names, self.normalizer)

    @cached_property
    def by_id(self) -> dict[str, Intervention]:
        return {intervention.id: intervention for intervention in self.interventions}

    def evidence_label(self, level: str) -> str:
        return next((term.label for term in self.vocabulary.evidence if term.id == level), level)

    def cited(self, sources: Iterable[SourceRef]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Sources as the officer reads them: each document once, by its title, with the sections
        cited from it (in the order first cited); those checked against the source documents apart
        from the public ones that were not. An entry's facts often quote one document in several
        sections; named once per section it read as a repeated list. Kept apart, the public ones
        are said to be unchecked once, not after each of them."""
        places: dict[tuple[str, bool], list[str]] = {}
        for source in sources:
            known = self.documents.get(source.document)
            sections = places.setdefault((known.title if known else source.document, source.checked), [])
            section = known.section_label(source.section) if known and source.section else source.section
            if section and section not in sections:
                sections.append(section)
        checked: list[str] = []
        public: list[str] = []
        for (title, was_checked), sections in places.items():
            label = t("kb.cited", document=title, sections=", ".join(sections)) if sections else title
            (checked if was_checked else public).append(label)
        return tuple(checked), tuple(public)

    def accepted(self, ids: Iterable[str]) -> list[Accepted]:
        """The accepted interventions as the draft shows them; unknown ids are left out."""
        from kansencoach.core.knowledge.models import Accepted  # the models exist by now

        result = []
        for key in ids:
            item = self.by_id.get(key)
            if item is not None:
                evidence = self.evidence_label(item.evidence.level)
                checked, public = self.cited(item.sources)
                result.append(Accepted(item.id, item.name, item.summary, evidence, checked, public))
        return result
