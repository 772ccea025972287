"""The one base of every model of a file the aanjaagteam writes (flows, blocks, flow tests, review
rules, the knowledge base and a team's own vocabulary): one home for how strictly such a file is read."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A model of a file the aanjaagteam writes: an unknown field is an error, a value never changes,
    a field with an alias (`not`, `in`, `except`) may be given by its name too, and a value must
    have the type it is given in the JSON Schema (`version: "3"` is a text, not the number 3:
    the editor marks it, so `flows validate` refuses it too, saying to take the quotes away)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, defer_build=True, strict=True
    )
