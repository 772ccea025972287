"""Kill the Textual app (in a subprocess) with SIGKILL while it is answering: no acknowledged answer is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
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


@pytest.mark.slow
def test_sigkill_during_tui_answers_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    rng = random.Random(7)
    flow = text_flow(tmp_path / "flow.yaml", 40)
    env = {**os.environ, "KANSENCOACH_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    acknowledged: set[str] = set()
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
        deadline = time.monotonic() + rng.uniform(1.5, 3.0)
        lines = []
        os.set_blocking(child.stdout.fileno(), False)
        while time.monotonic() < deadline and child.poll() is None:
            line = child.stdout.readline()
            if line:
                lines.append(line.strip())
            else:
                time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        rest = child.stdout.read() or ""
        lines += [line.strip() for line in rest.splitlines()]
        for line in lines:
            if line.startswith("SESSION "):
                session_id = line.split()[1]
            if line.startswith("ACK "):
                acknowledged.add(line.split()[1])
        if session_id == "-":
            continue
        with Store(tmp_path / "home" / "kansencoach.db") as store:
            answers = store.state(session_id).answers
        missing = acknowledged - set(answers)
        assert not missing, f"acknowledged but lost: {sorted(missing)}"
    assert len(acknowledged) >= 5, f"too few answers acknowledged to test anything: {sorted(acknowledged)}"
