"""Do the suggestions fit the case? Realistic officer cases from the seeds, in a tuning and a held-out set.

The figures themselves come from benchmarks/relevance.py, the one home of the case format and the metrics.
"""

from __future__ import annotations

import sys
from functools import cache

import pytest

from kansencoach.core.catalog import load_kb, load_vocabulary

from helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import relevance


@cache
def cases(which: str) -> list[relevance.Case]:
    return relevance.load_cases(which)


@pytest.mark.parametrize("which", relevance.SETS)
def test_each_set_has_20_cases_covering_every_domain(which: str) -> None:
    domains = {term.id for term in load_vocabulary().domains}
    found = cases(which)
    assert len(found) >= 20
    assert {case.domain for case in found} == domains


@pytest.mark.parametrize("which", relevance.SETS)
def test_every_id_in_the_cases_exists(which: str) -> None:
    known = set(load_kb().by_id)
    for case in cases(which):
        for key in ("expected", "relevant", "avoid"):
            unknown = set(getattr(case, key)) - known
            assert not unknown, f"{which}/{case.name} {key}: {sorted(unknown)}"
