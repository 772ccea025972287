"""The event builder gives what PyYAML's composer would: the same data, the same positions, the same
errors, for every file we ship and for random texts; aliases are refused at the anchor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.common.yaml_explain import explain
from kansencoach.core.common.yamlsource import Loc, parse
from kansencoach.i18n import t

from helpers import REPO

SHIPPED = sorted(
    path
    for folder in ("flows", "knowledge", "tests/data")
    for path in (REPO / folder).rglob("*.yaml")
    if path.is_file() and not path.is_symlink()
)


class _Reference(yaml.CSafeLoader):
    """PyYAML's own loader, with a date kept as the text written (as our reader keeps it)."""


def _as_text(loader: _Reference, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_Reference.add_constructor("tag:yaml.org,2002:timestamp", _as_text)


def with_text_keys(value: Any) -> Any:
    """PyYAML's data with every key as text, as our reader gives it (`true:` is the key 'True')."""
    if isinstance(value, dict):
        return {str(key): with_text_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_text_keys(item) for item in value]
    return value


def composed_positions(text: str) -> dict[Loc, tuple[int, int]]:
    """Where PyYAML's composer puts each value: a mapping value at its key, a list item at itself."""
    found: dict[Loc, tuple[int, int]] = {}
    constructor = _Reference("")

    def walk(node: yaml.Node, loc: Loc, at: yaml.Node) -> None:
        found[loc] = (at.start_mark.line + 1, at.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*loc, str(constructor.construct_object(key))), key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index), item)

    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert root is not None
    walk(root, (), root)
    return found


def same_as_composer(text: str) -> None:
    """Our document equals PyYAML's where we accept the text, and our error is the composer's where
    PyYAML refuses it."""
    try:
        document = parse(text, "f.yaml")
    except ProblemsError as error:
        try:
            yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError as refused:
            assert error.problems == [explain(refused, text, "f.yaml")]
        return
    assert document.data == with_text_keys(yaml.load(text, Loader=_Reference))
    positions = {
        loc: (document.position(loc).line, document.position(loc).column) for loc in document.positions
    }
    assert positions == composed_positions(text)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: str(path.relative_to(REPO)))
def test_every_file_in_the_repository_reads_as_pyyaml_composes_it(path: Path) -> None:
    raw = path.read_bytes()
    if b"\x00" in raw:
        pytest.skip("not a text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8")
    if text.strip():
        same_as_composer(text)


PIECES = st.sampled_from(
    [
        *("a: ", "b: ", "- ", "  ", "\n", "1", "x", "'q'", "[", "]", "{", "}", ", ", "? ", "|\n  "),
        *("true", "~", "&a ", "*a", "!!int ", "!!str ", "---\n", "<<: ", "2001-12-14", "0x1F", ": "),
    ]
)


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_random_yaml_reads_as_pyyaml_composes_it(text: str) -> None:
    if text.strip():
        same_as_composer(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x {b: 1}\nc: *x\n",
        "a: &x hello\nb: *x\n",
        "a: &x [1]\nb: [*x, *x]\n",
        "a: &x\n  b: [*x]\n",
    ],
)
def test_an_alias_is_refused_once_at_its_anchor(text: str) -> None:
    with pytest.raises(ProblemsError) as raised:
        parse(text, "f.yaml")
    [problem] = raised.value.problems
    assert (problem.message, problem.position.line, problem.position.column) == (t("yaml.alias"), 1, 4)


@pytest.mark.parametrize(
    "text", ["a: *nergens\n", "a: &x 1\nb: &x 2\n", "a: 1\n---\nb: 2\n", "a: [&x 1, *y]\n"]
)
def test_what_the_composer_refuses_is_explained_as_its_own_error(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as composed:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    with pytest.raises(ProblemsError) as raised:
        parse(text, "f.yaml")
    assert raised.value.problems == [explain(composed.value, text, "f.yaml")]


def test_a_file_nested_as_deep_as_the_parser_allows_still_reads() -> None:
    text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(990)) + "  " * 990 + "einde\n"
    data: Any = parse(text, "f.yaml").data
    for depth in range(990):
        data = data[f"k{depth}"]
    assert data == "einde"


def test_a_duplicate_key_skips_its_value_and_names_the_first_line() -> None:
    with pytest.raises(ProblemsError) as raised:
        parse("a: 1\nb:\n  c: !!python/name:os.system x\nb: 3\n", "f.yaml")
    messages = [(problem.position.line, problem.message) for problem in raised.value.problems]
    assert messages[-1] == (4, t("yaml.duplicate_key", key="b", line=2))
    assert len(messages) == 2  # the refused tag inside the first `b`, then the duplicate
