"""Loading flow files: YAML with positions, `include` of blocks, schema and graph checks.

Every problem of a file (and of the blocks it includes) is collected and raised at once, each
pointing at `path:line:col`, so an author fixes them in one pass.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kansencoach import locations
from kansencoach.core.common.cache import no_cyclic_gc
from kansencoach.core.common.file_kinds import misplaced
from kansencoach.core.common.problems import Position, Problem, ProblemsError
from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.templates import leftovers
from kansencoach.core.common.yamlsource import Document, Loc, parse, read_text
from kansencoach.core.flows import checks as flowcheck
from kansencoach.core.flows.models import (
    AllocateStep,
    AnswerCondition,
    Block,
    Flow,
    GotoRule,
    InfoStep,
    Option,
    Section,
)
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.flows.checks import FacetValues
    from kansencoach.core.knowledge.models import Vocabulary

ModelT = TypeVar("ModelT", Flow, Block)

FLOW_FIELDS = frozenset(
    name
    for model in (Flow, Block, Section, Option, GotoRule, AnswerCondition, InfoStep, AllocateStep)
    for name in (field.alias or key for key, field in model.model_fields.items())
) | {
    "include",
    "options",
    "multiline",
    "placeholder",
    "min_selected",
    "max_selected",
    "min_items",
    "max_items",
    "min_label",
    "max_label",
    "integer",
    "unit",
    "all",
    "any",
    "not",
}


@dataclass(frozen=True)
class LoadedFlow:
    """A valid flow with what is needed to trace it back to its files."""

    flow: Flow
    path: Path
    digest: str
    step_positions: dict[str, Position]
    sources: tuple[Path, ...] = ()
    """Every file the flow was built from, and the block files whose absence it relied on (a cache
    entry of the flow goes stale when any of them changes)."""

    @property
    def id(self) -> str:
        return self.flow.id


class _Origin(NamedTuple):
    """Where a spliced step was written: its document and its loc there (a tuple: one per step)."""

    document: Document
    prefix: Loc


class _Assembler:
    """Splices included blocks into a flow's step list, remembering where each step came from."""

    def __init__(self, main: Document) -> None:
        self.main = main
        self.problems: list[Problem] = []
        self.origins: list[_Origin] = []
        self.block_texts: list[str] = []
        """The text of every included block, read once, for the flow's digest."""
        self.consulted: list[Path] = []
        """Every block file looked for, found or not (see `LoadedFlow.sources`)."""

    def steps(self, document: Document, stack: tuple[Path, ...]) -> list[Any]:
        raw = document.data.get("steps") if isinstance(document.data, dict) else None
        if not isinstance(raw, list):
            return []
        spliced: list[Any] = []
        for index, item in enumerate(raw):
            if isinstance(item, dict) and "include" in item:
                spliced.extend(self._include(document, index, item, stack))
            else:
                spliced.append(item)
                self.origins.append(_Origin(document, ("steps", index)))
        return spliced

    def _include(
        self, document: Document, index: int, item: dict[str, Any], stack: tuple[Path, ...]
    ) -> list[Any]:
        position = document.position(("steps", index, "include"))
        target = item["include"]
        if not isinstance(target, str) or len(item) != 1:
            self.problems.append(Problem(position, t("include.bad"), t("include.bad_hint")))
            return []
        # realpath, not resolve: an include pointing into a symlink loop must not raise.
        path = Path(os.path.realpath(Path(document.path).parent / target))
        self.consulted.append(path)
        if not path.is_file():
            # A user flow copied from a shipped one keeps working with the shipped blocks.
            path = (
                Path(os.path.realpath(locations.shipped_flows_dir() / target))
                if (locations.shipped_flows_dir() / target).is_file()
                else path
            )
        self.consulted.append(path)
        if path in stack:
            chain = " → ".join(p.name for p in (*stack[stack.index(path) :], path))
            self.problems.append(Problem(position, t("include.cycle", chain=chain), t("include.cycle_hint")))
            return []
        if not path.is_file():
            self.problems.append(
                Problem(position, t("include.missing", path=target), t("include.missing_hint"))
            )
            return []
        try:
            text, block = _read(path)
        except ProblemsError as error:
            self.problems.extend(error.problems)
            return []
        if not isinstance(block.data, dict) or "block" not in block.data:
            self.problems.append(
                Problem(position, t("include.not_block", path=target), t("include.not_block_hint"))
            )
            return []
        self.block_texts.append(text)
        return self.steps(block, (*stack, path))

    def validate(self, model: type[ModelT], path: Path) -> ModelT:
        """`model` from the main document with its includes spliced in; all problems raised at once."""
        data = self.main.data
        if isinstance(data, dict) and "steps" in data:
            data = {**data, "steps": self.steps(self.main, (Path(os.path.realpath(path)),))}
        try:
            result = validate(model, data, self.position, FLOW_FIELDS)
        except ProblemsError as error:
            raise ProblemsError(sorted(self.problems + error.problems, key=lambda p: p.position)) from None
        if self.problems:
            raise ProblemsError(sorted(self.problems, key=lambda p: p.position))
        return result

    def position(self, loc: Loc) -> Position:
        """Where `loc` of the spliced flow stands: in the main file or in the block it came from."""
        if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int) and loc[1] < len(self.origins):
            origin = self.origins[loc[1]]
            return origin.document.position(origin.prefix + loc[2:])
        return self.main.position(loc)


def load_flow(path: Path, vocabulary: Vocabulary | FacetValues) -> LoadedFlow:
    """The flow in `path`, or ProblemsError listing every problem in it and its blocks.

    Facets are checked against `vocabulary` (`catalog.load_vocabulary()`, or its
    `checks.facet_values` kept as plain data); there is no way to skip that check by leaving it out.
    """
    with no_cyclic_gc():  # a large flow is many objects and no cycles: the collector only rescans them
        text, document = _read(path)
        if _is_block(document):
            raise ProblemsError(
                [Problem(document.position(("block",)), t("flow.is_block"), t("flow.is_block_hint"))]
            )
        return _flow(document, text, path, vocabulary, _Assembler(document))


@dataclass(frozen=True)
class Checked:
    """What checking a flow or block file found, and every file that outcome was worked out from."""

    loaded: LoadedFlow | None
    """The flow; None for a block, or when there are problems."""
    problems: list[Problem]
    sources: tuple[Path, ...]
    """The file and every block file it looked for, found or not (also when it is broken): the
    outcome holds while none of them changed."""
    at: flowcheck.PositionOf | None = None
    """Where a field of the loaded flow was written (`("steps", index, "finding")`, blocks spliced
    in), in the flow's file or the block the step came from; None without a flow. For the checks
    `flows validate` makes against the review rules after loading: an author is sent to the line
    of the field itself, not to the first line of its step."""


def examine(path: Path, vocabulary: Vocabulary | FacetValues) -> Checked:
    """Every problem in a flow or block file (none when it is valid), with the flow it holds."""
    assembler: _Assembler | None = None
    with no_cyclic_gc():
        try:
            text, document = _read(path)
            assembler = _Assembler(document)
            if _is_block(document):
                assembler.validate(Block, path)
                return Checked(None, [], _sources(path, assembler))
            loaded = _flow(document, text, path, vocabulary, assembler)
            return Checked(loaded, [], loaded.sources, assembler.position)
        except ProblemsError as error:
            return Checked(None, error.problems, _sources(path, assembler))


def _read(path: Path) -> tuple[str, Document]:
    """A file's text and its document, from one read: the text also goes into the digest."""
    hint = t("yaml.empty_hint_flow", id=path.stem)
    text = read_text(path, hint)
    return text, parse(text, str(path), hint)


def _is_block(document: Document) -> bool:
    return isinstance(document.data, dict) and "block" in document.data and "id" not in document.data


def _flow(
    document: Document, text: str, path: Path, vocabulary: Vocabulary | FacetValues, assembler: _Assembler
) -> LoadedFlow:
    if not isinstance(document.data, dict):
        raise ProblemsError(
            [Problem(document.position(()), t("flow.not_mapping"), t("flow.not_mapping_hint"))]
        )
    elsewhere = misplaced(document.data, document.position(()), "flow")
    if elsewhere is not None:
        raise ProblemsError([elsewhere])
    flow = assembler.validate(Flow, path)
    problems = flowcheck.check(flow, assembler.position, vocabulary)
    problems += leftovers(document, "flow.yaml")
    if problems:
        raise ProblemsError(sorted(problems, key=lambda p: p.position))
    digest = hashlib.sha256()
    for read in (text, *assembler.block_texts):
        digest.update(read.encode("utf-8"))
    step_positions = {
        step.id: origin.document.position(origin.prefix)
        for step, origin in zip(flow.steps, assembler.origins, strict=True)
    }
    return LoadedFlow(flow, path, digest.hexdigest()[:16], step_positions, _sources(path, assembler))


def _sources(path: Path, assembler: _Assembler | None) -> tuple[Path, ...]:
    """`path` and the block files `assembler` looked for (none when the file did not parse)."""
    return (path, *dict.fromkeys(assembler.consulted if assembler else ()))
