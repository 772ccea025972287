"""Every broken flow in the corpus: exit 2, the right line, what to fix, no traceback, under 2 seconds."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from helpers import DATA, kansencoach

CORPUS = DATA / "bad_flows"
NO_HEADER = {
    "binary.yaml": "1: geen tekstbestand",
    "empty.yaml": "1: het bestand is leeg",
    "only-comments.yaml": "1: het bestand is leeg",
    "non-utf8.yaml": "10: geen geldige UTF-8",
}
FILES = sorted(CORPUS.glob("*.yaml"))


def expectation(path: Path) -> tuple[Path, int, str]:
    """(file the error is in, line, fragment) from the file's `# expect: [FILE:]LINE: fragment` header."""
    header = NO_HEADER.get(path.name)
    if header is None:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.match(r"# expect: (.+)", first)
        assert match, f"{path.name} has no '# expect:' header"
        header = match.group(1)
    where, fragment = re.match(r"((?:[\w/.-]+:)?\d+): (.+)", header).groups()  # type: ignore[union-attr]
    file, _, line = where.rpartition(":")
    return (CORPUS / file if file else path), int(line), fragment


def test_the_corpus_has_at_least_30_broken_flows() -> None:
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_broken_flow_gives_a_clear_error_at_its_line(path: Path) -> None:
    where, line, fragment = expectation(path)
    start = time.monotonic()
    result = kansencoach("flows", "validate", path)
    elapsed = time.monotonic() - start
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    shown = str(where) if where != path else str(path)
    assert f"{shown}:{line}:" in result.stderr, result.stderr
    assert fragment.lower() in result.stderr.lower(), result.stderr
    first = result.stderr.splitlines()[0]
    assert " — " in first, f"no hint on what to do: {first}"
    assert elapsed < 2.0, f"took {elapsed:.2f} s"


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_broken_flow_as_json(path: Path) -> None:
    where, line, fragment = expectation(path)
    result = kansencoach("flows", "validate", path, "--format", "json")
    assert result.returncode == 2
    problems = json.loads(result.stdout)
    found = [p for p in problems if p["line"] == line and Path(p["path"]).resolve() == where.resolve()]
    assert found, problems
    assert any(fragment.lower() in (p["message"] + " — " + p["hint"]).lower() for p in found)
    if "bedoelde je" in fragment:
        assert any(p["hint"].startswith("bedoelde je") for p in found)


def test_a_5_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "groot.yaml"
    big.write_text("id: groot\n" + "# " + "x" * 100 + "\n" * 1 + ("a: b\n" * 1_050_000), encoding="utf-8")
    start = time.monotonic()
    result = kansencoach("flows", "validate", big)
    assert time.monotonic() - start < 2.0
    assert result.returncode == 2 and "te groot" in result.stderr and "Traceback" not in result.stderr
