"""The flow cache: a compiled flow comes back as it was validated, and never once its files changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.flows import loader
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import QuestionStep

from helpers import files_given_to, question

pytestmark = pytest.mark.usefixtures("own_cache")  # these tests count and break the cache's files

BLOCK = """\
block: afsluiting
steps:
  - id: slot
    type: text
    ask: Wat wilt u nog kwijt?
"""
FLOW = """\
id: eigen
title: Eigen flow
version: 1
sections:
  - {id: a, title: A}
steps:
  - id: vraag
    type: text
    ask: Wat is het probleem?
    draft: a.probleem
  - include: blocks/afsluiting.yaml
"""


@pytest.fixture
def own_flows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user flow folder with one flow that includes a block."""
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "eigen.yaml").write_text(FLOW, encoding="utf-8")
    (folder / "blocks").mkdir()
    (folder / "blocks" / "afsluiting.yaml").write_text(BLOCK, encoding="utf-8")
    monkeypatch.setenv("KANSENCOACH_FLOWS", str(folder))
    catalog.forget_loaded()
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The flow files validated (not taken from the cache) from now on."""
    return files_given_to(monkeypatch, loader, "load_flow")


def _scan() -> dict[str, catalog.FlowEntry]:
    """A scan as a new process makes it: nothing kept in memory from an earlier one."""
    catalog.forget_loaded()
    return {entry.id: entry for entry in catalog.scan_flows()}


def _ask(loaded: LoadedFlow | None, step_id: str) -> str:
    assert loaded is not None
    step = question(loaded, step_id)
    assert isinstance(step, QuestionStep)
    return step.ask


def _same_size_same_time(path: Path, old: str, new: str) -> None:
    """Change `path`'s text without changing its size or modification time (one clock tick)."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_every_shipped_flow_comes_back_from_the_cache_as_it_was_validated(validations: list[Path]) -> None:
    fresh = _scan()
    assert len(validations) == len(fresh) > 0
    validations.clear()
    again = _scan()
    assert validations == []  # nothing validated: every flow came from the cache
    for flow_id, entry in fresh.items():
        before, after = entry.loaded, again[flow_id].loaded
        assert before is not None and after is not None and after is not before
        assert after == before
        assert [type(step) for step in after.flow.steps] == [type(step) for step in before.flow.steps]


def test_only_the_changed_flow_is_validated_again(own_flows: Path, validations: list[Path]) -> None:
    _scan()
    validations.clear()
    _same_size_same_time(own_flows / "eigen.yaml", "Eigen flow", "Extra flow")
    found = _scan()
    assert validations == [own_flows / "eigen.yaml"]
    loaded = found["eigen"].loaded
    assert loaded is not None and loaded.flow.title == "Extra flow"


def test_a_block_changed_in_the_same_tick_with_the_same_size_is_noticed(own_flows: Path) -> None:
    _scan()
    _same_size_same_time(own_flows / "blocks" / "afsluiting.yaml", "nog kwijt", "ook kwijt")
    assert _ask(_scan()["eigen"].loaded, "slot") == "Wat wilt u ook kwijt?"


def test_an_old_flow_changed_in_size_or_time_is_noticed(own_flows: Path) -> None:
    path = own_flows / "eigen.yaml"
    old = path.stat().st_mtime_ns - 60 * 10**9
    os.utime(path, ns=(old, old))
    _scan()
    path.write_text(FLOW.replace("Eigen flow", "Andere flow"), encoding="utf-8")
    os.utime(path, ns=(old, old))  # only the size tells
    loaded = _scan()["eigen"].loaded
    assert loaded is not None and loaded.flow.title == "Andere flow"


def test_a_block_that_appears_where_the_flow_looked_for_it_is_used(
    own_flows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user flow that used the shipped block goes stale when its own block of that name appears."""
    shipped = tmp_path / "shipped"
    (shipped / "blocks").mkdir(parents=True)
    shutil.move(own_flows / "blocks" / "afsluiting.yaml", shipped / "blocks" / "afsluiting.yaml")
    monkeypatch.setattr(locations, "shipped_flows_dir", lambda: shipped)
    assert _ask(_scan()["eigen"].loaded, "slot") == "Wat wilt u nog kwijt?"
    (own_flows / "blocks" / "afsluiting.yaml").write_text(
        BLOCK.replace("nog kwijt", "zelf kwijt"), encoding="utf-8"
    )
    assert _ask(_scan()["eigen"].loaded, "slot") == "Wat wilt u zelf kwijt?"


def test_a_changed_vocabulary_makes_every_entry_stale(own_flows: Path, validations: list[Path]) -> None:
    _scan()
    validations.clear()
    own = locations.config_dir() / "knowledge" / "vocabulary.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("domains: []\n", encoding="utf-8")
    found = _scan()
    assert sorted(validations) == sorted(entry.path for entry in found.values())


def test_a_broken_flow_is_never_taken_from_the_cache(own_flows: Path) -> None:
    (own_flows / "kapot.yaml").write_text("id: kapot\ntitle: Kapot\n", encoding="utf-8")
    for _ in range(2):
        entry = _scan()["kapot"]
        assert entry.loaded is None and entry.problems
    with pytest.raises(ProblemsError):
        catalog.flow_from_file(own_flows / "kapot.yaml")


def test_a_truncated_garbage_or_foreign_flow_cache_is_rebuilt_silently(
    own_flows: Path, validations: list[Path]
) -> None:
    expected = _scan()
    (file,) = locations.cache_dir().glob("flows-*.marshal")
    whole = file.read_bytes()
    foreign_class = whole.replace(b"ChoiceStep", b"OtherStepX")
    assert foreign_class != whole
    for broken in (whole[: len(whole) // 2], b"nonsense", b"", foreign_class):
        file.write_bytes(broken)
        validations.clear()
        found = _scan()
        assert found == expected
        # A foreign class shows when a flow is made from its entry: it is then validated again.
        assert all(entry.loaded is not None for entry in found.values())
        if broken is not foreign_class:
            assert sorted(validations) == sorted(entry.path for entry in expected.values())
        assert file.read_bytes() != broken


def test_flows_are_made_once_per_process_while_their_files_are_unchanged(own_flows: Path) -> None:
    first = _scan()["eigen"].loaded
    assert first is not None
    assert catalog.find_flow("eigen") is first
    assert catalog.flow_for_session("eigen", str(own_flows / "eigen.yaml")) is first


def test_a_flow_whose_block_is_gone_is_broken_not_taken_from_the_cache(own_flows: Path) -> None:
    assert _scan()["eigen"].loaded is not None
    (own_flows / "blocks" / "afsluiting.yaml").unlink()
    entry = _scan()["eigen"]
    assert entry.loaded is None
    assert "blocks/afsluiting.yaml" in str(entry.problems[0])
