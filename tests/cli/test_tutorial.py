"""Follows the tutorial in docs/flow-authoring.md step by step, with the doc's own snippets."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from helpers import DATA, REPO, found, kansencoach

DOC = (REPO / "docs" / "flow-authoring.md").read_text(encoding="utf-8")


def snippet(marker: str, language: str = "yaml") -> str:
    """The code block of the tutorial that starts with `# tutorial: <marker>`."""
    blocks: list[str] = re.findall(rf"```{language}\n(.*?)```", DOC, re.S)
    return next(block for block in blocks if block.lstrip().startswith(f"# tutorial: {marker}"))


def shown_error(containing: str) -> str:
    """The first line of the documented error message that contains `containing`."""
    found: list[str] = re.findall(r"```text\n(quickscan-utrecht\.yaml:\d+:\d+: [^\n]+)\n", DOC)
    return next(line for line in found if containing in line)


def test_the_tutorial_works_as_written(kansencoach_home: Path) -> None:
    # 1. Copy the quickscan.
    created = kansencoach("flows", "new", "quickscan-utrecht", "--from", "quickscan")
    assert created.returncode == 0, created.stderr
    flow = kansencoach_home / "config" / "flows" / "quickscan-utrecht.yaml"
    assert f"Gemaakt: {flow}" in created.stdout
    assert 'title: "Quickscan gereedheid (eigen versie)"' in flow.read_text(encoding="utf-8")
    # The YAML page's example mistake gives the message it shows, at the line it shows.
    original = flow.read_text(encoding="utf-8")
    mistake = snippet("fout-dubbele-punt").splitlines()[1]
    flow.write_text(
        original.replace("    ask: Is het verschil onderbouwd met cijfers?", mistake), encoding="utf-8"
    )
    colon = kansencoach("flows", "validate", "quickscan-utrecht")
    assert colon.returncode == 2 and f"{flow.parent}/{shown_error('dubbele punt')}" in colon.stderr, (
        colon.stderr
    )
    flow.write_text(original, encoding="utf-8")
    # 2. Add the question right after qs-data, and raise the version.
    text = flow.read_text(encoding="utf-8")
    assert "  - id: qs-doel\n" in text
    text = text.replace("  - id: qs-doel\n", snippet("nieuwe-stap") + "\n  - id: qs-doel\n", 1)
    flow.write_text(text.replace("version: 3", "version: 4", 1), encoding="utf-8")
    # 3. Validate by id; and the typo the tutorial shows gives the error it shows.
    assert "in orde" in kansencoach("flows", "validate", "quickscan-utrecht").stdout
    good = flow.read_text(encoding="utf-8")
    flow.write_text(
        good.replace("equals: cijfer-met-bron}", "equals: cijfer-met-bronn}", 1), encoding="utf-8"
    )
    typo = kansencoach("flows", "validate", flow)
    assert typo.returncode == 2 and f"{flow.parent}/{shown_error('bedoelde je')}" in typo.stderr
    everything = kansencoach("flows", "validate")
    assert everything.returncode == 2 and str(flow) in everything.stderr, "own flows are checked by default"
    flow.write_text(good, encoding="utf-8")
    # 4. The outline shows the condition in words.
    outline = kansencoach("flows", "graph", "quickscan-utrecht", "--format", "text").stdout
    shown_condition = re.search(r"bijvoorbeeld\n?\s*`(alleen als [^`]+)`", DOC)
    assert shown_condition is not None
    assert "qs-wijk (text) → gereedheid.wijk" in outline and shown_condition.group(1) in outline
    assert "anders overgeslagen" in outline
    assert "flowchart TD" in kansencoach("flows", "graph", "quickscan-utrecht").stdout
    # 5. The tests pass and the coverage report follows.
    (flow.parent / "quickscan-utrecht.test.yaml").write_text(snippet("testbestand"), encoding="utf-8")
    tested = kansencoach("flows", "test", flow.parent)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 gevallen, 0 verschil(len)" in tested.stdout and "Nooit bereikt in een test" in tested.stdout
    # 6. The diff says what the tutorial says it says, and the raised version.
    changes = kansencoach("flows", "diff", "quickscan", "quickscan-utrecht").stdout
    documented = found(r"```text\n(- De flow heet nu.*?)```", DOC, re.S)
    for line in documented.splitlines():
        assert line in changes
    assert "- Versie 3 → 4." in changes
    # 7. It runs, and replaces nothing: the shipped quickscan is still there.
    listing = kansencoach("flows", "list").stdout
    assert "quickscan-utrecht" in listing and "eigen bestand" in listing
    answers = kansencoach_home / "antwoorden.yaml"
    answers.write_text(
        "answers: {qs-verschil: ja, qs-data: cijfer-met-bron, qs-wijk: Overvecht}\n", encoding="utf-8"
    )
    run = kansencoach("run", "quickscan-utrecht", "--answers", answers)
    assert run.returncode == 2 and "het antwoord op 'qs-doel' ontbreekt" in run.stderr


def test_the_team_file_of_the_tutorial(kansencoach_home: Path, tmp_path: Path) -> None:
    text = snippet("team", "toml")
    settings = tomllib.loads(text)
    assert set(settings) == {"flows", "knowledge"} and settings["flows"][0].startswith("S:\\")
    # The same file, with the shared drive replaced by a folder of this machine.
    shared = tmp_path / "Beleid" / "kansencoach"
    (shared / "flows").mkdir(parents=True)
    (shared / "flows" / "team-flow.yaml").write_text(
        (DATA / "flows" / "mini.yaml").read_text(encoding="utf-8").replace("id: mini", "id: team-flow", 1),
        encoding="utf-8",
    )
    (kansencoach_home / "config").mkdir(exist_ok=True)
    (kansencoach_home / "config" / "team.toml").write_text(
        text.replace("S:\\Beleid\\kansencoach", str(shared)).replace("\\", "/"), encoding="utf-8"
    )
    listing = kansencoach("flows", "list")
    assert listing.returncode == 0 and "team-flow" in listing.stdout, listing.stderr
    assert kansencoach("kb", "new", "team-aanpak").returncode == 0
    assert (shared / "kennis" / "interventions" / "team-aanpak.yaml").is_file()
