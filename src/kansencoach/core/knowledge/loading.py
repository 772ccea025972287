"""Reading and checking the knowledge base's files: vocabulary, word lists and one file per intervention.

Like flows, every problem in every file is collected and reported at once as `path:line:col`, with
the nearest valid value when a name is close to one.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import BaseModel

from kansencoach.core.common.cache import BROKEN, Shelf, construct
from kansencoach.core.common.file_kinds import misplaced
from kansencoach.core.common.problems import Position, Problem, ProblemsError, did_you_mean
from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.templates import leftovers
from kansencoach.core.common.yamlsource import Document, Loc, read_document
from kansencoach.core.dutch.normalize import words
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.layout import INTERVENTIONS_DIR, SOURCES_FILE
from kansencoach.core.knowledge.models import (
    IndicatorCatalogue,
    Intervention,
    SourceCatalogue,
    Stopwords,
    Synonyms,
    Vocabulary,
)
from kansencoach.i18n import t

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_knowledge(directory: Path) -> KnowledgeBase:
    """The knowledge base in `directory`; ProblemsError with every problem in every file."""
    problems: list[Problem] = []

    def read(model: type[ModelT], path: Path) -> tuple[ModelT | None, Document | None]:
        try:
            document = read_document(path)
            return validate(model, document.data, document.position), document
        except ProblemsError as error:
            problems.extend(error.problems)
            return None, None

    vocabulary, _ = read(Vocabulary, directory / "vocabulary.yaml")
    synonyms = stopwords = stopwords_document = catalogue = catalogue_document = documents = None
    if (directory / SOURCES_FILE).exists():
        documents, _ = read(SourceCatalogue, directory / SOURCES_FILE)
    if (directory / "indicators.yaml").exists():
        catalogue, catalogue_document = read(IndicatorCatalogue, directory / "indicators.yaml")
    if (directory / "synonyms.yaml").exists():
        synonyms, _ = read(Synonyms, directory / "synonyms.yaml")
    if (directory / "stopwords.yaml").exists():
        stopwords, stopwords_document = read(Stopwords, directory / "stopwords.yaml")
    loaded: list[tuple[Intervention, Document]] = []
    for path in sorted((directory / INTERVENTIONS_DIR).glob("*.yaml")):
        intervention, document = read(Intervention, path)
        if intervention is not None and document is not None:
            loaded.append((intervention, document))
    if vocabulary is not None:
        problems.extend(_cross_checks(loaded, vocabulary, set()))
        if catalogue is not None and catalogue_document is not None:
            problems.extend(_indicator_checks(catalogue, catalogue_document, vocabulary))
        if stopwords is not None and stopwords_document is not None:
            allowed = [term.id for term in vocabulary.waar]
            problems.extend(
                _not_in_vocabulary(stopwords_document, ("places", waar), waar, "waar", allowed)
                for waar in stopwords.places
                if waar not in allowed
            )
    if problems or vocabulary is None:
        raise ProblemsError(sorted(problems, key=lambda problem: problem.position))
    return KnowledgeBase(
        vocabulary,
        tuple(intervention for intervention, _ in loaded),
        synonyms or Synonyms(),
        frozenset(word.lower() for word in (stopwords.words if stopwords else [])),
        {name: waar for waar, names in (stopwords.places if stopwords else {}).items() for name in names},
        {intervention.id: Path(document.path) for intervention, document in loaded},
        tuple(catalogue.indicators) if catalogue else (),
        (),
        frozenset(intervention.id for intervention, _ in loaded),
        directory / "indicators.yaml" if catalogue else None,
        {document.id: document for document in documents.documents} if documents else {},
    )


def with_user_files(knowledge: KnowledgeBase, files: list[Path], shelf: Shelf | None = None) -> KnowledgeBase:
    """`knowledge` with the interventions in `files` added or replacing those with their id.

    With a `shelf`, a file that read without problems before and has not changed since is not read
    again: its intervention comes from the shelf (checks across files are made every time).
    """
    loaded, problems = _checked(files, knowledge, shelf)
    broken = {problem.position.path for problem in problems}
    added: dict[str, Intervention] = {}
    paths = dict(knowledge.paths)
    replaced = dict(knowledge.replaced)
    for item, document in loaded:
        if document.path in broken:
            continue
        added[item.id] = item
        if item.id in knowledge.shipped_ids and item.id not in replaced:
            replaced[item.id] = paths[item.id]
        paths[item.id] = Path(document.path)
    kept = tuple(item for item in knowledge.interventions if item.id not in added)
    return replace(
        knowledge,
        interventions=kept + tuple(added.values()),
        paths=paths,
        replaced=replaced,
        problems=knowledge.problems + tuple(problems),
    )


def check_files(paths: Iterable[Path], context: KnowledgeBase) -> list[Problem]:
    """Every problem in intervention files checked against a knowledge base (vocabulary, ids)."""
    return _checked(paths, context)[1]


class _Located(Protocol):
    """A file's path, and where a value is in it."""

    @property
    def path(self) -> str: ...
    def position(self, loc: Loc) -> Position: ...


class _Reread:
    """Where values are in a file whose data is at hand: the file is parsed again only when a problem
    must point into it, so thousands of files' positions are never held at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._document: Document | None = None

    def position(self, loc: Loc) -> Position:
        if self._document is None:
            try:
                self._document = read_document(Path(self.path))
            except ProblemsError:  # changed since it was read: its start is the best there is
                return Position(self.path, 1, 1)
        return self._document.position(loc)


def _checked(
    paths: Iterable[Path], context: KnowledgeBase, shelf: Shelf | None = None
) -> tuple[list[tuple[Intervention, _Located]], list[Problem]]:
    """The interventions in `paths` that read, and every problem in them (each file is read once)."""
    problems: list[Problem] = []
    loaded: list[tuple[Intervention, _Located]] = []
    for path in paths:
        stored = shelf.get(str(path)) if shelf is not None else None
        cached = _from_entry(stored)
        if cached is not None:
            loaded.append((cached, _Reread(str(path))))
            continue
        try:
            document = read_document(path, t("yaml.empty_hint_intervention", id=path.stem))
            elsewhere = misplaced(document.data, document.position(()), "intervention")
            if elsewhere is not None:
                raise ProblemsError([elsewhere])
            intervention = validate(Intervention, document.data, document.position)
            found = leftovers(document, "intervention.yaml")
        except ProblemsError as error:
            problems.extend(error.problems)
            continue
        loaded.append((intervention, _Reread(str(path))))
        problems += found
        if shelf is not None and not found:
            # As bytes: ten thousand of them cost a tenth of the memory the dicts would.
            shelf.put(str(path), [path], marshal.dumps(intervention.model_dump()))
    problems += _cross_checks(loaded, context.vocabulary, set(context.by_id))
    return loaded, sorted(problems, key=lambda problem: problem.position)


def _from_entry(stored: object) -> Intervention | None:
    """The intervention a shelf entry holds, or None when it holds something else (read again)."""
    try:
        dump = marshal.loads(stored) if isinstance(stored, bytes) else None
        return construct(Intervention, dump) if isinstance(dump, dict) else None
    except BROKEN:
        return None


def _cross_checks(
    loaded: Sequence[tuple[Intervention, _Located]], vocabulary: Vocabulary, other_ids: set[str]
) -> list[Problem]:
    """Checks across files: unique ids matching file names, vocabulary values, related ids.

    `other_ids` are the ids of interventions elsewhere that `related` may also name.
    """
    problems: list[Problem] = []
    first: dict[str, _Located] = {}
    for intervention, document in loaded:
        stem = Path(document.path).stem
        if intervention.id in first:
            other = first[intervention.id].position(("id",))
            problems.append(
                Problem(
                    document.position(("id",)),
                    t("kb.duplicate_id", id=intervention.id, other=other),
                    t("kb.duplicate_id_hint"),
                )
            )
        first.setdefault(intervention.id, document)
        if stem != intervention.id:
            problems.append(
                Problem(
                    document.position(("id",)),
                    t("kb.id_not_file", id=intervention.id, file=stem),
                    t("kb.id_not_file_hint"),
                )
            )
    known = set(first) | other_ids
    lists = {
        "domains": [term.id for term in vocabulary.domains],
        "wie": [term.id for term in vocabulary.wie],
        "waar": [term.id for term in vocabulary.waar],
    }
    levels = [term.id for term in vocabulary.evidence]
    for intervention, document in loaded:
        for name, allowed in lists.items():
            values: Iterable[str] = getattr(intervention, name)
            for index, value in enumerate(values):
                if value not in allowed:
                    problems.append(_not_in_vocabulary(document, (name, index), value, name, allowed))
        if intervention.evidence.level not in levels:
            problems.append(
                _not_in_vocabulary(
                    document, ("evidence", "level"), intervention.evidence.level, "evidence", levels
                )
            )
        for index, related in enumerate(intervention.related):
            if related not in known:
                hint = did_you_mean(related, known, t("kb.unknown_related_hint"))
                problems.append(
                    Problem(document.position(("related", index)), t("kb.unknown_related", id=related), hint)
                )
            elif related == intervention.id:
                problems.append(
                    Problem(
                        document.position(("related", index)),
                        t("kb.related_self"),
                        t("kb.unknown_related_hint"),
                    )
                )
        problems += _signal_problems(intervention.signals, document)
        for index, source in enumerate(intervention.sources):
            if not source.document.strip():
                problems.append(
                    Problem(
                        document.position(("sources", index)), t("kb.empty_source"), t("kb.empty_source_hint")
                    )
                )
    return problems


def _signal_problems(signals: Sequence[str], document: _Located) -> list[Problem]:
    """A signal without a word, or one that says what an earlier one says (case, accents and
    punctuation aside): search finds nothing more by it, and the author meant something else."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, signal in enumerate(signals):
        folded = " ".join(words(signal))
        position = document.position(("signals", index))
        if not folded:
            problems.append(Problem(position, t("kb.signal_empty"), t("kb.signal_empty_hint")))
        elif folded in first:
            line = document.position(("signals", first[folded])).line
            problems.append(
                Problem(
                    position, t("kb.signal_repeated", line=line, text=signal), t("kb.signal_repeated_hint")
                )
            )
        first.setdefault(folded, index)
    return problems


def _indicator_checks(
    catalogue: IndicatorCatalogue, document: Document, vocabulary: Vocabulary
) -> list[Problem]:
    path = Path(document.path)
    problems: list[Problem] = []
    seen: set[str] = set()
    lists = {name: [term.id for term in getattr(vocabulary, name)] for name in ("domains", "wie", "waar")}
    for index, indicator in enumerate(catalogue.indicators):
        if indicator.id in seen:
            problems.append(
                Problem(
                    document.position(("indicators", index, "id")),
                    t("kb.duplicate_id", id=indicator.id, other=path.name),
                    t("kb.duplicate_id_hint"),
                )
            )
        seen.add(indicator.id)
        for name, allowed in lists.items():
            for number, value in enumerate(getattr(indicator, name)):
                if value not in allowed:
                    problems.append(
                        _not_in_vocabulary(
                            document, ("indicators", index, name, number), value, name, allowed
                        )
                    )
    return problems


def _not_in_vocabulary(
    document: _Located, loc: tuple[str | int, ...], value: str, name: str, allowed: list[str]
) -> Problem:
    hint = did_you_mean(value, allowed, t("check.vocabulary_hint", values=", ".join(allowed)))
    return Problem(document.position(loc), t("kb.not_in_vocabulary", value=value, list=name), hint)
