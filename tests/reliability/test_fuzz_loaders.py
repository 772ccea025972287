"""Random YAML and random mutations of the shipped files: only clean errors, never a traceback or hang."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.problems import Problem, ProblemsError
from kansencoach.core.flows.loader import examine
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.loading import check_files, load_knowledge
from kansencoach.core.sessions.scripted import read_script

from helpers import REPO, at_most, mini_flow

FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
HANG_GUARD = 60
"""Seconds after which one check counts as hung: far beyond what any takes on a busy machine."""
SHIPPED_FLOWS = sorted(
    path for path in (REPO / "flows").glob("*.yaml") if not path.name.endswith(".test.yaml")
)
YAML_PIECES = st.sampled_from(
    [
        "id: x",
        "steps:",
        "- ",
        "  ",
        "\t",
        ": ",
        "{",
        "}",
        "[",
        "]",
        "&a ",
        "*a",
        "!!python/object:os.system",
        "!!binary",
        "'",
        '"',
        "#",
        "\n",
        "type: choice",
        "when: {answer: a, equals: b}",
        "goto: einde",
        "\x00",
        "é",
        "\ufeff",
        "---",
        "...",
        "? ",
        "|",
        ">",
        "- include: x.yaml",
        "options: [{value: a, label: A}]",
        "1e309",
        "!!int ",
        "!!bool ",
        "!!float ",
        "!!null ",
        "!!str ",
        "maybe",
        "abc",
        "0x" + "f" * 4000,
        "9" * 5000,
        "\x1b]0;t\x07",
        "\u202e",
        "\x9b",
    ]
)


def only_problems(found: list[Problem]) -> None:
    for problem in found:
        assert isinstance(problem, Problem)
        assert problem.position.line >= 1 and problem.message


@FUZZ
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_random_yaml_gives_clean_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    with at_most(HANG_GUARD):
        only_problems(examine(path, load_vocabulary()).problems)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_give_clean_problems(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "flow.yaml"
    path.write_bytes(raw)
    with at_most(HANG_GUARD):
        only_problems(examine(path, load_vocabulary()).problems)


@pytest.mark.parametrize("shipped", SHIPPED_FLOWS, ids=lambda path: path.stem)
@FUZZ
@given(data=st.data())
def test_mutated_shipped_flows_give_clean_problems(
    tmp_path: Path, shipped: Path, data: st.DataObject
) -> None:
    lines = shipped.read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "duplicate", "indent", "dedent", "swap", "garble"]))
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:]
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        else:
            lines[index] = data.draw(YAML_PIECES) + lines[index][3:]
        if not lines:
            lines = [""]
    target = tmp_path / shipped.name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "blocks").mkdir(exist_ok=True)
    for block in (REPO / "flows" / "blocks").glob("*.yaml"):
        shutil.copy(block, tmp_path / "blocks" / block.name)
    with at_most(HANG_GUARD):
        only_problems(examine(target, load_vocabulary()).problems)


@functools.cache
def shipped_knowledge() -> KnowledgeBase:
    return load_knowledge(REPO / "knowledge")


@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_mutated_interventions_and_vocabulary_give_clean_problems(
    tmp_path: Path, data: st.DataObject
) -> None:
    knowledge = shipped_knowledge()
    source = REPO / "knowledge" / "interventions"
    files = sorted(source.glob("*.yaml"))
    original = (
        files[data.draw(st.integers(0, len(files) - 1))] if files else REPO / "tests/data/bad_kb/tab.yaml"
    )
    lines = original.read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    lines[index] = data.draw(YAML_PIECES) + lines[index][data.draw(st.integers(0, 6)) :]
    target = tmp_path / original.name
    target.write_text("\n".join(lines), encoding="utf-8")
    with at_most(HANG_GUARD):
        only_problems(check_files([target], knowledge))
    vocabulary = (REPO / "knowledge" / "vocabulary.yaml").read_text(encoding="utf-8").splitlines()
    where = data.draw(st.integers(0, len(vocabulary) - 1))
    vocabulary[where] = data.draw(YAML_PIECES) + vocabulary[where]
    (tmp_path / "vocabulary.yaml").write_text("\n".join(vocabulary), encoding="utf-8")
    try:
        with at_most(HANG_GUARD):
            load_knowledge(tmp_path)
    except Exception as error:
        assert type(error).__name__ == "ProblemsError", repr(error)


@FUZZ
@given(st.lists(YAML_PIECES, max_size=30).map("".join), st.sampled_from(["verschil", "domein", "titel"]))
def test_random_answers_files_give_clean_problems(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(f"title: x\nanswers:\n  {key}: {text}\n", encoding="utf-8")
    try:
        with at_most(HANG_GUARD):
            read_script(path, mini_flow(), {})
    except ProblemsError as error:
        only_problems(error.problems)
