"""The knowledge cache with own interventions: a search from it makes no model, a changed file is read
again on its own, and whatever is wrong with the cache files, the answers stay those of the YAML."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.common.yamlsource import Document, read_document
from kansencoach.core.knowledge import loading
from kansencoach.core.knowledge.fit import Query
from kansencoach.core.knowledge.index import Index

pytestmark = pytest.mark.usefixtures("own_cache")  # these tests count and break the cache's files


def _intervention(key: str, name: str) -> str:
    data = {
        "id": key,
        "name": name,
        "summary": f"Een aanpak rond {name.lower()} in de wijk.",
        "domains": ["armoede-schulden"],
        "wie": ["jongeren"],
        "perspectives": [{"perspective": "B", "why": "Meer steun waar de nood hoger is."}],
        "evidence": {"level": "onbekend"},
        "keywords": [name.split()[-1].lower()],
        "sources": [{"document": "Eigen notitie", "checked": False}],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user knowledge folder with three interventions, old enough for their stat to be trusted."""
    folder = tmp_path / "kennis"
    (folder / "interventions").mkdir(parents=True)
    for key, name in (
        ("eigen-a", "Budgetcoach zwemles"),
        ("eigen-b", "Maatje kluswerk"),
        ("eigen-c", "Fiets"),
    ):
        path = folder / "interventions" / f"{key}.yaml"
        path.write_text(_intervention(key, name), encoding="utf-8")
        old = path.stat().st_mtime_ns - 60 * 10**9
        os.utime(path, ns=(old, old))
    monkeypatch.setenv("KANSENCOACH_KNOWLEDGE", str(folder))
    catalog.forget_loaded()
    yield folder
    catalog.forget_loaded()


def _found(query: str) -> list[tuple[str, str, float, str]]:
    results = catalog.load_search().matcher.search(Query(query), limit=5)
    return [(result.id, result.name, result.score, result.why) for result in results]


def test_a_search_from_the_cache_finds_and_explains_what_a_fresh_load_does(own_folder: Path) -> None:
    fresh = catalog.load_kb().matcher.search(Query("zwemles voor jongeren met schulden"), limit=5)
    expected = [(result.id, result.name, result.score, result.why) for result in fresh]
    assert expected[0][:2] == ("eigen-a", "Budgetcoach zwemles")
    catalog.forget_loaded()
    assert _found("zwemles voor jongeren met schulden") == expected
    catalog.forget_loaded()
    cached = catalog.load_search().matcher.search(Query("zwemles voor jongeren met schulden"), limit=5)
    # The model is made on request, from the cache, equal to the one read from the YAML.
    assert cached[0].item == fresh[0].item


def test_a_warm_search_imports_neither_pydantic_yaml_nor_rapidfuzz(own_folder: Path) -> None:
    script = (
        "import sys\n"
        "from kansencoach.cli import main\n"
        "code = main(['kb', 'search', 'zwemles'])\n"
        "print(sorted(name for name in ('pydantic', 'rapidfuzz', 'yaml', 'textual') if name in sys.modules))\n"
        "raise SystemExit(code)\n"
    )

    def run() -> list[str]:
        done = subprocess.run(  # the fixtures' KANSENCOACH_HOME and KANSENCOACH_KNOWLEDGE are in os.environ
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
        )
        return done.stdout.splitlines()

    first = run()
    assert "Budgetcoach zwemles (eigen-a)" in first[0]
    assert first[-1] == "['pydantic', 'yaml']"  # nothing cached yet: read and checked
    warm = run()
    assert warm[:-1] == first[:-1]
    assert warm[-1] == "[]"


def test_a_changed_file_is_read_again_and_only_that_one(
    own_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = own_folder / "interventions" / "eigen-b.yaml"
    os.utime(changed)  # written just now: the cache cannot trust its time and keeps its hash too
    assert _found("kluswerk")[0][0] == "eigen-b"
    before = changed.stat()
    text = changed.read_text(encoding="utf-8").replace("kluswerk", "tuinwerk")
    assert len(text) == len(changed.read_text(encoding="utf-8"))
    changed.write_text(text, encoding="utf-8")
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same tick
    read: list[str] = []

    def counting(path: Path, empty_hint: str | None = None) -> Document:
        read.append(path.name)
        return read_document(path, empty_hint)

    monkeypatch.setattr(loading, "read_document", counting)
    catalog.forget_loaded()
    assert _found("tuinwerk")[0][:2] == ("eigen-b", "Maatje tuinwerk")
    assert _found("kluswerk") == []
    own_read = [name for name in read if name.startswith("eigen-")]
    assert own_read == ["eigen-b.yaml"]


def test_broken_cache_files_are_rebuilt_silently(own_folder: Path) -> None:
    expected = _found("fiets")
    assert expected[0][0] == "eigen-c"
    files = sorted(locations.cache_dir().glob("*.marshal"))
    assert [file.name.split("-")[0] for file in files] == ["interventions", "knowledge"]
    for broken in (b"", b"kansencoach-cache\n\x00\x01", files[0].read_bytes()[:50]):
        for file in files:
            file.write_bytes(broken)
        catalog.forget_loaded()
        assert _found("fiets") == expected
        assert all(file.read_bytes() != broken for file in files)


def test_an_index_whose_arrays_do_not_fit_is_refused() -> None:
    knowledge = catalog.load_kb()
    plain = knowledge.matcher.index.to_plain()
    assert Index.from_plain(plain, knowledge.normalizer).size == len(knowledge.interventions)
    for key, value in (("offsets", plain["offsets"][:-4]), ("docs", plain["docs"][:-4]), ("size", 1)):
        with pytest.raises(ValueError, match="index"):
            Index.from_plain({**plain, key: value}, knowledge.normalizer)
