"""Hostile text typed or pasted into the app ends up escaped in the export, and nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from textual import events
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from kansencoach.core.draft.export import body
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen

from helpers import mini_flow

HOSTILE = {
    "markdown": "# Kop\n\n| a | b |\n|---|---|\n\n- lijst\n1. nummer\n---\n*vet* `code` [link](http://x)",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "ansi": "\x1b[31mrood\x1b[0m en \x1b]0;titel\x07 einde",
    "control": "a\x00b\x07c\x08d\x1fe",
    "rtl": "שלום עולם \u202eesrever\u202c مرحبا",
    "emoji": "👩🏽‍🏫 🎉 ✅ 🇳🇱",
}


async def pasted_and_sent(app: KansencoachApp, pilot: Pilot[None], text: str) -> ChatScreen:
    """The chat screen once `text` is pasted into the first question and sent with Ctrl+S."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ChatScreen)
    app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    return screen


async def paste_and_export(text: str, documents: Path) -> tuple[str, str]:
    app = KansencoachApp(new_flow=mini_flow(), title="Vijandig")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await pasted_and_sent(app, pilot, text)
        validation = str(screen.query_one("#validation", Label).render())
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return (documents / "vijandig.md").read_text(encoding="utf-8"), validation


@pytest.mark.parametrize("name", sorted(HOSTILE))
async def test_hostile_answer_is_escaped_in_the_export(name: str, fixed_world: Path) -> None:
    markdown, _ = await paste_and_export(HOSTILE[name], fixed_world)
    tokens = MarkdownIt("commonmark").enable("table").parse(body(markdown))
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert headings[:3] == ["Vijandig", "1. Analyse", "Het verschil"]
    assert not any(
        token.type in ("html_block", "html_inline", "table_open", "bullet_list_open", "link_open")
        for token in tokens[:12]
        if token.map and token.map[0] < 12
    )
    assert "<script>" not in markdown and "\x1b" not in markdown and "\x00" not in markdown
    assert "\u202e" not in markdown


async def test_a_huge_paste_is_refused_with_a_message_and_kept_in_the_input(fixed_world: Path) -> None:
    huge = "Lange tekst. " * 80_000  # about 1 MB
    app = KansencoachApp(new_flow=mini_flow(), title="Groot")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await pasted_and_sent(app, pilot, huge)
        assert "langer dan 200000 tekens" in str(screen.query_one("#validation", Label).render())
        assert screen.step is not None and screen.step.id == "verschil"
        assert len(screen.query_one("#text-answer", TextArea).text) == len(huge)
        assert screen.session.answers == {}
