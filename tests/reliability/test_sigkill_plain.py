"""Kill plain mode with SIGKILL at many moments; every acknowledged answer must survive."""

from __future__ import annotations

import os
import random
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kansencoach.core.sessions.store import SessionLocked, Store, reset_store

from helpers import found, reset_and_restore, store_size

STEPS = 30
KILLS = 10
"""Enough kills for every kind of run below: two on a full disk (kills 3 and 8), three with the lock
checked (1, 5, 9), a reset after the eighth, and every moment of killing at least three times."""
MOMENTS = ("idle", "mid-answer", "right-away")


def long_flow(path: Path) -> Path:
    steps = "\n".join(f"  - {{id: v{n}, type: text, ask: 'Vraag {n}?', draft: s.v{n}}}" for n in range(STEPS))
    path.write_text(
        f"id: lang\ntitle: Lang\nversion: 1\nsections:\n  - {{id: s, title: S}}\nsteps:\n{steps}\n",
        encoding="utf-8",
    )
    return path


def start(args: list[str], home: Path, file_limit: int | None = None) -> subprocess.Popen[str]:
    """The command in a child process; with `file_limit`, no file may grow beyond that many bytes,
    which SQLite meets exactly as a full disk (Python ignores SIGXFSZ, so the write just fails)."""
    env = {**os.environ, "KANSENCOACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}

    def limit_files() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.Popen(
        [sys.executable, "-m", "kansencoach", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=limit_files,
    )


def read_until(process: subprocess.Popen[str], *markers: str) -> str:
    assert process.stdout is not None
    seen: list[str] = []
    while True:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"process ended before {markers!r}: {''.join(seen)}")
        seen.append(line)
        if any(marker in line for marker in markers):
            return "".join(seen)


def read_question(process: subprocess.Popen[str]) -> int:
    text = read_until(process, "Typ je antwoord")
    return int(re.findall(r"Vraag (\d+)\?", text)[-1])


def check_locked_session_survives(home: Path, session_id: str) -> None:
    """While the session is open, deleting it or resetting the store is refused, with a message."""
    with Store(home / "kansencoach.db") as store, pytest.raises(SessionLocked):
        store.delete(session_id)
    with pytest.raises(SessionLocked):
        reset_store(home / "kansencoach.db")
    refused = subprocess.run(
        [sys.executable, "-m", "kansencoach", "sessions", "delete", session_id],
        env={**os.environ, "KANSENCOACH_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert refused.returncode == 2 and "al geopend" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.slow
def test_no_acknowledged_answer_is_lost_across_sigkills(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    home = tmp_path / "home"
    flow = long_flow(tmp_path / "lang.yaml")
    acknowledged: dict[str, str] = {}
    session_id = ""
    kills = refusals = 0
    while kills < KILLS:
        args = ["run", "--resume", session_id, "--plain"] if session_id else ["run", str(flow), "--plain"]
        full_disk = bool(session_id) and kills % 5 == 3
        # Room for SQLite's 32 KB index file and about one long answer: the next one meets a full disk.
        process = start(args, home, max(store_size(home), 32768) + 8192 if full_disk else None)
        assert process.stdin is not None
        if not session_id:
            header = read_until(process, "sessie")
            session_id = found(r"sessie ([0-9a-f]{8})", header)
        lock_check = not full_disk and kills % 4 == 1
        # The lock is checked once an answer was acknowledged, so the child surely holds it.
        for _ in range(4 if full_disk else max(rng.randint(0, 2), int(lock_check))):
            asked = read_question(process)
            # Resume must always land on the first question without an answer.
            assert asked == len(acknowledged), (asked, sorted(acknowledged))
            answer = f"antwoord {asked} na {kills} kills" + (" " + "x" * 30000 if full_disk else "")
            process.stdin.write(answer + "\n")
            process.stdin.flush()
            try:
                reply = read_until(process, "✓ opgeslagen", "Typ je antwoord")
            except AssertionError:
                if not full_disk:
                    raise
                break  # the full disk refused the answer and plain mode ended with its message
            if "opgeslagen" not in reply:
                break
            acknowledged[f"v{asked}"] = answer
        if full_disk:
            _, errors = process.communicate(timeout=30)
            assert "Traceback" not in errors
            if "de schijf is vol" in errors:
                assert "niet opgeslagen" in errors
                refusals += 1
        elif lock_check:
            check_locked_session_survives(home, session_id)
        moment = MOMENTS[kills % len(MOMENTS)]
        if moment == "mid-answer" and process.poll() is None:
            process.stdin.write(f"onbevestigd {kills}\n")
            process.stdin.flush()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        kills += 1
        if kills % 8 == 0:
            # A reset between two runs moves the store and its log aside together, losing nothing.
            reset_and_restore(home)
        with Store(home / "kansencoach.db") as store:
            answers = store.state(session_id).answers
        for key, value in acknowledged.items():
            assert answers.get(key) == value
        # An answer written just before the kill may have been committed without being shown:
        # it is then the officer's answer too, and the next resume starts after it.
        for key, stored in answers.items():
            acknowledged.setdefault(key, str(stored))
    # The loop made KILLS kills; what can fail is the full disk never being met.
    assert refusals >= 2, refusals
