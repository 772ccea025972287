"""Pydantic validation of YAML documents, with each error mapped to `path:line:col` in Dutch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kansencoach.core.models import STEP_TYPES
from kansencoach.core.problems import Position, Problem, ProblemsError, did_you_mean
from kansencoach.core.yamlsource import Loc
from kansencoach.i18n import t

ModelT = TypeVar("ModelT", bound=BaseModel)
PositionOf = Callable[[Loc], Position]

_TYPE_NAMES = {
    "string_type": "type.text",
    "int_type": "type.int",
    "int_parsing": "type.int",
    "int_from_float": "type.int",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "bool_type": "type.bool",
    "bool_parsing": "type.bool",
    "list_type": "type.list",
    "dict_type": "type.mapping",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
}


def validate(
    model: type[ModelT], data: Any, position_of: PositionOf, known_fields: Iterable[str] = ()
) -> ModelT:
    """`model` built from `data`, or ProblemsError with every schema error at once."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        fields = set(known_fields) | _field_names(model)
        problems = [_coded(_problem(detail, data, position_of, fields), detail) for detail in error.errors()]
        raise ProblemsError(_unique(problems)) from None


def data_loc(data: Any, loc: tuple[int | str, ...]) -> Loc:
    """The part of pydantic's `loc` that exists in the data (dropping union tags and model names)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_mapping = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_mapping or in_list:
            current = current[part]
        elif isinstance(current, dict) and part in ("in_", "not_") and part[:-1] in current:
            part = part[:-1]
            current = current[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def _problem(detail: ErrorDetails, data: Any, position_of: PositionOf, fields: set[str]) -> Problem:
    loc = data_loc(data, detail["loc"])
    position = position_of(loc)
    kind = detail["type"]
    name = str(detail["loc"][-1]).rstrip("_") if detail["loc"] else ""
    given = detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind == "missing":
        return Problem(position, t("schema.missing", field=name), t("schema.missing_hint", field=name))
    if kind == "extra_forbidden":
        hint = did_you_mean(name, fields, t("schema.extra_hint"))
        return Problem(position, t("schema.extra", field=name), hint)
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", given))
        hint = did_you_mean(tag, STEP_TYPES, t("schema.step_type_hint", types=", ".join(STEP_TYPES)))
        return Problem(position, t("schema.step_type", value=tag), hint)
    if kind == "union_tag_not_found":
        return Problem(
            position,
            t("schema.missing", field="type"),
            t("schema.step_type_hint", types=", ".join(STEP_TYPES)),
        )
    if kind in _TYPE_NAMES:
        expected = t(_TYPE_NAMES[kind])
        message = t("schema.wrong_type", field=name, expected=expected, value=_show(given))
        return Problem(position, message, t("schema.wrong_type_hint", expected=expected))
    if kind == "string_pattern_mismatch":
        return Problem(position, t("schema.bad_id", value=_show(given)), t("schema.bad_id_hint"))
    if kind in ("too_short", "string_too_short"):
        return Problem(position, t("schema.too_short", field=name), t("schema.too_short_hint"))
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(position, t("schema.too_small", field=name, limit=ctx.get("ge", ctx.get("gt"))))
    if kind in ("less_than_equal", "less_than"):
        return Problem(position, t("schema.too_large", field=name, limit=ctx.get("le", ctx.get("lt"))))
    if kind == "literal_error":
        return Problem(position, t("schema.not_allowed", value=_show(given), allowed=ctx.get("expected", "")))
    if kind == "value_error" and "condition_without_test" in str(ctx.get("error", "")):
        return Problem(position, t("schema.condition_without_test"), t("schema.condition_without_test_hint"))
    return Problem(position, t("schema.other", field=name, detail=detail["msg"]))


def _coded(problem: Problem, detail: ErrorDetails) -> Problem:
    """The problem with pydantic's error type as its code, for `--format json`."""
    return problem if problem.code else replace(problem, code=f"schema.{detail['type']}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _field_names(model: type[BaseModel]) -> set[str]:
    names: set[str] = set()
    for field_name, field in model.model_fields.items():
        names.add(field.alias or field_name)
    return names


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Position, str]] = set()
    result = []
    for problem in problems:
        if (problem.position, problem.message) not in seen:
            seen.add((problem.position, problem.message))
            result.append(problem)
    return sorted(result, key=lambda problem: problem.position)
