"""Pydantic validation of YAML documents, with each error mapped to `path:line:col` in Dutch."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kansencoach.core.common.field_words import FIELD_WORDS, field_for
from kansencoach.core.common.ids import DRAFT_KEY_PATTERN, IDENTIFIER_PATTERN
from kansencoach.core.common.model_paths import field_names, fields_at, model_at, step_types, types_having
from kansencoach.core.common.problems import (
    Position,
    Problem,
    ProblemsError,
    did_you_mean,
    distinct,
    nearest,
)
from kansencoach.core.common.yamlsource import Loc
from kansencoach.i18n import t

ModelT = TypeVar("ModelT", bound=BaseModel)
PositionOf = Callable[[Loc], Position]
_INTERNAL = {"constrained-str", "str", "int", "float", "bool", "list", "dict"}
"""Names pydantic gives to union members in an error's location; never shown to authors."""

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


def _number_text(text: str) -> bool:
    """Whether a text is a number written in quotes (`"3"`, `"2.5"`)."""
    return re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", text) is not None


def validate(
    model: type[ModelT], data: Any, position_of: PositionOf, known_fields: Iterable[str] = ()
) -> ModelT:
    """`model` built from `data`, or ProblemsError with every schema error at once."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        fields = set(known_fields) | field_names(model)
        details = _most_specific(error.errors(), data)
        found = [
            (detail, _coded(_problem(model, detail, data, position_of, fields), detail)) for detail in details
        ]
        raise ProblemsError(distinct(_without_missing_meant(found, data))) from None


def _without_missing_meant(found: list[tuple[ErrorDetails, Problem]], data: Any) -> list[Problem]:
    """The problems, less "'level' ontbreekt" where a field beside it is told "bedoelde je 'level'?"
    (`niveau: onbekend`): one mistake, told once, by the message that says what to change."""
    meant = {
        (data_loc(data, detail["loc"])[:-1], problem.hint)
        for detail, problem in found
        if detail["type"] == "extra_forbidden"
    }
    return [
        problem
        for detail, problem in found
        if detail["type"] != "missing"
        or (data_loc(data, detail["loc"]), t("hint.did_you_mean", suggestion=detail["loc"][-1])) not in meant
    ]


def _most_specific(details: list[ErrorDetails], data: Any) -> list[ErrorDetails]:
    """Leave out a union member's type error where another member got further into the value.

    For `goto: [{when: …}]` without `to`, pydantic reports both "not a text" (the `goto: id` form)
    and "`to` missing" (the list form); only the second helps the author.
    """
    places = [data_loc(data, detail["loc"]) for detail in details]
    # Every place some error lies below; a set, so a file with thousands of errors stays fast.
    above = {place[:depth] for place in places for depth in range(len(place))}
    kept = []
    for detail, place in zip(details, places, strict=True):
        if detail["type"] in _TYPE_NAMES and place in above:
            continue
        kept.append(detail)
    return kept


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


def _problem(
    model: type[BaseModel], detail: ErrorDetails, data: Any, position_of: PositionOf, fields: set[str]
) -> Problem:
    loc = data_loc(data, detail["loc"])
    position = position_of(loc)
    kind = detail["type"]
    name = _field_name(detail["loc"], loc, fields)
    given = detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind == "missing":
        return Problem(position, t("schema.missing", field=name), t("schema.missing_hint", field=name))
    if kind == "extra_forbidden":
        return _extra_field(model, detail, data, loc, position_of, fields)
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", given))
        tags = step_types(model)
        hint = did_you_mean(tag, tags, t("schema.step_type_hint", types=", ".join(tags)))
        return Problem(position_of((*loc, "type")), t("schema.step_type", value=tag), hint)
    if kind == "union_tag_not_found":
        written = _value_at(data, loc)
        keys = [key for key in written if isinstance(key, str)] if isinstance(written, dict) else []
        typo = next((key for key in keys if field_for(key, {"type"})), None) or nearest("type", keys)
        if typo is not None:
            # `typ: text` or `soort: text`: the step has its type, under a misspelt or Dutch name.
            hint = t("hint.did_you_mean", suggestion="type")
            return Problem(position_of((*loc, typo)), t("schema.extra", field=typo), hint)
        return Problem(
            position,
            t("schema.missing", field="type"),
            t("schema.step_type_hint", types=", ".join(step_types(model))),
        )
    if kind == "string_type" and isinstance(given, list | dict) and _written_inline(data, loc, position_of):
        # `say: [Let op] …` or `say: {naam}`: YAML read brackets at the start of a text as a list.
        message = t("schema.wrong_type", field=name, expected=t("type.text"), value=_show(given))
        return Problem(position, message, t("schema.brackets_in_text_hint", field=name))
    if kind in _TYPE_NAMES and given is None:
        return Problem(position, t("schema.empty_value", field=name), t("schema.empty_value_hint"))
    if kind == "string_type" and isinstance(given, bool):
        # `label: yes`: YAML reads yes, no, on, off, true and false as ja/nee, not as the word written.
        example = '"yes"' if given else '"no"'
        return Problem(
            position, t("schema.bool_for_text", field=name), t("schema.quote_text_hint", example=example)
        )
    if kind == "string_type" and isinstance(given, int | float):
        # `label: 2023`: a number to YAML, a text to the author, who was told to 'vul hier tekst in'.
        message = t("schema.wrong_type", field=name, expected=t("type.text"), value=_show(given))
        return Problem(position, message, t("schema.quote_text_hint", example=f'"{_show(given)}"'))
    if kind in ("bool_type", "bool_parsing"):
        # `required: nee`: told it must be "ja of nee", the author could not see what to change.
        message = t("schema.wrong_type", field=name, expected=t("type.bool"), value=_show(given))
        return Problem(position, message, t("schema.bool_hint", field=name))
    if kind in ("int_type", "float_type") and isinstance(given, str) and _number_text(given):
        # `version: "3"`: a text to YAML and to the editor's schema, a number to the author.
        expected = t(_TYPE_NAMES[kind])
        message = t("schema.wrong_type", field=name, expected=expected, value=_show(given))
        return Problem(position, message, t("schema.unquote_hint", example=f"{name}: {given.strip()}"))
    if kind in ("model_type", "model_attributes_type") and isinstance(given, str | int | float):
        # `perspectives: [B, C]`: the values are there, but each belongs in a block with its fields.
        block = _block_example(model, detail["loc"], given)
        if block is not None:
            expected = t(_TYPE_NAMES[kind])
            message = t("schema.wrong_type", field=name, expected=expected, value=_show(given))
            return Problem(position, message, t("schema.value_for_block_hint", example=block))
    if kind in _TYPE_NAMES:
        expected = t(_TYPE_NAMES[kind])
        message = t("schema.wrong_type", field=name, expected=expected, value=_show(given))
        return Problem(position, message, t("schema.wrong_type_hint", expected=expected))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == IDENTIFIER_PATTERN:
        return Problem(position, t("schema.bad_id", value=_show(given)), t("schema.bad_id_hint"))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == DRAFT_KEY_PATTERN:
        message = t("schema.bad_draft_key", value=_show(given))
        return Problem(position, message, t("schema.bad_draft_key_hint"))
    if kind == "string_pattern_mismatch":
        return Problem(
            position, t("schema.bad_form", field=name, value=_show(given)), t("schema.bad_form_hint")
        )
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return Problem(
            position, t("schema.too_few", field=name, count=minimum), t("schema.too_few_hint", count=minimum)
        )
    if kind == "too_long":
        most = ctx.get("max_length")
        return Problem(
            position, t("schema.too_many", field=name, count=most), t("schema.too_many_hint", count=most)
        )
    if kind == "string_too_short":
        return Problem(position, t("schema.empty_value", field=name), t("schema.empty_value_hint"))
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(position, t("schema.too_small", field=name, limit=ctx.get("ge", ctx.get("gt"))))
    if kind in ("less_than_equal", "less_than"):
        return Problem(position, t("schema.too_large", field=name, limit=ctx.get("le", ctx.get("lt"))))
    if kind == "literal_error":
        allowed = [
            quoted or bare for quoted, bare in re.findall(r"'([^']*)'|(\w+)", str(ctx.get("expected", "")))
        ]
        # pydantic names a literal as Python does; the author writes YAML (`true`, not `True`).
        allowed = [_YAML_WORDS.get(value, value) for value in allowed if value != "or"]
        hint = did_you_mean(str(given), allowed, t("schema.allowed_hint", values=", ".join(allowed)))
        return Problem(position, t("schema.not_allowed", field=name, value=_show(given)), hint)
    if kind == "value_error" and "condition_without_test" in str(ctx.get("error", "")):
        return Problem(position, t("schema.condition_without_test"), t("schema.condition_without_test_hint"))
    return Problem(position, t("schema.other", field=name, detail=detail["msg"]))


def _extra_field(
    model: type[BaseModel],
    detail: ErrorDetails,
    data: Any,
    loc: Loc,
    position_of: PositionOf,
    fields: set[str],
) -> Problem:
    """An unknown field: "bedoelde je …?" from the fields valid at that spot, or, for a key without a
    value right after another on the same line, the comma that split a text in `{value: …, label: …}`."""
    name = str(detail["loc"][-1])
    # data_loc may read a union tag that is also a key (`answer` in a condition) as part of the path.
    holder = next((at for at in (loc, loc[:-1]) if name in _keys_at(data, at)), loc[:-1])
    loc = (*holder, name)
    position = position_of(loc)
    parent = _value_at(data, holder)
    keys = list(parent) if isinstance(parent, dict) else []
    before = keys[keys.index(name) - 1] if name in keys and keys.index(name) > 0 else None
    valid = fields_at(model, detail["loc"][:-1]) or fields
    words = [*valid, *(word for word in FIELD_WORDS if field_for(word, valid))]
    # A word of the table written exactly is its field: `nearest` leaves out a candidate equal to
    # the word, so `vraag:` was told no more than that the field is unknown.
    suggestion = name if field_for(name, valid) else nearest(name, words)
    if before is not None and position_of((*loc[:-1], before)).line == position.line:
        previous = parent[before]
        split = parent[name] is None or " " in name or not name.isidentifier() or suggestion is None
        if isinstance(previous, str) and split and (parent[name] is None or isinstance(parent[name], str)):
            text = f"{previous}, {name}" + (f": {parent[name]}" if parent[name] is not None else "")
            hint = t("schema.comma_in_text_hint", fix=f'{before}: "{text}"')
            return Problem(position_of((*loc[:-1], before)), t("schema.comma_in_text", field=before), hint)
    kind = parent.get("type") if isinstance(parent, dict) else None
    # A field another type of step has, written as it is there, is in the wrong kind of step rather
    # than misspelt: `options` on a text step is no typo of `optional`.
    others = types_having(model, detail["loc"][:-1], name) if isinstance(kind, str) else []
    if others:
        shown = ", ".join(others[:-1]) + t("schema.type_or") + others[-1] if len(others) > 1 else others[0]
        return Problem(
            position,
            t("schema.extra_of_type", field=name, types=shown, type=kind),
            t("schema.extra_of_type_hint"),
        )
    meant = (field_for(suggestion, valid) or suggestion) if suggestion else None
    hint = t("hint.did_you_mean", suggestion=meant) if meant else ""
    return Problem(position, t("schema.extra", field=name), hint or t("schema.extra_hint"))


def _keys_at(data: Any, loc: Loc) -> list[str]:
    value = _value_at(data, loc)
    return list(value) if isinstance(value, dict) else []


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _written_inline(data: Any, loc: Loc, position_of: PositionOf) -> bool:
    """Whether the list or mapping at `loc` starts on its key's line (`say: [Let op] …`)."""
    value = _value_at(data, loc)
    first: Loc = (*loc, 0) if isinstance(value, list) else (*loc, next(iter(value), ""))
    return bool(value) and position_of(first).line == position_of(loc).line


def _block_example(model: type[BaseModel], pydantic_loc: tuple[int | str, ...], given: object) -> str | None:
    """The block a lone value in a list of blocks (`perspectives: [B, C]`) stands for, written with it
    in the block's first required field and '…' in the others (`- {perspective: B, why: …}`); None
    if `loc` is no list item (a whole file written as one sentence needs more than one field's
    example), or the block there is not known or needs no field."""
    if not pydantic_loc or not isinstance(pydantic_loc[-1], int):
        return None
    block = model_at(model, pydantic_loc)
    if block is None:
        return None
    required = [field.alias or name for name, field in block.model_fields.items() if field.is_required()]
    if not required:
        return None
    written = given if isinstance(given, str) else _show(given)
    values = [written if len(written) <= 40 else "…", *("…" for _ in required[1:])]
    fields = ", ".join(f"{name}: {value}" for name, value in zip(required, values, strict=True))
    return "- {" + fields + "}"


def _coded(problem: Problem, detail: ErrorDetails) -> Problem:
    """The problem with pydantic's error type as its code, for `--format json`."""
    return problem if problem.code else problem._replace(code=f"schema.{detail['type']}")


def _field_name(pydantic_loc: tuple[int | str, ...], loc: Loc, fields: set[str]) -> str:
    """The name of the field at fault, as the author wrote it: not a union member's internal name,
    and for a list item the list's name rather than the item's number."""
    for part in reversed(pydantic_loc):
        if isinstance(part, int):
            break
        name = part.rstrip("_")
        if name in fields or (part == pydantic_loc[-1] and part not in _INTERNAL and "[" not in part):
            return name
    return next((part for part in reversed(loc) if isinstance(part, str)), "")


_YAML_WORDS = {"True": "true", "False": "false", "None": "null"}
"""Python's names of the YAML words true, false and null."""


def _show(value: Any) -> str:
    """The value as the author would recognise it, shortened; never raising (a 5,000-digit integer
    cannot be turned into text) and with control characters escaped by repr. true, false and null
    as YAML writes them."""
    if value is None or isinstance(value, bool):
        return _YAML_WORDS[repr(value)]
    try:
        text = repr(value)
    except ValueError:
        return "..."
    return text if len(text) <= 60 else text[:57] + "..."
