"""The starting files of `flows new` and `kb new`, and the example texts in them that an author
must replace: a file that still says "Naam van de interventie" is not finished."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from kansencoach.core.common.problems import Problem
from kansencoach.core.common.yamlsource import Document, Loc
from kansencoach.i18n import t

_STRUCTURE = ("steps", "sections")
"""The steps and sections of the flow template are a working start, not texts to replace."""


def template(name: str) -> str:
    """The text of a starting file shipped in the package (`flow.yaml`, `intervention.yaml`)."""
    return (resources.files("kansencoach") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def example_texts(name: str) -> frozenset[str]:
    """Every text of more than one word in the starting file `name`, outside steps and sections."""
    data = yaml.safe_load(template(name))
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in _STRUCTURE:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and " " in value.strip():
            found.add(value.strip())

    walk(data)
    return frozenset(found)


def leftovers(document: Document, name: str) -> list[Problem]:
    """A problem for every example text of the starting file `name` still in `document`."""
    examples = example_texts(name)
    problems: list[Problem] = []

    def walk(value: Any, loc: Loc) -> None:
        # A text's loc is made only when it is an example: a large flow holds tens of thousands.
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, (dict, list)):
                walk(item, (*loc, key))
            elif isinstance(item, str) and item.strip() in examples:
                left(item, (*loc, key))

    def left(value: str, loc: Loc) -> None:
        message = t("template.leftover", text=value.strip())
        problems.append(Problem(document.position(loc), message, t("template.leftover_hint"), "template"))

    if isinstance(document.data, (dict, list)):
        walk(document.data, ())
    elif isinstance(document.data, str) and document.data.strip() in examples:
        left(document.data, ())
    return problems
