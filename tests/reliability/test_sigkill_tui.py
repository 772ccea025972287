"""Kill the Textual app (in a subprocess) with SIGKILL while it is answering: no acknowledged answer is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kansencoach.core.sessions.store import Store

CHILD = Path(__file__).with_name("tui_child.py")


def text_flow(path: Path, steps: int) -> Path:
    body = "\n".join(
        f"  - {{id: v{n}, type: text, multiline: false, ask: 'Vraag {n}?', draft: s.v{n}}}"
        for n in range(steps)
    )
    path.write_text(
        f"id: tuikill\ntitle: T\nversion: 1\nsections:\n  - {{id: s, title: S}}\nsteps:\n{body}\n"
    )
    return path


HANG_GUARD = 120
"""Seconds after which a child that stopped talking is killed, so a hang fails instead of blocking."""


@pytest.mark.slow
def test_sigkill_during_tui_answers_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    """Each round waits for 1 to 3 answers acknowledged on screen, then kills the app at once,
    usually while it is typing or storing the next answer."""
    rng = random.Random(7)
    flow = text_flow(tmp_path / "flow.yaml", 40)
    env = {**os.environ, "KANSENCOACH_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    acknowledged: list[str] = []
    session_id = "-"
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(flow), session_id],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        guard = threading.Timer(HANG_GUARD, child.kill)
        guard.start()
        wanted = rng.randint(1, 3)
        this_round: list[str] = []
        for line in child.stdout:
            if line.startswith("SESSION "):
                session_id = line.split()[1]
            elif line.startswith("ACK "):
                this_round.append(line.split()[1])
                if len(this_round) == wanted:
                    break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        guard.cancel()
        assert len(this_round) == wanted, f"the app stopped before {wanted} answers: {child.stderr.read()}"
        acknowledged += this_round
        with Store(tmp_path / "home" / "kansencoach.db") as store:
            answers = store.state(session_id).answers
        missing = set(acknowledged) - set(answers)
        assert not missing, f"acknowledged but lost: {sorted(missing)}"
    # Every resume carried on from the last stored answer, never asking one twice.
    assert len(set(acknowledged)) == len(acknowledged), acknowledged
