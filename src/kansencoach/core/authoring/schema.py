"""JSON Schema of the YAML files, generated from the pydantic models, for editors such as VS Code."""

from __future__ import annotations

from typing import Any

from kansencoach.core.authoring.testing import TestFile
from kansencoach.core.flows.models import Block, Flow
from kansencoach.core.knowledge.models import Intervention
from kansencoach.i18n.nl.schema import FIELDS, MODELS

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
    return _in_dutch(
        {
            "title": "Flow",
            "anyOf": [_in_dutch(flow_only, "Flow"), {"$ref": "#/$defs/Block"}],
            "$defs": schema["$defs"],
        },
        "Flow",
    )


def knowledge_schema() -> dict[str, Any]:
    """One intervention file of the knowledge base."""
    return _in_dutch(Intervention.model_json_schema(by_alias=True), "Intervention")


def tests_schema() -> dict[str, Any]:
    """A flow's test file (`<flow>.test.yaml`)."""
    return _in_dutch(TestFile.model_json_schema(by_alias=True), "TestFile")


VSCODE_GLOBS = {
    "kansencoach-flow.schema.json": ["flows/*.yaml", "flows/blocks/*.yaml", "!flows/*.test.yaml"],
    "kansencoach-flowtest.schema.json": ["flows/*.test.yaml"],
    "kansencoach-interventie.schema.json": ["knowledge/interventions/*.yaml"],
}
"""The schema files `schema --vscode` names, and the files each one is for (test files excluded
from the flow schema: they are not flows)."""


def vscode_settings() -> dict[str, Any]:
    """The `yaml.schemas` part of a VS Code `settings.json` for the three schema files."""
    return {"yaml.schemas": {f"./{name}": globs for name, globs in VSCODE_GLOBS.items()}}


def _in_dutch(schema: dict[str, Any], model: str) -> dict[str, Any]:
    """The schema with a Dutch title and description on every model and field (pydantic gives the
    class docstring in English and the field name as title); a field's own description is kept."""
    root = {key: value for key, value in schema.items() if key != "$defs"}
    _translate(root, model)
    for name, definition in schema.get("$defs", {}).items():
        _translate(definition, name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **root,
        **({"$defs": schema["$defs"]} if "$defs" in schema else {}),
    }


def _translate(definition: dict[str, Any], model: str) -> None:
    if model in MODELS:
        definition["title"], definition["description"] = MODELS[model]
    _fields_in_dutch(definition)


def _fields_in_dutch(node: Any) -> None:
    """Every field under `node`, also those of nested objects such as `- include: …`."""
    if isinstance(node, dict):
        for name, field in node.get("properties", {}).items():
            title, description = FIELDS.get(name, (name, ""))
            field["title"] = title
            field.setdefault("description", description)
        for value in node.values():
            _fields_in_dutch(value)
    elif isinstance(node, list):
        for value in node:
            _fields_in_dutch(value)
