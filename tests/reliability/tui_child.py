"""Run in a subprocess by test_sigkill_tui: answers questions in the real app, saying ACK after each.

An ACK line is printed only once the app shows the next question, which is after the answer was
committed: that is the moment an officer sees their answer acknowledged. When the store refuses an
answer (a full disk), the app says so and keeps the question: the child prints REFUSED and stops.
With a third argument N, every answer is N characters long (pasted, as from a document).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from textual import events
from textual.widgets import Label

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen


async def main(flow_path: str, session_id: str, length: int) -> None:
    if session_id == "-":
        app = KansencoachApp(new_flow=load_flow(Path(flow_path), load_vocabulary()), title="Kill")
    else:
        app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        print(f"SESSION {screen.session.info.id}", flush=True)
        validation = screen.query_one("#validation", Label)
        while screen.step is not None:
            step = screen.step
            answer = f"a{step.id}".replace("-", "")
            if length:
                focused = app.screen.focused
                assert focused is not None, "no answer input has the focus"
                focused.post_message(events.Paste(answer + " " + "x" * length))
                await pilot.pause()
            else:
                await pilot.press(*list(answer))
            await pilot.press("ctrl+s")
            while screen.step is step:
                await pilot.pause()
                if "schijf is vol" in str(validation.render()):
                    print("REFUSED", flush=True)
                    return
            print(f"ACK {step.id}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0))
