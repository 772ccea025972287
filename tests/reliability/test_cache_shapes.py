"""A cache file whose header and stamps are right but whose value has another shape is never trusted:
the command answers as with no cache at all, and the cache is written again."""

from __future__ import annotations

import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.common import cache

from helpers import kansencoach

pytestmark = pytest.mark.usefixtures("own_cache")  # these tests break the cache's files

MAGIC = b"kansencoach-cache\n"
OWN_RULES = """\
rules:
  - id: eigen-regel
    title: Het probleem is kort
    severity: tip
    when: {key: analyse.probleem, shorter_than: 3}
    concerns: analyse.probleem
    message: Het probleem staat er nog maar kort.
    fix: Beschrijf het probleem in een paar zinnen.
"""


def _read(file: Path) -> tuple[int, Any, Any]:
    raw = file.read_bytes()
    assert raw.startswith(MAGIC)
    version, stored, value = marshal.loads(raw[len(MAGIC) :])
    return version, stored, value


def _rewrite(file: Path, change: Callable[[Any], Any]) -> bytes:
    """`file` with the same header and stamps, its value changed by `change`; the bytes written."""
    version, stored, value = _read(file)
    raw = MAGIC + marshal.dumps((version, stored, change(value)))
    file.write_bytes(raw)
    return raw


def _cache_file(prefix: str) -> Path:
    found = sorted(locations.cache_dir().glob(f"{prefix}-*.marshal"))
    assert len(found) == 1, [file.name for file in locations.cache_dir().iterdir()]
    return found[0]


def _only(file: Path) -> None:
    """Every cache file but `file` gone, so that the command must read `file`."""
    for other in locations.cache_dir().iterdir():
        if other != file:
            other.unlink()


RULE_BOOK_SHAPES: list[Callable[[dict[str, Any]], Any]] = [
    lambda book: {**book, "rules": None},
    lambda book: {**book, "words": None},
    lambda book: {**book, "rules": {}},
    lambda book: {**book, "rules": [None]},
    lambda book: {**book, "rules": [{**book["rules"][0], "id": 7}]},
    lambda book: {**book, "words": {**book["words"], "thresholds": ["tien"]}},
    lambda book: {key: item for key, item in book.items() if key != "words"},
]


@pytest.mark.parametrize("command", [("flows", "validate"), ("kb", "validate")])
@pytest.mark.parametrize("shape", range(len(RULE_BOOK_SHAPES)))
def test_review_rules_of_the_wrong_shape_are_rebuilt(
    command: tuple[str, ...], shape: int, tmp_path: Path
) -> None:
    own = tmp_path / "home" / "kennis"
    own.mkdir(parents=True)
    (own / "review.yaml").write_text(OWN_RULES, encoding="utf-8")
    env = {"KANSENCOACH_KNOWLEDGE": str(own)}
    fresh = kansencoach(*command, env=env)
    file = _cache_file("rules")
    _only(file)
    broken = _rewrite(file, RULE_BOOK_SHAPES[shape])
    again = kansencoach(*command, env=env)
    assert (again.returncode, again.stdout, again.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert file.read_bytes() != broken


def test_what_is_cached_passes_the_shape_check() -> None:
    """The check refuses only other shapes: every shipped flow, rule and intervention comes back."""
    from kansencoach.core.draft.review import rules
    from kansencoach.core.flows import cached
    from kansencoach.core.knowledge.models import Intervention

    for path in sorted(locations.shipped_flows_dir().glob("*.yaml")):
        if path.name.endswith(".test.yaml"):
            continue
        loaded = catalog.flow_from_file(path)
        assert cached.from_plain(cached.to_plain(loaded)).flow == loaded.flow
    book = rules.load_rules(locations.shipped_knowledge_dir() / "review.yaml")
    assert cache.from_tagged(cache.to_tagged(book), cache.model_classes(rules)) == book
    for intervention in catalog.load_kb().interventions:
        assert cache.construct(Intervention, intervention.model_dump()) == intervention


def test_a_value_of_another_shape_is_refused() -> None:
    from kansencoach.core.knowledge.models import Intervention

    dump = catalog.load_kb().interventions[0].model_dump()
    for wrong in ({**dump, "keywords": None}, {**dump, "keywords": [1]}, {**dump, "name": ["x"]}):
        with pytest.raises(TypeError):
            cache.construct(Intervention, wrong)
    with pytest.raises(TypeError):
        cache.construct(Intervention, {key: item for key, item in dump.items() if key != "name"})


def _first_text_as_number(value: Any) -> Any:
    """`value` with the first text found inside it (depth first) replaced by a number."""
    done = False

    def walk(item: Any) -> Any:
        nonlocal done
        if done:
            return item
        if isinstance(item, str):
            done = True
            return 7
        if isinstance(item, list | tuple):
            return type(item)(walk(each) for each in item)
        if isinstance(item, dict):
            return {key: walk(each) for key, each in item.items()}
        return item

    return walk(value)


def _truncated(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return value[:-1]
    if isinstance(value, dict):
        return dict(list(value.items())[:-1])
    return value


VALUE_SHAPES: list[Callable[[Any], Any]] = [
    lambda value: None,
    lambda value: [] if isinstance(value, dict) else {},
    _truncated,
    lambda value: {key: None for key in value} if isinstance(value, dict) else [None] * len(value),
    _first_text_as_number,
]
SHELVES = ("flows", "verdicts", "interventions")
"""The files that keep many entries, each [stamps, value]: their values are broken, not the entries."""


def _in_bytes(shape: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`shape` applied to what a value kept as marshalled bytes holds."""
    return lambda value: (
        marshal.dumps(shape(marshal.loads(value))) if isinstance(value, bytes) else shape(value)
    )


def _broken(part: str, shape: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`shape` applied where `part` of a cache file keeps its value (see COMMANDS)."""
    prefix, _, inner = part.partition(":")
    if prefix in SHELVES:
        entry = _in_bytes(shape)
        return lambda entries: {key: [stamps, entry(value)] for key, (stamps, value) in entries.items()}
    if inner:
        return lambda value: {**value, inner: _in_bytes(shape)(value[inner])}
    return shape


INTERVENTION = """\
id: eigen-fietsroute
name: Veilige fietsroute
summary: Een veilige route naar school voor kinderen uit de wijk.
domains: [armoede-schulden]
wie: [jongeren]
perspectives:
  - {perspective: B, why: Meer steun waar de nood hoger is.}
evidence: {level: onbekend}
keywords: [fiets]
sources:
  - {document: Eigen notitie, checked: false}
"""
COMMANDS: list[tuple[str, tuple[str, ...]]] = [
    ("rules", ("kb", "validate")),
    ("knowledge:search", ("kb", "validate")),
    ("knowledge:full", ("kb", "validate")),
    ("knowledge:search", ("kb", "search", "fiets")),
    ("interventions", ("kb", "search", "fiets")),
    ("flows", ("flows", "list")),
    ("verdicts", ("flows", "validate")),
    ("checked-against", ("flows", "validate")),
]


@pytest.mark.parametrize(("part", "command"), COMMANDS)
@pytest.mark.parametrize("shape", range(len(VALUE_SHAPES)))
def test_every_cache_of_the_wrong_shape_is_rebuilt(
    part: str, command: tuple[str, ...], shape: int, tmp_path: Path
) -> None:
    own = tmp_path / "home" / "kennis"
    (own / "interventions").mkdir(parents=True)
    (own / "interventions" / "fietsroute.yaml").write_text(INTERVENTION, encoding="utf-8")
    env = {"KANSENCOACH_KNOWLEDGE": str(own)}
    fresh = kansencoach(*command, env=env)
    file = _cache_file(part.partition(":")[0])
    _only(file)
    broken = _rewrite(file, _broken(part, VALUE_SHAPES[shape]))
    again = kansencoach(*command, env=env)
    assert (again.returncode, again.stdout, again.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert file.read_bytes() != broken


PROGRESS_SHAPES: list[Callable[[Any], Any]] = [
    *VALUE_SHAPES,
    lambda known: {key: [*value[:2], "drie", None] for key, value in known.items()},
    lambda known: {key: [*value[:2], [1], {}] for key, value in known.items()},
]


@pytest.mark.parametrize("shape", range(len(PROGRESS_SHAPES)))
def test_session_progress_of_the_wrong_shape_is_worked_out_again(
    shape: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kansencoach.core.sessions.session import Session
    from kansencoach.core.sessions.store import Store
    from kansencoach.tui.screens.start import session_rows

    from helpers import DATA, answer_current

    monkeypatch.setattr(catalog, "flow_dirs", lambda: [DATA / "flows"])

    def listed(store: Store) -> dict[str, tuple[int, int]]:
        catalog.forget_loaded()
        return {row.info.id: (row.done, row.total) for row in session_rows(store, catalog.scan_flows())}

    with Store(locations.store_path()) as store:
        first, _ = (Session.start(store, catalog.find_flow("mini"), f"Sessie {n}") for n in range(2))
        answer_current(first, "Een verschil")
        expected = listed(store)
        file = _cache_file("progress")
        broken = _rewrite(file, PROGRESS_SHAPES[shape])
        assert listed(store) == expected
        assert file.read_bytes() != broken
