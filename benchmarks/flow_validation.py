"""`flows validate` against reading the same YAML with PyYAML's fastest loader, and how it grows.

Baselines, all measured in the same run on the same generated flow:
- per file: `load_flow` (read, positions, schema, checks: what `flows validate` does for each file)
  against `yaml.compose(text, Loader=CSafeLoader)`, the parse with positions alone; rounds
  interleaved, the cyclic collector emptied before each, the median of this process's CPU time
  (other work on the shared machine is not counted for either);
- growth: `load_flow` at 100, 1,000 and 10,000 steps, the time per 10× (10 is linear), the sizes
  taking turns within each round, and `yaml.compose`'s own growth on the same files;
- the whole command: `kansencoach flows validate FILE` in a fresh process against a fresh
  `python -c` composing the same file, by each process's CPU time: repeated on the unchanged
  file (the result from the cache) and first after an edit, what the aanjaagteam waits for when
  they validate because they edited (one question worded differently, in turn; imports, schema,
  checks, the review's warnings, the cache written; the vocabulary and what the review rules
  read come from the cache, as when only the flow was edited; target 1.5, issue 14); and peak memory
  (VmHWM) of the first validate of a 20,000-step flow. The measured processes write and use Python's
  bytecode caches even where the environment turns them off (PYTHONDONTWRITEBYTECODE, as on these
  machines): an installed kansencoach has them, and without them every run compiled the package
  again (36 ms of the 217 an edited validate took), which no officer waits for.

The after-an-edit row's floor, measured in turn with the compose process (2026-12-02 16:59 UTC,
load about 1, 21 pairs each, CPU time): composing the file and importing what the flow models need
from pydantic (BaseModel, Field, Tag, Discriminator, model_validator, ValidationError, ConfigDict)
takes 2.48x the compose process alone (148 vs 60 ms: pydantic's import is some 90 ms, more than the
whole 1.5x allows); parsing with positions, making the flow models and validating (building the
flow's validator, deferred until then, 10.5 ms; validating 4 ms) 2.63x; the whole command 2.9-3.0x
(checks 7 ms, the template leftovers 2 ms, the review's near misses 3 ms, the CLI, the catalogue and
the verdict shelf the rest). The 1.5 of issue 14 is not reachable while pydantic validates an
edited flow.
"""

from __future__ import annotations

import gc
import itertools
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import startup
import yaml

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.cache import no_cyclic_gc
from kansencoach.core.flows.loader import load_flow

Row = tuple[str, float, float, str, float]
FlowText = Callable[[int], str]

_PEAK = """
import sys
def report() -> None:
    with open("/proc/self/status") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")), file=sys.stderr)
"""
_COMMAND = (
    _PEAK
    + "import runpy\nsys.argv = ['kansencoach', 'flows', 'validate', sys.argv[1]]\n"
    + "try:\n    runpy.run_module('kansencoach', run_name='__main__')\n"
    + "except SystemExit:\n    pass\nreport()\n"
)
_COMPOSE = (
    _PEAK + "import yaml\nyaml.compose(open(sys.argv[1], 'rb').read(), Loader=yaml.CSafeLoader)\nreport()\n"
)


def _flow_file(flow_text: FlowText, steps: int) -> Path:
    path = Path(tempfile.mkdtemp()) / "groot.yaml"
    path.write_text(flow_text(steps), encoding="utf-8")
    return path


def _timed(action: Callable[[], object], clock: Callable[[], float] = time.process_time) -> float:
    gc.collect()  # each round starts alike: no garbage of the other's left to collect
    start = clock()
    action()
    return clock() - start


def per_file(flow_text: FlowText, rounds: int, steps: int = 2000) -> list[Row]:
    """`load_flow` against `yaml.compose` with CSafeLoader, rounds interleaved."""
    path = _flow_file(flow_text, steps)
    vocabulary = load_vocabulary()
    load_flow(path, vocabulary)  # the models' first validation builds their validators
    ours: list[float] = []
    compose: list[float] = []
    for _ in range(rounds):
        ours.append(_timed(lambda: load_flow(path, vocabulary)))
        compose.append(_timed(lambda: yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)))
    name = f"validate {steps}-step flow vs yaml.compose CSafeLoader"
    return [(name, statistics.median(ours), statistics.median(compose), "s", 1.5)]


def growth(flow_text: FlowText, rounds: int, sizes: tuple[int, ...] = (100, 1000, 10_000)) -> list[Row]:
    """`load_flow` at each size: the time per 10× more steps, and beside it the same for
    `yaml.compose` with CSafeLoader (the collector paused for it too, as the loader pauses it).

    The sizes take turns within each round, so a change in the machine's load falls on all of them
    alike (timed one size after the other, the ratio of 10,000 to 1,000 steps read 8.4 to 16 on the
    same code); a small flow is timed several times per round, its times being short. The work per
    step is the same at every size (profiled: no per-step scan, sort or collection that grows with
    the flow); what is above 10 is memory, a 10,000-step flow's objects not fitting the processor's
    caches, and the parse alone grows alike."""
    vocabulary = load_vocabulary()
    paths = {steps: _flow_file(flow_text, steps) for steps in sizes}
    for path in paths.values():
        load_flow(path, vocabulary)  # the models' first validation builds their validators

    def compose(path: Path) -> None:
        with no_cyclic_gc():
            yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)

    jobs: dict[str, Callable[[Path], object]] = {"validate": lambda path: load_flow(path, vocabulary)}
    jobs["yaml.compose"] = compose
    times: dict[tuple[str, int], list[float]] = {(job, steps): [] for job in jobs for steps in sizes}
    for _ in range(rounds * 3):
        for (job, steps), found in times.items():
            path, action = paths[steps], jobs[job]
            runs = [_timed(lambda: action(path)) for _ in range(max(1, 1000 // steps))]  # noqa: B023 - run here
            found.append(statistics.median(runs))
    medians = {key: statistics.median(found) for key, found in times.items()}
    return [
        (f"{job} per 10x: {high} vs {low} steps", medians[job, high], medians[job, low], "s", 12.0)
        for job in jobs
        for low, high in itertools.pairwise(sizes)
    ]


def command(flow_text: FlowText, rounds: int) -> list[Row]:
    """The whole `flows validate` command against a `python -c` composing the same file, each
    timed by the CPU time of its process (user and system: on a shared machine the wall clock
    mostly measures the other work, which falls unevenly on the two)."""
    env = startup.environment(tempfile.mkdtemp())

    def run(script: str, path: Path) -> tuple[float, float]:
        """The process's CPU time in seconds and its peak memory in KiB."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True, check=True
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return spent, float(done.stderr.strip().splitlines()[-1])

    small = _flow_file(flow_text, 2000)
    text = small.read_text(encoding="utf-8")
    # Two versions of the file, one question worded differently, saved in turn: each validate after
    # an edit has a text no earlier run checked (a cache keyed by content could not answer it).
    versions = itertools.cycle([text.replace("ask: Vraag 1?", "ask: Vraag 1, anders gezegd?", 1), text])

    def edited() -> float:
        small.write_text(next(versions), encoding="utf-8")
        return run(_COMMAND, small)[0]

    run(_COMMAND, small)  # a first run writes the bytecode, as on any installed machine
    warm: list[float] = []
    cold: list[float] = []
    compose: list[float] = []
    for _ in range(rounds):
        cold.append(edited())
        warm.append(run(_COMMAND, small)[0])
        compose.append(run(_COMPOSE, small)[0])
    theirs = statistics.median(compose)
    large = _flow_file(flow_text, 20_000)
    return [
        (
            "flows validate command, 2000 steps, vs python -c compose",
            statistics.median(warm),
            theirs,
            "s",
            1.5,
        ),
        ("flows validate after an edit, 2000 steps, vs compose", statistics.median(cold), theirs, "s", 1.5),
        (
            "flows validate peak memory, 20000 steps, vs compose",
            run(_COMMAND, large)[1],
            run(_COMPOSE, large)[1],
            "KiB",
            1.5,
        ),
    ]
