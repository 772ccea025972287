"""The chat's whole update per answer: without widgets, and from Ctrl+S to the next question painted.

`figures`: answer, draft with review, suggestions and route, timed over the first 20 answers of a
20-step and of a 2,000-step flow; the ratio shows how the work per answer grows with the flow
(issue 14 asks ≤ 3×). `paint_figures`: the app headless, from Ctrl+S on a text answer to the first
frame that shows the next question, against a bare Textual app whose Ctrl+S mounts one message
(issue 14 asks ≤ 2×).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Markdown

from kansencoach.core.catalog import load_kb, load_review_rules, load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

ANSWERS = 20


def per_answer(flow_text: Callable[[int], str], steps: int) -> float:
    """Mean time of the chat's update per answer over the first ANSWERS answers of a `steps`-step flow."""
    directory = Path(tempfile.mkdtemp())
    path = directory / "flow.yaml"
    path.write_text(flow_text(steps), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    knowledge, rules = load_kb(), load_review_rules()
    with Store(directory / "k.db") as store:
        session = Session.start(store, loaded, "bench")
        session.draft(knowledge, rules)  # the first draw, as when the chat opens
        total = 0.0
        for _ in range(ANSWERS):
            step = session.current()
            if step is None:
                break
            value = check_answer(step, "ja" if step.type == "choice" else "antwoord")
            start = time.perf_counter()
            session.answer(step, value)
            session.draft(knowledge, rules)
            session.suggestions(knowledge.matcher, 5)
            session.route()
            session.current()
            total += time.perf_counter() - start
    return total / ANSWERS


def figures(flow_text: Callable[[int], str]) -> list[tuple[str, float, float, str, float]]:
    small = per_answer(flow_text, 20)
    large = per_answer(flow_text, 2_000)
    return [("chat update per answer: 2000 vs 20 steps", large, small, "s", 3.0)]


# Ctrl+S to the next question painted, headless, against a bare Textual app mounting one message.

PAINT_ANSWERS = 12


def _painted(screen: Screen[object], message: Widget) -> bool:
    """Whether the last frame drawn shows `message` with its first block of text (markdown renders late)."""
    shown = screen._compositor.visible_widgets
    return message in shown and bool(message.children) and message.children[0] in shown


class _Watched:
    """Notes when the first frame that shows the awaited message is drawn (headless, nothing is written)."""

    awaited: Callable[[], Widget | None] | None = None
    painted_at: float | None = None

    def watch(self, app: App[None], screen: Screen[object], renderable: object) -> None:
        if renderable is None or self.awaited is None or self.painted_at is not None:
            return
        message = self.awaited()
        if message is not None and _painted(screen, message):
            self.painted_at = time.perf_counter()


async def _until_painted(pilot: Pilot[None], watched: _Watched, key: str) -> float:
    watched.painted_at = None
    start = time.perf_counter()
    await pilot.press(key)
    for _ in range(1000):
        if watched.painted_at is not None:
            return watched.painted_at - start
        await pilot.pause()
    raise RuntimeError("the next question was never painted")


def bare_paint() -> float:
    """Median time from Ctrl+S to a bare Textual app's frame showing the one message it mounts."""
    watched = _Watched()

    class Bare(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("ctrl+s", "send")]

        def compose(self) -> ComposeResult:
            yield VerticalScroll()

        def action_send(self) -> None:
            message = Markdown("**2/20** · Vraag 2?")
            self.query_one(VerticalScroll).mount(message)
            watched.awaited = lambda: message

        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            watched.watch(self, screen, renderable)

    async def run() -> list[float]:
        app = Bare()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return [await _until_painted(pilot, watched, "ctrl+s") for _ in range(PAINT_ANSWERS)]

    return statistics.median(asyncio.run(run()))


def chat_paint(flow_text: Callable[[int], str], steps: int) -> float:
    """Median time from Ctrl+S on a text answer to the frame that shows the next question."""
    from kansencoach.tui.app import KansencoachApp
    from kansencoach.tui.screens.chat import ChatScreen

    directory = Path(tempfile.mkdtemp())
    path = directory / "flow.yaml"
    path.write_text(flow_text(steps), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    watched = _Watched()

    class Timed(KansencoachApp):
        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            watched.watch(self, screen, renderable)

    async def run() -> list[float]:
        app = Timed(store_path=directory / "k.db", new_flow=loaded, title="bench")
        times: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.knowledge is not None and isinstance(app.screen, ChatScreen):
                    break
            screen = app.screen
            assert isinstance(screen, ChatScreen)
            while len(times) < PAINT_ANSWERS and screen.step is not None:
                widget = screen.answer_area.input
                assert widget is not None
                if screen.step.type != "text":
                    await pilot.press("1")  # a choice: answered with its first option, not timed
                    await pilot.pause()
                    continue
                widget.restore("antwoord")
                await pilot.pause()
                before = screen.question
                watched.awaited = lambda before=before: (
                    screen.question if screen.question is not before else None
                )
                times.append(await _until_painted(pilot, watched, "ctrl+s"))
                await app.workers.wait_for_complete()
                await pilot.pause()
        return times

    return statistics.median(asyncio.run(run()))


def paint_figures(flow_text: Callable[[int], str]) -> list[tuple[str, float, float, str, float]]:
    rows = []
    for steps in (20, 2_000):
        ours, bare = chat_paint(flow_text, steps), bare_paint()
        rows.append(
            (f"ctrl+s to next question painted, {steps} steps, vs bare textual", ours, bare, "s", 2.0)
        )
    return rows
