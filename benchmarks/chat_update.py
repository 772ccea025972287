"""The chat's whole update per answer: without widgets, and from Ctrl+S to the next question painted.

`figures`: answer, draft with review, suggestions and route, timed over the first 20 answers of a
20-step and of a 2,000-step flow (best of three sessions each); the ratio shows how the work per
answer grows with the flow (issue 14 asks ≤ 3×).

`paint_figures`: the app headless, from Ctrl+S on a text answer to the first frame that shows the
next question whole with its input focused for typing (what the officer waits for), against a
bare Textual app whose Ctrl+S mounts one message widget, a Static (what a coach message is), and
whose frame shows it whole (issue 14 asks ≤ 2×).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from kansencoach.core.catalog import load_kb, load_review_rules, load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.screens.chat import ChatScreen

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


ROUNDS = 3
"""Each size is timed this many times, each on a new session; the best counts (as timeit does):
a store commit waits on the disk, which other work on the machine slows at random."""


def figures(flow_text: Callable[[int], str]) -> list[tuple[str, float, float, str, float]]:
    small = min(per_answer(flow_text, 20) for _ in range(ROUNDS))
    large = min(per_answer(flow_text, 2_000) for _ in range(ROUNDS))
    return [("chat update per answer: 2000 vs 20 steps", large, small, "s", 3.0)]


# Ctrl+S to the next question painted, headless, against a bare Textual app mounting one message.

PAINT_ANSWERS = 12


def _whole_in_view(screen: Screen[Any], widget: Widget) -> bool:
    """Whether the last frame laid out shows all of `widget` (not cut off below the fold)."""
    shown = screen._compositor.visible_widgets.get(widget)
    return shown is not None and shown[1].contains_region(shown[0])


class _Watched:
    """Notes when the first frame that shows what the officer waits for is drawn (headless)."""

    ready: Callable[[Screen[object]], bool] | None = None
    painted_at: float | None = None

    def watch(self, screen: Screen[object], renderable: object) -> None:
        if renderable is None or self.ready is None or self.painted_at is not None:
            return
        if self.ready(screen):
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
            message = Static("2/20 · Vraag 2?")
            self.query_one(VerticalScroll).mount(message)
            watched.ready = lambda screen: _whole_in_view(screen, message)

        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            watched.watch(screen, renderable)

    async def run() -> list[float]:
        app = Bare()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return [await _until_painted(pilot, watched, "ctrl+s") for _ in range(PAINT_ANSWERS)]

    return statistics.median(asyncio.run(run()))


def _question_ready(chat: ChatScreen, before: Widget | None) -> bool:
    """Whether the chat's last frame shows a new question whole and its input focused for typing.

    The input counts once the widget with the focus has taken it in (`has_focus`, which also
    redraws it with its cursor) and belongs to the input of the question now asked.
    """
    question, widget, focused = chat.question, chat.answer_area.input, chat.app.focused
    return (
        question is not None
        and question is not before
        and widget is not None
        and widget.step is chat.step
        and not widget.sent
        and focused is not None
        and focused.has_focus
        and widget in focused.ancestors_with_self
        and _whole_in_view(chat, question)
        and focused in chat._compositor.visible_widgets
    )


def chat_paint(flow_text: Callable[[int], str], steps: int) -> float:
    """Median time from Ctrl+S on a text answer to the frame showing the next question, ready to answer."""
    from kansencoach.tui.app import KansencoachApp

    directory = Path(tempfile.mkdtemp())
    path = directory / "flow.yaml"
    path.write_text(flow_text(steps), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    watched = _Watched()

    class Timed(KansencoachApp):
        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            watched.watch(screen, renderable)

    async def run() -> list[float]:
        app = Timed(store_path=directory / "k.db", new_flow=loaded, title="bench")
        times: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.knowledge is not None and isinstance(app.screen, ChatScreen):
                    break
            chat = app.screen
            assert isinstance(chat, ChatScreen)
            while len(times) < PAINT_ANSWERS and chat.step is not None:
                widget = chat.answer_area.input
                assert widget is not None
                if chat.step.type != "text":
                    await pilot.press("1")  # a choice: answered with its first option, not timed
                    await pilot.pause()
                    continue
                widget.restore("antwoord")
                await pilot.pause()
                before = chat.question
                watched.ready = lambda screen, before=before: (
                    isinstance(screen, ChatScreen) and _question_ready(screen, before)
                )
                times.append(await _until_painted(pilot, watched, "ctrl+s"))
                watched.ready = None
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
