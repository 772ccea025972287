"""The command started with a standard stream closed (`<&-`, `>&-`), as a script or a scheduler may
start it: as if the stream were the null device, never a traceback, and no file of the command's own
takes the stream's number."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import HANG, REPO


def started_with_closed(
    numbers: tuple[int, ...], home: Path, *args: str
) -> subprocess.CompletedProcess[bytes]:
    """`kansencoach ARGS` with the file descriptors `numbers` closed; stderr to a file unless closed."""
    log = home / "stderr.txt"
    log_handle = os.open(log, os.O_WRONLY | os.O_CREAT, 0o600)

    def close_them() -> None:
        if 2 not in numbers:
            os.dup2(log_handle, 2)
        for number in numbers:
            os.close(number)

    env = {**os.environ, "KANSENCOACH_HOME": str(home / "home"), "PYTHONPATH": str(REPO / "src")}
    try:
        return subprocess.run(
            [sys.executable, "-m", "kansencoach", *args],
            preexec_fn=close_them,  # only os calls, before exec
            stdout=subprocess.PIPE if 1 not in numbers else None,
            input=b"stop\n" if 0 not in numbers else None,
            env=env,
            timeout=HANG,
            check=False,
        )
    finally:
        os.close(log_handle)


def test_plain_mode_with_stdin_closed_stops_as_at_the_end_of_input(tmp_path: Path) -> None:
    result = started_with_closed((0,), tmp_path, "run", "quickscan", "--plain")
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Traceback" not in stderr
    assert result.returncode == 0, stderr
    assert b"Gestopt. Ga later verder met: kansencoach run --resume" in result.stdout


def test_plain_mode_with_stdout_closed_runs_and_keeps_the_session(tmp_path: Path) -> None:
    result = started_with_closed((1,), tmp_path, "run", "quickscan", "--plain")
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Traceback" not in stderr
    assert result.returncode == 0, stderr
    listed = started_with_closed((), tmp_path, "sessions", "list")
    assert b"Quickscan gereedheid" in listed.stdout


def test_every_stream_closed_gives_the_normal_exit_code(tmp_path: Path) -> None:
    assert started_with_closed((0, 1, 2), tmp_path, "sessions", "show", "geen-sessie").returncode == 2
    assert started_with_closed((0, 1, 2), tmp_path, "sessions", "list").returncode == 0
