"""Every performance figure of kansencoach, each a ratio against a baseline measured in the same run.

These machines are noisy, so no figure is an absolute time: each is compared with something simple
measured right beside it, and the median of several rounds is used.

    python benchmarks/run.py [--json] [--quick]

One line per figure: name, value, baseline, ratio, target, PASS or FAIL. Exit code 1 when a figure fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import chat_update
import flow_validation
import knowledge_scale
import session_store
import startup
from knowledge_scale import median_time

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.export import ExportMeta, body, to_markdown
from kansencoach.core.flows.engine import Engine
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.models import QuestionStep
from kansencoach.core.flows.steptypes import check_answer


@dataclass
class Figure:
    name: str
    value: float
    baseline: float
    unit: str
    target: float
    lower_is_better: bool = True

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target


# CLI start


def cli_start(rounds: int) -> list[Figure]:
    env = startup.environment(tempfile.mkdtemp())
    script = str(Path(sys.executable).with_name("kansencoach"))

    def run(*command: str) -> None:
        subprocess.run(list(command), env=env, capture_output=True, check=True)

    run(script, "--help")  # a first run writes the bytecode, as on any installed machine
    # In turn, so a change in the machine's load falls on both alike (they used to be timed one
    # after the other).
    help_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(rounds):
        help_times.append(median_time(lambda: run(script, "--help"), 1))
        bare_times.append(median_time(lambda: run(sys.executable, "-c", "pass"), 1))
    help_time, bare_time = statistics.median(help_times), statistics.median(bare_times)
    probe = (
        "import runpy, sys\nsys.argv = ['kansencoach', '--help']\n"
        "try:\n    runpy.run_module('kansencoach', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(int(any(name.split('.')[0] == 'textual' for name in sys.modules)), file=sys.stderr)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    textual = float(loaded.stderr.strip().splitlines()[-1])
    return [
        Figure("cli --help vs python -c pass", help_time, bare_time, "s", 3.0),
        Figure("cli --help imports textual (0 = no)", textual, 1.0, "", 0.0),
    ]


# TUI first screen


def tui_first_screen(rounds: int) -> list[Figure]:
    figures = startup.run(rounds)
    return [
        Figure(
            "tui first screen vs bare textual",
            figures["first_screen_s"],
            figures["first_screen_baseline_s"],
            "s",
            1.3,
        ),
        Figure(
            "tui peak memory vs bare textual",
            figures["peak_memory_kib"],
            figures["peak_memory_baseline_kib"],
            "KiB",
            1.5,
        ),
    ]


def tui_usable(rounds: int) -> list[Figure]:
    figures = []
    for sessions in (0, 50):
        try:
            found = startup.usable(rounds, sessions)
        except startup.NotUsable as error:
            # Both rows fail, and say why, instead of the run waiting for ever or losing its other rows.
            print(f"tui usable, {sessions} sessions: {error}", file=sys.stderr)
            never = float("inf")
            found = {
                "usable_s": never,
                "usable_baseline_s": 1.0,
                "peak_memory_kib": never,
                "peak_memory_baseline_kib": 1.0,
                "floor_s": never,
            }
        figures += [
            Figure(
                f"tui usable, {sessions} sessions, vs bare textual",
                found["usable_s"],
                found["usable_baseline_s"],
                "s",
                1.3,
            ),
            Figure(
                f"tui usable peak memory, {sessions} sessions",
                found["peak_memory_kib"],
                found["peak_memory_baseline_kib"],
                "KiB",
                1.5,
            ),
            # What Textual alone costs for the same screen (startup.FLOOR): the usable row's floor.
            Figure(
                f"tui floor: plain textual, {sessions} sessions, vs bare",
                found["floor_s"],
                found["usable_baseline_s"],
                "s",
                1.3,
            ),
        ]
    return figures


# Flow validation


def generated_flow(steps: int) -> str:
    """A flow of `steps` steps of mixed types, with conditions and gotos, as an author might write."""
    lines = ["id: groot", "title: Grote flow", "version: 1", "sections:", "  - {id: a, title: A}", "steps:"]
    for number in range(steps):
        if number % 10 == 5:
            lines += [
                f"  - id: s{number}",
                "    type: choice",
                f"    ask: Vraag {number}?",
                "    options: [{value: ja, label: Ja}, {value: nee, label: Nee}]",
                f"    draft: a.s{number}",
            ]
        elif number % 10 == 6:
            lines += [
                f"  - id: s{number}",
                "    type: text",
                f"    ask: Toelichting {number}?",
                f"    when: {{answer: s{number - 1}, equals: ja}}",
                f"    draft: a.s{number}",
            ]
        else:
            lines += [
                f"  - id: s{number}",
                "    type: text",
                f"    ask: Vraag {number}?",
                f"    draft: a.s{number}",
            ]
    return "\n".join(lines) + "\n"


def validation(rounds: int) -> list[Figure]:
    rows = flow_validation.per_file(generated_flow, rounds) + flow_validation.growth(generated_flow, rounds)
    rows += flow_validation.command(generated_flow, rounds)
    return [Figure(*row) for row in rows]


# Engine


def engine_cost(size: int, rounds: int) -> float:
    """Mean time to check one answer and find the next question, over a whole flow of `size` steps."""
    directory = Path(tempfile.mkdtemp())
    path = directory / "flow.yaml"
    path.write_text(generated_flow(size), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    engine = Engine(loaded.flow.steps)

    def walk() -> None:
        answers: dict[str, object] = {}
        step = engine.route({}).next
        while step is not None:
            value = "ja" if step.type == "choice" else "antwoord"
            answers[step.id] = check_answer(step, value)
            step = engine.next_after(step.id, answers)  # type: ignore[arg-type]

    questions = sum(1 for step in loaded.flow.steps if isinstance(step, QuestionStep))
    return median_time(walk, rounds) / questions


def engine(rounds: int) -> list[Figure]:
    return [
        Figure(
            "engine per answer: 2000 vs 20 steps",
            engine_cost(2000, rounds),
            engine_cost(20, rounds),
            "s",
            3.0,
        )
    ]


def chat(quick: bool) -> list[Figure]:
    del quick  # twenty answers (twelve painted) either way
    rows = chat_update.figures(generated_flow) + chat_update.paint_figures(generated_flow)
    return [Figure(*row) for row in rows]


# Store (benchmarks/session_store.py)


def store(quick: bool) -> list[Figure]:
    return [Figure(*row) for row in session_store.figures(quick)]


# Knowledge base (benchmarks/knowledge_scale.py)


def knowledge(quick: bool) -> list[Figure]:
    rounds = 3 if quick else 7
    count = 2_000 if quick else 10_000
    rows = knowledge_scale.ranking(rounds, count) + knowledge_scale.growth(rounds)
    rows += knowledge_scale.kb_search(rounds, count)
    return [Figure(*row) for row in rows]


# Export


def export(rounds: int) -> list[Figure]:
    directory = Path(tempfile.mkdtemp())
    path = directory / "groot.yaml"
    path.write_text(generated_flow(2000), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    answers = {
        step.id: ("ja" if step.type == "choice" else f"Antwoord op {step.id} met *opmaak* en | streep")
        for step in loaded.flow.steps
    }
    draft = build_draft(loaded.flow, answers)
    meta = ExportMeta("groot", 1, "", "")
    markdown = to_markdown(draft, meta)
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    ours = median_time(lambda: to_markdown(build_draft(loaded.flow, answers), meta), rounds)
    parse = median_time(lambda: parser.parse(body(markdown)), rounds)
    figures = [Figure("export 2000-step session vs markdown-it parse", ours, parse, "s", 2.0)]
    return figures + word_export(rounds)


def word_export(rounds: int) -> list[Figure]:
    """The VVE example as Word, against pandoc turning the same markdown into Word (when installed)."""
    import shutil

    from kansencoach.core.catalog import load_kb
    from kansencoach.core.draft.export.docx import to_docx
    from kansencoach.core.sessions.scripted import read_script

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return []
    directory = Path(tempfile.mkdtemp())
    repo = Path(__file__).resolve().parent.parent
    loaded = load_flow(repo / "flows" / "voorstel.yaml", load_vocabulary())
    script = read_script(repo / "tests" / "data" / "voorstel-full.yaml", loaded, load_kb().by_id)
    draft = build_draft(loaded.flow, script.answers, script.title or "")
    meta = ExportMeta("voorstel", 1, "2026-11-20T09:30:00+00:00", "2026-11-20T10:00:00+00:00")
    source = directory / "voorstel.md"
    source.write_text(to_markdown(draft, meta), encoding="utf-8")
    ours = median_time(lambda: to_docx(draft, meta), rounds)
    theirs = median_time(
        lambda: subprocess.run([pandoc, str(source), "-o", str(directory / "voorstel.docx")], check=True),
        rounds,
    )
    return [Figure("Word export of the VVE example vs pandoc md->docx", ours, theirs, "s", 1.0)]


SUITES: dict[str, Callable[[bool], list[Figure]]] = {
    "cli": lambda quick: cli_start(5 if quick else 9),
    "tui": lambda quick: tui_first_screen(3 if quick else 7),
    "usable": lambda quick: tui_usable(3 if quick else 7),
    "validate": lambda quick: validation(3 if quick else 7),
    "engine": lambda quick: engine(3 if quick else 5),
    "chat": chat,
    "store": store,
    "knowledge": knowledge,
    "export": lambda quick: export(3 if quick else 7),
}


GROUPS = {"startup": ("cli", "tui", "usable")}
"""Names for several suites at once: `--only startup` is every start-up figure, measured in one run."""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--markdown", action="store_true", help="the README's performance table")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and events (a smoke run)")
    parser.add_argument(
        "--only", choices=sorted([*SUITES, *GROUPS]), action="append", help="run only these suites"
    )
    arguments = parser.parse_args()
    figures: list[Figure] = []
    chosen = [suite for name in arguments.only or SUITES for suite in GROUPS.get(name, (name,))]
    for name in dict.fromkeys(chosen):
        figures += SUITES[name](arguments.quick)
    if arguments.json:
        rows = [{**asdict(figure), "ratio": figure.ratio, "pass": figure.passed} for figure in figures]
        print(json.dumps(rows, indent=2))
    elif arguments.markdown:
        print("| figure | value | baseline | ratio | target | |\n| --- | --- | --- | --- | --- | --- |")
        for figure in figures:
            value, baseline = _shown(figure.value, figure.unit), _shown(figure.baseline, figure.unit)
            verdict = "pass" if figure.passed else "**fail**"
            ratio = f"{figure.ratio:.2f}"
            print(f"| {figure.name} | {value} | {baseline} | {ratio} | ≤ {figure.target:g} | {verdict} |")
    else:
        for figure in figures:
            verdict = "PASS" if figure.passed else "FAIL"
            print(
                f"{figure.name:<48} {figure.value:>12.6f} {figure.unit:<3} baseline {figure.baseline:>12.6f} "
                f"ratio {figure.ratio:>6.2f} target ≤ {figure.target:<4} {verdict}"
            )
    return 0 if all(figure.passed for figure in figures) else 1


def _shown(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.3g} ms" if value < 1 else f"{value:.3g} s"
    if unit == "KiB":
        return f"{value / 1024:.1f} MiB"
    return f"{value:.3g} {unit}".strip()


if __name__ == "__main__":
    raise SystemExit(main())
