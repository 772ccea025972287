"""After a late tick, a Textual timer ticks at the next point of its grid (`tui.frame_clock`)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual._context import active_app
from textual.timer import Timer

from kansencoach.tui import frame_clock


class _Clock:
    """Time that moves only when slept through or when a tick says so, so no test waits on the clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def get_time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


class _App:
    """What a tick asks of the app it runs in."""

    _exit = False
    features: frozenset[str] = frozenset()


class _Target:
    pass


async def _ticks_after_a_late_one(monkeypatch: pytest.MonkeyPatch, late: float) -> list[float]:
    """When the first two ticks of a timer on a grid of 1 s come, the first taking `late` seconds."""
    clock = _Clock()
    monkeypatch.setattr(frame_clock, "_time", clock)
    ticked: list[float] = []
    second = asyncio.Event()

    def tick() -> None:
        ticked.append(clock.now)
        if len(ticked) == 1:
            clock.now += late  # a frame that takes this long to draw
        else:
            timer.pause()  # as the screen's frame does until something changes
            second.set()

    target = _Target()
    timer = Timer(target, 1.0, callback=tick)  # type: ignore[arg-type]
    context: Any = _App()
    token = active_app.set(context)
    try:
        task = asyncio.create_task(frame_clock._run_on_grid(timer))
        waiting = asyncio.create_task(second.wait())
        await asyncio.wait([task, waiting], return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()  # the loop ended before a second tick: its error, if any
        task.cancel()
        waiting.cancel()
    finally:
        active_app.reset(token)
    return ticked


async def test_a_tick_that_ends_past_the_next_grid_point_is_followed_by_the_one_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first tick, at 1, ends at 2.5: the next point ahead is 3 (Textual 8.2 went on to 4).
    assert await _ticks_after_a_late_one(monkeypatch, late=1.5) == [1.0, 3.0]


async def test_a_tick_that_ends_in_its_period_is_followed_by_the_next_grid_point(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert await _ticks_after_a_late_one(monkeypatch, late=0.5) == [1.0, 2.0]


def test_the_app_puts_textuals_timers_on_the_mended_loop() -> None:
    from kansencoach.tui.app import KansencoachApp

    KansencoachApp()
    assert Timer._run is frame_clock._run_on_grid
