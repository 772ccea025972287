"""Do the suggestions fit the case? Precision@5 over realistic officer cases written from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kansencoach.core.catalog import load_kb
from kansencoach.core.knowledge.matcher import Query

from helpers import DATA

CASES = sorted((DATA / "relevance").glob("*.yaml"))


def load(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def top5(case: dict[str, object]) -> list[str]:
    facets: dict[str, list[str]] = case["facets"]  # type: ignore[assignment]
    query = Query(
        str(case["query"]),
        tuple(facets.get("domain", [])),
        tuple(facets.get("wie", [])),
        tuple(facets.get("waar", [])),
        {key: 1.0 for key in facets.get("perspective", [])},
    )
    return [result.item.id for result in load_kb().matcher.search(query, limit=5)]


def test_there_are_at_least_15_cases() -> None:
    assert len(CASES) >= 15


def test_every_id_in_the_cases_exists() -> None:
    known = set(load_kb().by_id)
    for path in CASES:
        case = load(path)
        for key in ("expected", "relevant", "not_expected"):
            unknown = set(case[key]) - known  # type: ignore[arg-type]
            assert not unknown, f"{path.name} {key}: {sorted(unknown)}"


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_expected_in_top5_and_unwanted_not(path: Path) -> None:
    case = load(path)
    found = top5(case)
    for key in case["expected"]:  # type: ignore[attr-defined]
        assert key in found, f"{key} not in top 5: {found}"
    for key in case["not_expected"]:  # type: ignore[attr-defined]
        assert key not in found, f"{key} in top 5: {found}"


def test_precision_at_5_is_at_least_0_8() -> None:
    hits = total = 0
    for path in CASES:
        case = load(path)
        good = set(case["expected"]) | set(case["relevant"])  # type: ignore[arg-type]
        found = top5(case)
        hits += sum(1 for key in found if key in good)
        total += 5
    assert hits / total >= 0.8, f"precision@5 = {hits / total:.2f}"
