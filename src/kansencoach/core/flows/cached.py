"""Compiled flows kept as plain data (core.common.cache), one entry per flow file.

A flow is validated only when its file, a block it includes (or looked for) or a shared source
changed; otherwise it comes back from the cache without pydantic validation. Broken flows are not
kept: their problems are worked out again, so an author always sees the file as it is now.

Listing flows needs only their summaries (`FlowShelf.entry`), which a current entry holds as plain
values: the start screen lists the flows without importing pydantic or the models, and a flow is
made from its entry when it is first used.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from kansencoach.core.common.cache import BROKEN, Shelf, from_tagged, model_classes, no_cyclic_gc, to_tagged
from kansencoach.core.common.problems import Position

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Imported where a flow is made or validated: a listing from current entries needs neither.
    from pydantic import BaseModel

    from kansencoach.core.flows.loader import LoadedFlow
    from kansencoach.core.knowledge.models import Vocabulary


class FlowSummary(NamedTuple):
    """What a list of flows shows of one, and the digest its sessions are checked against."""

    id: str
    title: str
    version: int
    minutes: int | None
    description: str
    digest: str

    @classmethod
    def of(cls, loaded: LoadedFlow) -> FlowSummary:
        flow = loaded.flow
        return cls(flow.id, flow.title, flow.version, flow.minutes, flow.description, loaded.digest)


def code_files() -> list[Path]:
    """The modules that shape a compiled flow: a change to any of them makes every entry stale.

    In the order the folders list them: the cache orders its sources by name itself."""
    flows = Path(__file__).parent
    common = flows.parent / "common"
    return [*flows.glob("*.py"), *common.glob("*.py"), flows.parent / "knowledge" / "models.py"]


def to_plain(loaded: LoadedFlow) -> list[Any]:
    """A compiled flow in lists, dicts and strings (see `from_plain`), its summary last."""
    positions = {key: (where.path, where.line, where.column) for key, where in loaded.step_positions.items()}
    sources = [str(path) for path in loaded.sources]
    summary = FlowSummary.of(loaded)
    plain_summary = [summary.id, summary.title, summary.version, summary.minutes, summary.description]
    return [to_tagged(loaded.flow), str(loaded.path), loaded.digest, positions, sources, plain_summary]


def summary_of(data: list[Any]) -> FlowSummary:
    """The summary in what `to_plain` saved, read without making the flow; TypeError or ValueError
    when the data is not that."""
    _, _, digest, _, _, (flow_id, title, version, minutes, description) = data
    summary = FlowSummary(flow_id, title, version, minutes, description, digest)
    if not all(isinstance(value, str) for value in (flow_id, title, description, digest)):
        raise TypeError("not a flow summary")
    return summary


def from_plain(data: list[Any]) -> LoadedFlow:
    """The flow `to_plain` saved; KeyError, TypeError or ValueError when the data is not that."""
    from kansencoach.core.flows import models
    from kansencoach.core.flows.loader import LoadedFlow

    flow, path, digest, positions, sources, _ = data
    made = from_tagged(flow, _classes())
    if not isinstance(made, models.Flow):
        raise TypeError("not a flow")
    step_positions = {key: Position(*where) for key, where in positions.items()}
    return LoadedFlow(made, Path(path), digest, step_positions, tuple(Path(name) for name in sources))


@functools.cache
def _classes() -> dict[str, type[BaseModel]]:
    """The only classes a cached flow may name."""
    from kansencoach.core.flows import models

    return model_classes(models)


class FlowShelf:
    """`load_flow` with the cache: each flow from its entry while its files are unchanged."""

    def __init__(self, file: Path, vocabulary: Callable[[], Vocabulary], shared: Iterable[Path]) -> None:
        """`vocabulary` is called only when a flow must be validated; `shared` are the files every
        flow depends on besides its own (the vocabulary's), the code files are added here."""
        self._vocabulary = vocabulary
        self._shelf = Shelf(file, [*code_files(), *shared])
        self._made: dict[str, tuple[Any, LoadedFlow]] = {}
        """Flows already made in this process, by key, with the plain data they were made from."""

    def entry(self, path: Path) -> tuple[FlowSummary, Callable[[], LoadedFlow]]:
        """The summary of the flow in `path`, and what makes the flow as it was then: from a current
        entry without making it, else validated now; ProblemsError as `load_flow` raises it."""
        key = str(path)
        plain = self._shelf.get(key)
        if plain is not None:
            try:
                return summary_of(plain), functools.partial(self._made_from, path, plain)
            except BROKEN:
                pass
        loaded = self._validated(path)
        return FlowSummary.of(loaded), lambda: loaded

    def load(self, path: Path) -> LoadedFlow:
        """The flow in `path`, from the cache or validated; ProblemsError as `load_flow` raises it."""
        return self.entry(path)[1]()

    def save(self) -> None:
        """Write the entries of flows validated since the last save."""
        self._shelf.save()

    def _made_from(self, path: Path, plain: Any) -> LoadedFlow:
        """The flow made from its entry `plain`, once per process; validated again if the entry is
        not a flow after all (a foreign or damaged cache)."""
        made = self._made.get(str(path))
        if made is not None and made[0] is plain:
            return made[1]
        try:
            with no_cyclic_gc():
                loaded = from_plain(plain)
        except BROKEN:
            loaded = self._validated(path)
            self.save()
            return loaded
        self._made[str(path)] = (plain, loaded)
        return loaded

    def _validated(self, path: Path) -> LoadedFlow:
        from kansencoach.core.flows import loader  # pydantic and PyYAML: only for a changed file

        loaded = loader.load_flow(path, self._vocabulary())
        plain = to_plain(loaded)
        self._shelf.put(str(path), loaded.sources, plain)
        self._made[str(path)] = (plain, loaded)
        return loaded
