"""Every broken knowledge-base file gives a clear error at the right line, and exit code 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import DATA, REPO, kansencoach

CORPUS = DATA / "bad_kb"
NO_HEADER = {"empty.yaml": (1, "het bestand is leeg")}


def expectation(path: Path) -> tuple[int, str]:
    if path.name in NO_HEADER:
        return NO_HEADER[path.name]
    match = re.match(r"# expect: (\d+): (.+)", path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path} has no '# expect: LINE: fragment' header"
    return int(match.group(1)), match.group(2).strip()


def test_corpus_is_large_enough() -> None:
    assert len(list(CORPUS.glob("*.yaml"))) >= 15


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda path: path.stem)
def test_broken_file_is_reported_at_its_line(path: Path) -> None:
    line, fragment = expectation(path)
    result = kansencoach("kb", "validate", path)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert fragment.lower() in result.stderr.lower(), result.stderr


def test_a_whole_directory_reports_duplicates_and_every_problem(tmp_path: Path) -> None:
    interventions = tmp_path / "interventions"
    interventions.mkdir()
    (tmp_path / "vocabulary.yaml").write_text((REPO / "knowledge" / "vocabulary.yaml").read_text())
    good = (CORPUS / "related-unknown.yaml").read_text().replace("related: [bestaat-niet-xyz]", "related: []")
    (interventions / "a.yaml").write_text(good.replace("id: related-unknown", "id: a"))
    (interventions / "b.yaml").write_text(good.replace("id: related-unknown", "id: a"))
    result = kansencoach("kb", "validate", tmp_path)
    assert result.returncode == 2
    assert "de id 'a' bestaat al" in result.stderr
    assert "gelijk te zijn aan de bestandsnaam 'b'" in result.stderr


def test_the_last_line_counts_the_interventions_checked_and_the_problems(tmp_path: Path) -> None:
    whole = kansencoach("kb", "validate")
    count = len(list((REPO / "knowledge" / "interventions").glob("*.yaml")))
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout.splitlines()[-1] == f"{count} interventies gecontroleerd, 0 fouten"
    broken = kansencoach("kb", "validate", CORPUS / "related-unknown.yaml")
    assert broken.returncode == 2
    assert broken.stderr.splitlines()[-1] == "1 interventie gecontroleerd, 1 fout", broken.stderr
    assert "gecontroleerd" not in kansencoach("kb", "validate", "--format", "json").stdout


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda path: path.stem)
def test_broken_file_as_json(path: Path) -> None:
    line, fragment = expectation(path)
    result = kansencoach("kb", "validate", path, "--format", "json")
    assert result.returncode == 2
    problems = [problem for problem in json.loads(result.stdout) if problem["line"] == line]
    assert any(fragment.lower() in f"{p['message']} — {p['hint']}".lower() for p in problems), problems
    if "bedoelde je" in fragment:
        assert any(problem["hint"].startswith("bedoelde je") for problem in problems)
