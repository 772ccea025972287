"""What the aanjaagteam found using the commands as a person would (the QA walk of this round)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import yaml

from kansencoach.core.draft.export import to_html

from export_cases import example
from helpers import DATA, MINI_ANSWERS, kansencoach

MINI = DATA / "flows" / "mini.yaml"


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


TWO_LINE_FLOW = """\
id: tweeregels
title: Twee regels
version: 1
sections:
  - {id: analyse, title: "1. Analyse"}
steps:
  - id: verschil
    type: text
    ask: |
      Welk verschil wil je aanpakken?
      Denk aan wie het treft en waar.
    draft: analyse.verschil
"""


def _last_used_at(home: Path, stamp: str) -> None:
    """Every stored session last used at `stamp` (UTC, as the store writes it)."""
    with sqlite3.connect(home / "kansencoach.db") as db:
        db.execute("UPDATE sessions SET updated = ?", (stamp,))


@pytest.mark.usefixtures("amsterdam_time")
def test_sessions_list_names_the_flow_by_its_title_and_the_time_as_the_clock_shows(
    tmp_path: Path, kansencoach_home: Path
) -> None:
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(yaml.safe_dump({"answers": MINI_ANSWERS}), encoding="utf-8")
    assert kansencoach("run", MINI, "--answers", answers, "--title", "VVE Overvecht").returncode == 0
    _last_used_at(kansencoach_home, "2026-07-01T12:00:00+00:00")
    listed = kansencoach("sessions", "list").stdout
    # The flow as the start screen names it, never its id 'mini'; 14:00 in Utrecht, not 12:00.
    assert re.fullmatch(r"\S+  1 jul 2026 14:00  Mini-voorstel  VVE Overvecht\n", listed), listed


def session_on_own_flow(tmp_path: Path, title: str) -> Path:
    """The own flow file of a session just answered from a script, called `title`."""
    flow = tmp_path / "eigen.yaml"
    flow.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", "id: eigen"), encoding="utf-8")
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(yaml.safe_dump({"answers": MINI_ANSWERS}), encoding="utf-8")
    assert kansencoach("run", flow, "--answers", answers, "--title", title).returncode == 0
    return flow


def test_sessions_list_says_so_when_a_sessions_flow_is_gone(tmp_path: Path) -> None:
    session_on_own_flow(tmp_path, "Weg").unlink()
    listed = kansencoach("sessions", "list")
    assert listed.returncode == 0
    assert re.fullmatch(
        r"\S+  \d+ [a-z]{3} \d{4} \d\d:\d\d  \(flow niet meer te vinden\)  Weg\n", listed.stdout
    ), listed.stdout


def test_sessions_list_tells_a_broken_flow_from_a_gone_one(tmp_path: Path) -> None:
    flow = session_on_own_flow(tmp_path, "Kapot")
    flow.write_text(flow.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    listed = kansencoach("sessions", "list")
    assert listed.returncode == 0
    assert re.fullmatch(
        r"\S+  \d+ [a-z]{3} \d{4} \d\d:\d\d  \(flow bevat een fout: kansencoach flows validate\)  Kapot\n",
        listed.stdout,
    ), listed.stdout


@pytest.mark.usefixtures("amsterdam_time")
def test_sessions_show_names_the_flow_and_its_questions_as_the_chat_does(
    tmp_path: Path, kansencoach_home: Path
) -> None:
    flow = tmp_path / "tweeregels.yaml"
    flow.write_text(TWO_LINE_FLOW, encoding="utf-8")
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(yaml.safe_dump({"answers": {"verschil": "Minder voorschool"}}), encoding="utf-8")
    assert kansencoach("run", flow, "--answers", answers).returncode == 0
    _last_used_at(kansencoach_home, "2026-01-15T23:30:00+00:00")
    ident = kansencoach("sessions", "list").stdout.split()[0]
    shown = kansencoach("sessions", "show", ident).stdout.splitlines()
    assert shown[0] == (
        f"Twee regels (sessie {ident}) — flow Twee regels v1, 1/1 vragen beantwoord,"
        " laatst bijgewerkt 16 jan 2026 00:30"
    )
    # A question without a label goes by its first line, as everywhere else (Conversation.label).
    assert shown[1:] == ["- Welk verschil wil je aanpakken?: Minder voorschool"]
