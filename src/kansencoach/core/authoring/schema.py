"""JSON Schema of the YAML files, generated from the pydantic models, for editors such as VS Code."""

from __future__ import annotations

from typing import Any

from kansencoach.core.flows.models import Block, Flow
from kansencoach.core.knowledge.models import Intervention

_INCLUDE = {
    "type": "object",
    "title": "include",
    "description": "Neem de stappen van een blok op: `- include: blocks/bias.yaml`.",
    "properties": {"include": {"type": "string"}},
    "required": ["include"],
    "additionalProperties": False,
}


def flow_schema() -> dict[str, Any]:
    """A flow file (or a block file): steps may also be `- include: …` lines."""
    schema = Flow.model_json_schema(by_alias=True)
    block = Block.model_json_schema(by_alias=True)
    schema["properties"]["steps"]["items"] = {"anyOf": [schema["properties"]["steps"]["items"], _INCLUDE]}
    schema["$defs"]["Block"] = {key: value for key, value in block.items() if key != "$defs"}
    schema["$defs"]["Block"]["properties"]["steps"] = schema["properties"]["steps"]
    flow_only = {key: value for key, value in schema.items() if key not in ("$defs", "$schema")}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kansencoach flow",
        "anyOf": [flow_only, {"$ref": "#/$defs/Block"}],
        "$defs": schema["$defs"],
    }


def knowledge_schema() -> dict[str, Any]:
    """One intervention file of the knowledge base."""
    schema = Intervention.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kansencoach interventie"
    return schema
