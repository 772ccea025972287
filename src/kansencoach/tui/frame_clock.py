"""Textual's timers, its frame clock among them, tick again at the next tick of their grid after a late one.

Textual draws a screen on a 60-per-second grid (the screen's update timer). Textual 8.2's timer,
after a tick that ended past the next grid point, skips to the grid point after that one, not to
the next one in the future (`count = int((now - start) / interval + 1)`, where earlier releases counted
on until the next one): the frame after a late frame came 17-33 ms after it instead of 0-17.
The frame that shows the next question after Ctrl+S is nearly always such a frame (the clock
paused while nothing changed, its tick is due since before the key), and it ends past the next
grid point whenever Ctrl+S to that frame takes longer than what is left of the period: a key typed
as the question appeared was drawn two periods later in about two answers of three
(`benchmarks/chat_update.py`, 'key typed as the next question shows').

`mend_skipped_ticks` puts Textual's loop back with that one line changed; Textual is pinned
below 8.3 in pyproject.toml, so the loop copied here is the one it replaces.
"""

from __future__ import annotations

from textual import _time
from textual.timer import EventTargetGone, Timer


async def _run_on_grid(self: Timer) -> None:
    """Textual 8.2's `Timer._run`, but a tick that falls behind goes to the next grid point ahead."""
    count = 0
    repeat = self._repeat
    interval = self._interval
    await self._active.wait()
    start = _time.get_time()
    while repeat is None or count <= repeat:
        next_timer = start + ((count + 1) * interval)
        now = _time.get_time()
        if self._skip and next_timer < now:
            count = int((now - start) / interval)  # the grid point after `now` is the next tick
            continue
        await _time.sleep(max(0.0, next_timer - _time.get_time()))
        count += 1
        await self._active.wait()
        if self._reset:
            start = _time.get_time()
            count = 0
            self._reset = False
            continue
        try:
            await self._tick(next_timer=next_timer, count=count)
        except EventTargetGone:
            break


def mend_skipped_ticks() -> None:
    """Make every Textual timer of this process keep to its grid after a late tick (see above)."""
    Timer._run = _run_on_grid  # type: ignore[method-assign]
