"""What loading and the command do with Python's cyclic collector: what a load made goes to its
oldest generation without a walk, and a command run as its own process ends without one.

Each check runs in a process of its own: freezing objects in the test process would keep every
later test's garbage from being collected."""

from __future__ import annotations

import subprocess
import sys


def _printed(script: str) -> str:
    # The conftest's KANSENCOACH_HOME is in os.environ: the command reads and writes only there.
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    return done.stdout.splitlines()[-1]


def test_what_a_load_made_is_left_to_the_oldest_generation_and_the_collector_runs_again() -> None:
    script = (
        "import gc\n"
        "from kansencoach.core.common.cache import no_cyclic_gc\n"
        "with no_cyclic_gc():\n"
        "    made = [[number] for number in range(1000)]\n"
        "young = {id(item) for generation in (0, 1) for item in gc.get_objects(generation=generation)}\n"
        "print(gc.isenabled(), gc.get_freeze_count(), sum(id(item) in young for item in made))\n"
    )
    assert _printed(script) == "True 0 0"


def test_what_is_frozen_for_good_stays_frozen_after_a_load() -> None:
    script = (
        "import gc\n"
        "from kansencoach.core.common.cache import no_cyclic_gc\n"
        "from kansencoach.core.common.frozen import freeze_for_good\n"
        "freeze_for_good()\n"
        "frozen = gc.get_freeze_count()\n"
        "with no_cyclic_gc():\n"
        "    made = [[number] for number in range(1000)]\n"
        "print(gc.isenabled(), frozen > 0 and gc.get_freeze_count() >= frozen)\n"
    )
    assert _printed(script) == "True True"


def test_the_command_as_its_own_process_ends_without_a_collection_and_main_freezes_nothing() -> None:
    script = (
        "import gc, sys\n"
        "from kansencoach.cli import entry, main\n"
        "called = main(['kb', 'search', 'zwemles'])\n"
        "after_main = gc.get_freeze_count()\n"
        "sys.argv = ['kansencoach', 'kb', 'search', 'zwemles']\n"
        "code = entry()\n"
        "print(called, after_main, code, gc.get_freeze_count() > 0)\n"
    )
    assert _printed(script) == "0 0 0 True"
