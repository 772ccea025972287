"""Time to the first screen and peak memory of the TUI, as ratios against a bare Textual app.

Each run is a fresh process (imports count), started headless; it exits as soon as its first
screen has been drawn. Both apps are measured alternately in the same run, so machine noise hits
them alike. Prints the median of each and the ratios against the targets.

    python benchmarks/startup.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TIME_TARGET = 1.3
MEMORY_TARGET = 1.5

# When the first screen has been drawn, the child reports the wall clock and its peak memory so
# far, and leaves at once: what the officer waits for is the first screen, not the workers behind it.
# Peak memory is read from /proc/self/status (VmHWM): unlike ru_maxrss it is not inherited from a
# large parent across fork and exec.
REPORT = """
def report() -> None:
    import os, resource, sys, time
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        pass
    sys.__stdout__.write(f"{time.time()} {peak}\\n")
    sys.__stdout__.flush()
    os._exit(0)
"""

HELLO = (
    REPORT
    + """
from textual.app import App
from textual.widgets import Static

class Hello(App[None]):
    def compose(self):
        yield Static("Hallo")

    def on_mount(self) -> None:
        self.call_after_refresh(report)

Hello().run(headless=True)
"""
)

KANSENCOACH = (
    REPORT
    + """
from kansencoach import tui

tui.defer_young_collections()  # as `kansencoach` does before it starts the app
from kansencoach.tui.app import KansencoachApp

class FirstScreen(KansencoachApp):
    # Textual calls the on_mount of every class in the app's MRO, the app's own after this one:
    # calling super().on_mount() here as well would start the app twice (two start screens, two
    # loads of the lists and the knowledge base). call_next runs after both, on the start screen.
    def on_mount(self) -> None:
        self.call_next(lambda: self.screen.call_after_refresh(report))

FirstScreen().run(headless=True)
"""
)

USABLE_BOUND_S = 30
"""How long the usable app may take before its row fails: far beyond any start (under a second, a
few seconds on a cold cache under load), but a knowledge base that never loads fails the row
instead of waiting forever."""

# Usable: the start screen lists flows and sessions, the knowledge base is loaded and no worker runs,
# and the frame showing the lists has been drawn (the officer waits for it, not for the data alone).
# A start that does not get there within the bound says what is missing and ends without reporting.
USABLE = (
    REPORT
    + f"""
import os, sys
from kansencoach import tui

tui.defer_young_collections()  # as `kansencoach` does before it starts the app
from kansencoach.tui.app import KansencoachApp

class Usable(KansencoachApp):
    def on_mount(self) -> None:  # the app's own on_mount runs after this one (see FirstScreen)
        self.waiting = self.set_interval(0.005, self.check)
        self.set_timer({USABLE_BOUND_S}, self.never_usable)

    def listed(self) -> bool:
        screen = self.screen
        return bool(getattr(screen, "flows", None)) and hasattr(screen, "rows")

    def check(self) -> None:
        if self.listed() and self.knowledge is not None and all(w.is_finished for w in self.workers):
            self.waiting.stop()
            self.screen.call_after_refresh(report)

    def never_usable(self) -> None:
        running = [w.name for w in self.workers if not w.is_finished]
        sys.__stderr__.write(
            f"not usable after {USABLE_BOUND_S} s: flows and sessions listed {{self.listed()}}, "
            f"knowledge loaded {{self.knowledge is not None}}, workers running {{running}}\\n"
        )
        os._exit(3)

Usable().run(headless=True)
"""
)


# The floor: the start screen as the app shows it once usable (its stylesheet, widgets, texts and
# focus) composed by plain Textual, its texts read from a file written beforehand (floor_texts): no
# kansencoach import, no worker, no screen drawn first with "loading" in its lists. What it costs
# over HELLO is Textual's own price for drawing this screen, which no change to kansencoach can take
# off; the usable app's ratio can come down to it, not below.
FLOOR = (
    REPORT
    + """
import json, os
from pathlib import Path
from textual.app import App
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

texts = json.loads((Path(os.environ["KANSENCOACH_HOME"]) / "floor.json").read_text())

def options(name):
    return [Option(Content.from_markup(text)) for text in texts[name]]

class Floor(App[None]):
    CSS_PATH = texts["stylesheet"]

    def compose(self):
        with Vertical(id="start"):
            yield Static(texts["welcome"], id="welcome")
            yield Label(texts["new"], classes="list-title")
            yield OptionList(*options("flows"), id="flows")
            yield Label(texts["resume"], classes="list-title")
            yield OptionList(*options("sessions"), id="sessions")
        yield Static(texts["keys"])

    def on_mount(self) -> None:
        self.query_one("#sessions" if texts["sessions"] else "#flows").focus()
        self.call_after_refresh(report)

Floor().run(headless=True)
"""
)


def floor_texts(home: str) -> None:
    """Write what FLOOR shows, as the app's start screen shows it for `home`, to home/floor.json."""
    from pathlib import Path

    from textual.binding import Binding
    from textual.content import Content
    from textual.widgets.option_list import Option

    from kansencoach.core.catalog import scan_flows
    from kansencoach.core.sessions.store import Store
    from kansencoach.i18n import t
    from kansencoach.tui.actions import APP, bindings
    from kansencoach.tui.app import KansencoachApp
    from kansencoach.tui.screens.start import StartScreen, _flow_option, _session_option, session_rows
    from kansencoach.tui.widgets.keyfooter import FooterKey, footer_items, footer_key, pack

    def markup(option: Option) -> str:
        assert isinstance(option.prompt, Content)  # the start screen's options are Content
        return option.prompt.markup

    os.environ["KANSENCOACH_HOME"] = home
    flows = scan_flows()
    with Store(Path(home) / "kansencoach.db") as store:
        rows = session_rows(store, flows)
    keys = [
        FooterKey(binding.id, footer_key(binding), binding.description)
        for binding in [*StartScreen.BINDINGS, *bindings(APP)]
        if isinstance(binding, Binding) and binding.show and binding.description
    ]
    texts = {
        "stylesheet": str(KansencoachApp.CSS_PATH),
        "welcome": t("tui.welcome"),
        "new": t("tui.new_session"),
        "resume": t("tui.resume_session"),
        "flows": [markup(_flow_option(entry, place)) for place, entry in enumerate(flows)],
        "sessions": [markup(_session_option(row)) for row in rows],
        "keys": "\n".join(line.plain for line in pack(footer_items(keys), 76)),
    }
    (Path(home) / "floor.json").write_text(json.dumps(texts), encoding="utf-8")


class NotUsable(RuntimeError):
    """The measured app ended, or was stopped, without reporting; the message says why."""


def with_sessions(home: str, count: int) -> None:
    """`count` saved sessions of the shipped flows, each with a few answers, in `home`'s store."""
    from pathlib import Path

    from kansencoach.core.catalog import find_flow
    from kansencoach.core.sessions.events import Event
    from kansencoach.core.sessions.store import Store

    os.environ["KANSENCOACH_HOME"] = home
    flows = [find_flow(name) for name in ("voorstel", "quickscan", "bias", "risico")]
    with Store(Path(home) / "kansencoach.db") as store:
        for number in range(count):
            loaded = flows[number % len(flows)]
            info = store.create_session(f"Sessie {number}", loaded.id, loaded.flow.version, loaded.digest)
            store.append(info.id, Event("set", "titel", f"Voorstel {number}"))


def usable(runs: int, sessions: int) -> dict[str, float]:
    """Time to a usable start screen with `sessions` saved sessions, and peak memory, vs a bare app;
    and the time of the same screen drawn by plain Textual (FLOOR), in the same rounds."""
    home = tempfile.mkdtemp()
    with_sessions(home, sessions)
    measure(USABLE, home)  # warm the file cache and the knowledge cache once
    floor_texts(home)
    measure(FLOOR, home)
    hello_times, hello_memory, app_times, app_memory, floor_times = [], [], [], [], []
    for _ in range(runs):
        seconds, memory = measure(HELLO, home)
        hello_times.append(seconds)
        hello_memory.append(memory)
        seconds, memory = measure(USABLE, home)
        app_times.append(seconds)
        app_memory.append(memory)
        floor_times.append(measure(FLOOR, home)[0])
    return {
        "usable_s": statistics.median(app_times),
        "usable_baseline_s": statistics.median(hello_times),
        "peak_memory_kib": statistics.median(app_memory),
        "peak_memory_baseline_kib": statistics.median(hello_memory),
        "floor_s": statistics.median(floor_times),
    }


def environment(home: str) -> dict[str, str]:
    """The environment of a measured process: its own data dir, and bytecode written as usual."""
    env = {**os.environ, "KANSENCOACH_HOME": home}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(script: str, home: str) -> tuple[float, int]:
    """Wall time of one fresh process drawing its first screen, and its peak RSS in KiB.

    Raises NotUsable when the process ends without reporting, or is still running at twice the
    usable app's own bound (a hang the app's timer cannot see, such as a blocked event loop)."""
    env = environment(home)
    start = time.time()
    try:
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            timeout=2 * USABLE_BOUND_S,
        )
    except subprocess.TimeoutExpired as stopped:
        message = f"the measured app was stopped after {stopped.timeout:g} s without reporting"
        raise NotUsable(message) from None
    lines = result.stdout.strip().splitlines()
    if result.returncode or not lines:
        raise NotUsable(f"the measured app ended without reporting:\n{result.stderr[-30000:]}")
    drawn, memory = lines[-1].split()
    return float(drawn) - start, int(memory)


def run(runs: int) -> dict[str, float]:
    home = tempfile.mkdtemp()
    # Warm the file cache, the store and every cache the app writes, as a second start finds them:
    # the first frame waits for the lists, and a process that leaves at that frame may not have
    # written the flow cache yet (the first rounds then validated the flows with pydantic) and
    # never writes the knowledge cache.
    measure(USABLE, home)
    hello_times, hello_memory, app_times, app_memory = [], [], [], []
    for _ in range(runs):
        seconds, memory = measure(HELLO, home)
        hello_times.append(seconds)
        hello_memory.append(memory)
        seconds, memory = measure(KANSENCOACH, home)
        app_times.append(seconds)
        app_memory.append(memory)
    return {
        "first_screen_s": statistics.median(app_times),
        "first_screen_baseline_s": statistics.median(hello_times),
        "peak_memory_kib": statistics.median(app_memory),
        "peak_memory_baseline_kib": statistics.median(hello_memory),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    figures = run(arguments.runs)
    time_ratio = figures["first_screen_s"] / figures["first_screen_baseline_s"]
    memory_ratio = figures["peak_memory_kib"] / figures["peak_memory_baseline_kib"]
    rows = [
        (
            "tui first screen",
            figures["first_screen_s"],
            figures["first_screen_baseline_s"],
            time_ratio,
            TIME_TARGET,
            "s",
        ),
        (
            "tui peak memory",
            figures["peak_memory_kib"],
            figures["peak_memory_baseline_kib"],
            memory_ratio,
            MEMORY_TARGET,
            "KiB",
        ),
    ]
    if arguments.json:
        print(
            json.dumps(
                [
                    {
                        "name": name,
                        "value": value,
                        "baseline": base,
                        "ratio": ratio,
                        "target": target,
                        "pass": ratio <= target,
                    }
                    for name, value, base, ratio, target, _ in rows
                ],
                indent=2,
            )
        )
    else:
        for name, value, base, ratio, target, unit in rows:
            verdict = "PASS" if ratio <= target else "FAIL"
            print(
                f"{name:<18} {value:>10.3f} {unit:<3} baseline {base:>10.3f} {unit:<3} ratio {ratio:.2f} "
                f"target ≤ {target} {verdict}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
