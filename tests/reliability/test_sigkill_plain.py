"""Kill plain mode with SIGKILL at many moments; every acknowledged answer must survive."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kansencoach.core.sessions.store import Store

STEPS = 30
KILLS = 24


def long_flow(path: Path) -> Path:
    steps = "\n".join(f"  - {{id: v{n}, type: text, ask: 'Vraag {n}?', draft: s.v{n}}}" for n in range(STEPS))
    path.write_text(
        f"id: lang\ntitle: Lang\nversion: 1\nsections:\n  - {{id: s, title: S}}\nsteps:\n{steps}\n",
        encoding="utf-8",
    )
    return path


def start(args: list[str], home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "KANSENCOACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "kansencoach", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_until(process: subprocess.Popen[str], marker: str) -> str:
    assert process.stdout is not None
    seen = []
    while True:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"process ended before {marker!r}: {''.join(seen)}")
        seen.append(line)
        if marker in line:
            return "".join(seen)


def read_question(process: subprocess.Popen[str]) -> int:
    text = read_until(process, "Typ je antwoord")
    return int(re.findall(r"Vraag (\d+)\?", text)[-1])


@pytest.mark.slow
def test_no_acknowledged_answer_is_lost_across_sigkills(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    home = tmp_path / "home"
    flow = long_flow(tmp_path / "lang.yaml")
    acknowledged: dict[str, str] = {}
    session_id = ""
    kills = 0
    while kills < KILLS:
        args = ["run", "--resume", session_id, "--plain"] if session_id else ["run", str(flow), "--plain"]
        process = start(args, home)
        assert process.stdin is not None
        if not session_id:
            header = read_until(process, "sessie")
            session_id = re.search(r"sessie ([0-9a-f]{8})", header).group(1)  # type: ignore[union-attr]
        for _ in range(rng.randint(0, 2)):
            asked = read_question(process)
            # Resume must always land on the first question without an answer.
            assert asked == len(acknowledged), (asked, sorted(acknowledged))
            answer = f"antwoord {asked} na {kills} kills"
            process.stdin.write(answer + "\n")
            process.stdin.flush()
            read_until(process, "✓ opgeslagen")
            acknowledged[f"v{asked}"] = answer
        moment = rng.choice(["idle", "mid-answer", "right-away"])
        if moment == "mid-answer":
            process.stdin.write(f"onbevestigd {kills}\n")
            process.stdin.flush()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        kills += 1
        with Store(home / "kansencoach.db") as store:
            answers = store.state(session_id).answers
        for key, value in acknowledged.items():
            assert answers.get(key) == value
        # An answer written just before the kill may have been committed without being shown:
        # it is then the officer's answer too, and the next resume starts after it.
        for key, value in answers.items():
            acknowledged.setdefault(key, str(value))
    assert kills >= 20
