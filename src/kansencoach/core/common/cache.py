"""A plain-data cache of what is slow to build from YAML (the knowledge base, compiled flows).

One file per kind in the user cache dir, written atomically with `marshal` (plain values only: no
code is run on loading, so a foreign file can at worst be garbage). Each entry is keyed by the
path, size, modification and change times in nanoseconds and inode of every file it was built from
(as git does: a copy that keeps the old modification time, from an unzipped or `cp -p`-copied
folder, still gets a new change time and inode), with git's rule for timestamps too recent to
trust: a file modified within RACY_NS of the moment the entry was written may change again in the
same tick without its stat changing, so its content hash is kept and compared too. A corrupt,
foreign or stale file is ignored (the caller rebuilds), never fatal. A `Shelf` keeps many such
entries in one file, each with its own sources, so a change to one source rebuilds only the entries
built from it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import marshal
import os
import stat
import time
import types
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from kansencoach.core.common.files import WriteError, write_atomic
from kansencoach.core.common.frozen import frozen_for_good

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Imported where models are made: a search from the cache makes none and never imports pydantic.
    from pydantic import BaseModel

FORMAT = 2
"""Bump when the shape of any cached value changes."""
RACY_NS = 2_000_000_000
"""Files modified this close to the cache write are checked by content, not by stat alone."""
_MAGIC = b"kansencoach-cache\n"

Stamp = tuple[str, int, int, int, int, str]
"""(path, size, mtime_ns, ctime_ns, inode, sha256 or "" when the stat can be trusted); all -1 for a
missing file."""
_ABSENT = (-1, -1, -1, -1)
_CLASS = "\x00class"
"""The key under which `to_tagged` keeps a model's class name (no field can be called that)."""
ModelT = TypeVar("ModelT", bound="BaseModel")
Check = Callable[[Any], bool]
BROKEN = (KeyError, TypeError, ValueError, IndexError, AttributeError, EOFError)
"""What reading a cached value of another shape raises: the caller then rebuilds it."""


def stamps(paths: Iterable[str | Path], now_ns: int | None = None) -> list[Stamp]:
    """What identifies the current version of each file; a missing file is stamped as absent, so
    an entry that depends on a file not being there goes stale when it appears."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    found: list[Stamp] = []
    for name in sorted({str(path) for path in paths}):  # strings: Path comparisons are slow
        try:
            status = os.stat(name)  # noqa: PTH116 - a Path per file costs more than the stat
            racy = status.st_mtime_ns >= now_ns - RACY_NS
            if racy and not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
                # Reading a pipe or a terminal would wait for a writer: stamped as absent, so the
                # entry is never trusted while it is this recent.
                found.append((name, *_ABSENT, ""))
                continue
            digest = _digest(name, status) if racy else ""
        except OSError:
            found.append((name, *_ABSENT, ""))
            continue
        found.append((name, *identity(status), digest))
    return found


def identity(status: os.stat_result) -> tuple[int, int, int, int]:
    """What tells one version of a file from another without reading it."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _still_valid(stored: list[Stamp], paths: Iterable[str | Path]) -> bool:
    current = sorted({str(path) for path in paths})
    return [entry[0] for entry in stored] == current and _unchanged(stored)


def _unchanged(stored: list[Stamp]) -> bool:
    """Whether every file is as it was stamped (still there with the same stat and hash, or still absent)."""
    for name, *stamped, digest in stored:
        try:
            status = os.stat(name)  # noqa: PTH116 - a Path per file costs more than the stat
        except OSError:
            if tuple(stamped) != _ABSENT:
                return False
            continue
        if identity(status) != tuple(stamped):
            return False
        try:
            if digest and _digest(name, status) != digest:
                return False
        except OSError:
            return False
    return True


def name_for(identity: str) -> str:
    """The part of a cache file's name that tells which folders or file (`identity`) it is for: 16
    hex digits, zlib's CRC-32 and Adler-32 of it. Not a sha256: importing hashlib loads OpenSSL, about
    1 ms of the start for four file names. Two identities of the same name would share a file, whose
    entries are still checked against their own sources."""
    data = identity.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _digest(name: str, status: os.stat_result) -> str:
    """What a file too recent to trust by its stat is compared by: its content, or for a folder
    (whose stamp stands for the names in it) its names. Stamped as absent, a folder just written
    to (a flow saved by renaming a new file over it, as many editors do) kept the verdicts of
    `flows validate` on its files from ever being repeated, until a file in it changed again."""
    import hashlib  # here: only a file too recent to trust is hashed, never on a start from current caches

    if stat.S_ISDIR(status.st_mode):
        names = sorted(os.listdir(name))  # noqa: PTH208 - names, not a Path per entry
        return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()
    return hashlib.sha256(Path(name).read_bytes()).hexdigest()


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Loading and indexing make many objects and no garbage cycles; the cyclic collector would only
    rescan them, ever more as they grow (it doubled the time to load a thousand files).

    What they made lives on (a knowledge base, a flow), so on the way out it goes straight to the
    collector's oldest generation: otherwise the first young collection after it walks it all
    (0.16 s after 10,000 interventions) only to move it there. Freezing and unfreezing moves it
    without a walk; not after `frozen.freeze_for_good`, which unfreezing would undo."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not frozen_for_good():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def load(file: Path, paths: Iterable[str | Path]) -> Any | None:
    """The value cached in `file` if it was built from exactly the current `paths`, else None."""
    paths = list(paths)
    try:
        raw = file.read_bytes()
        if not raw.startswith(_MAGIC):
            return None
        version, stored, value = marshal.loads(memoryview(raw)[len(_MAGIC) :])  # a view: no copy
        if version != FORMAT or not isinstance(stored, list):
            return None
        if not _still_valid([tuple(entry) for entry in stored], paths):
            return None
        return value
    except (OSError, *BROKEN):
        return None


def store(file: Path, paths: Iterable[str | Path], value: Any) -> None:
    """Cache `value` as built from `paths`; a cache that cannot be written is simply not kept."""
    try:
        data = marshal.dumps((FORMAT, stamps(paths), value))
    except ValueError:  # a value marshal cannot hold: a mistake in a caller's plain form, not fatal
        return
    with contextlib.suppress(OSError, WriteError):
        file.parent.mkdir(parents=True, exist_ok=True)
        # Not joined: that would hold it twice.
        write_atomic(file, (_MAGIC, data), force=True, private=True)


def construct(model: type[ModelT], data: dict[str, Any]) -> ModelT:
    """A model from plain data it was dumped to, without validating again (it was valid then)."""
    values = dict(data)
    for name, nested, many in _nested_fields(model):
        value = values.get(name)
        if many and isinstance(value, list):
            values[name] = [construct(nested, item) if isinstance(item, dict) else item for item in value]
        elif isinstance(value, dict):
            values[name] = construct(nested, value)
    return _made(model, values)


def _made(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    """What `model_construct` does, without its per-field default handling: a dump has every field.

    TypeError when `values` are not of the shape the model's fields declare (a foreign or damaged
    cache that got past its header): the one place a cached value is checked before it is trusted."""
    fields = _field_checks(model)
    if len(values) != len(fields) or not all(name in values and fits(values[name]) for name, fits in fields):
        raise TypeError(f"cached {model.__name__} of another shape")
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", values)
    object.__setattr__(made, "__pydantic_fields_set__", set(values))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


def to_tagged(value: Any) -> Any:
    """`value` as plain data in which every model keeps its class name, so that a field holding one
    of several models (a discriminated union) comes back as the same model."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return {
            **{name: to_tagged(item) for name, item in value.__dict__.items()},
            _CLASS: type(value).__name__,
        }
    if isinstance(value, list):
        return [to_tagged(item) for item in value]
    if isinstance(value, dict):
        return {key: to_tagged(item) for key, item in value.items()}
    return value


def model_classes(module: types.ModuleType) -> dict[str, type[BaseModel]]:
    """The models `module` defines or imports from kansencoach, by name: the only classes
    `from_tagged` may make for it (never pydantic's own or a third party's)."""
    from pydantic import BaseModel  # here: the warm knowledge path never imports pydantic

    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__.startswith("kansencoach.")
    }


def from_tagged(data: Any, classes: dict[str, type[BaseModel]]) -> Any:
    """The value `to_tagged` saved, its models made again without validating (they were valid then).

    Only the `classes` named may be made; any other name is a KeyError (a foreign or stale cache)."""
    if isinstance(data, list):
        return [from_tagged(item, classes) for item in data]
    if isinstance(data, dict):
        values = {key: from_tagged(item, classes) for key, item in data.items() if key != _CLASS}
        name = data.get(_CLASS)
        return values if name is None else _made(classes[name], values)
    return data


class Shelf:
    """Many entries in one cache file, each valid while its own sources are unchanged; all of them
    are dropped when a `shared` source changed (the code that shapes them, a file they all read)."""

    def __init__(self, file: Path, shared: Iterable[Path]) -> None:
        self.file = file
        self._shared = list(shared)
        stored = load(file, self._shared)
        self._entries: dict[str, list[Any]] = stored if isinstance(stored, dict) else {}
        self._changed = False

    def get(self, key: str) -> Any | None:
        """The value stored under `key` if the files it was built from are unchanged, else None."""
        entry = self._entries.get(key)
        if not isinstance(entry, list) or len(entry) != 2:
            return None
        try:
            return entry[1] if _unchanged([tuple(stamp) for stamp in entry[0]]) else None
        except BROKEN:
            return None

    def put(self, key: str, sources: Iterable[Path], value: Any) -> None:
        """Keep `value` under `key` as built from `sources` (written by `save`)."""
        self._entries[key] = [stamps(sources), value]
        self._changed = True

    def save(self) -> None:
        """Write the entries if any was put, leaving out those whose key file is gone."""
        if self._changed:
            kept = {key: entry for key, entry in self._entries.items() if os.path.exists(key)}  # noqa: PTH110
            store(self.file, self._shared, kept)
            self._changed = False


@functools.cache
def _field_checks(model: type[BaseModel]) -> tuple[tuple[str, Check], ...]:
    """(field, whether a value has its declared type) for every field of `model`, worked out once."""
    return tuple((name, _check(info.annotation)) for name, info in model.model_fields.items())


def _check(annotation: Any) -> Check:
    """Whether a plain value has the type `annotation` declares, checked all the way down (a type
    not named here, say a constrained one of pydantic's, is let through: it was valid when dumped)."""
    from pydantic import BaseModel

    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _check(args[0])
    if origin is Literal:
        return lambda value: any(value == option and type(value) is type(option) for option in args)
    if origin in (Union, types.UnionType):
        options = [_check(option) for option in args]
        return lambda value: any(fits(value) for fits in options)
    if origin is list and args:
        item = _check(args[0])
        return lambda value: isinstance(value, list) and all(map(item, value))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _check(args[0])
        return lambda value: isinstance(value, tuple) and all(map(item, value))
    if origin is dict and args:
        key, item = _check(args[0]), _check(args[1])
        return lambda value: (
            isinstance(value, dict) and all(key(name) and item(each) for name, each in value.items())
        )
    plain = origin if isinstance(origin, type) else annotation
    if plain is type(None):
        return lambda value: value is None
    if plain is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if plain is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if isinstance(plain, type) and (plain in (str, bool, list, dict, tuple) or issubclass(plain, BaseModel)):
        return lambda value: isinstance(value, plain)
    return lambda value: True


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
