"""Where in the models a place of pydantic's error points: the model there (following a union by
its `type`), the fields it has, and the other types of step that have a field a step lacks. The
error messages of `schema_errors` name what is valid at that place."""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

from pydantic import BaseModel, Tag


def types_having(model: type[BaseModel], pydantic_loc: tuple[int | str, ...], name: str) -> list[str]:
    """The other `type`s of the union at pydantic's `loc` (a step: ("steps", 3, "choice")) whose
    model has the field `name`: `finding` written on a question belongs to a step of type info."""
    if len(pydantic_loc) < 2:
        return []
    union: Any = model
    for part in pydantic_loc[:-1]:
        union = _step_into(union, part)
        if union is None:
            return []
    models = [
        member for _, member in _members(union) if isinstance(member, type) and issubclass(member, BaseModel)
    ]
    return [
        kind
        for member in models
        if (kind := _type_of(member)) and kind != pydantic_loc[-1] and name in field_names(member)
    ]


def _type_of(model: type[BaseModel]) -> str:
    """The value a model's `type: …` field must have (a step's type), or "" when it has none."""
    field = model.model_fields.get("type")
    if field is None or typing.get_origin(field.annotation) is not typing.Literal:
        return ""
    return str(typing.get_args(field.annotation)[0])


def fields_at(model: type[BaseModel], pydantic_loc: tuple[int | str, ...]) -> set[str]:
    """The field names of the model at pydantic's `loc`, so a hint names a field that is valid
    there; empty when the walk loses its way."""
    found = model_at(model, pydantic_loc)
    return field_names(found) if found is not None else set()


def model_at(model: type[BaseModel], pydantic_loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model at pydantic's `loc` (following union tags such as a step's type), or None when the
    walk loses its way or ends at something else than a model."""
    current: Any = model
    for part in pydantic_loc:
        current = _step_into(current, part)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _step_into(annotation: Any, part: int | str) -> Any:
    members = _members(annotation)
    for tag, member in members:
        if isinstance(part, int) and typing.get_origin(member) is list:
            return typing.get_args(member)[0]
        if tag == part or (len(members) > 1 and part in _literal_values(member)):
            return member
        if isinstance(member, type) and issubclass(member, BaseModel):
            for field_name, field in member.model_fields.items():
                if part in (field_name, field.alias):
                    return field.annotation
    return None


def _literal_values(member: Any) -> set[object]:
    """The values a model's Literal fields take: a step type's `type: text` tags it in a union."""
    if not (isinstance(member, type) and issubclass(member, BaseModel)):
        return set()
    fields = member.model_fields.values()
    literals = (field.annotation for field in fields if typing.get_origin(field.annotation) is typing.Literal)
    return {value for literal in literals for value in typing.get_args(literal)}


def _members(annotation: Any, tag: str = "") -> list[tuple[str, Any]]:
    """The alternatives of a (possibly Annotated, Optional or tagged-union) annotation, with tags."""
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        tags = [extra.tag for extra in extras if isinstance(extra, Tag)]
        return _members(inner, tags[0] if tags else tag)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [member for arg in typing.get_args(annotation) for member in _members(arg)]
    return [(tag, annotation)]


def field_names(model: type[BaseModel]) -> set[str]:
    """The fields of `model` as an author writes them (by alias where it has one)."""
    names: set[str] = set()
    for field_name, field in model.model_fields.items():
        names.add(field.alias or field_name)
    return names


@functools.cache
def step_types(model: type[BaseModel]) -> tuple[str, ...]:
    """The `type` values the model's discriminated unions accept, in the order they are declared."""
    tags: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            mapping = (
                node.get("discriminator", {}).get("mapping", {})
                if isinstance(node.get("discriminator"), dict)
                else {}
            )
            tags.extend(tag for tag in mapping if tag not in tags)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(model.model_json_schema())
    return tuple(tags)
