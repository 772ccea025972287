"""Follows the tutorial in docs/flow-authoring.md step by step, with the doc's own snippets."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO, kansencoach

DOC = (REPO / "docs" / "flow-authoring.md").read_text(encoding="utf-8")


def snippet(marker: str) -> str:
    """The YAML block of the tutorial that starts with `# tutorial: <marker>`."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    return next(block for block in blocks if block.lstrip().startswith(f"# tutorial: {marker}"))


def test_the_tutorial_works_as_written(kansencoach_home: Path) -> None:
    # 1. Copy the quickscan.
    created = kansencoach("flows", "new", "quickscan-utrecht", "--from", "quickscan")
    assert created.returncode == 0, created.stderr
    flow = kansencoach_home / "config" / "flows" / "quickscan-utrecht.yaml"
    assert f"Gemaakt: {flow}" in created.stdout
    # 2. Add the question right after qs-data.
    text = flow.read_text(encoding="utf-8")
    assert "  - id: qs-doel\n" in text
    flow.write_text(
        text.replace("  - id: qs-doel\n", snippet("nieuwe-stap") + "\n  - id: qs-doel\n", 1), encoding="utf-8"
    )
    # 3. Validate; and the typo the tutorial shows gives the error it shows.
    assert "in orde" in kansencoach("flows", "validate", flow).stdout
    good = flow.read_text(encoding="utf-8")
    flow.write_text(
        good.replace("equals: cijfer-met-bron}", "equals: cijfer-met-bronn}", 1), encoding="utf-8"
    )
    typo = kansencoach("flows", "validate", flow)
    shown = re.search(r"```text\n(quickscan-utrecht\.yaml:\d+:\d+: [^\n]+)\n", DOC)
    assert shown is not None
    assert typo.returncode == 2 and f"{flow.parent}/{shown.group(1)}" in typo.stderr
    flow.write_text(good, encoding="utf-8")
    # 4. The outline shows the condition in words.
    outline = kansencoach("flows", "graph", "quickscan-utrecht", "--format", "text").stdout
    shown_condition = re.search(r"bijvoorbeeld\n?\s*`(alleen als [^`]+)`", DOC)
    assert shown_condition is not None
    assert "qs-wijk (text) → gereedheid.wijk" in outline and shown_condition.group(1) in outline
    assert "flowchart TD" in kansencoach("flows", "graph", "quickscan-utrecht").stdout
    # 5. The tests pass and the coverage report follows.
    (flow.parent / "quickscan-utrecht.test.yaml").write_text(snippet("testbestand"), encoding="utf-8")
    tested = kansencoach("flows", "test", flow.parent)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 gevallen, 0 verschil(len)" in tested.stdout and "Nooit bereikt in een test" in tested.stdout
    # 6. The diff says what the tutorial says it says.
    changes = kansencoach("flows", "diff", "quickscan", "quickscan-utrecht").stdout
    documented = re.search(r"```text\n(- De flow heet nu.*?)```", DOC, re.S).group(1)  # type: ignore[union-attr]
    for line in documented.splitlines():
        assert line in changes
    # 7. It runs, and replaces nothing: the shipped quickscan is still there.
    listing = kansencoach("flows", "list").stdout
    assert "quickscan-utrecht" in listing and "eigen bestand" in listing
    answers = kansencoach_home / "antwoorden.yaml"
    answers.write_text(
        "answers: {qs-verschil: true, qs-data: cijfer-met-bron, qs-wijk: Overvecht}\n", encoding="utf-8"
    )
    run = kansencoach("run", "quickscan-utrecht", "--answers", answers)
    assert run.returncode == 2 and "het antwoord op 'qs-doel' ontbreekt" in run.stderr
