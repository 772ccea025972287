"""The plain-data cache: never used when a source changed, rebuilt silently when broken."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.common import cache
from kansencoach.core.knowledge.fit import Query

from helpers import at_most

pytestmark = pytest.mark.usefixtures("own_cache")  # these tests count and break the cache's files


def test_an_entry_is_used_while_its_sources_are_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n")
    cache.store(tmp_path / "c", [source], {"value": 1})
    assert cache.load(tmp_path / "c", [source]) == {"value": 1}


def test_the_sources_may_come_in_any_order_and_in_any_form(tmp_path: Path) -> None:
    # Why code_files() need not sort its paths: the cache orders the sources by name itself
    # (a Path sorts by its parts, a str by its characters: 'a-b/c' and 'a/b' in either order).
    (tmp_path / "a-b").mkdir()
    (tmp_path / "a").mkdir()
    sources = [tmp_path / "a-b" / "c.py", tmp_path / "a" / "b.py", tmp_path / "a" / "b.py"]
    for source in sources:
        source.write_text("x = 1\n")
    cache.store(tmp_path / "c", sources, "value")
    assert sorted(sources) != sorted(sources, key=str)
    assert cache.load(tmp_path / "c", [str(path) for path in reversed(sources)]) == "value"
    assert cache.load(tmp_path / "c", sorted(set(sources))) == "value"


def test_a_source_changed_in_the_same_tick_with_the_same_size_is_noticed(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n")
    before = source.stat()
    cache.store(tmp_path / "c", [source], "old")
    source.write_text("x: 2\n")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size
    assert source.stat().st_mtime_ns == before.st_mtime_ns
    assert cache.load(tmp_path / "c", [source]) is None


def test_an_old_source_is_trusted_by_its_stat_and_a_change_of_size_or_time_is_noticed(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n")
    old = source.stat().st_mtime_ns - 60 * 10**9
    os.utime(source, ns=(old, old))
    cache.store(tmp_path / "c", [source], "old")
    assert cache.stamps([source])[0][-1] == ""  # no hash needed: the time can be trusted
    assert cache.load(tmp_path / "c", [source]) == "old"
    source.write_text("x: 22\n")
    os.utime(source, ns=(old, old))
    assert cache.load(tmp_path / "c", [source]) is None
    source.write_text("x: 1\n")
    assert cache.load(tmp_path / "c", [source]) is None


def test_a_folder_just_written_to_is_trusted_by_its_names(tmp_path: Path) -> None:
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "a.yaml").write_text("x: 1\n")
    cache.store(tmp_path / "c", [folder], "value")
    assert cache.stamps([folder])[0][-1] != ""  # too recent for its stat alone
    assert cache.load(tmp_path / "c", [folder]) == "value"
    (folder / "b.yaml").write_text("x: 2\n")
    assert cache.load(tmp_path / "c", [folder]) is None


def test_a_pipe_or_device_just_made_is_stamped_without_reading_it(tmp_path: Path) -> None:
    """A FIFO has no writer, /dev/zero never ends: reading either to hash it would never return
    (`kb validate` hung on a FIFO made in the user's folder until an alarm broke it)."""
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")

    with at_most(60):
        found = cache.stamps([fifo, tmp_path / "zero.yaml"])
    assert [(Path(name).name, digest) for name, *_, digest in found] == [
        ("fifo.yaml", ""),
        ("zero.yaml", ""),
    ]


def test_added_or_removed_sources_make_the_entry_stale(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a")
    second.write_text("b")
    cache.store(tmp_path / "c", [first], "one")
    assert cache.load(tmp_path / "c", [first, second]) is None
    second.unlink()
    assert cache.load(tmp_path / "c", [first, second]) is None


def test_garbage_truncated_or_foreign_cache_files_are_ignored(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n")
    file = tmp_path / "c"
    cache.store(file, [source], {"value": list(range(100))})
    whole = file.read_bytes()
    for broken in (whole[: len(whole) // 2], b"\x00\xff garbage", b"", marshal.dumps({"a": 1})):
        file.write_bytes(broken)
        assert cache.load(file, [source]) is None
    file.write_bytes(whole[:18] + marshal.dumps(("other", "shape")))
    assert cache.load(file, [source]) is None


def _search(query: str) -> list[tuple[str, float, str]]:
    results = catalog.load_kb().matcher.search(Query(query, domains=("armoede-schulden",)), limit=5)
    return [(result.item.id, result.score, result.why) for result in results]


def test_the_knowledge_base_from_the_cache_ranks_and_explains_as_a_fresh_one() -> None:
    catalog.forget_loaded()
    fresh = catalog.load_kb()
    fresh_results = _search("jongeren met schulden en geldzorgen")
    files = list(locations.cache_dir().glob("knowledge-*.marshal"))
    assert len(files) == 1
    catalog.forget_loaded()
    cached = catalog.load_kb()
    assert cached is not fresh
    assert "matcher" in cached.__dict__  # filled from the cache, not indexed again
    assert cached.interventions == fresh.interventions
    assert cached.indicators == fresh.indicators
    assert _search("jongeren met schulden en geldzorgen") == fresh_results


def test_a_broken_knowledge_cache_is_rebuilt_silently() -> None:
    catalog.forget_loaded()
    expected = _search("schulden voorkomen")
    (file,) = locations.cache_dir().glob("knowledge-*.marshal")
    for broken in (file.read_bytes()[:100], b"nonsense"):
        file.write_bytes(broken)
        catalog.forget_loaded()
        assert _search("schulden voorkomen") == expected
        assert file.read_bytes() != broken
    catalog.forget_loaded()


def test_the_review_rules_from_the_cache_are_the_rules_read_and_a_broken_cache_is_rebuilt() -> None:
    catalog.forget_loaded()
    fresh = catalog.load_review_rules()
    (file,) = locations.cache_dir().glob("rules-*.marshal")
    catalog.forget_loaded()
    cached = catalog.load_review_rules()
    assert cached is not fresh and cached == fresh
    for broken in (file.read_bytes()[:200], b"nonsense", file.read_bytes().replace(b"RuleBook", b"BookRule")):
        file.write_bytes(broken)
        catalog.forget_loaded()
        assert catalog.load_review_rules() == fresh
        assert file.read_bytes() != broken
    catalog.forget_loaded()
