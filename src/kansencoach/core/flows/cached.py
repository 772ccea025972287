"""Compiled flows kept as plain data (core.common.cache), one entry per flow file.

A flow is validated only when its file, a block it includes (or looked for) or a shared source
changed; otherwise it comes back from the cache without pydantic validation. Broken flows are not
kept: their problems are worked out again, so an author always sees the file as it is now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kansencoach.core.common.cache import Shelf, from_tagged, model_classes, no_cyclic_gc, to_tagged
from kansencoach.core.common.problems import Position
from kansencoach.core.flows import models
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.knowledge.models import Vocabulary

_CLASSES = model_classes(models)
"""The only classes a cached flow may name."""


def code_files() -> list[Path]:
    """The modules that shape a compiled flow: a change to any of them makes every entry stale."""
    flows = Path(__file__).parent
    common = flows.parent / "common"
    return sorted([*flows.glob("*.py"), *common.glob("*.py"), flows.parent / "knowledge" / "models.py"])


def to_plain(loaded: LoadedFlow) -> list[Any]:
    """A compiled flow in lists, dicts and strings (see `from_plain`)."""
    positions = {key: (where.path, where.line, where.column) for key, where in loaded.step_positions.items()}
    sources = [str(path) for path in loaded.sources]
    return [to_tagged(loaded.flow), str(loaded.path), loaded.digest, positions, sources]


def from_plain(data: list[Any]) -> LoadedFlow:
    """The flow `to_plain` saved; KeyError, TypeError or ValueError when the data is not that."""
    flow, path, digest, positions, sources = data
    made = from_tagged(flow, _CLASSES)
    if not isinstance(made, models.Flow):
        raise TypeError("not a flow")
    step_positions = {key: Position(*where) for key, where in positions.items()}
    return LoadedFlow(made, Path(path), digest, step_positions, tuple(Path(name) for name in sources))


class FlowShelf:
    """`load_flow` with the cache: each flow from its entry while its files are unchanged."""

    def __init__(self, file: Path, vocabulary: Callable[[], Vocabulary], shared: Iterable[Path]) -> None:
        """`vocabulary` is called only when a flow must be validated; `shared` are the files every
        flow depends on besides its own (the vocabulary's), the code files are added here."""
        self._vocabulary = vocabulary
        self._shelf = Shelf(file, [*code_files(), *shared])
        self._made: dict[str, tuple[Any, LoadedFlow]] = {}
        """Flows already made in this process, by key, with the plain data they were made from."""

    def load(self, path: Path) -> LoadedFlow:
        """The flow in `path`, from the cache or validated; ProblemsError as `load_flow` raises it."""
        key = str(path)
        plain = self._shelf.get(key)
        made = self._made.get(key)
        if plain is not None and made is not None and made[0] is plain:
            return made[1]
        if plain is not None:
            try:
                with no_cyclic_gc():
                    loaded = from_plain(plain)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass
            else:
                self._made[key] = (plain, loaded)
                return loaded
        loaded = load_flow(path, self._vocabulary())
        plain = to_plain(loaded)
        self._shelf.put(key, loaded.sources, plain)
        self._made[key] = (plain, loaded)
        return loaded

    def save(self) -> None:
        """Write the entries of flows validated since the last save."""
        self._shelf.save()
