"""Every placeholder shows whole: a single-line field cannot wrap its placeholder, so the shipped
flows' must fit the field where it is narrowest (at 120 columns, with the draft beside the chat)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Input

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.models import TextStep
from kansencoach.tui.app import KansencoachApp

from helpers import REPO


def single_line_placeholders() -> list[str]:
    """The placeholder of every single-line text question of the shipped flows."""
    vocabulary = load_vocabulary()
    return [
        step.placeholder
        for path in sorted((REPO / "flows").glob("*.yaml"))
        if not path.name.endswith(".test.yaml")
        for step in load_flow(path, vocabulary).flow.steps
        if isinstance(step, TextStep) and not step.multiline and step.placeholder
    ]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_single_line_placeholder_of_the_shipped_flows_shows_whole(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    placeholders = single_line_placeholders()
    assert len(placeholders) >= 2
    steps = [
        {
            "id": f"vraag-{number}",
            "type": "text",
            "ask": "Vraag?",
            "multiline": False,
            "placeholder": text,
            "draft": "velden",
        }
        for number, text in enumerate(placeholders)
    ]
    path = tmp_path / "velden.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "id": "velden",
                "title": "Velden",
                "version": 1,
                "description": "Elk veld op één regel.",
                "minutes": 1,
                "sections": [{"id": "velden", "title": "Velden"}],
                "steps": steps,
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    app = KansencoachApp(new_flow=load_flow(path, load_vocabulary()), title="Velden")
    cut = []
    async with app.run_test(size=size) as pilot:
        for text in placeholders:
            await pilot.pause()
            field = app.focused
            assert isinstance(field, Input) and field.placeholder == text
            lines = [
                "".join(segment.text for segment in field.render_line(y)) for y in range(field.size.height)
            ]
            if not any(text in line for line in lines):
                cut.append((text, lines))
            await pilot.press(*"ja", "enter")
    assert not cut
