"""Run in a subprocess by test_sigkill_tui: answers questions in the real app, saying ACK after each.

An ACK line is printed only once the app shows the next question, which is after the answer was
committed: that is the moment an officer sees their answer acknowledged.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen


async def main(flow_path: str, session_id: str) -> None:
    if session_id == "-":
        app = KansencoachApp(new_flow=load_flow(Path(flow_path), load_vocabulary()), title="Kill")
    else:
        app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        print(f"SESSION {screen.session.info.id}", flush=True)
        while screen.step is not None:
            step = screen.step
            await pilot.press(*list(f"a{step.id}".replace("-", "")))
            await pilot.press("ctrl+s")
            while screen.step is step:
                await pilot.pause()
            print(f"ACK {step.id}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
