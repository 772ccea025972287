"""Tuples whose last field is a closure that makes something on request, left out of comparing."""

from __future__ import annotations


class LastUncompared(tuple):  # type: ignore[type-arg]
    """Mixed into a NamedTuple's subclass whose last field makes a model or a flow on first use:
    equality and the hash leave it out, so what was read from a cache equals the same thing made
    afresh (as a dataclass field with compare=False did). Equal only to its own class."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, type(self)) and self[:-1] == other[:-1]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:-1])
