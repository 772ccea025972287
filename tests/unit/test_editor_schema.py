"""The JSON Schemas an editor uses speak Dutch on every field, and each kind of file has one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from kansencoach.core.authoring.schema import flow_schema, knowledge_schema
from kansencoach.core.authoring.schema import tests_schema as schema_of_tests

from helpers import DATA, REPO, kansencoach

ENGLISH = {"the", "and", "its", "which", "that", "this", "with", "should", "must", "where"}
"""pydantic's defaults are English: class docstrings and field names as titles."""
SCHEMAS = {"flows": flow_schema, "knowledge": knowledge_schema, "tests": schema_of_tests}


def fields(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, field in node.get("properties", {}).items():
            yield f"{where}.{name}", field
        for key, value in node.items():
            yield from fields(value, f"{where}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from fields(value, where)


@pytest.mark.parametrize("kind", SCHEMAS)
def test_every_field_and_model_has_a_dutch_title_and_description(kind: str) -> None:
    schema = SCHEMAS[kind]()
    described = [(where, field) for where, field in fields(schema)]
    described += [(name, definition) for name, definition in schema.get("$defs", {}).items()]
    assert len(described) > 8
    for where, field in described:
        assert field.get("title") and field.get("description"), f"{kind}: {where}"
        words = set(f"{field['title']} {field['description']}".lower().split())
        assert not words & ENGLISH, f"{kind}: {where}: {field['description']}"
    assert not any(field["title"] in ("Max Items", "Target Group") for _, field in described)


def test_the_schemas_accept_the_files_they_are_for() -> None:
    flow = yaml.safe_load((REPO / "flows" / "quickscan.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(flow, flow_schema())
    tests = yaml.safe_load((DATA / "flows" / "mini.test.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(tests, schema_of_tests())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"cases": [{"name": "x", "vists": ["a"]}]}, schema_of_tests())


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [("version", 3, True), ("version", "3", False), ("minutes", 20, True), ("minutes", "20", False)],
)
def test_the_schema_and_flows_validate_agree_on_a_quoted_number(
    field: str, value: object, valid: bool, tmp_path: Any
) -> None:
    """One home for what a value may be: the editor's schema and `flows validate` judge alike."""
    flow = yaml.safe_load((REPO / "flows" / "quickscan.yaml").read_text(encoding="utf-8"))
    flow[field] = value
    path = tmp_path / "quickscan.yaml"
    path.write_text(yaml.safe_dump(flow, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = kansencoach("flows", "validate", str(path), home=tmp_path)
    try:
        jsonschema.validate(flow, flow_schema())
        schema_valid = True
    except jsonschema.ValidationError:
        schema_valid = False
    assert (result.returncode == 0) is valid and schema_valid is valid, result.stderr
    if not valid:
        assert f"haal de aanhalingstekens weg, dan is het een getal: `{field}: {value}`" in result.stderr


def test_vscode_settings_and_the_shipped_guide(tmp_path: Any) -> None:
    settings = kansencoach("schema", "--vscode", home=tmp_path)
    globs = json.loads(settings.stdout)["yaml.schemas"]
    assert "!flows/*.test.yaml" in globs["./kansencoach-flow.schema.json"]
    assert globs["./kansencoach-flowtest.schema.json"] == ["flows/*.test.yaml"]
    guide = kansencoach("docs", home=tmp_path)
    assert guide.returncode == 0 and guide.stdout.startswith("# Flows schrijven")
    assert kansencoach("schema", home=tmp_path).returncode == 2
