"""Everything loaded from the folders: flows by id or path, the vocabulary, the review rules, and the
knowledge base (built in knowledge/folders.py, handed out here)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from kansencoach import locations
from kansencoach.core.common.compared import LeadingCompared
from kansencoach.core.common.folders import yaml_files
from kansencoach.core.common.problems import Position, Problem, ProblemsError, did_you_mean, distinct

# The knowledge base is built in knowledge/folders.py; it is handed out here with the flows and the
# vocabulary, so that the front ends (and the tests that swap it) have one door to everything loaded.
from kansencoach.core.knowledge.folders import forget_loaded_knowledge
from kansencoach.core.knowledge.folders import load_kb as load_kb
from kansencoach.core.knowledge.folders import load_search as load_search
from kansencoach.core.knowledge.layout import (
    REVIEW_FILE,
    SYNONYMS_FILE,
    VOCABULARY_FILE,
    own_knowledge_files,
)
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Models, flows and review rules are imported where they are loaded: a `kb search` from a current
    # cache needs none of them (importing pydantic alone would cost it more than the search).
    from kansencoach.core.draft.review import RuleBook
    from kansencoach.core.draft.review.own import CombinedRules
    from kansencoach.core.flows.cached import FlowShelf, FlowSummary
    from kansencoach.core.flows.loader import LoadedFlow
    from kansencoach.core.knowledge.models import Vocabulary

DUPLICATE_ID = "duplicate_id"


class UnknownFlow(LookupError):
    """No flow has the asked id; the message lists the ones there are."""


class _FlowFound(NamedTuple):
    path: Path
    summary: FlowSummary | None
    problems: tuple[Problem, ...] = ()
    shipped: bool = True
    replaces: Path | None = None
    """The file with the same id that this one hides (a shipped flow, or one in a later folder)."""
    make: Callable[[], LoadedFlow] | None = None
    """Makes the flow as it was when the entry was found (from the cache, without validating)."""


class FlowEntry(_FlowFound, LeadingCompared):
    """A flow file found in a flow directory: its summary, or the problems that stop it loading.

    A NamedTuple's subclass, not a frozen dataclass (whose methods were compiled when the start's
    listing imported this module, about 0.5 ms); it has a `__dict__` for `loaded`. `make` is left out
    of equality and the hash (`LeadingCompared`) and of the repr, as field(compare=False, repr=False) was."""

    def __repr__(self) -> str:
        fields = zip(self._fields[:-1], self[:-1], strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in fields)
        return f"FlowEntry({shown})"

    @property
    def id(self) -> str:
        return self.summary.id if self.summary else self.path.stem

    @cached_property
    def loaded(self) -> LoadedFlow | None:
        """The flow, made on first use (a list of flows needs only the summaries); None when broken."""
        if self.summary is None or self.make is None:
            return None
        try:
            return self.make()
        except ProblemsError:  # a damaged cache entry, and the file broken since it was listed
            return None


def flow_dirs() -> list[Path]:
    """Flow directories, most important first: the user's (KANSENCOACH_FLOWS, config) then shipped."""
    return [*locations.user_flows_dirs(), locations.shipped_flows_dir()]


def load_review_rules(path: Path | None = None) -> RuleBook | None:
    """The review rules, from the shipped knowledge base unless `path` is given, with the team's own
    rules added; None if there are none."""
    combined = review_rules(path)
    return combined.rules if combined else None


def review_rules(path: Path | None = None) -> CombinedRules | None:
    """The review rules with the team's own, the problems of own files left out and the shipped rules
    that own rules replace; None if there are no rules."""
    return _review_rules(
        path or locations.shipped_knowledge_dir() / REVIEW_FILE, tuple(locations.user_knowledge_dirs())
    )


@lru_cache(maxsize=4)
def _review_rules(path: Path, user_dirs: tuple[Path, ...]) -> CombinedRules | None:
    from kansencoach.core.draft.review.cached import load_cached
    from kansencoach.core.draft.review.own import add_rules

    if not path.exists():
        return None
    from kansencoach.core.common.cache import name_for

    shipped = load_cached(path, locations.cache_dir() / f"rules-{name_for(str(path))}.marshal")
    return add_rules(shipped, own_knowledge_files(REVIEW_FILE, user_dirs))


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary in `path`, or else the shipped one with the team's own values added."""
    if path is not None:
        return _read_vocabulary(path)
    return _own_vocabulary(tuple(locations.user_knowledge_dirs()))


@lru_cache(maxsize=4)
def _read_vocabulary(path: Path) -> Vocabulary:
    from kansencoach.core.common.schema_errors import validate
    from kansencoach.core.common.yamlsource import read_document
    from kansencoach.core.knowledge.models import Vocabulary

    document = read_document(path)
    return validate(Vocabulary, document.data, document.position)


@lru_cache(maxsize=4)
def _own_vocabulary(user_dirs: tuple[Path, ...]) -> Vocabulary:
    """The shipped vocabulary with own values; a broken own file is left out (`kb validate` names it)."""
    from kansencoach.core.knowledge.own import add_vocabulary

    shipped = _read_vocabulary(locations.shipped_knowledge_dir() / VOCABULARY_FILE)
    return add_vocabulary(shipped, own_knowledge_files(VOCABULARY_FILE, user_dirs))[0]


def own_knowledge_problems() -> list[Problem]:
    """The problems of the team's own vocabulary, synonyms and review files that were left out."""
    own = {str(path) for name in (VOCABULARY_FILE, SYNONYMS_FILE) for path in own_knowledge_files(name)}
    combined = review_rules()
    problems = [problem for problem in load_kb().problems if problem.position.path in own]
    return distinct([*problems, *(combined.problems if combined else ())])


def own_rules_reading_no_part(left_out: Iterable[str] = ()) -> list[Problem]:
    """An error for each draft key the team's own review rules read that no flow has (with a near
    miss where there is one), in the own rule files but those `left_out` (paths): loaded without a
    complaint, such a rule would never go off, a check the team trusts and nobody makes."""
    from kansencoach.core.draft.review.reach import unknown_keys

    skipped = set(left_out)
    files = [path for path in own_knowledge_files(REVIEW_FILE) if str(path) not in skipped]
    if not files:
        return []
    flows = [entry.loaded.flow for entry in scan_flows() if entry.loaded is not None]
    return [problem for path in files for problem in unknown_keys(path, flows)]


def flow_from_file(path: Path) -> LoadedFlow:
    """The flow in `path` with the vocabulary of `load_vocabulary()`, from the flow cache while
    its files are unchanged; ProblemsError listing every problem when it is broken."""
    shelf = _flow_shelf(locations.cache_dir(), tuple(locations.user_knowledge_dirs()))
    loaded = shelf.load(path)  # a broken flow is never put on the shelf: nothing to save then
    shelf.save()
    return loaded


@lru_cache(maxsize=4)
def _flow_shelf(cache_dir: Path, user_dirs: tuple[Path, ...]) -> FlowShelf:
    from kansencoach.core.common.cache import name_for
    from kansencoach.core.flows.cached import FlowShelf

    key = name_for(repr([str(path) for path in user_dirs]))
    return FlowShelf(cache_dir / f"flows-{key}.marshal", load_vocabulary, vocabulary_files(user_dirs))


def vocabulary_files(user_dirs: tuple[Path, ...] | None = None) -> list[Path]:
    """The files `load_vocabulary()` reads: the shipped vocabulary and the team's own."""
    shipped = locations.shipped_knowledge_dir() / VOCABULARY_FILE
    return [shipped, *own_knowledge_files(VOCABULARY_FILE, user_dirs)]


def review_files() -> list[Path]:
    """The files `load_review_rules()` reads: the shipped rules and the team's own."""
    return [locations.shipped_knowledge_dir() / REVIEW_FILE, *own_knowledge_files(REVIEW_FILE)]


def scan_flows() -> list[FlowEntry]:
    """Every flow in the flow directories, in id order; a user flow replaces a shipped one with
    its id, and a broken flow is listed with its problems instead of hidden. Two user flows with
    one id (or two shipped ones) are an error: the more important folder's flow is used, or in one
    folder the one whose name sorts last, and the other is listed as broken."""
    return _scanned(list(reversed(flow_dirs())))


def scan_folder(directory: Path) -> list[FlowEntry]:
    """The flows in one folder by the rule of `scan_flows` (`flows validate MAP` of any folder)."""
    return _scanned([directory])


def _scanned(directories: list[Path]) -> list[FlowEntry]:
    """The flows in `directories`, least important first (see `scan_flows`)."""
    shelf = _flow_shelf(locations.cache_dir(), tuple(locations.user_knowledge_dirs()))
    shipped = locations.shipped_flows_dir().resolve()
    entries: dict[str, FlowEntry] = {}
    clashes: list[FlowEntry] = []
    scanned: set[Path] = set()
    for directory in directories:
        real = Path(os.path.realpath(directory))
        if real in scanned:  # the shipped folder named as a user folder too: its flows are not twins
            continue
        scanned.add(real)
        is_shipped = real == shipped
        for path in yaml_files(directory):
            try:
                entry = _entry(shelf, path, shipped=is_shipped)
            except ProblemsError as error:
                entry = FlowEntry(path, None, tuple(error.problems), shipped=is_shipped)
            previous = entries.get(entry.id)
            if previous is not None and previous.shipped and not is_shipped:
                entry = entry._replace(shipped=False, replaces=previous.path)
            elif previous is not None:
                clashes.append(_clash(previous, entry))
            entries[entry.id] = entry
    shelf.save()
    return sorted([*entries.values(), *clashes], key=lambda entry: entry.id)


def _entry(shelf: FlowShelf, path: Path, shipped: bool = False) -> FlowEntry:
    """The entry of the flow in `path`; ProblemsError when it is broken."""
    summary, make = shelf.entry(path)
    return FlowEntry(path, summary, shipped=shipped, make=make)


def _clash(hidden: FlowEntry, used: FlowEntry) -> FlowEntry:
    """`hidden` as a broken entry whose problem, at its id, names where the used file has that id."""
    problem = Problem(
        _id_position(hidden.path),
        t("flow.duplicate_id", id=used.id, other=_id_position(used.path)),
        t("flow.duplicate_id_hint"),
        code=DUPLICATE_ID,
    )
    return FlowEntry(hidden.path, None, (problem, *hidden.problems), shipped=False)


def _id_position(path: Path) -> Position:
    """Where the `id` of the flow in `path` is written (the file's start when it cannot be read)."""
    from kansencoach.core.common.yamlsource import read_document

    try:
        return read_document(path).position(("id",))
    except ProblemsError:
        return Position(str(path), 1, 1)


def find_flow(name: str, entries: list[FlowEntry] | None = None) -> LoadedFlow:
    """The flow with id `name`, or in the file `name`; ProblemsError when it cannot be had.

    `entries` is a `scan_flows()` the caller already made (a list of sessions looks up many flows).
    """
    as_path = Path(name).expanduser()
    if as_path.suffix in (".yaml", ".yml") or as_path.is_file():
        return flow_from_file(as_path)
    entry = find_entry(name, entries)
    if entry.loaded is None:
        raise ProblemsError(list(entry.problems))
    return entry.loaded


def find_entry(flow_id: str, entries: list[FlowEntry] | None = None) -> FlowEntry:
    """The flow directories' entry for `flow_id`, loaded or broken; UnknownFlow when there is none.

    `entries` is a `scan_flows()` the caller already made (a list of sessions looks up many flows).
    """
    entries = scan_flows() if entries is None else entries
    for entry in entries:
        if entry.id == flow_id:
            return entry
    known = [entry.id for entry in entries]
    hint = did_you_mean(flow_id, known, t("flow.unknown_hint", flows=", ".join(known)))
    raise UnknownFlow(f"{t('flow.unknown', name=flow_id)} — {hint}")


def hidden_flow(flow_id: str) -> LoadedFlow:
    """The flow that the active one with `flow_id` hides (usually the shipped original)."""
    hidden = find_entry(flow_id).replaces
    if hidden is None:
        raise UnknownFlow(t("flow.nothing_hidden", name=flow_id))
    return flow_from_file(hidden)


def source_of(loaded: LoadedFlow) -> str:
    """The file to find this flow again by, or "" when its id finds it in a flow directory."""
    in_catalogue = any(loaded.path.resolve().parent == directory.resolve() for directory in flow_dirs())
    return "" if in_catalogue else str(loaded.path.resolve())


def flow_for_session(flow_id: str, flow_source: str, entries: list[FlowEntry] | None = None) -> LoadedFlow:
    """The flow a session runs on: its file when it was started from one, else by id (among
    `entries` when the caller scanned the flows already)."""
    loaded = session_entry(flow_id, flow_source, entries).loaded
    if loaded is None:  # the file broke between listing and use
        return find_flow(flow_source or flow_id)
    return loaded


def session_entry(flow_id: str, flow_source: str, entries: list[FlowEntry] | None = None) -> FlowEntry:
    """The entry of the flow a session runs on (see `flow_for_session`), its flow not yet made;
    ProblemsError or LookupError when it cannot be had."""
    if flow_source and Path(flow_source).is_file():
        shelf = _flow_shelf(locations.cache_dir(), tuple(locations.user_knowledge_dirs()))
        entry = _entry(shelf, Path(flow_source))
        shelf.save()
        return entry
    entry = find_entry(flow_id, entries)
    if entry.summary is None:
        raise ProblemsError(list(entry.problems))
    return entry


def forget_loaded() -> None:
    """Drop cached knowledge, rules, vocabulary and flows, so the next load reads the files again."""
    forget_loaded_knowledge()
    for cached in (_review_rules, _read_vocabulary, _own_vocabulary, _flow_shelf):
        cached.cache_clear()


def watched_files() -> dict[Path, tuple[int, int, int, int]]:
    """How every YAML file of flows and knowledge is stamped by the caches (size, times, inode), to
    notice edits: also a same-size copy that kept the old modification time."""
    from kansencoach.core.common.cache import identity

    directories = [*flow_dirs(), *locations.user_knowledge_dirs(), locations.shipped_knowledge_dir()]
    found: dict[Path, tuple[int, int, int, int]] = {}
    for directory in directories:
        if directory.is_dir():
            for path in directory.rglob("*.yaml"):
                with contextlib.suppress(OSError):
                    found[path] = identity(path.stat())
    return found
