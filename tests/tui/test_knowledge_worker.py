"""The knowledge base failing to load, for whatever reason, leaves the chat working without
suggestions and tells the officer so in Dutch; it never ends the app in a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import answer_shown, new_chat

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.common.problems import Position, Problem, ProblemsError
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.tui.app import KansencoachApp

from helpers import mini_flow

FAILURES: dict[str, tuple[Exception, str]] = {
    "broken file": (
        ProblemsError([Problem(Position("kennis/vve.yaml", 3, 1), "onbekend veld 'naam'")]),
        "kennis/vve.yaml:3:1",
    ),
    "unreadable file": (
        PermissionError(13, "Permission denied", "/kennis/interventions/vve.yaml"),
        "/kennis/interventions/vve.yaml",
    ),
    "a bug": (RuntimeError("unexpected"), "Start de app opnieuw"),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_a_knowledge_base_that_fails_to_load_leaves_the_chat_working(
    failure: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    error, told = FAILURES[failure]

    def load_kb(directory: Path | None = None) -> KnowledgeBase:
        raise error

    monkeypatch.setattr(catalog, "load_kb", load_kb)
    app = KansencoachApp(new_flow=mini_flow(), title="Zonder kennis")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        assert any("kennisbank" in message and told in message for message in messages), messages
        assert not any("Permission denied" in message or "unexpected" in message for message in messages)
        assert app.is_running and app.knowledge is None
        await answer_shown(pilot, screen, "Peuters gaan minder vaak naar de voorschool.")
        assert screen.session.answers == {"verschil": "Peuters gaan minder vaak naar de voorschool."}
        assert screen.step is not None and screen.step.id == "domein"


async def test_broken_own_interventions_are_counted_by_file_in_the_notice(kansencoach_home: Path) -> None:
    # One own file with two mistakes was told as "2 problemen in eigen interventies; die zijn
    # weggelaten": two interventions left out, where one was.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    shipped = locations.shipped_knowledge_dir() / "interventions" / "zomerschool.yaml"
    text = shipped.read_text(encoding="utf-8").replace("id: zomerschool", "id: eigen-zomerschool")
    broken = text.replace("domains:", "domeinen:").replace("keywords:", "keywords: 12\nx_keywords:")
    (folder / "eigen-zomerschool.yaml").write_text(broken, encoding="utf-8")
    app = KansencoachApp(new_flow=mini_flow(), title="Met een eigen fout")
    async with app.run_test(size=(100, 30)) as pilot:
        await new_chat(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        told = [message for message in messages if "eigen interventie" in message]
        assert told and told[0].startswith("1 eigen interventie bevat een fout en is weggelaten"), messages
        assert "De eerste fout:" in told[0] and "eigen-zomerschool.yaml:" in told[0], told
        assert app.knowledge is not None and "zomerschool" in app.knowledge.by_id
