"""Kill the Textual app (in a subprocess) with SIGKILL right after it acknowledged answers, 8 times,
with a refused delete and reset while it runs, a reset between runs and a run on a full disk: no
acknowledged answer is lost and nothing ends in a traceback. Every wait is on the child's output."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kansencoach.core.sessions.store import SessionLocked, Store, reset_store

from helpers import reset_and_restore, store_size

CHILD = Path(__file__).with_name("tui_child.py")
KILLS = 8
"""Enough kills for every kind of run below: the lock checked (runs 1, 4, 7), a full disk (run 6)
and a reset (run 7); each kill can lose an answer, so each one is checked."""
HANG_GUARD = 120
"""Seconds after which a child that stopped talking is killed, so a hang fails instead of blocking."""


def text_flow(path: Path, steps: int) -> Path:
    body = "\n".join(
        f"  - {{id: v{n}, type: text, multiline: false, ask: 'Vraag {n}?', draft: s.v{n}}}"
        for n in range(steps)
    )
    path.write_text(
        f"id: tuikill\ntitle: T\nversion: 1\nsections:\n  - {{id: s, title: S}}\nsteps:\n{body}\n"
    )
    return path


def child(flow: Path, session_id: str, home: Path, full_disk: bool) -> subprocess.Popen[str]:
    limit = max(store_size(home), 32768) + 8192  # SQLite's index file, and about one long answer

    def limit_files() -> None:
        if full_disk:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.Popen(
        [sys.executable, str(CHILD), str(flow), session_id, "30000" if full_disk else "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KANSENCOACH_HOME": str(home), "PYTHONUNBUFFERED": "1"},
        preexec_fn=limit_files,
    )


@pytest.mark.slow
def test_sigkill_during_tui_answers_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    rng = random.Random(7)
    flow = text_flow(tmp_path / "flow.yaml", 80)
    home = tmp_path / "home"
    acknowledged: set[str] = set()
    session_id = "-"
    kills = refusals = runs = 0
    while kills < KILLS:
        runs += 1
        full_disk = session_id != "-" and runs % 6 == 0
        process = child(flow, session_id, home, full_disk)
        guard = threading.Timer(HANG_GUARD, process.kill)
        guard.start()
        assert process.stdout is not None and process.stderr is not None
        wanted, acks = rng.randint(1, 2), 0
        while acks < wanted:
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith("SESSION "):
                session_id = line.split()[1]
            elif line.startswith("ACK "):
                acknowledged.add(line.split()[1])
                acks += 1
            elif line.startswith("REFUSED"):
                refusals += 1
                break
        if acks and runs % 3 == 1:
            with Store(home / "kansencoach.db") as store, pytest.raises(SessionLocked):
                store.delete(session_id)
            with pytest.raises(SessionLocked):
                reset_store(home / "kansencoach.db")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        guard.cancel()
        assert "Traceback" not in process.stderr.read()
        kills += bool(acks)
        if runs % 7 == 0:
            reset_and_restore(home)
        with Store(home / "kansencoach.db") as store:
            answers = store.state(session_id).answers
        missing = acknowledged - set(answers)
        assert not missing, f"acknowledged but lost: {sorted(missing)}"
        acknowledged |= set(answers)
    assert kills >= KILLS and refusals >= 1 and len(acknowledged) >= KILLS, (kills, refusals)
