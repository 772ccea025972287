"""A team's own review.yaml that is broken, as the officer meets it in the app."""

from __future__ import annotations

from pathlib import Path

from driver import answer_shown, knowledge_loaded, new_chat, new_session

from kansencoach.core import catalog


async def test_a_broken_own_review_file_is_said_once_and_the_chat_goes_on(kansencoach_home: Path) -> None:
    # Broken own rules are left out (the shipped review still runs); the CLI said so, the app not.
    folder = kansencoach_home / "config" / "knowledge"
    folder.mkdir(parents=True)
    (folder / "review.yaml").write_text("rules:\n  - id: mijn-regel\n    when: [kapot\n", encoding="utf-8")
    catalog.forget_loaded()
    app = new_session(title="Met eigen toets")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await knowledge_loaded(app, pilot)
        await answer_shown(pilot, screen, "Peuters gaan minder vaak naar de voorschool.")
        await pilot.press("ctrl+r")
        await answer_shown(pilot, screen, "onderwijs")
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        told = [message for message in messages if f"{folder / 'review.yaml'}:3:11" in message]
        assert len(told) == 1 and "toetsregels" in told[0], messages
        assert app.rules is not None and app.is_running  # the shipped rules still review the draft
