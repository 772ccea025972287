"""How far each saved session has come, for the list of sessions, without replaying the unchanged.

A session's progress is its flow's route over its answers: working it out means making the flow
(pydantic) and reading the whole log. So each session's progress is kept in the cache with what it
was worked out from, the flow's digest and the number of the session's last event (the store only
appends, and never reuses a number): a list replays only the sessions that changed since the last
one, and from a current cache it makes no flow at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeGuard

from kansencoach import locations
from kansencoach.core.common import cache
from kansencoach.core.flows.cached import code_files

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kansencoach.core.catalog import FlowEntry
    from kansencoach.core.flows.engine import Engine
    from kansencoach.core.sessions.store import SessionInfo, Store


class ProgressBook:
    """The progress of a store's sessions, from the cache where it is current (`save` keeps it)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._file = locations.cache_dir() / f"progress-{cache.name_for(str(store.path.resolve()))}.marshal"
        # The engine's code shapes every route: a change to it makes all of them stale.
        self._sources = code_files()
        stored = cache.load(self._file, self._sources)
        self._known: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self._asked: dict[str, list[Any]] = {}
        self._engines: dict[tuple[Path, str], Engine] = {}

    def of(self, info: SessionInfo, last_event: int, entry: FlowEntry) -> tuple[int, int]:
        """(answered, answered + still to ask) of the session `info` on the flow of `entry`."""
        assert entry.summary is not None
        stamp = [entry.summary.digest, last_event]
        known = self._known.get(info.id)
        if _counts(known, stamp):
            done, total = known[2:]
        else:
            done, total = self._replayed(info, entry)
        self._asked[info.id] = [*stamp, done, total]
        return done, total

    def save(self) -> None:
        """Keep the progress of the sessions asked for, if any of it was worked out anew."""
        if self._asked != self._known:
            cache.store(self._file, self._sources, self._asked)
            self._known = dict(self._asked)

    def _replayed(self, info: SessionInfo, entry: FlowEntry) -> tuple[int, int]:
        from kansencoach.core.flows.engine import Engine  # the models: only for a changed session

        loaded = entry.loaded
        if loaded is None:  # the flow broke between listing and use: nothing to count on
            return 0, 0
        key = (loaded.path, loaded.digest)
        if key not in self._engines:
            self._engines[key] = Engine(loaded.flow.steps)
        done, total = self._engines[key].route(self._store.state(info.id).answers).progress
        return done, total


def _counts(known: object, stamp: list[Any]) -> TypeGuard[list[Any]]:
    """Whether `known` is the progress kept for `stamp`: [*stamp, answered, total] (else a foreign
    or damaged cache, and the session is replayed)."""
    return (
        isinstance(known, list)
        and len(known) == 4
        and known[:2] == stamp
        and all(type(count) is int for count in known[2:])
    )
