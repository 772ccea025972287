"""What the aanjaagteam found using the commands as a person would (the QA walk of this round)."""

from __future__ import annotations

import re
from pathlib import Path

from kansencoach.core.draft.export import to_html

from export_cases import example
from helpers import kansencoach


def test_kb_search_writes_its_scores_the_dutch_way() -> None:
    # '2. Vroeg- en voorschoolse educatie (VVE) (vve) — 0.81': a decimal point, not a comma.
    result = kansencoach("kb", "search", "peuters voorschool drempels")
    assert result.returncode == 0
    scores = re.findall(r"^ ?\d+\. .* — (\S+)$", result.stdout, re.MULTILINE)
    assert len(scores) >= 2
    assert all(re.fullmatch(r"\d+(,\d\d?)?", score) for score in scores), scores


def test_the_html_contents_do_not_number_titles_that_carry_their_own_number(tmp_path: Path) -> None:
    # The contents were an ordered list of '1. Analyse' ... so a browser showed '1. 1. Analyse'
    # and '5. Toets'.
    _, _, draft, meta = example("voorstel", tmp_path / "store.db")
    page = to_html(draft, meta)
    nav = page[page.index("<nav") : page.index("</nav>")]
    titles = re.findall(r'<li><a href="#deel-\d+">([^<]*)</a></li>', nav)
    assert titles[0] == "1. Analyse" and "Toets" in titles
    assert "<ol" not in nav, "an ordered list numbers the titles a second time"
    assert "list-style: none" in page
