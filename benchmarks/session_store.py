"""The session store: what an answer costs as the log grows, and resuming a long log.

Both rows time two things side by side, alternating, so that whatever the disk does meanwhile (other
processes' writes make an fsync take ten times longer for seconds at a time) falls on both alike:
- per answer: appending to a log that already holds `events - n` answers against appending to a new
  log, `n` answers each, one after the other; the 1st to nth answer against the last n of `events`;
- resume: opening the store and folding a session of `events` answers, against reading the same
  events table raw (plain sqlite3, the same query, `json.loads` of every value).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.store import Store

Row = tuple[str, float, float, str, float]


def figures(quick: bool) -> list[Row]:
    """The store's rows: per answer over a log of 2,000 (quick) or 10,000, resume at 10,000 and 100,000."""
    rows = [per_answer(2_000 if quick else 10_000)]
    for events in (10_000,) if quick else (10_000, 100_000):
        rows.append(resume(events, 5))
    return rows


def answers(count: int, first: int = 0) -> list[Event]:
    """`count` answers to 500 questions in turn, as a long session gives them."""
    return [Event("set", f"s{number % 500}", f"antwoord {number}") for number in range(first, first + count)]


def per_answer(events: int) -> Row:
    """Median time of one `append` to the last tenth of a log of `events`, against to its first tenth."""
    tenth = events // 10
    directory = Path(tempfile.mkdtemp())
    with Store(directory / "lang.db") as grown:
        long_log = grown.create_with_history("bench", "groot", 1, "x", answers(events - tenth)).id
    with Store(directory / "lang.db") as grown, Store(directory / "nieuw.db") as fresh:
        new_log = fresh.create_session("bench", "groot", 1, "x").id
        late, early = [], []
        for event, first_event in zip(answers(tenth, events - tenth), answers(tenth), strict=True):
            late.append(_timed(grown.append, long_log, event))
            early.append(_timed(fresh.append, new_log, first_event))
    return (
        f"store per answer: last vs first {tenth} of {events}",
        statistics.median(late),
        statistics.median(early),
        "s",
        1.5,
    )


def resume(events: int, rounds: int) -> Row:
    """Median time to open the store and fold a session of `events`, against reading its events raw."""
    path = Path(tempfile.mkdtemp()) / "k.db"
    with Store(path) as database:
        session_id = database.create_with_history("bench", "groot", 1, "x", answers(events)).id

    def ours() -> None:
        with Store(path) as database:
            database.state(session_id)

    def raw() -> None:
        database = sqlite3.connect(path)
        try:
            rows = database.execute(
                "SELECT seq, kind, key, value, at FROM events WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
            [(kind, key, json.loads(value), at) for _, kind, key, value, at in rows]
        finally:
            database.close()

    mine, theirs = [], []
    for _ in range(rounds):
        mine.append(_timed(ours))
        theirs.append(_timed(raw))
    return (
        f"store resume of {events} events vs reading them raw",
        statistics.median(mine),
        statistics.median(theirs),
        "s",
        2.0,
    )


def _timed(action: Callable[..., object], *arguments: object) -> float:
    start = time.perf_counter()
    action(*arguments)
    return time.perf_counter() - start
