"""A plain-data cache of what is slow to build from YAML (the knowledge base and its index).

One file per kind in the user cache dir, written atomically with `marshal` (plain values only: no
code is run on loading, so a foreign file can at worst be garbage). Each entry is keyed by the
path, size and modification time in nanoseconds of every file it was built from, with git's rule
for timestamps too recent to trust: a file modified within RACY_NS of the moment the entry was
written may change again in the same tick without its stat changing, so its content hash is kept
and compared too. A corrupt, foreign or stale file is ignored (the caller rebuilds), never fatal.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import marshal
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from kansencoach.core.common.files import WriteError, write_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Imported where models are made: a search from the cache makes none and never imports pydantic.
    from pydantic import BaseModel

FORMAT = 1
"""Bump when the shape of any cached value changes."""
RACY_NS = 2_000_000_000
"""Files modified this close to the cache write are checked by content, not by stat alone."""
_MAGIC = b"kansencoach-cache\n"

Stamp = tuple[str, int, int, str]
"""(path, size, mtime_ns, sha256 or "" when the stat can be trusted)."""
ModelT = TypeVar("ModelT", bound="BaseModel")


def stamps(paths: Iterable[str | Path], now_ns: int | None = None) -> list[Stamp]:
    """What identifies the current version of each file; missing files are left out."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    found: list[Stamp] = []
    for name in sorted({str(path) for path in paths}):  # strings: Path comparisons are slow
        path = Path(name)
        with contextlib.suppress(OSError):
            status = path.stat()
            racy = status.st_mtime_ns >= now_ns - RACY_NS
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if racy else ""
            found.append((str(path), status.st_size, status.st_mtime_ns, digest))
    return found


def _still_valid(stored: list[Stamp], paths: Iterable[str | Path]) -> bool:
    current = sorted({str(path) for path in paths})
    if [entry[0] for entry in stored] != current:
        return False
    for name, size, mtime_ns, digest in stored:
        try:
            status = os.stat(name)  # noqa: PTH116 - a Path per file costs more than the stat
            if (status.st_size, status.st_mtime_ns) != (size, mtime_ns):
                return False
            if digest and hashlib.sha256(Path(name).read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
    return True


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Loading and indexing make many objects and no garbage cycles; the cyclic collector would only
    rescan them, ever more as they grow (it doubled the time to load a thousand files)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(file: Path, paths: Iterable[str | Path]) -> Any | None:
    """The value cached in `file` if it was built from exactly the current `paths`, else None."""
    paths = list(paths)
    try:
        raw = file.read_bytes()
        if not raw.startswith(_MAGIC):
            return None
        version, stored, value = marshal.loads(raw[len(_MAGIC) :])
        if version != FORMAT or not isinstance(stored, list):
            return None
        if not _still_valid([tuple(entry) for entry in stored], paths):
            return None
        return value
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(file: Path, paths: Iterable[str | Path], value: Any) -> None:
    """Cache `value` as built from `paths`; a cache that cannot be written is simply not kept."""
    data = _MAGIC + marshal.dumps((FORMAT, stamps(paths), value))
    with contextlib.suppress(OSError, WriteError):
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, data, force=True)


def construct(model: type[ModelT], data: dict[str, Any]) -> ModelT:
    """A model from plain data it was dumped to, without validating again (it was valid then)."""
    values = dict(data)
    for name, nested, many in _nested_fields(model):
        value = values.get(name)
        if many and isinstance(value, list):
            values[name] = [construct(nested, item) if isinstance(item, dict) else item for item in value]
        elif isinstance(value, dict):
            values[name] = construct(nested, value)
    # What `model_construct` does, without its per-field default handling: a dump has every field.
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", values)
    object.__setattr__(made, "__pydantic_fields_set__", set(values))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


@functools.cache
def _nested_fields(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel], bool], ...]:
    """(field, model, is a list) for every field of `model` that holds models: worked out once per model."""
    from pydantic import BaseModel

    found = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        many = get_origin(annotation) is list
        options = get_args(annotation) if many or get_origin(annotation) is not None else (annotation,)
        for option in options:
            if isinstance(option, type) and issubclass(option, BaseModel):
                found.append((name, option, many))
                break
    return tuple(found)
