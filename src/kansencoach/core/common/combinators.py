"""`all`, `any` and `not`, as both condition languages write them: a flow's `when` and a review rule's.

One home for the rule they share: `all` and `any` hold a list of at least one operand, `not` holds one
(`not` is a Python keyword, so the field is `not_` with the alias `not`). Each language subclasses
these with its own operand type, so its names (and its JSON Schema) stay its own.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import Field

from kansencoach.core.common.authored import StrictModel

Operand = TypeVar("Operand")


class Conjunction(StrictModel, Generic[Operand]):
    """Holds when every operand in `all` does."""

    all: list[Operand] = Field(min_length=1)


class Disjunction(StrictModel, Generic[Operand]):
    """Holds when at least one operand in `any` does."""

    any: list[Operand] = Field(min_length=1)


class Negation(StrictModel, Generic[Operand]):
    """Holds when the operand under `not` does not."""

    not_: Operand = Field(alias="not")
