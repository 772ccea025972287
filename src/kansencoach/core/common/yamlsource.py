"""Reading YAML written by people: plain data, every node's position kept, faults in Dutch.

We compose YAML into nodes (never construct Python objects from tags), so `!!python/...` tags are
refused instead of executed, and every value can be traced back to its line and column. Anchors and
aliases are refused: they make a file hard to read for its next editor and are the vehicle of
"billion laughs" documents.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kansencoach.core.common.problems import Position, Problem, ProblemsError
from kansencoach.core.common.yaml_explain import duplicate_key, explain
from kansencoach.i18n import t

MAX_BYTES = 2 * 1024 * 1024
"""A flow of 2,000 steps is well under 1 MB; anything larger is almost surely the wrong file."""

Loc = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "yaml.kind.str",
    "tag:yaml.org,2002:int": "yaml.kind.int",
    "tag:yaml.org,2002:float": "yaml.kind.float",
    "tag:yaml.org,2002:bool": "yaml.kind.bool",
    "tag:yaml.org,2002:null": "yaml.kind.null",
}
"""The scalar tags we construct, with the name of what each expects."""
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()
_INVALID = object()
_LARGEST_INT = 2**63
"""No flow or intervention needs a larger number; larger ones are typing mistakes or attacks."""


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file, with the position of every mapping key and value."""

    path: str
    data: Any
    positions: dict[Loc, Position]

    def position(self, loc: Loc) -> Position:
        """The position of `loc`, or of its nearest ancestor that has one."""
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, Position(self.path, 1, 1))


def read_text(path: Path) -> str:
    """The file's text, or ProblemsError for a file a person would not call YAML."""
    shown = str(path)
    start = Position(shown, 1, 1)
    raw = _read_capped(path, start)
    if b"\x00" in raw:
        raise ProblemsError([Problem(start, t("yaml.binary"), t("yaml.binary_hint"))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ProblemsError(
            [Problem(Position(shown, line, column), t("yaml.not_utf8"), t("yaml.not_utf8_hint"))]
        ) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ProblemsError([Problem(start, t("yaml.empty"), t("yaml.empty_hint"))])
    return text


def _read_capped(path: Path, start: Position) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them.

    A symlink is followed once (a link to a link is refused), and the file is opened without
    blocking, so a FIFO, a device or /dev/zero in a user folder is reported instead of hanging.
    """

    def refuse(key: str, **values: object) -> ProblemsError:
        return ProblemsError([Problem(start, t(key, **values), t(f"{key}_hint"))])

    try:
        target = path
        if path.is_symlink():
            target = path.parent / path.readlink()
            if target.is_symlink():
                raise refuse("file.symlink_chain")
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise refuse("file.missing") from None
    except PermissionError:
        raise refuse("file.no_permission") from None
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):
            raise refuse("file.symlink_chain") from None
        raise refuse("file.unreadable", detail=error.strerror or error) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise refuse("file.is_dir")
        if not stat.S_ISREG(status.st_mode):
            raise refuse("file.not_regular")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise refuse("file.unreadable", detail=error.strerror or error) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_BYTES:
        raise refuse("yaml.too_big", size=f"{status.st_size / 1_048_576:.1f}")
    return raw


def parse(text: str, path: str) -> Document:
    """Compose `text` into a Document, or raise ProblemsError pointing at the fault."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise ProblemsError([explain(error, text, path)]) from None
    if node is None:
        raise ProblemsError([Problem(Position(path, 1, 1), t("yaml.empty"), t("yaml.empty_hint"))])
    builder = _Builder(path)
    data = builder.value(node, ())
    _constructor.constructed_objects.clear()  # it keeps every node it made a value of: let them go
    if builder.problems:
        raise ProblemsError(builder.problems)
    return Document(path, data, builder.positions)


def read_document(path: Path) -> Document:
    return parse(read_text(path), str(path))


class _Builder:
    """Turns composed nodes into plain dicts, lists and scalars, recording positions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[Loc, Position] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def _at(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self._seen:
            # One message is enough: a file full of aliases needs the same fix everywhere.
            if not any(problem.message == t("yaml.alias") for problem in self.problems):
                self.problems.append(Problem(self._at(node), t("yaml.alias"), t("yaml.alias_hint")))
            return None
        self._seen.add(id(node))
        self.positions[loc] = self._at(node)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            self._refuse_tag(node)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*loc, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        missing_dash = False  # after a forgotten dash, every later key repeats: one message is enough
        for key_node, value_node in node.value:
            key = self._scalar(key_node)
            if not isinstance(key, str | int | float | bool):
                self.problems.append(Problem(self._at(key_node), t("yaml.complex_key")))
                continue
            key = str(key)
            if key == "<<":
                self.problems.append(Problem(self._at(key_node), t("yaml.alias"), t("yaml.alias_hint")))
                continue
            if key in first_seen:
                if not missing_dash:
                    in_list = bool(loc) and isinstance(loc[-1], int)
                    problem = duplicate_key(key, first_seen, self._at(key_node), in_list)
                    missing_dash = problem.code == "missing_dash"
                    self.problems.append(problem)
                continue
            first_seen[key] = self._at(key_node)
            result[key] = self.value(value_node, (*loc, key))
            self.positions[(*loc, key)] = self._at(key_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node
        if node.tag in _SCALAR_TAGS:
            return self._construct(node)
        if node.tag == _TIMESTAMP_TAG:
            return node.value
        self._refuse_tag(node)
        return None

    def _construct(self, node: yaml.ScalarNode) -> Any:
        """The scalar's value; a problem instead of an exception for `!!int abc`, `!!bool maybe`
        or a number too large to be meant (Python refuses to print integers of thousands of digits)."""
        try:
            value = _constructor.construct_object(node)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, yaml.YAMLError):
            value = _INVALID
        if value is _INVALID or (isinstance(value, int) and abs(value) > _LARGEST_INT):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            kind = t(_SCALAR_TAGS[node.tag])
            self.problems.append(
                Problem(
                    self._at(node), t("yaml.bad_scalar", value=shown, kind=kind), t("yaml.bad_scalar_hint")
                )
            )
            return None
        return value

    def _refuse_tag(self, node: yaml.Node) -> None:
        key = "yaml.python_tag" if node.tag.startswith("tag:yaml.org,2002:python/") else "yaml.unknown_tag"
        self.problems.append(Problem(self._at(node), t(key, tag=node.tag), t("yaml.tag_hint")))
