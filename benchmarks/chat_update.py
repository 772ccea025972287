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
import contextlib
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from unittest import mock

from rich.console import RenderableType
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import UPDATE_PERIOD, Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from kansencoach.core.catalog import load_kb, load_review_rules, load_vocabulary
from kansencoach.core.draft.findings import Finding
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.frame_clock import mend_skipped_ticks
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.widgets.panelist import PaneList
from kansencoach.tui.widgets.sidepanes import SidePanes

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
    """Notes the first frame that shows what the officer waits for (headless), then types a key at once
    and notes the frame that shows it; and the panes' work after an answer (their update and drawing)."""

    def __init__(self) -> None:
        self.ready: Callable[[Screen[object]], bool] | None = None
        self.then_type: Callable[[], bool] = lambda: False
        """Whether to type a key as soon as `ready` holds (the input taking it is a text field)."""
        self.shows_key: Callable[[], bool] = lambda: False
        self.painted_at: float | None = None
        self.key_sent_at: float | None = None
        self.key_shown_at: float | None = None
        self.panes = 0.0
        """Seconds in the panes' update and in drawing them, since the last `reset`."""
        self.panes_frame = False
        """Whether the panes were updated and the frame drawing them is still to come."""
        self.panes_updated = False
        self.frame_at = 0.0
        """When the last frame was drawn."""

    def reset(self) -> None:
        self.painted_at = self.key_sent_at = self.key_shown_at = None
        self.panes, self.panes_frame, self.panes_updated = 0.0, False, False

    def watch(self, app: App[None], screen: Screen[object], renderable: object) -> None:
        if renderable is None:
            return
        now = self.frame_at = time.perf_counter()
        if self.key_sent_at is not None and self.key_shown_at is None and self.shows_key():
            self.key_shown_at = now
        if self.ready is not None and self.painted_at is None and self.ready(screen):
            self.painted_at = now
            if self.then_type():
                key = events.Key("x", "x")
                key.set_sender(app)
                assert app._driver is not None
                app._driver.send_message(key)  # as a terminal hands over a key typed right then
                self.key_sent_at = time.perf_counter()

    @contextlib.contextmanager
    def timing_panes(self) -> Iterator[None]:
        """Time `SidePanes.update` and the drawing of the panes in the frame after it."""
        update, render = SidePanes.update, PaneList.render_lines
        watched = self

        def timed_update(panes: SidePanes, *args: Any) -> list[Finding]:
            start = time.perf_counter()
            try:
                return update(panes, *args)
            finally:
                watched.panes += time.perf_counter() - start
                watched.panes_frame = watched.panes_updated = True

        def timed_render(pane: PaneList, crop: Region) -> list[Strip]:
            start = time.perf_counter()
            try:
                return render(pane, crop)
            finally:
                if watched.panes_frame:
                    watched.panes += time.perf_counter() - start

        with (
            mock.patch.object(SidePanes, "update", timed_update),
            mock.patch.object(PaneList, "render_lines", timed_render),
        ):
            yield


async def _frame_clock_idle(watched: _Watched) -> None:
    """Wait until two frame periods have passed since the last frame, as they have when an officer
    presses Ctrl+S after reading their answer. Textual draws on a 60-per-second grid: a frame asked
    for within a period of the one before waits for the next tick, up to a period. The harness sets
    the answer and would press Ctrl+S a moment after its frame, so whether an answer's frame waited
    fell at random, for either app, and split a run's times into two groups its median jumped
    between (the ratio moved between about 1.5 and 2.3 on the same code)."""
    while (idle := time.perf_counter() - watched.frame_at) < 2 * UPDATE_PERIOD:
        await asyncio.sleep(2 * UPDATE_PERIOD - idle)


async def _until(pilot: Pilot[None], done: Callable[[], bool], key: str | None = None) -> None:
    if key is not None:
        await pilot.press(key)
    for _ in range(1000):
        if done():
            return
        await pilot.pause()
    raise RuntimeError("what was waited for was never painted")


def bare_paint() -> tuple[list[float], list[float]]:
    """Times in a bare Textual app, one per answer: from Ctrl+S to the frame showing the one message it
    mounts, and from a key typed right then to the frame showing it in the input.

    It runs on the frame clock our app mends (tui/frame_clock.py) whichever app runs first in the
    process: with Textual's own timer its frames after a late one would come a period later, and the
    ratios would credit us with Textual's off-by-one rather than with our work."""
    mend_skipped_ticks()
    watched = _Watched()

    class Bare(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "send", priority=True)]

        def compose(self) -> ComposeResult:
            yield VerticalScroll()
            yield Input()

        def action_send(self) -> None:
            message = Static("2/20 · Vraag 2?")
            self.query_one(VerticalScroll).mount(message)
            watched.ready = lambda screen: _whole_in_view(screen, message)

        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            watched.watch(self, screen, renderable)

    async def run() -> tuple[list[float], list[float]]:
        app = Bare()
        paints: list[float] = []
        keys: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            typed = app.query_one(Input)
            typed.focus()
            watched.then_type = lambda: True
            watched.shows_key = lambda: typed.value.endswith("x")
            for _ in range(PAINT_ANSWERS):
                typed.value = ""
                await pilot.pause()
                await _frame_clock_idle(watched)
                watched.reset()
                start = time.perf_counter()
                await _until(pilot, lambda: watched.key_shown_at is not None, "ctrl+s")
                assert watched.painted_at is not None and watched.key_sent_at is not None
                paints.append(watched.painted_at - start)
                keys.append(watched.key_shown_at - watched.key_sent_at)  # type: ignore[operator]
        return paints, keys

    return asyncio.run(run())


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


@dataclass
class ChatTimes:
    """The answers timed in the app (headless), one time per answer, in seconds."""

    paint: list[float]
    """From Ctrl+S on a text answer to the frame showing the next question, ready to answer."""
    key: list[float]
    """From a key typed as that frame is drawn (into a text question) to the frame showing it."""
    panes: list[float]
    """The panes' update after the answer and their drawing in the frame after it."""


def chat_paint(flow_text: Callable[[int], str], steps: int) -> ChatTimes:
    """The officer's waits after Ctrl+S on a text answer in a `steps`-step flow (see ChatTimes)."""
    from kansencoach.tui.app import KansencoachApp

    directory = Path(tempfile.mkdtemp())
    path = directory / "flow.yaml"
    path.write_text(flow_text(steps), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    watched = _Watched()

    class Timed(KansencoachApp):
        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            watched.watch(self, screen, renderable)
            if renderable is not None:
                watched.panes_frame = False

    async def run() -> tuple[list[float], list[float], list[float]]:
        app = Timed(store_path=directory / "k.db", new_flow=loaded, title="bench")
        paints: list[float] = []
        keys: list[float] = []
        panes: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.knowledge is not None and isinstance(app.screen, ChatScreen):
                    break
            chat = app.screen
            assert isinstance(chat, ChatScreen)
            watched.then_type = lambda: chat.step is not None and chat.step.type == "text"
            watched.shows_key = lambda: (
                chat.answer_area.input is not None and (chat.answer_area.input.typed().endswith("x"))
            )
            while len(paints) < PAINT_ANSWERS and chat.step is not None:
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
                await _frame_clock_idle(watched)
                watched.reset()
                start = time.perf_counter()
                await _until(pilot, lambda: watched.painted_at is not None, "ctrl+s")
                await _until(pilot, lambda: watched.key_sent_at is None or watched.key_shown_at is not None)
                await app.workers.wait_for_complete()
                await _until(pilot, lambda: watched.panes_updated and not watched.panes_frame)
                assert watched.painted_at is not None
                paints.append(watched.painted_at - start)
                if watched.key_sent_at is not None and watched.key_shown_at is not None:
                    keys.append(watched.key_shown_at - watched.key_sent_at)
                panes.append(watched.panes)
                watched.ready = None
        return paints, keys, panes

    with watched.timing_panes():
        paints, keys, panes = asyncio.run(run())
    return ChatTimes(paints, keys, panes)


PAINT_ROUNDS = 3
"""Runs of each app, ours and the bare one in turn, so that a slow spell of the machine falls on both.
The bare app's times do not depend on the flow, so both rows divide by the median of all of them."""


def paint_figures(flow_text: Callable[[int], str]) -> list[tuple[str, float, float, str, float]]:
    chats = {steps: ChatTimes([], [], []) for steps in (20, 2_000)}
    bare: list[float] = []
    bare_key: list[float] = []
    for _ in range(PAINT_ROUNDS):
        for steps, times in chats.items():
            run = chat_paint(flow_text, steps)
            times.paint.extend(run.paint)
            times.key.extend(run.key)
            times.panes.extend(run.panes)
            bare_paints, bare_keys = bare_paint()
            bare.extend(bare_paints)
            bare_key.extend(bare_keys)
    median = statistics.median
    rows = []
    for steps, times in chats.items():
        rows.append(
            (
                f"ctrl+s to next question painted, {steps} steps, vs bare textual",
                median(times.paint),
                median(bare),
                "s",
                2.0,
            )
        )
        rows.append(
            (
                f"key typed as the next question shows, {steps} steps, vs bare textual",
                median(times.key),
                median(bare_key),
                "s",
                2.0,
            )
        )
    rows.append(
        (
            "panes update and drawing per answer: 2000 vs 20 steps",
            median(chats[2_000].panes),
            median(chats[20].panes),
            "s",
            3.0,
        )
    )
    return rows
