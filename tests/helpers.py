"""Running the `kansencoach` command as a user would, shared test data and a small knowledge base."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kansencoach.cli import main
from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.flows.models import AnswerValue, InfoStep, QuestionStep
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.loading import load_knowledge
from kansencoach.core.sessions.session import Session

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


def kansencoach(
    *args: str | Path, stdin: str = "", home: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command run in this process, as `kansencoach ARGS < stdin` would run it in a pipe: its
    exit code, and its output decoded as the terminal would. Spawning a Python for each command cost
    more than all the rest of the CLI tests; `kansencoach_process` is there for what only a real
    process shows (imports, signals, bytes)."""
    result = kansencoach_bytes(*args, stdin=stdin.encode("utf-8"), home=home, env=env)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    )


def kansencoach_bytes(
    *args: str | Path, stdin: bytes = b"", home: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`kansencoach` with the bytes it reads and writes, for tests of what reaches the terminal."""
    overrides = {**(env or {}), **({"KANSENCOACH_HOME": str(home)} if home is not None else {})}
    argv = [str(arg) for arg in args]
    with _environment(overrides), _pipes(stdin) as (stdout, stderr):
        catalog.forget_loaded()  # a fresh process reads its files again
        try:
            code = main(argv)
        except SystemExit as exit:  # argparse: --help, --version and usage errors
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        finally:
            catalog.forget_loaded()
        stdout.flush()
        stderr.flush()
        return subprocess.CompletedProcess(argv, code, _written(stdout), _written(stderr))


def _written(stream: io.TextIOWrapper) -> bytes:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


@contextlib.contextmanager
def _pipes(stdin: bytes) -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    """sys.stdin, stdout and stderr as a pipe gives them to a process: UTF-8, stdout strict and
    stderr with backslash escapes, none of them a terminal."""
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True),
        io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    original = (sys.stdin, sys.stdout, sys.stderr)
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        yield streams[1], streams[2]
    finally:
        sys.stdin, sys.stdout, sys.stderr = original


@contextlib.contextmanager
def _environment(overrides: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def kansencoach_process(
    *args: str | Path, stdin: str = "", home: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `kansencoach` command in a subprocess, for what only a process of its own shows."""
    env = {**os.environ, **(env or {})}
    if home is not None:
        env["KANSENCOACH_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "kansencoach", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


MINI_ANSWERS: dict[str, AnswerValue] = {
    "verschil": "Peuters in Overvecht gaan minder vaak naar de voorschool.",
    "domein": "onderwijs",
    "groepen": ["kinderen", "ouders"],
    "mix": {"A": 25, "B": 35, "C": 40},
    "urgentie": 4,
    "budget": 25000,
    "partners": True,
    "criteria": ["Bereik in de wijk", "Ervaring met ouders"],
    "stoppen": ["Losse taalcursussen"],
}
"""An answer to every question of the mini flow (`mini_flow`), in its order."""

SMALL_KB_ITEMS: dict[str, dict[str, Any]] = yaml.safe_load(
    (DATA / "small_kb.yaml").read_text(encoding="utf-8")
)
"""The five interventions of `small_knowledge_base`, by id."""


def small_knowledge_base(root: Path) -> KnowledgeBase:
    """Five interventions in a knowledge base of their own, so tests do not depend on shipped content."""
    (root / "vocabulary.yaml").write_text((REPO / "knowledge" / "vocabulary.yaml").read_text())
    (root / "synonyms.yaml").write_text(
        yaml.safe_dump({"groups": [["kind", "kinderen"], ["vve", "voorschool"]]})
    )
    (root / "stopwords.yaml").write_text((REPO / "knowledge" / "stopwords.yaml").read_text())
    (root / "interventions").mkdir()
    for key, item in SMALL_KB_ITEMS.items():
        data = {
            "id": key,
            "name": item["name"],
            "summary": item["problem"],
            "problem": item["problem"],
            "approach": item["approach"],
            "target_group": item["target_group"],
            "domains": item["domains"],
            "wie": item["wie"],
            "waar": item["waar"],
            "perspectives": [{"perspective": item["perspective"], "why": "Omdat."}],
            "evidence": {"level": item["level"]},
            "keywords": [*item["keywords"], "kansengelijkheid"],
            "sources": [{"document": "Test"}],
        }
        (root / "interventions" / f"{key}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return load_knowledge(root)


def mini_flow() -> LoadedFlow:
    """The small test flow with one step of every type."""
    return load_flow(DATA / "flows" / "mini.yaml", load_vocabulary())


def editable_mini_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini flow, which a test may edit, in a folder that is from now on the only
    flow folder."""
    directory = tmp_path / "flows"
    directory.mkdir()
    shutil.copy(DATA / "flows" / "mini.yaml", directory / "mini.yaml")
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    return directory / "mini.yaml"


def files_given_to(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Path]:
    """The file each call of `owner.name` is given from now on (the calls still run): a test
    counts them to tell a result from the cache from one worked out again."""
    seen: list[Path] = []
    real: Callable[..., object] = getattr(owner, name)

    def counted(path: Path, *args: object) -> object:
        seen.append(path)
        return real(path, *args)

    monkeypatch.setattr(owner, name, counted)
    return seen


def question(loaded: LoadedFlow, step_id: str) -> QuestionStep:
    """The question `step_id` of `loaded`; fails the test when that step is an info."""
    step = next(step for step in loaded.flow.steps if step.id == step_id)
    assert not isinstance(step, InfoStep), f"{step_id} is an info, not a question"
    return step


def answer_current(session: Session, value: AnswerValue) -> None:
    """Answer the question `session` stands at; fails the test when it asks nothing more."""
    step = session.current()
    assert step is not None, "the session asks nothing more"
    session.answer(step, value)


def found(pattern: str, text: str, flags: int = 0) -> str:
    """The first group of `pattern` in `text`; fails the test when `text` does not have it."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found in {text[:200]!r}"
    return match.group(1)


def store_size(home: Path) -> int:
    """The size of the larger of the store's main file and its write-ahead log."""
    parts = [home / "kansencoach.db", home / "kansencoach.db-wal"]
    return max((part.stat().st_size for part in parts if part.exists()), default=0)


def reset_and_restore(home: Path) -> None:
    """`--reset-store` between two runs, then the moved-aside files put back: it must move the
    main file and its log together, so the store that comes back is whole."""
    from kansencoach.core.sessions.store import reset_store

    moved = reset_store(home / "kansencoach.db")
    assert moved is not None
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{moved}{suffix}").exists():
            os.replace(f"{moved}{suffix}", home / f"kansencoach.db{suffix}")


class Hung(Exception):
    """Raised by `at_most`'s alarm. Not a TimeoutError: that is an OSError, which the code under test
    takes for an unreadable file, so a hang on a FIFO was once reported as a problem and passed."""


@contextlib.contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: SIGALRM interrupts even a blocking open of a FIFO. A hang guard, not
    a measurement: give far more seconds than the call takes on a busy machine (speed is measured in
    benchmarks/)."""

    def hung(*_: object) -> None:
        raise Hung(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
