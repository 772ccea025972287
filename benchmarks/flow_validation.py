"""`flows validate` against reading the same YAML with PyYAML's fastest loader, and how it grows.

Baselines, all measured in the same run on the same generated flow:
- per file: `load_flow` (read, positions, schema, checks: what `flows validate` does for each file)
  against `yaml.compose(text, Loader=CSafeLoader)`, the parse with positions alone; rounds
  interleaved, the cyclic collector emptied before each, the median of this process's CPU time
  (other work on the shared machine is not counted for either);
- growth: `load_flow` at 100, 1,000 and 10,000 steps, the time per 10× (10 is linear);
- the whole command: `kansencoach flows validate FILE` in a fresh process against a fresh
  `python -c` composing the same file: repeated on the unchanged file (what the aanjaagteam waits
  for most: the result from the cache) and first after an edit (imports, vocabulary, schema,
  checks, the review's warnings, the cache written); and peak memory (VmHWM) of the first validate
  of a 20,000-step flow.
"""

from __future__ import annotations

import gc
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from kansencoach.core.catalog import load_vocabulary
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
    """`load_flow` at each size: the time per 10× more steps."""
    vocabulary = load_vocabulary()
    times: dict[int, float] = {}
    for steps in sizes:
        path = _flow_file(flow_text, steps)
        load_flow(path, vocabulary)
        repeats = rounds * max(1, 1000 // steps)  # a small flow is timed more often: its times are short
        times[steps] = statistics.median(
            _timed(lambda path=path: load_flow(path, vocabulary)) for _ in range(repeats)
        )
    return [
        (f"validate per 10x: {high} vs {low} steps", times[high], times[low], "s", 12.0)
        for low, high in itertools.pairwise(sizes)
    ]


def command(flow_text: FlowText, rounds: int) -> list[Row]:
    """The whole `flows validate` command against a `python -c` composing the same file."""
    env = {**os.environ, "KANSENCOACH_HOME": tempfile.mkdtemp()}

    def run(script: str, path: Path) -> float:
        """The process's peak memory in KiB."""
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True, check=True
        )
        return float(done.stderr.strip().splitlines()[-1])

    small = _flow_file(flow_text, 2000)
    text = small.read_text(encoding="utf-8")

    def edited() -> float:
        small.write_text(text, encoding="utf-8")  # saved again, as from an editor: new stamps
        return _timed(lambda: run(_COMMAND, small), wall)

    run(_COMMAND, small)  # a first run writes the bytecode, as on any installed machine
    wall = time.perf_counter  # a child's time: this process's CPU clock would not see it
    warm: list[float] = []
    cold: list[float] = []
    compose: list[float] = []
    for _ in range(rounds):
        cold.append(edited())
        warm.append(_timed(lambda: run(_COMMAND, small), wall))
        compose.append(_timed(lambda: run(_COMPOSE, small), wall))
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
        ("flows validate after an edit, 2000 steps, vs compose", statistics.median(cold), theirs, "s", 3.0),
        (
            "flows validate peak memory, 20000 steps, vs compose",
            run(_COMMAND, large),
            run(_COMPOSE, large),
            "KiB",
            1.5,
        ),
    ]
