"""The shipped flows, run with the example answers in tests/data, export complete drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.export import escape_inline
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.models import InfoStep
from kansencoach.core.flows.shown import Table, one_line
from kansencoach.core.flows.steptypes import show

from helpers import DATA, REPO, kansencoach, question

EXAMPLES = {
    "voorstel": DATA / "voorstel-full.yaml",
    "quickscan": DATA / "answers" / "quickscan.yaml",
    "bias": DATA / "answers" / "bias.yaml",
    "risico": DATA / "answers" / "risico.yaml",
}


def test_shipped_flows_and_knowledge_validate() -> None:
    flows = kansencoach("flows", "validate")
    assert flows.returncode == 0, flows.stderr
    knowledge = kansencoach("kb", "validate")
    assert knowledge.returncode == 0, knowledge.stderr


@pytest.mark.parametrize("flow_id", sorted(EXAMPLES))
def test_example_answers_export_a_complete_draft(flow_id: str, tmp_path: Path) -> None:
    out = tmp_path / f"{flow_id}.md"
    result = kansencoach("run", flow_id, "--answers", EXAMPLES[flow_id], "--export", out)
    assert result.returncode == 0, result.stderr
    markdown = out.read_text(encoding="utf-8")
    assert "Open punt" not in markdown and "Nog open" not in markdown
    loaded = load_flow(REPO / "flows" / f"{flow_id}.yaml", load_vocabulary())
    for section in loaded.flow.sections:
        assert f"\n## {escape_inline(section.title)}\n" in markdown


def test_every_answer_of_the_vve_case_is_in_its_draft(tmp_path: Path) -> None:
    out = tmp_path / "voorstel.md"
    assert kansencoach("run", "voorstel", "--answers", EXAMPLES["voorstel"], "--export", out).returncode == 0
    markdown = out.read_text(encoding="utf-8")
    flat = " ".join(markdown.replace("\\", "").split())
    loaded = load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary())
    answers = yaml.safe_load(EXAMPLES["voorstel"].read_text(encoding="utf-8"))["answers"]
    for step_id, value in answers.items():
        step = question(loaded, step_id)
        if isinstance(step, InfoStep) or step.draft is None:
            continue
        shown = show(step, value)
        if isinstance(shown, Table):
            for label, points in shown.rows:
                assert f"| {label} | {points} |" in markdown, f"{step_id}: row {label} not in the draft"
            continue
        for part in one_line(shown).split("; ")[:3]:
            words = " ".join(part.split()[:6])
            assert words in flat, f"{step_id}: '{words}' not in the draft"
    for heading in (
        "## 1. Analyse",
        "## 2. Doel en perspectieven",
        "## 3. Inzet en beleidstheorie",
        "## 4. Monitoring en sturing",
    ):
        assert f"\n{heading}\n" in markdown


def test_the_vve_draft_has_mix_theory_risks_monitoring_and_interventions_with_sources(tmp_path: Path) -> None:
    out = tmp_path / "voorstel.md"
    assert kansencoach("run", "voorstel", "--answers", EXAMPLES["voorstel"], "--export", out).returncode == 0
    markdown = out.read_text(encoding="utf-8")
    assert "### Mix van perspectieven" in markdown and "| A. Een basis bieden | 40 |" in markdown
    assert "### Beleidstheorie" in markdown and "### Aannames" in markdown
    assert "### Wie heeft er nadeel van" in markdown
    assert "### Indicatoren" in markdown and "### Momenten" in markdown and "### Eigenaar" in markdown
    accepted = markdown.split("### Gekozen interventies", 1)[1].split("\n## ", 1)[0]
    assert "Voor- en vroegschoolse educatie" in accepted or "VVE" in accepted
    assert "Bewijs:" in accepted and "Bronnen:" in accepted


def test_every_shipped_flow_passes_its_tests_with_full_coverage() -> None:
    result = kansencoach("flows", "test", REPO / "flows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Elke stap en elke voorwaarde komt in een test voor.") == len(EXAMPLES)
