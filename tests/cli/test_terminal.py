"""The full-screen app refuses to start without a terminal on stdin and stdout, quickly and clearly."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import HANG

CPU_SECONDS = 2.0
"""Process time (user + system) the refusal may cost: a spinning app would blow through it."""


def cpu_of(stdin: int, *args: str) -> tuple[int, str, float]:
    """Run kansencoach with stdout a pipe (as in `| cat`): exit code, stderr and the child's CPU time."""
    before = os.times()
    child = subprocess.Popen(
        [sys.executable, "-m", "kansencoach", *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _, stderr = child.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail("kansencoach kept running without a terminal")
    # communicate() reaped the child, so its CPU time is now in this process's children totals.
    after = os.times()
    used = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return child.returncode, stderr.decode(), used


@pytest.mark.parametrize("args", [(), ("run", "voorstel"), ("run", "--resume", "abc")])
def test_stdin_not_a_terminal(kansencoach_home: Path, args: tuple[str, ...]) -> None:
    code, stderr, cpu = cpu_of(subprocess.DEVNULL, *args)
    assert code == 2
    assert "heeft een terminal nodig" in stderr and "--plain" in stderr
    assert "Traceback" not in stderr
    assert cpu < CPU_SECONDS


def test_stdout_a_pipe(kansencoach_home: Path) -> None:
    """`kansencoach | cat` from a terminal: stdin is a terminal, stdout is not."""
    leader, follower = pty.openpty()
    try:
        code, stderr, cpu = cpu_of(follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert code == 2
    assert "heeft een terminal nodig" in stderr and "--plain" in stderr
    assert cpu < CPU_SECONDS


def test_plain_mode_still_works_without_a_terminal(kansencoach_home: Path) -> None:
    code, stderr, _ = cpu_of(subprocess.DEVNULL, "--plain")
    assert code == 0, stderr
