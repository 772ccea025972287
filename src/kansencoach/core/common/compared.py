"""Tuples whose equality and hash read only their first fields."""

from __future__ import annotations

from typing import ClassVar


class LeadingCompared(tuple):  # type: ignore[type-arg]
    """Mixed into a NamedTuple's subclass whose last fields say how it was made, not what it is:
    equality and the hash read only the fields before `UNCOMPARED` (as dataclass fields with
    compare=False did), so a problem found another way, or a suggestion or flow entry read from a
    cache with its closure that makes the model, equals the same one made afresh. Equal only to its
    own class."""

    __slots__ = ()
    UNCOMPARED: ClassVar[int] = -1
    """Where the fields left out of comparing start (from the end: -1 leaves out the last)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, type(self)) and self[: self.UNCOMPARED] == other[: self.UNCOMPARED]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[: self.UNCOMPARED])
