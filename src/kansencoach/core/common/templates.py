"""The starting files of `flows new` and `kb new`, and the example texts in them that an author
must replace: a file that still says "Naam van de interventie" is not finished."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from kansencoach.core.common.problems import Problem
from kansencoach.core.common.yaml_build import LOADER
from kansencoach.core.common.yamlsource import Document, Loc
from kansencoach.i18n import t

_PACKAGE = Path(__file__).resolve().parents[2]
_STRUCTURE = ("steps", "sections")
"""The steps and sections of the flow template are a working start, not texts to replace."""


def template(name: str) -> str:
    """The text of a starting file shipped in the package (`flow.yaml`, `intervention.yaml`)."""
    # Beside the package's modules, as `locations` finds the shipped folders: kansencoach is always
    # installed as files, and importlib.resources (with zipfile and tempfile) cost every
    # `flows validate` of an edited flow 6-9 ms.
    return (_PACKAGE / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def example_texts(name: str) -> frozenset[str]:
    """Every text of more than one word in the starting file `name`, outside steps and sections."""
    data = yaml.load(template(name), Loader=LOADER)  # the safe loader, C-accelerated where it can be
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
    if not _holds_any(document.data, examples):
        return []
    problems: list[Problem] = []
    # A stack rather than a recursive inner function: that one would be a reference cycle holding
    # `document`, which a load with the cyclic collector paused (cache.no_cyclic_gc) never frees.
    # Each entry holds its parent's loc and its key: a text's own loc is made only when it is an
    # example, since a large flow holds tens of thousands of texts.
    stack: list[tuple[Any, Loc, Any]] = [(document.data, (), None)]
    while stack:
        value, parent, key = stack.pop()
        if isinstance(value, str):
            if value.strip() not in examples:
                continue
            loc = parent if key is None else (*parent, key)
            message = t("template.leftover", text=value.strip())
            problems.append(Problem(document.position(loc), message, t("template.leftover_hint"), "template"))
        elif isinstance(value, (dict, list)):
            loc = parent if key is None else (*parent, key)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack += [(item, loc, name) for name, item in reversed(list(items))]
    return problems


def _holds_any(data: Any, examples: frozenset[str]) -> bool:
    """Whether some text in `data` is one of `examples`: nearly every file holds none, and finding
    that without making a loc per value is a third of the work (10,000 interventions: 27 ms, not 90).
    A stack, as in `leftovers`, for the same reason."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if value.strip() in examples:
                return True
        elif isinstance(value, dict):
            stack += value.values()
        elif isinstance(value, list):
            stack += value
    return False
