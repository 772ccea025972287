"""Every shipped flow's example answers in all three formats: the same structure, every answer, lint-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.export import to_html, to_markdown
from kansencoach.core.draft.export.docx import to_docx
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import InfoStep
from kansencoach.core.flows.shown import Table, one_line
from kansencoach.core.flows.steptypes import show

from export_cases import EXAMPLES, Case, docx_structure, example, html_structure, markdown_structure
from helpers import question


@pytest.fixture(params=sorted(EXAMPLES))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Case:
    return example(request.param, tmp_path / "store.db")


def test_all_three_formats_have_the_markdowns_headings_lists_and_tables(case: Case) -> None:
    _, _, draft, meta = case
    markdown = markdown_structure(to_markdown(draft, meta))
    word, _ = docx_structure(to_docx(draft, meta))
    page, _, _ = html_structure(to_html(draft, meta))
    assert markdown.headings[0][0] == 1 and len(markdown.headings) > 5
    assert word.headings == markdown.headings
    assert page.headings == markdown.headings
    assert word.tables == markdown.tables
    assert [len(items) for items in word.lists] == [len(items) for items in markdown.lists]
    assert [len(items) for items in page.lists] == [len(items) for items in markdown.lists]
    assert [item for items in word.lists for item in items][:3] == [
        item for items in markdown.lists for item in items
    ][:3]


@pytest.mark.usefixtures("amsterdam_time")  # the provenance line is in local time
def test_every_answer_is_in_every_format(case: Case) -> None:
    loaded, answers, draft, meta = case
    texts = {
        "markdown": markdown_structure(to_markdown(draft, meta)).flat,
        "html": html_structure(to_html(draft, meta))[0].flat,
        "docx": docx_structure(to_docx(draft, meta))[0].flat,
    }
    for fmt, flat in texts.items():
        made = f"versie {loaded.flow.version}, vingerafdruk {loaded.digest}"
        assert made in flat and "Sessie begonnen 20 november 2026 om 10:30" in flat, f"{fmt}: no provenance"
        for accepted in draft.accepted:
            assert re.search(re.escape(accepted.name) + r" \(vingerafdruk [0-9a-f]{12}\)", flat), fmt
    checked = 0
    for step_id, value in answers.items():
        step = question(loaded, step_id)
        if isinstance(step, InfoStep) or step.draft is None or value in (None, [], ""):
            continue
        shown = show(step, value)
        parts = [f"{label} {points}" for label, points in shown.rows] if isinstance(shown, Table) else []
        parts = parts or [" ".join(part.split()[:8]) for part in one_line(shown).split("; ")]
        for fmt, flat in texts.items():
            for part in parts:
                assert part in flat, f"{fmt}: answer to {step_id} ({part!r}) is missing"
        checked += 1
    assert checked >= 3


def test_html_is_self_contained_and_has_landmarks(case: Case) -> None:
    _, _, draft, meta = case
    page = to_html(draft, meta)
    _, tags, attributes = html_structure(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert {"header", "nav", "main"} <= set(tags) and tags.count("main") == 1
    assert "script" not in tags and "link" not in tags and "iframe" not in tags and "img" not in tags
    assert "url(" not in page and "@import" not in page
    links = [value for tag, name, value in attributes if name in ("href", "src", "srcset", "action")]
    assert links and all(value is not None and value.startswith("#") for value in links)
    assert all(name != "style" and not name.startswith("on") for _, name, _ in attributes)
    levels = [int(tag[1]) for tag in tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    if "table" in tags:
        assert 'scope="col"' in page and "<thead>" in page
    assert "@page { size: A4" in page and "break-before: page" in page


@pytest.mark.skipif(shutil.which("markdownlint") is None, reason="markdownlint-cli (npm) is not installed")
def test_markdown_passes_markdownlint_default_rules(case: Case, tmp_path: Path) -> None:
    _, _, draft, meta = case
    path = tmp_path / "voorstel.md"
    path.write_text(to_markdown(draft, meta), encoding="utf-8")
    result = subprocess.run(
        ["markdownlint", "--", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_makes_word_from_the_markdown_without_a_second_title(tmp_path: Path) -> None:
    _, _, draft, meta = example("voorstel", tmp_path / "store.db")
    source = tmp_path / "voorstel.md"
    source.write_text(to_markdown(draft, meta), encoding="utf-8")
    target = tmp_path / "voorstel.docx"
    subprocess.run(["pandoc", str(source), "-o", str(target)], check=True, timeout=120)
    word, _ = docx_structure(target.read_bytes())
    texts = [text for text in word.text if text == "VVE-bereik Overvecht"]
    assert texts == ["VVE-bereik Overvecht"]
    assert "Vingerafdruk" in word.flat or "vingerafdruk" in word.flat


def test_no_internal_id_reaches_the_appendix_of_any_shipped_flow(case: Case) -> None:
    loaded, _, draft, meta = case
    markdown = to_markdown(draft, meta)
    appendix = markdown.split("\n## Bijlage: verantwoording\n", 1)[1]
    vocabulary = load_vocabulary()
    ids = {step.id for step in loaded.flow.steps}
    ids |= {option.value for step in loaded.flow.steps for option in getattr(step, "options", [])}
    ids |= {term["id"] for terms in vocabulary.model_dump().values() for term in terms}
    words = set(re.findall(r"[\w-]+", appendix.casefold()))
    flow_words = set(re.findall(r"[\w-]+", " ".join(_labels(loaded)).casefold()))
    leaked = {identifier for identifier in ids if identifier.casefold() in words - flow_words}
    assert not leaked, f"internal ids in the appendix: {sorted(leaked)}"


def _labels(loaded: LoadedFlow) -> list[str]:
    """Every text a flow shows the officer, which the appendix may quote."""
    texts = [loaded.flow.title]
    for step in loaded.flow.steps:
        texts += [getattr(step, name, None) or "" for name in ("ask", "label", "say")]
        texts += [option.label for option in getattr(step, "options", [])]
    return texts
