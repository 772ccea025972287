"""The aanjaagteam's own vocabulary and synonyms, added to the shipped ones.

An own file that is broken, or that gives a value an id the shipped vocabulary already has, is left
out whole with its problems: the shipped lists keep working.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from pydantic import Field

from kansencoach.core.common.authored import StrictModel
from kansencoach.core.common.problems import Problem, ProblemsError
from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.yamlsource import read_document
from kansencoach.core.knowledge.models import Synonyms, Term, Vocabulary
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.knowledge.base import KnowledgeBase

OWN_LISTS = ("domains", "wie", "waar")
"""The vocabulary lists a team may add to; perspectives and evidence levels are the method's own."""


class OwnVocabulary(StrictModel):
    """Extra values for the vocabulary's lists, in a team's own `vocabulary.yaml`."""

    domains: list[Term] = Field([])
    wie: list[Term] = Field([])
    waar: list[Term] = Field([])


def add_vocabulary(vocabulary: Vocabulary, paths: Iterable[Path]) -> tuple[Vocabulary, list[Problem]]:
    """`vocabulary` with the values of each own file in `paths` added, and the problems of the
    files that were left out."""
    problems: list[Problem] = []
    for path in paths:
        try:
            document = read_document(path)
            own = validate(OwnVocabulary, document.data, document.position)
        except ProblemsError as error:
            problems.extend(error.problems)
            continue
        clashes = [
            Problem(
                document.position((name, index, "id")),
                t("kb.own_term_clash", id=term.id, list=name),
                t("kb.own_term_clash_hint"),
            )
            for name in OWN_LISTS
            for index, term in enumerate(getattr(own, name))
            if term.id in {known.id for known in getattr(vocabulary, name)}
        ]
        if clashes:
            problems.extend(clashes)
            continue
        added = {name: [*getattr(vocabulary, name), *getattr(own, name)] for name in OWN_LISTS}
        vocabulary = vocabulary.model_copy(update=added)
    return vocabulary, problems


def add_synonyms(synonyms: Synonyms, paths: Iterable[Path]) -> tuple[Synonyms, list[Problem]]:
    """`synonyms` with the groups of each own file in `paths` added, and the problems of the files
    that were left out."""
    problems: list[Problem] = []
    groups = list(synonyms.groups)
    for path in paths:
        try:
            document = read_document(path)
            groups += validate(Synonyms, document.data, document.position).groups
        except ProblemsError as error:
            problems.extend(error.problems)
    return Synonyms(groups=groups), problems


def with_own_words(
    knowledge: KnowledgeBase, vocabulary_files: Iterable[Path], synonym_files: Iterable[Path]
) -> KnowledgeBase:
    """`knowledge` with the own vocabulary values and synonym groups added; the problems of own
    files that were left out are added to its problems."""
    vocabulary, vocabulary_problems = add_vocabulary(knowledge.vocabulary, vocabulary_files)
    synonyms, synonym_problems = add_synonyms(knowledge.synonyms, synonym_files)
    problems = (*knowledge.problems, *vocabulary_problems, *synonym_problems)
    return replace(knowledge, vocabulary=vocabulary, synonyms=synonyms, problems=problems)
