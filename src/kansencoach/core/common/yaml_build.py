"""YAML parser events to plain data: dicts, lists and scalars, with the position of every node.

PyYAML's composer builds a tree of node objects (each with two marks) that is then walked once and
thrown away; going from the parser's events straight to plain data is as fast as composing alone and
needs a fraction of its memory. The rules are the composer's and the resolver's: the same tags, the
same values; where the composer would stop, `ComposerStops` says so, and the caller composes once
more to get the composer's own error. Tags that would construct Python objects are refused, never
executed, and anchors and aliases are refused (see `yamlsource`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

from kansencoach.core.common.problems import Position, Problem
from kansencoach.i18n import t

Loc = tuple[str | int, ...]
"""Where a value stands in a document: the keys and list indexes leading to it."""

LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's fastest safe loader: its parser gives the events, its resolver the implicit tags."""
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "yaml.kind.str",
    "tag:yaml.org,2002:int": "yaml.kind.int",
    "tag:yaml.org,2002:float": "yaml.kind.float",
    "tag:yaml.org,2002:bool": "yaml.kind.bool",
    "tag:yaml.org,2002:null": "yaml.kind.null",
}
"""The scalar tags we construct, with the name of what each expects."""
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_AS_WRITTEN = {_STR_TAG, _TIMESTAMP_TAG}
"""Scalars kept as the text written: a date stays a text, as the models expect."""
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_IMPLICIT_TAGS = {None, "!"}
"""A node without a tag of its own (`!` alone is none either): its kind or the resolver decides."""
_WILDCARD = tuple(LOADER.yaml_implicit_resolvers.get(None, []))
_RESOLVERS = {
    first: (*resolvers, *_WILDCARD)
    for first, resolvers in LOADER.yaml_implicit_resolvers.items()
    if first is not None
}
"""PyYAML's implicit resolvers by a plain scalar's first character, as its Resolver looks them up."""
_constructor = yaml.constructor.SafeConstructor()
_INVALID = object()
NOTHING = object()
"""What `Builder.document` gives for a stream without a document."""
_SHIFT = 32
_COLUMN = (1 << _SHIFT) - 1
_LARGEST_INT = 2**63
"""No flow or intervention needs a larger number; larger ones are typing mistakes or attacks."""
_KNOWN_KEYS: dict[str, str] = {}
"""A plain key's text → the key it is, for every file read: a flow repeats `id`, `type` and `ask` at
every step, and ten thousand interventions the same dozen keys. A plain key's meaning is its text
alone, so what one file decided holds for the next."""
_MAX_KNOWN_KEYS = 20_000
"""Enough for every field name; a file of made-up keys does not grow the process without end."""


Event = Any
"""A PyYAML parser event. Its stubs type every mark and tag as optional; the builder dispatches on
the event's class, after which they are there."""


class _Mark(Protocol):
    line: int
    column: int


def _packed(mark: _Mark) -> int:
    """A parser's mark (counting from 0) as one int: line and column from 1, `line << 32 | column`.
    A Position object for each of a large flow's nodes would cost more memory than its data."""
    return ((mark.line + 1) << _SHIFT) | (mark.column + 1)


def _plain(event: Event) -> bool:
    """Whether `event` is a plain scalar without tag or anchor: its meaning is its text alone."""
    return (
        event.__class__ is yaml.ScalarEvent
        and event.tag is None
        and event.anchor is None
        and event.implicit[0]
    )


def unpacked(path: str, packed: int) -> Position:
    """The Position of a packed mark in the file `path`."""
    return Position(path, packed >> _SHIFT, packed & _COLUMN)


class Builder:
    """Turns the parser's events into plain dicts, lists and scalars, recording positions."""

    def __init__(self, path: str, next_event: Callable[[], Event]) -> None:
        self.path = path
        self.next = next_event
        self.positions: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self._anchors: dict[str, _Anchor] = {}

    def document(self) -> Any:
        """The data of the stream's only document; NOTHING for a stream without one."""
        self.next()  # the start of the stream
        if isinstance(self.next(), yaml.StreamEndEvent):
            return NOTHING
        data = self.node(self.next(), ())
        self.next()  # the end of the document
        if not isinstance(self.next(), yaml.StreamEndEvent):
            raise ComposerStops
        return data

    def node(self, event: Event, loc: Loc) -> Any:
        """The value of the node that starts with `event` at `loc`, its events consumed.

        A loop over the events with a stack of open collections, not a recursion: a file nested
        as deep as the parser allows still loads, and it is faster. The common cases (a key seen
        before, a text) are decided here; everything else by the full rules in the methods."""
        stack: list[_Open] = []
        positions, known_keys, next_event = self.positions, _KNOWN_KEYS, self.next
        while True:
            kind = event.__class__
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                value, loc = done.container, done.loc
            else:
                top = stack[-1] if stack else None
                if top is not None and top.key is _KEY:  # the event starts a key of the mapping on top
                    # _plain(event) and _packed(mark) written out: this runs for every key of a file.
                    plain = kind is yaml.ScalarEvent and event.tag is None and event.anchor is None
                    key = known_keys.get(event.value) if plain and event.implicit[0] else None
                    if key is None or key in top.container:
                        key = self._key(top, event)
                    else:
                        mark = event.start_mark
                        top.key_at = ((mark.line + 1) << _SHIFT) | (mark.column + 1)
                    if key is None:
                        self._skip(next_event())
                        key = _KEY
                    top.key = key
                    event = next_event()
                    continue
                if top is not None:
                    loc = (*top.loc, len(top.container)) if top.key is _ITEM else (*top.loc, top.key)
                # A mapping's value stands where its key does: that position is kept when it is done.
                keyed = top is not None and top.key is not _ITEM
                if (
                    kind is yaml.ScalarEvent
                    and event.tag is None
                    and event.anchor is None
                    and (not event.implicit[0] or event.value[:1] not in _RESOLVERS)
                ):
                    value = event.value  # quoted, or plain and not starting as a number, date or ja/nee
                    if not keyed:
                        positions[loc] = _packed(event.start_mark)
                elif kind is yaml.AliasEvent:
                    value = self._alias(event, loc)
                else:
                    at = _packed(event.start_mark)
                    if event.anchor is not None:
                        self._anchor(event, at, built=True)
                    positions[loc] = at
                    if kind is yaml.ScalarEvent:
                        value = self._scalar(event, at)
                    elif event.tag not in _IMPLICIT_TAGS and event.tag not in _COLLECTION_TAGS:
                        self._refuse_tag(event.tag, at)
                        self._skip(next_event(), depth=1)
                        value = None
                    else:
                        stack.append(_Open(loc, kind is yaml.MappingStartEvent))
                        event = next_event()
                        continue
            if not stack:
                return value
            top = stack[-1]
            if top.key is _ITEM:
                top.container.append(value)
            else:
                top.container[top.key] = value
                positions[loc] = top.key_at
                top.key = _KEY
            event = next_event()

    def _key(self, mapping: _Open, event: Event) -> str | None:
        """The key that `event` starts, as text, its position kept in `mapping`; None, with a
        problem, for a key we refuse or one the mapping already has."""
        key, at = self._key_text(event)
        mapping.key_at = at
        if key is None or key not in mapping.container:
            return key
        if not mapping.missing_dash:
            from kansencoach.core.common.yaml_explain import duplicate_key  # only for a mistake

            loc, positions = mapping.loc, self.positions
            in_list = bool(loc) and isinstance(loc[-1], int)
            first = next(iter(mapping.container))
            first_seen = {first: self._position(positions[(*loc, first)])}
            first_seen[key] = self._position(positions[(*loc, key)])
            problem = duplicate_key(key, first_seen, self._position(at), in_list)
            mapping.missing_dash = problem.code == "missing_dash"
            self.problems.append(problem)
        return None

    def _key_text(self, event: Event) -> tuple[str | None, int]:
        """A mapping key as text and where it stands; None (with a problem) for one we refuse."""
        if event.__class__ is yaml.AliasEvent:
            at, scalar = self._anchored(event).at, self._anchored(event).scalar
        else:
            at = _packed(event.start_mark)
            scalar = event if event.__class__ is yaml.ScalarEvent else None
            if event.anchor is not None:
                self._anchor(event, at, built=False)
            if scalar is None:
                self._skip(self.next(), depth=1)
        key = self._scalar(scalar, at) if scalar is not None else _INVALID
        if not isinstance(key, str | int | float | bool):
            self.problems.append(Problem(self._position(at), t("yaml.complex_key")))
            return None, at
        key = sys.intern(str(key))
        if key == "<<":
            self._alias_problem(at)
            return None, at
        if _plain(event) and len(_KNOWN_KEYS) < _MAX_KNOWN_KEYS:
            _KNOWN_KEYS[event.value] = key
        return key, at

    def _alias(self, event: Event, loc: Loc) -> Any:
        anchor = self._anchored(event)
        if anchor.built or anchor.scalar is None:
            # One message is enough: a file full of aliases needs the same fix everywhere.
            if not any(problem.message == t("yaml.alias") for problem in self.problems):
                self._alias_problem(anchor.at)
            return None
        # A key's text used once as a value: composed, that is one node met once, no repetition.
        anchor.built = True
        self.positions[loc] = anchor.at
        return self._scalar(anchor.scalar, anchor.at)

    def _alias_problem(self, at: int) -> None:
        self.problems.append(Problem(self._position(at), t("yaml.alias"), t("yaml.alias_hint")))

    def _anchored(self, alias: Event) -> _Anchor:
        anchor = self._anchors.get(alias.anchor)
        if anchor is None:
            raise ComposerStops  # an undefined alias
        return anchor

    def _anchor(self, event: Event, at: int, built: bool) -> None:
        if event.anchor in self._anchors:
            raise ComposerStops  # a repeated anchor
        scalar = event if event.__class__ is yaml.ScalarEvent else None
        self._anchors[event.anchor] = _Anchor(at, scalar, built)

    def _skip(self, event: Event, depth: int = 0) -> None:
        """Consume the node that starts with `event` without building it (with `depth` 1: the rest
        of the collection `event` is in); its anchors still count, as they do for the composer."""
        while True:
            kind = event.__class__
            if kind is yaml.AliasEvent:
                self._anchored(event)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            else:
                if kind is not yaml.ScalarEvent:
                    depth += 1
                if event.anchor is not None:
                    self._anchor(event, _packed(event.start_mark), built=False)
            if depth <= 0:
                return
            event = self.next()

    def _scalar(self, event: Event, at: int) -> Any:
        tag, value = event.tag, event.value
        if tag in _IMPLICIT_TAGS:
            if not event.implicit[0]:
                return value
            tag = _resolve(value)
        if tag in _AS_WRITTEN:
            return value
        if tag in _SCALAR_TAGS:
            return self._construct(tag, value, at)
        self._refuse_tag(tag, at)
        return None

    def _construct(self, tag: str, text: str, at: int) -> Any:
        """The scalar's value; a problem instead of an exception for `!!int abc`, `!!bool maybe`
        or a number too large to be meant (Python refuses to print integers of thousands of digits).

        PyYAML's constructor for the tag is called directly: `construct_object` would keep every
        node it ever built in its memo."""
        try:
            value = _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, text))
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, yaml.YAMLError):
            value = _INVALID
        if value is _INVALID or (isinstance(value, int) and abs(value) > _LARGEST_INT):
            shown = text if len(text) <= 40 else text[:37] + "..."
            message = t("yaml.bad_scalar", value=shown, kind=t(_SCALAR_TAGS[tag]))
            self.problems.append(Problem(self._position(at), message, t("yaml.bad_scalar_hint")))
            return None
        return value

    def _refuse_tag(self, tag: str, at: int) -> None:
        key = "yaml.python_tag" if tag.startswith("tag:yaml.org,2002:python/") else "yaml.unknown_tag"
        self.problems.append(Problem(self._position(at), t(key, tag=tag), t("yaml.tag_hint")))

    def _position(self, at: int) -> Position:
        return unpacked(self.path, at)


_KEY = object()
"""An open mapping's next event starts a key."""
_ITEM = object()
"""An open sequence's next event starts an item."""


class _Open:
    """A collection being built: its container and loc; for a mapping, the key whose value comes
    next (or _KEY), where that key stands, and whether a missing dash has been reported."""

    __slots__ = ("container", "key", "key_at", "loc", "missing_dash")

    def __init__(self, loc: Loc, mapping: bool) -> None:
        self.loc = loc
        self.container: Any = {} if mapping else []
        self.key: Any = _KEY if mapping else _ITEM
        self.key_at = 0
        self.missing_dash = False  # after a forgotten dash, every later key repeats: one message is enough


@dataclass
class _Anchor:
    """An anchored node: where it starts, its event when it is a scalar, whether it was built."""

    at: int
    scalar: Event | None
    built: bool


class ComposerStops(Exception):
    """The events hold what PyYAML's composer refuses (an undefined alias, a repeated anchor,
    a second document)."""


def composer_error(text: str) -> yaml.YAMLError:
    """PyYAML's own error for a text its composer refuses."""
    try:
        yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as error:
        return error
    return yaml.composer.ComposerError(problem="found undefined alias")


def _resolve(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (`12` an int, `ja` a text)."""
    for tag, pattern in _RESOLVERS.get(value[:1], _WILDCARD):
        if pattern.match(value):
            return str(tag)
    return _STR_TAG
