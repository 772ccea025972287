"""What the aanjaagteam found using the commands as a person would (the QA walk of this round)."""

from __future__ import annotations

import re

from helpers import kansencoach


def test_kb_search_writes_its_scores_the_dutch_way() -> None:
    # '2. Vroeg- en voorschoolse educatie (VVE) (vve) — 0.81': a decimal point, not a comma.
    result = kansencoach("kb", "search", "peuters voorschool drempels")
    assert result.returncode == 0
    scores = re.findall(r"^ ?\d+\. .* — (\S+)$", result.stdout, re.MULTILINE)
    assert len(scores) >= 2
    assert all(re.fullmatch(r"\d+(,\d\d?)?", score) for score in scores), scores
