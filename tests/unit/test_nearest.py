"""`nearest` leaves out rapidfuzz when no candidate can be close enough, and answers as rapidfuzz does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process, utils

from kansencoach.core.common.problems import nearest

NAMES = st.text(alphabet="abcdAB01_-. é", max_size=12)
"""Names as ids and draft keys are written, with separators, capitals, spaces and a non-ASCII letter."""


def _rapidfuzz_nearest(word: str, candidates: list[str], cutoff: float) -> str | None:
    """What `nearest` answered when it always asked rapidfuzz."""
    choices = [candidate for candidate in candidates if candidate != word]
    match = process.extractOne(word, choices, scorer=fuzz.ratio, processor=utils.default_process)
    return None if match is None or match[1] < cutoff else str(match[0])


@settings(max_examples=600, deadline=None)
@given(NAMES, st.lists(NAMES, max_size=8), st.sampled_from([50, 70, 90]))
def test_the_same_answer_as_rapidfuzz_alone(word: str, candidates: list[str], cutoff: int) -> None:
    assert nearest(word, candidates, cutoff) == _rapidfuzz_nearest(word, candidates, cutoff)


def test_a_close_name_is_found_and_a_far_one_is_not() -> None:
    assert nearest("doel.smart", ["doel.smrat", "inzet.plan"]) == "doel.smrat"
    assert nearest("waarschuwing-c", ["a.s1", "a.s2", "plan"]) is None
