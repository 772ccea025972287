"""Every broken flow in the corpus: exit 2, the right line, what to fix, no traceback, under 2 seconds.

Each file in tests/data/bad_flows/ holds ONE fault in an otherwise valid small flow, and starts with
`# expect: LINE: fragment`: the 1-based line the error must point at and a case-insensitive piece of
the Dutch message (or hint) that names the fault. When the error belongs in another file (a block
that closes an include cycle), the header is `# expect: FILE:LINE: fragment`, FILE relative to the
corpus. Files that cannot carry a header (empty, binary, not UTF-8) have theirs in NO_HEADER. The
blocks in bad_flows/blocks/ are included by corpus flows and are not flows themselves; the glob below
does not descend into that folder.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import DATA, kansencoach

CORPUS = DATA / "bad_flows"
FILES = sorted(CORPUS.glob("*.yaml"))
NO_HEADER = {
    "binary.yaml": "3: geen tekstbestand",  # the first NUL byte: PNG's signature holds two line feeds before it
    "empty.yaml": "1: het bestand is leeg",
    "non-utf8.yaml": "10: geen geldige UTF-8",  # a latin-1 'é' in `ask: Welk verschil in café?`
}
NO_HINT: dict[str, str] = {}
"""File name → why its messages may lack the ` — hint` part. None may, today."""

JARGON = {
    r"constrained-\w+": "a pydantic type name",
    r"\bNone\b": "Python's None instead of 'leeg'",
    r"'\d+' moet": "a list index shown as a field name",
    r"\[\{": "a Python repr of the data",
    r"Input should|pydantic|validation error": "pydantic's English message",
    r"'\w+' or '\w+'": "English 'or' in a Dutch list",
}
"""Patterns that mean a message speaks to a programmer, not to the aanjaagteam."""

ERROR_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<text>.*)$")
_RESULTS: dict[Path, subprocess.CompletedProcess[str]] = {}


def expectation(path: Path) -> tuple[Path, int, str]:
    """(file the error is in, line, fragment) from the file's `# expect: [FILE:]LINE: fragment` header."""
    header = NO_HEADER.get(path.name)
    if header is None:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.match(r"# expect: (.+)", first)
        assert match, f"{path.name} has no '# expect:' header"
        header = match.group(1)
    match = re.match(r"((?:[\w/.-]+:)?\d+): (.+)", header)
    assert match, f"{path.name}: malformed header {header!r}"
    where, fragment = match.groups()
    file, _, line = where.rpartition(":")
    return (CORPUS / file if file else path), int(line), fragment


def validate(path: Path, home: Path) -> subprocess.CompletedProcess[str]:
    result = kansencoach("flows", "validate", path, home=home)
    _RESULTS[path] = result
    return result


def error_lines(stderr: str) -> list[str]:
    """The `path:line:col: message — hint` lines, without source excerpts and the summary."""
    return [line for line in stderr.splitlines() if ERROR_LINE.match(line)]


def test_the_corpus_has_at_least_30_broken_flows() -> None:
    assert len(FILES) >= 30
    assert not any(path.parent.name == "blocks" for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_broken_flow_gives_a_clear_error_at_its_line(path: Path, tmp_path: Path) -> None:
    where, line, fragment = expectation(path)
    result = validate(path, tmp_path)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{where}:{line}:" in result.stderr, result.stderr
    at_line = [text for text in error_lines(result.stderr) if text.startswith(f"{where}:{line}:")]
    assert any(fragment.lower() in text.lower() for text in at_line), result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_every_problem_is_readable(path: Path, tmp_path: Path) -> None:
    """Each error line has a hint, speaks Dutch to an author, and is reported once."""
    result = _RESULTS.get(path) or validate(path, tmp_path)
    lines = error_lines(result.stderr)
    assert lines, result.stderr
    if path.name not in NO_HINT:
        without = [line for line in lines if " — " not in line]
        assert not without, f"no hint on what to do: {without}"
    for pattern, what in JARGON.items():
        bad = [line for line in lines if re.search(pattern, line)]
        assert not bad, f"{what}: {bad}"
    repeated = {line for line in lines if lines.count(line) > 1}
    assert not repeated, f"{len(lines)} lines, repeated: {sorted(repeated)[:3]}"


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_broken_flow_as_json(path: Path, tmp_path: Path) -> None:
    where, line, fragment = expectation(path)
    result = kansencoach("flows", "validate", path, "--format", "json", home=tmp_path)
    assert result.returncode == 2
    problems = json.loads(result.stdout)
    found = [p for p in problems if p["line"] == line and Path(p["path"]).resolve() == where.resolve()]
    assert found, problems
    assert any(fragment.lower() in (p["message"] + " — " + p["hint"]).lower() for p in found)
    if "bedoelde je" in fragment:
        assert any(p["hint"].startswith("bedoelde je") for p in found)


def test_a_file_over_5_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "groot.yaml"
    flow = (CORPUS / "unknown-field.yaml").read_text(encoding="utf-8").replace("requird", "required")
    filler = "".join(f"# regel {n}: {'x' * 60}\n" for n in range(90_000))
    big.write_text(flow + filler, encoding="utf-8")
    assert big.stat().st_size > 5 * 1024 * 1024
    result = kansencoach("flows", "validate", big, home=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{big}:1:" in result.stderr and "te groot" in result.stderr, result.stderr
    assert all(" — " in line for line in error_lines(result.stderr)), result.stderr


@pytest.mark.parametrize(
    "command",
    [("flows", "graph", "{block}"), ("run", "{block}", "--answers", "{answers}", "--export", "{out}")],
    ids=["graph", "run"],
)
def test_a_block_given_where_a_flow_is_expected(command: tuple[str, ...], tmp_path: Path) -> None:
    block = CORPUS / "blocks" / "los-blok.yaml"
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text("answers: {}\n", encoding="utf-8")
    args = [part.format(block=block, answers=answers, out=tmp_path / "uit.md") for part in command]
    result = kansencoach(*args, home=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{block}:1:" in result.stderr and "dit is een blok, geen flow" in result.stderr, result.stderr
    assert all(" — " in line for line in error_lines(result.stderr)), result.stderr


def test_the_included_block_is_itself_valid(tmp_path: Path) -> None:
    """`flows validate` accepts blocks, so los-blok.yaml is only wrong where a flow is expected."""
    result = kansencoach("flows", "validate", CORPUS / "blocks" / "los-blok.yaml", home=tmp_path)
    assert result.returncode == 0, result.stderr


def test_two_flows_with_one_id_in_any_folder_are_reported_at_both_ids(tmp_path: Path) -> None:
    # As in the user's flow folder: in a folder the aanjaagteam checks before sharing it, two files
    # with one id would have one hide the other once installed. Both files are named, at their ids.
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    mini = (DATA / "flows" / "mini.yaml").read_text(encoding="utf-8")
    first = folder / "a-mini.yaml"
    first.write_text("# een kopie om mee te oefenen\n" + mini, encoding="utf-8")
    assert kansencoach("flows", "validate", first, home=tmp_path / "home").returncode == 0
    second = folder / "b-mini.yaml"
    second.write_text(mini, encoding="utf-8")

    for given in (folder, first):  # the folder, and the file alone (its verdict was cached)
        result = kansencoach("flows", "validate", given, home=tmp_path / "home")
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"{first}:2:1: de flow-id 'mini' staat ook in {second}:1:1" in result.stderr, result.stderr
        assert "geef een van beide flows een andere id" in result.stderr
    as_json = kansencoach("flows", "validate", folder, "--format", "json", home=tmp_path / "home")
    assert as_json.returncode == 2
    assert [(p["path"], p["line"]) for p in json.loads(as_json.stdout)] == [(str(first), 2)]
    second.write_text(mini.replace("id: mini", "id: mini-twee"), encoding="utf-8")
    assert kansencoach("flows", "validate", folder, home=tmp_path / "home").returncode == 0
