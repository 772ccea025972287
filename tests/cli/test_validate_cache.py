"""`flows validate` from its cache: a repeated run prints what a fresh one would, byte for byte, and
never a result of a file (or a block, a folder, the code) that changed since."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kansencoach.cli import flows as flows_cli
from kansencoach.core.flows import loader, verdicts
from kansencoach.core.flows.loader import Checked
from kansencoach.core.knowledge.models import Vocabulary

from helpers import DATA, files_given_to, kansencoach, kansencoach_process

pytestmark = pytest.mark.usefixtures("own_cache")  # these tests count and break the cache's files

OLD_NS = 1_600_000_000 * 10**9
"""A modification time long before the cache is written: the stat alone is then trusted."""

WARNED = (
    "id: partners\ntitle: Partners\nversion: 1\nsections: [{id: analyse, title: Analyse}]\n"
    "steps:\n  - {id: partners, type: confirm, ask: Zijn er partners?, draft: analyse.partners}\n"
    "  - {id: afspraken, type: text, ask: Welke afspraken?, draft: analyse.partner-afspraak}\n"
)
"""A valid flow with a review warning: a draft key like `analyse.partner-afspraken`, which rules read."""
BROKEN = "id: kapot\ntitle: Kapot\nversion: 1\nsteps:\n  - id: vraag\n    type: txt\n    ask: Wat?\n"
UNREADABLE = BROKEN.replace("ask: Wat?", 'ask: "Wat?')
"""A flow the YAML reader stops in: the parser's own words are kept for `--verbose`."""
BLOCK = "block: slot\nsteps:\n  - {id: slot, type: text, ask: Nog iets?}\n"
INCLUDING = (
    "id: met-blok\ntitle: Met blok\nversion: 1\nsections: [{id: a, title: A}]\n"
    "steps:\n  - {id: vraag, type: text, ask: Wat?, draft: a.vraag}\n  - include: blocks/slot.yaml\n"
)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files checked from now on (not taken from the cache)."""
    return files_given_to(monkeypatch, loader, "examine")


def _old(path: Path, text: str) -> Path:
    """`path` written with `text` long ago, so the cache trusts its stat.

    A valid flow's verdict depends on its folder (another flow in it may take its id), so the folder
    is dated back too; the tests that count checks put their flows in a folder of their own, not
    beside the home and cache folders the runs create."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(OLD_NS, OLD_NS))
    os.utime(path.parent, ns=(OLD_NS, OLD_NS))
    return path


def _outcome(result: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return result.returncode, result.stdout, result.stderr


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("verdicts-*.marshal"))


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"), 0, {"text": "in orde", "json": "[]"}),
        (WARNED, 0, {"text": "analyse.partner-afspraken", "json": "[]"}),
        (BROKEN, 6, {"text": "txt", "json": '"line": 6'}),
        (UNREADABLE, 7, {"text": "aanhalingsteken", "json": '"line": 7', "verbose": "YAML-lezer"}),
    ],
    ids=["valid", "warned", "broken", "unreadable"],
)
@pytest.mark.parametrize("output", ["text", "json", "verbose"])
def test_a_repeated_validate_prints_what_a_fresh_one_does_without_checking_again(
    tmp_path: Path,
    own_cache: Path,
    checks: list[Path],
    text: str,
    line: int,
    says: dict[str, str],
    output: str,
) -> None:
    """`line` is where the first problem is (0: the flow is valid)."""
    flow = _old(tmp_path / "map" / "flow.yaml", text)
    options = ["--verbose"] if output == "verbose" else ["--format", output]
    fresh = kansencoach("flows", "validate", flow, *options)
    assert fresh.returncode == (2 if line else 0), fresh.stderr
    assert says.get(output, says["text"]) in fresh.stdout + fresh.stderr
    if line and output != "json":
        assert re.search(rf"{re.escape(str(flow))}:{line}:\d+: ", fresh.stderr)
    assert checks == [flow] and _cache_files(own_cache)
    repeated = kansencoach("flows", "validate", flow, *options)
    assert checks == [flow], "the repeated run checked the file again"
    assert _outcome(repeated) == _outcome(fresh)
    for file in _cache_files(own_cache):
        file.unlink()
    assert _outcome(kansencoach("flows", "validate", flow, *options)) == _outcome(fresh)
    assert checks == [flow, flow]


def test_a_file_changed_within_the_same_second_at_the_same_size_is_checked_again(
    tmp_path: Path, checks: list[Path]
) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(BROKEN.replace("type: txt", "type: qqq"), encoding="utf-8")
    assert kansencoach("flows", "validate", flow).returncode == 2
    before = flow.stat()
    flow.write_text(BROKEN.replace("type: txt", "type: zzz"), encoding="utf-8")
    os.utime(flow, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (flow.stat().st_size, flow.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again = kansencoach("flows", "validate", flow)
    assert again.returncode == 2
    assert "'zzz'" in again.stderr and "qqq" not in again.stderr
    assert checks == [flow, flow]


def test_a_file_saved_while_it_was_being_checked_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[Path]
) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(BROKEN, encoding="utf-8")
    counted = loader.examine

    def saved_meanwhile(path: Path, vocabulary: Vocabulary) -> Checked:
        checked = counted(path, vocabulary)
        flow.write_text(BROKEN.replace("type: txt", "type: zzz"), encoding="utf-8")
        return checked

    monkeypatch.setattr(loader, "examine", saved_meanwhile)
    assert "'txt'" in kansencoach("flows", "validate", flow).stderr
    monkeypatch.setattr(loader, "examine", counted)
    again = kansencoach("flows", "validate", flow)
    assert "'zzz'" in again.stderr and "'txt'" not in again.stderr
    assert checks == [flow, flow]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_flow_just_saved_by_renaming_over_it_is_not_checked_again_next_time(
    tmp_path: Path, checks: list[Path]
) -> None:
    # Many editors save by writing a new file and renaming it over the old one: the folder then
    # changes too, within a second of the check. Its names are what its stamp stands for.
    flow = tmp_path / "eigen" / "flow.yaml"
    flow.parent.mkdir()
    saved = flow.with_name(".flow.yaml.swp")
    saved.write_text((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    saved.replace(flow)
    first = kansencoach("flows", "validate", flow)
    assert "in orde" in first.stdout
    assert _outcome(kansencoach("flows", "validate", flow)) == _outcome(first)
    assert checks == [flow]
    (flow.parent / "tweede.yaml").write_text(WARNED, encoding="utf-8")  # a name more: checked again
    assert "in orde" in kansencoach("flows", "validate", flow).stdout
    assert checks == [flow, flow]


def test_a_pipe_just_made_is_reported_and_never_read(tmp_path: Path) -> None:
    # Its stamp is too recent to trust, and hashing it instead would wait for a writer forever.
    pipe = tmp_path / "pijp.yaml"
    os.mkfifo(pipe)
    for _ in range(2):
        result = kansencoach_process("flows", "validate", pipe, home=tmp_path / "home")
        assert result.returncode == 2
        assert "geen gewoon bestand" in result.stderr


def test_an_old_file_replaced_by_a_same_size_copy_with_its_old_time_is_checked_again(
    tmp_path: Path, checks: list[Path]
) -> None:
    # As an unzipped or `cp -p`-copied version arrives: the stat alone was trusted for the old file.
    flow = _old(tmp_path / "flow.yaml", BROKEN)
    assert kansencoach("flows", "validate", flow).returncode == 2
    _old(flow, BROKEN.replace("type: txt", "type: zzz"))
    again = kansencoach("flows", "validate", flow)
    assert "'zzz'" in again.stderr and "'txt'" not in again.stderr
    assert checks == [flow, flow]


def test_a_changed_block_is_checked_again_through_the_flow_that_includes_it(
    tmp_path: Path, checks: list[Path]
) -> None:
    block = _old(tmp_path / "map" / "blocks" / "slot.yaml", BLOCK)
    flow = _old(tmp_path / "map" / "met-blok.yaml", INCLUDING)  # after blocks/, which changed map/
    assert kansencoach("flows", "validate", flow).returncode == 0
    assert kansencoach("flows", "validate", flow).returncode == 0
    assert checks == [flow]
    _old(block, BLOCK.replace("type: text", "type: txet"))
    broken = kansencoach("flows", "validate", flow)
    assert broken.returncode == 2
    assert re.search(rf"{re.escape(str(block))}:3:\d+: ", broken.stderr), broken.stderr
    block.unlink()
    missing = kansencoach("flows", "validate", flow)
    assert missing.returncode == 2 and "blocks/slot.yaml" in missing.stderr
    assert checks == [flow, flow, flow]


def test_a_second_own_flow_with_the_same_id_is_a_clash_though_the_first_was_cached(
    kansencoach_home: Path, checks: list[Path]
) -> None:
    folder = kansencoach_home / "config" / "flows"
    first = _old(folder / "eerste.yaml", WARNED)
    assert kansencoach("flows", "validate", first).returncode == 0
    second = _old(folder / "tweede.yaml", WARNED)
    clash = kansencoach("flows", "validate", first, second)
    assert clash.returncode == 2, clash.stderr
    assert "partners" in clash.stderr and str(first) in clash.stderr
    assert checks == [first, first, second]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"kansencoach-cache\n\x00garbage",
        lambda data: b"garbage",
    ],
    ids=["empty", "truncated", "bad-marshal", "foreign"],
)
def test_a_damaged_cache_file_is_rebuilt_silently(
    tmp_path: Path, own_cache: Path, checks: list[Path], damage: Callable[[bytes], bytes]
) -> None:
    flow = _old(tmp_path / "flow.yaml", BROKEN)
    fresh = kansencoach("flows", "validate", flow)
    (file,) = _cache_files(own_cache)
    file.write_bytes(damage(file.read_bytes()))
    assert _outcome(kansencoach("flows", "validate", flow)) == _outcome(fresh)
    assert checks == [flow, flow]
    assert _outcome(kansencoach("flows", "validate", flow)) == _outcome(fresh)
    assert checks == [flow, flow], "the rebuilt cache was not used"


@pytest.mark.parametrize("code", ["package_files", "library_files"])
def test_results_of_other_code_are_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[Path], code: str
) -> None:
    """Ours (an update, an edit under development) or another version of pydantic or PyYAML."""
    module = _old(tmp_path / "module.py", "ANSWER = 1\n")
    monkeypatch.setattr(verdicts, code, lambda: [module])
    flow = _old(tmp_path / "flow.yaml", BROKEN)
    kansencoach("flows", "validate", flow)
    kansencoach("flows", "validate", flow)
    _old(module, "ANSWER = 2\n")
    kansencoach("flows", "validate", flow)
    assert checks == [flow, flow]


def test_the_checking_libraries_are_pydantic_and_pyyaml() -> None:
    names = {path.parent.name for path in verdicts.library_files()}
    assert names == {"pydantic", "pydantic_core", "yaml"}
    assert all(path.is_file() for path in verdicts.library_files())


def test_the_package_files_are_the_code_and_its_texts() -> None:
    files = {
        path.relative_to(Path(verdicts.__file__).parents[2]).as_posix() for path in verdicts.package_files()
    }
    assert {"cli/flows.py", "core/flows/checks.py", "i18n/nl/flows.py", "templates/flow.yaml"} <= files
    assert not any("__pycache__" in name for name in files)


def _probed(flow: Path, roots: tuple[str, ...], home: Path) -> tuple[str, str, str]:
    """`kansencoach flows validate FLOW` in a fresh process: its stdout, its stderr, and the modules
    under `roots` it loaded."""
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['kansencoach', 'flows', 'validate', {str(flow)!r}]\n"
        "try:\n    runpy.run_module('kansencoach', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        f"roots = {roots!r}\n"
        "print('LOADED:' + ','.join(sorted(n for n in sys.modules if n.startswith(roots))), file=sys.stderr)\n"
    )
    env = {"KANSENCOACH_HOME": str(home), "PATH": ""}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    stderr, loaded = done.stderr.rsplit("LOADED:", 1)
    return done.stdout, stderr, loaded.strip()


def test_a_repeated_validate_imports_neither_pydantic_nor_the_checks(tmp_path: Path) -> None:
    flow = _old(tmp_path / "map" / "flow.yaml", WARNED)
    roots = ("pydantic", "yaml", "kansencoach.core.flows.checks", "kansencoach.core.knowledge.models")
    *first, first_loaded = _probed(flow, roots, tmp_path / "home")
    *second, second_loaded = _probed(flow, roots, tmp_path / "home")
    assert "pydantic" in first_loaded
    assert second_loaded == "", second_loaded
    assert second == first
    assert "analyse.partner-afspraken" in second[1]


def test_an_edited_flow_is_checked_without_the_knowledge_or_review_rule_models(tmp_path: Path) -> None:
    """Only the flow changed: the vocabulary and review rules it is checked against come from
    plain data, and what the run prints is what a run without any cache prints."""
    flow = _old(tmp_path / "map" / "flow.yaml", WARNED)
    roots = (
        "pydantic",
        "kansencoach.core.knowledge.models",
        "kansencoach.core.draft.review",
        "kansencoach.core.draft.draft",
    )
    _probed(flow, roots, tmp_path / "home")
    _old(flow, WARNED.replace("title: Partners", "title: Partners en afspraken"))
    *edited, loaded = _probed(flow, roots, tmp_path / "home")
    *fresh, fresh_loaded = _probed(flow, roots, tmp_path / "fresh")
    assert loaded.split(",")[0] == "pydantic", "the edited flow was not checked"
    assert not any(name.startswith(roots[1:]) for name in loaded.split(",")), loaded
    assert "kansencoach.core.knowledge.models" in fresh_loaded
    assert edited == fresh
    assert "analyse.partner-afspraken" in edited[1]


@pytest.mark.parametrize(
    "damage",
    [lambda data: b"", lambda data: data[: len(data) // 2], lambda data: b"garbage"],
    ids=["empty", "truncated", "foreign"],
)
def test_a_damaged_file_of_what_flows_are_checked_against_is_rebuilt_silently(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    worked_out: list[str] = []

    def counted(name: str) -> Callable[[], dict[str, list[str]]]:
        real: Callable[[], dict[str, list[str]]] = getattr(flows_cli, name)

        def work_out() -> dict[str, list[str]]:
            worked_out.append(name)
            return real()

        return work_out

    for name in ("_facet_values", "_rule_reads"):
        monkeypatch.setattr(flows_cli, name, counted(name))
    flow = _old(tmp_path / "map" / "flow.yaml", WARNED)
    fresh = kansencoach("flows", "validate", flow)
    assert worked_out == ["_facet_values", "_rule_reads"]
    (file,) = own_cache.glob("checked-against-*.marshal")
    file.write_bytes(damage(file.read_bytes()))
    _old(flow, WARNED)  # saved again: checked again, against the damaged file
    assert _outcome(kansencoach("flows", "validate", flow)) == _outcome(fresh)
    assert len(worked_out) == 4
    _old(flow, WARNED)
    assert _outcome(kansencoach("flows", "validate", flow)) == _outcome(fresh)
    assert len(worked_out) == 4, "the rebuilt file was not used"
