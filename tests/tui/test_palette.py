"""The command palette speaks Dutch: its placeholder, its commands and its 'nothing found'."""

from __future__ import annotations

from textual.command import CommandInput, CommandList

from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.palette import DutchCommandPalette

from helpers import mini_flow

ENGLISH = ("Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot", "palette", "Search for")


async def test_palette_placeholder_and_commands_are_dutch() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Palet")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        texts = [f"{command.title} {command.help}" for command in commands]
        assert not [text for text in texts if any(word in text for word in ENGLISH)]
        assert "Afsluiten" in {command.title for command in commands}
        footer_keys = {binding.description for _, binding, *_ in app.active_bindings.values()}
        assert "palette" not in footer_keys and "Opdrachten" in footer_keys
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, DutchCommandPalette)
        assert palette.query_one(CommandInput).placeholder == "Zoek een opdracht…"


async def test_palette_says_nothing_found_in_dutch() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Palet")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"qqqzz")
        command_list = app.screen.query_one(CommandList)
        # The palette shows its 'nothing found' after a countdown: wait for the option, not the clock.
        ids = []
        for _ in range(500):
            ids = [command_list.get_option_at_index(i).id for i in range(command_list.option_count)]
            if DutchCommandPalette._NO_MATCHES in ids:
                break
            await pilot.pause(0.01)
        assert ids == [DutchCommandPalette._NO_MATCHES]
        await pilot.pause()
        lines = [command_list.render_line(row).text for row in range(command_list.size.height)]
        assert any("Geen opdracht gevonden" in line for line in lines), lines
        assert not any("No matches" in line for line in lines)
