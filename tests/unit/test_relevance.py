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


@cache
def outcomes(which: str) -> list[relevance.Outcome]:
    return relevance.evaluate(cases(which), load_kb())


def test_no_tuning_case_shows_an_avoided_suggestion_or_misses_an_expected_one() -> None:
    for outcome in outcomes("tuning"):
        assert not outcome.avoid_hits, f"{outcome.case.name}: {outcome.shown}"
        assert not outcome.missed, f"{outcome.case.name}: {outcome.shown}"


def test_no_held_out_case_shows_an_avoided_suggestion() -> None:
    for outcome in outcomes("heldout"):
        assert not outcome.avoid_hits, f"{outcome.case.name}: {outcome.shown}"


@pytest.mark.parametrize(("which", "least"), [("tuning", 0.85), ("heldout", 0.75)])
def test_precision_at_5(which: str, least: float) -> None:
    # The held-out target is 0.85 (issue 13); this guards what the matcher reaches today.
    summary = relevance.summarise(which, outcomes(which))
    assert summary.precision >= least, summary
