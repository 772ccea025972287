"""`flows graph` and `flows diff` name steps and options as the officer sees them, not by their ids."""

from __future__ import annotations

from kansencoach.core.authoring.diff import diff
from kansencoach.core.authoring.graph import mermaid, outline
from kansencoach.core.catalog import find_flow, load_vocabulary
from kansencoach.core.flows.loader import LoadedFlow, load_flow

from helpers import DATA


def test_the_outline_describes_conditions_with_labels(mini: LoadedFlow) -> None:
    text = outline(mini.flow)
    assert "alleen als ‘Welk domein?’ = ‘Onderwijs’" in text
    assert "alleen als ‘Verdeel 100 punten over de perspectieven.’ voor Maatwerk ≥ 80" in text
    assert "als ‘Werk je met partners?’ = Nee: naar stoppen" in text
    assert "mix[C]" not in text and "= onderwijs" not in text
    assert "anders overgeslagen" in text


def test_the_flowchart_draws_skips_and_blocks() -> None:
    voorstel = find_flow("voorstel")
    blocks = {step: "bias.yaml" for step in ("bias-bubbel",)}
    chart = mermaid(voorstel.flow, blocks)
    assert '-.->|"overgeslagen"|' in chart
    assert "subgraph" in chart and '["uit blok bias.yaml"]' in chart
    assert chart.count("subgraph") == chart.count("\n  end\n")


def test_the_diff_describes_a_changed_condition_with_labels(mini: LoadedFlow) -> None:
    changed = load_flow(DATA / "flows-changed" / "mini.yaml", load_vocabulary())
    lines = diff(mini.flow, changed.flow)
    assert any(
        "voor Maatwerk ≥ 80 → ‘Verdeel 100 punten" in line and "Maatwerk ≥ 70" in line for line in lines
    )
