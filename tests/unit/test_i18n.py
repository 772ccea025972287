"""Every message key the code uses exists, and every key in the catalogue is used."""

from __future__ import annotations

import ast
import re
import string

from kansencoach.i18n import ONE, t
from kansencoach.i18n.nl import MESSAGES

from helpers import REPO

SRC = REPO / "src" / "kansencoach"
CATALOGUE = SRC / "i18n"
"""The messages themselves: their keys are string constants there too, so they are not read as uses."""


def _code() -> list[ast.AST]:
    return [
        ast.parse(path.read_text(encoding="utf-8"))
        for path in SRC.rglob("*.py")
        if not path.is_relative_to(CATALOGUE)
    ]


def used_keys() -> set[str]:
    """The keys the code names: the first argument of `t`, and any string constant that is a key
    (a key handed on to a helper that calls `t`)."""
    keys: set[str] = set()
    for tree in _code():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in MESSAGES:
                keys.add(node.value)
    return keys


def built_keys(used: set[str]) -> set[str]:
    """The keys the code builds with an f-string: `f"kind.{kind}_hint"` uses every key it can
    make; `f"{key}_hint"` (no text before the first value) the hint of every key used."""
    built: set[str] = set()
    for tree in _code():
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            parts = [str(part.value) if isinstance(part, ast.Constant) else None for part in node.values]
            if parts and parts[0] is None:
                tail = "".join(part for part in parts[1:] if part is not None)
                if len(parts) == 2 and tail:
                    built |= {key for key in MESSAGES if key.endswith(tail) and key[: -len(tail)] in used}
                continue
            pattern = re.compile("".join(".+" if part is None else re.escape(part) for part in parts))
            built |= {key for key in MESSAGES if pattern.fullmatch(key)}
    return built


def test_every_used_key_exists() -> None:
    assert used_keys() - MESSAGES.keys() == set()


def test_every_key_is_used() -> None:
    used = used_keys()
    used |= built_keys(used)
    used |= {key + ONE for key in used}  # a singular is used with its message
    assert MESSAGES.keys() - used == set()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_a_singular_belongs_to_a_message_about_a_count_and_fills_the_same_places() -> None:
    for key, text in MESSAGES.items():
        if key.endswith(ONE):
            plural = MESSAGES[key.removesuffix(ONE)]
            assert "count" in placeholders(text) and placeholders(text) == placeholders(plural), key


def test_no_message_leaves_the_plural_to_the_reader() -> None:
    # "kenmerk(en)", "spatie(s)", "probleem/problemen": a count of 1 has its own text instead
    assert [
        key for key, text in MESSAGES.items() if "(en)" in text or "(s)" in text or "/problemen" in text
    ] == []


def test_a_count_of_one_reads_in_the_singular() -> None:
    assert t("tui.suggestion_facets", count=1).startswith("Past bij 1 kenmerk van")
    assert t("tui.suggestion_facets", count=3).startswith("Past bij 3 kenmerken van")
    assert t("tui.suggestion_facets", count=0).startswith("Past bij 0 kenmerken van")


def test_placeholders_are_well_formed() -> None:
    for key, text in MESSAGES.items():
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        assert all(name.isidentifier() for name in names), key


def test_a_path_in_a_message_is_shown_on_one_line() -> None:
    from pathlib import Path

    assert t("plain.exported", path=Path("/tmp/twee\nregels.md")) == "Geschreven: /tmp/twee\u240aregels.md"
    # A plain string is the caller's text, which may hold a newline on purpose.
    assert t("plain.exported", path="a\nb") == "Geschreven: a\nb"
