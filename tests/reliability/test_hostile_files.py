"""Hostile files in the user's flow and knowledge folders (tests/data/hostile, plus FIFOs, symlink
loops and links to devices made here): each one gives clean problems, every command finishes with
no traceback and no hang, and the shipped flows and knowledge keep working beside them."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import OptionList

from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.flows.loader import examine
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.loading import check_files, load_knowledge
from kansencoach.core.sessions.scripted import read_script
from kansencoach.tui.app import KansencoachApp

from helpers import DATA, REPO, at_most, kansencoach_bytes, mini_flow

HOSTILE = DATA / "hostile"
LIMIT = 120
"""Seconds after which a command counts as hung: far beyond what any takes on a busy machine, so only a
hang trips it (how fast the commands are is measured in benchmarks/)."""
APP_LIMIT = 300
"""The app's hang guard, looser than the commands': the app reads every hostile file at start, and the
test failed once beside five other test workers and a CPU hog, at a point its unbounded loops did
not tell (the 120 s guard is the likeliest); only a hang should trip this."""
FRAMES = 5_000
"""Frames the app test waits for its lists or its knowledge: a bound so a lost update fails with
what the screen shows instead of hanging until the guard."""
CORPUS = sorted(HOSTILE.glob("*.yaml"))


def add_special_files(folder: Path) -> None:
    """The hostile nodes git cannot hold: made at run time."""
    os.mkfifo(folder / "fifo.yaml")
    (folder / "loop-a.yaml").symlink_to("loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to("loop-a.yaml")
    (folder / "self.yaml").symlink_to("self.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "urandom.yaml").symlink_to("/dev/urandom")
    (folder / "null.yaml").symlink_to("/dev/null")
    (folder / "dangling.yaml").symlink_to("nergens.yaml")
    (folder / "link-to-link.yaml").symlink_to("self.yaml")
    (folder / "map.yaml").mkdir()
    (folder / "big.yaml").write_text("x: " + "a" * (3 * 1024 * 1024), encoding="utf-8")
    (folder / "once.yaml").symlink_to(REPO / "flows" / "bias.yaml")


def hostile_folder(folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    for path in CORPUS:
        shutil.copy(path, folder / path.name)
    add_special_files(folder)
    return sorted(folder.iterdir())


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 60
    kinds = {path.stem.split("-", 1)[1].split("-")[0] for path in CORPUS}
    assert {"tag", "int", "hex", "billion", "deep", "raw", "include", "kb"} <= kinds


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("special") / "flows"
    folder.mkdir()
    add_special_files(folder)
    return sorted(folder.iterdir())


def only_clean_problems(call: Callable[[], object]) -> None:
    with at_most(LIMIT):
        try:
            call()
        except ProblemsError as error:
            assert all(problem.position.line >= 1 and problem.message for problem in error.problems)


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_knowledge(REPO / "knowledge")


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_each_hostile_file_gives_clean_problems_as_flow_intervention_and_answers(
    path: Path, knowledge: KnowledgeBase
) -> None:
    vocabulary = load_vocabulary()
    only_clean_problems(lambda: examine(path, vocabulary).problems)
    only_clean_problems(lambda: check_files([path], knowledge))
    only_clean_problems(lambda: read_script(path, mini_flow(), knowledge.by_id))


def test_fifos_devices_loops_and_big_files_give_clean_problems(
    special: list[Path], knowledge: KnowledgeBase
) -> None:
    vocabulary = load_vocabulary()
    for path in special:
        problems = examine(path, vocabulary).problems
        if path.name != "once.yaml":  # a symlink followed once to a good flow is fine
            assert problems, path.name
        assert all(problem.position.path == str(path) for problem in problems[:1]), path.name
        only_clean_problems(functools.partial(check_files, [path], knowledge))


@pytest.fixture(scope="module")
def user_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh home whose user flow folder and user knowledge folder hold the whole corpus."""
    root = tmp_path_factory.mktemp("hostile-user")
    hostile_folder(root / "flows")
    hostile_folder(root / "knowledge" / "interventions")
    return {
        "KANSENCOACH_HOME": str(root / "home"),
        "KANSENCOACH_FLOWS": str(root / "flows"),
        "KANSENCOACH_KNOWLEDGE": str(root / "knowledge"),
    }


def run(environment: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    with at_most(LIMIT):
        result = kansencoach_bytes(*args, env=environment)
    for stream in (result.stdout, result.stderr):
        assert b"Traceback" not in stream, stream.decode(errors="replace")[-3000:]
        assert b"\x1b" not in stream and "\u202e".encode() not in stream
    assert result.returncode in (0, 2), result.stderr.decode(errors="replace")[-3000:]
    return result


def test_flows_validate_reports_every_hostile_file(user_folders: dict[str, str]) -> None:
    paths = sorted(Path(user_folders["KANSENCOACH_FLOWS"]).iterdir())
    result = run(user_folders, "flows", "validate", *paths)
    assert result.returncode == 2
    errors = result.stderr.decode()
    assert "fifo.yaml:1:1: dit is geen gewoon bestand" in errors
    assert "loop-a.yaml:1:1: deze snelkoppeling wijst naar een andere" in errors
    assert "-tag-int-abc.yaml:2:10: 'abc' is geen geheel getal" in errors


def test_kb_validate_reports_every_hostile_file(user_folders: dict[str, str]) -> None:
    paths = sorted((Path(user_folders["KANSENCOACH_KNOWLEDGE"]) / "interventions").iterdir())
    result = run(user_folders, "kb", "validate", *paths)
    assert result.returncode == 2
    for special in (b"fifo.yaml", b"zero.yaml"):
        assert special + b":1:1: dit is geen gewoon bestand" in result.stderr


def test_flows_list_shows_shipped_flows_and_lists_broken_ones(user_folders: dict[str, str]) -> None:
    result = run(user_folders, "flows", "list")
    listing = result.stdout.decode()
    assert result.returncode == 0
    assert "Voorstel ongelijk investeren" in listing and "Quickscan gereedheid" in listing
    assert "fifo" in listing and listing.count("KAPOT") >= 60


def test_kb_list_keeps_the_shipped_interventions(user_folders: dict[str, str]) -> None:
    result = run(user_folders, "kb", "list")
    assert result.returncode == 0
    assert b"weggelaten" in result.stderr
    shipped = len(list((REPO / "knowledge" / "interventions").glob("*.yaml")))
    count = int(re.findall(rb"(\d+) interventies", result.stdout)[-1])
    assert count >= shipped


def test_a_scripted_run_of_a_shipped_flow_still_works(user_folders: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "voorstel.md"
    result = run(
        user_folders, "run", "voorstel", "--answers", DATA / "voorstel-full.yaml", "--export", output
    )
    assert result.returncode == 0, result.stderr
    assert "## " in output.read_text(encoding="utf-8")


async def test_the_app_starts_and_lists_broken_flows(
    user_folders: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in user_folders.items():
        monkeypatch.setenv(name, value)
    catalog.forget_loaded()
    app = KansencoachApp()
    # Every notification as it is raised: the app's own list drops one once its 15 seconds are up,
    # and on a loaded machine the 60 broken flows can take longer to list than that.
    raised: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            raised.append(message.notification.message)

    with at_most(APP_LIMIT):
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            flows = app.screen.query_one("#flows", OptionList)

            def prompts() -> list[str]:
                return [str(flows.get_option_at_index(n).prompt) for n in range(flows.option_count)]

            for _ in range(FRAMES):
                if any("Voorstel ongelijk investeren" in prompt for prompt in prompts()):
                    break
                await pilot.pause()
            assert sum("kan niet geladen worden" in prompt for prompt in prompts()) >= 60, prompts()
            assert not any("\x1b" in prompt or "\u202e" in prompt for prompt in prompts())
            for _ in range(FRAMES):
                if app.knowledge is not None:
                    break
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert app.knowledge is not None, f"the knowledge base never came in: {raised}"
            assert any(
                "eigen interventies bevatten een fout en zijn weggelaten" in note for note in raised
            ), raised
    catalog.forget_loaded()
