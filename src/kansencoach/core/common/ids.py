"""The one shape of an id: flows, steps, sections and interventions all follow it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

IDENTIFIER_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
DRAFT_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)?$"
"""Where a step's answer lands in the draft: a section id, perhaps with a dot and a key of the same shape."""

Identifier = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        max_length=80,
        description="Kleine letters, cijfers, '-' en '_', bijvoorbeeld `wat-loopt-al`.",
    ),
]
"""A step, section or flow id: lowercase so ids never differ only by case."""
