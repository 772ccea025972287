"""Mistakes a member of the aanjaagteam makes while writing YAML, each explained in Dutch at its line.

Every file in tests/data/authoring/ is a small flow with ONE mistake a non-programmer makes, and
starts with `# expect: LINE: advice`: the line the author must change (not where the parser noticed
it: the line above for a missing colon, the opening line for an unclosed quote or bracket) and a
piece of the advice, usually the corrected line itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.problems import Problem
from kansencoach.core.flows.loader import examine

from helpers import DATA, kansencoach

CORPUS = sorted((DATA / "authoring").glob("*.yaml"))
ENGLISH = re.compile(
    r"\b(mapping|scalar|expected|found|while|scanning|parsing|token|stream|alias|anchor|indicator"
    r"|could not|did not|not allowed|character|Input should|value error)\b",
    re.IGNORECASE,
)
"""Words of PyYAML's and pydantic's own messages; none may reach an author."""


def expectation(path: Path) -> tuple[int, str]:
    header = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (\d+): (.+)", header)
    assert match, f"{path.name}: no '# expect: LINE: advice' header"
    return int(match.group(1)), match.group(2)


def problems_of(path: Path) -> list[Problem]:
    return examine(path, load_vocabulary()).problems


def test_the_corpus_has_at_least_40_mistakes() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_the_mistake_is_explained_at_its_line(path: Path) -> None:
    line, advice = expectation(path)
    problems = problems_of(path)
    assert problems, f"{path.name} passed as valid"
    at_line = [f"{problem.message} — {problem.hint}" for problem in problems if problem.position.line == line]
    assert at_line, [str(problem) for problem in problems]
    assert any(advice.lower() in text.lower() for text in at_line), at_line


@pytest.mark.parametrize(
    "path",
    [*CORPUS, *sorted((DATA / "bad_flows").glob("*.yaml"))],
    ids=lambda path: f"{path.parent.name}/{path.stem}",
)
def test_no_parser_english_reaches_the_author(path: Path) -> None:
    for problem in problems_of(path):
        text = f"{problem.message} — {problem.hint}"
        assert not ENGLISH.search(text), text


@pytest.mark.parametrize("path", sorted((DATA / "bad_kb").glob("*.yaml")), ids=lambda path: path.stem)
def test_no_parser_english_in_knowledge_messages(path: Path) -> None:
    from kansencoach.core.catalog import load_kb
    from kansencoach.core.knowledge.loading import check_files

    for problem in check_files([path], load_kb()):
        text = f"{problem.message} — {problem.hint}"
        assert not ENGLISH.search(text), text


def test_verbose_adds_the_parsers_own_words(tmp_path: Path) -> None:
    path = DATA / "authoring" / "colon-in-ask.yaml"
    plain = kansencoach("flows", "validate", path, home=tmp_path)
    assert plain.returncode == 2 and "mapping values" not in plain.stderr
    verbose = kansencoach("flows", "validate", path, "--verbose", home=tmp_path)
    assert verbose.returncode == 2 and "(YAML-lezer: mapping values are not allowed" in verbose.stderr
    assert 'ask: "Let op: welk verschil wil je aanpakken?"' in verbose.stderr
