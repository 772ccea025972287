from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kansencoach.core.common.files import WriteError, write_atomic
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.export import ExportMeta, body, to_html, to_markdown
from kansencoach.core.draft.export.docx import to_docx
from kansencoach.core.draft.export.text import clean, escape_inline, wrap
from kansencoach.core.flows.loader import LoadedFlow

from export_cases import docx_structure, hostile_answers, html_structure, markdown_structure

META = ExportMeta("mini", 1, "2026-11-01T10:00:00+00:00", "2026-11-02T10:00:00+00:00")
HOSTILE = [
    "# kop\n## nog een kop",
    "| a | b |\n|---|---|\n| c | d |",
    "*vet* en _schuin_ en `code` en ```blok```",
    "<script>alert('x')</script> <b>html</b>",
    "1. genummerd\n2) ook\n- lijst\n+ plus\n> citaat",
    "---\ntitle: nep\n---",
    "tekst\n===\nmeer\n---",
    "[link](javascript:alert(1)) ![img](x.png) <http://x.nl>",
    "\x1b[31mrood\x1b[0m \x07 bel \u202eomgekeerd\u202c",
    "    ingesprongen code",
    "עברית en العربية 🎉👩🏽‍🏫",
    "einde met backslash \\",
    "&amp; &lt; &#x27;",
]


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens: list[Token] = MarkdownIt("commonmark").enable("table").parse(body(markdown))
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[index + 1].content))
    return found


def text_of(markdown: str) -> str:
    tokens = MarkdownIt("commonmark").enable("table").parse(body(markdown))
    parts: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type == "softbreak":
                parts.append("\n")
    return "".join(parts)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_cannot_change_the_heading_tree(mini: LoadedFlow, text: str) -> None:
    draft = build_draft(mini.flow, hostile_answers(text), title=text)
    markdown = to_markdown(draft, META)
    expected_items = {
        "analyse": ["Het verschil", "Welk domein?", "Voor wie?"],
        "doel": ["Verdeel 100 punten over de perspectieven.", "Hoe urgent?"],
        "inzet": ["Werk je met partners?", "Welke criteria voor partners?", "Wat stop je?"],
    }
    tree = [(1, " ".join(text.split()))]
    for section in mini.flow.sections:
        tree.append((2, section.title))
        tree += [(3, label) for label in expected_items[section.id]]
    found = headings(markdown)
    assert [level for level, _ in found] == [level for level, _ in tree]
    assert [title for _, title in found[1:]] == [title for _, title in tree[1:]]


@pytest.mark.parametrize("text", [t for t in HOSTILE if "\x1b" not in t and "\u202e" not in t])
def test_hostile_text_survives_intact(mini: LoadedFlow, text: str) -> None:
    markdown = to_markdown(build_draft(mini.flow, hostile_answers(text)), META)
    rendered = text_of(markdown)
    for line in text.splitlines():
        assert line.strip() in rendered


def test_no_raw_html_reaches_the_html_export(mini: LoadedFlow) -> None:
    page = to_html(build_draft(mini.flow, hostile_answers("<script>alert(1)</script>")), META)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text_in_html(mini: LoadedFlow, text: str) -> None:
    draft = build_draft(mini.flow, hostile_answers(text), title=text)
    page = to_html(draft, META)
    structure, tags, attributes = html_structure(page)
    assert "script" not in tags and "b" not in tags and "img" not in tags
    assert all(
        value is None or value.startswith("#") for _, name, value in attributes if name in ("href", "src")
    )
    assert "\x1b" not in page and "\u202e" not in page
    assert structure.headings == markdown_structure(to_markdown(draft, META)).headings
    if "<script>" in text:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "text", [*HOSTILE, '{ HYPERLINK "http://x.nl" } { DDEAUTO c:\\cmd.exe }', "<w:t>x</w:t>]]>"]
)
def test_hostile_text_stays_text_in_word(mini: LoadedFlow, text: str) -> None:
    data = to_docx(build_draft(mini.flow, hostile_answers(text), title=text), META)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
        relations = archive.read("word/_rels/document.xml.rels").decode()
    for element in ("w:instrText", "w:fldSimple", "w:fldChar", "w:hyperlink", "w:object", "w:altChunk"):
        assert element not in xml
    assert "hyperlink" not in relations.lower()
    word, _ = docx_structure(data)
    first = " ".join(clean(text).split()).strip()
    assert first[:20] in word.flat


def test_control_characters_and_ansi_are_removed(mini: LoadedFlow) -> None:
    markdown = to_markdown(build_draft(mini.flow, hostile_answers("\x1b[31mrood\x1b[0m\x07")), META)
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert "rood" in markdown


def test_front_matter_and_types_render_as_they_should(mini: LoadedFlow) -> None:
    markdown = to_markdown(build_draft(mini.flow, hostile_answers("Het verschil"), title="Plan: VVE"), META)
    assert markdown.startswith("---\nflow: mini\nversie: 1\nbegonnen: ")
    assert "\ngeëxporteerd: " in markdown.split("\n---\n")[0]
    assert "\n---\n\n# Plan: VVE\n" in markdown
    assert "| Maatwerk | 60 |" in markdown
    assert "- Kinderen" in markdown
    assert "4 van 5 (niet – zeer)" in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert not any(line != line.rstrip() for line in markdown.splitlines())


def test_open_sections_and_points_are_shown_not_hidden(mini: LoadedFlow) -> None:
    markdown = to_markdown(build_draft(mini.flow, {"verschil": "x"}), META)
    assert markdown.count("Open punt: dit deel is nog niet ingevuld") == 2
    assert "- Welk domein?" in markdown.split("## 2.")[0]


def test_write_atomic_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "uit.md"
    assert write_atomic(target, "een") == target.resolve()
    with pytest.raises(WriteError, match="--force"):
        write_atomic(target, "twee")
    write_atomic(target, "twee", force=True)
    assert target.read_text() == "twee"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.md"]


def test_write_atomic_explains_bad_targets(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is een map"):
        write_atomic(tmp_path, "x")
    with pytest.raises(WriteError, match="bestaat niet"):
        write_atomic(tmp_path / "nergens" / "x.md", "x")


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(["woord", "1.", "2)", "-", "+", ">", "#", "===", "---", "*", "`", "lang" * 25]),
        max_size=60,
    )
)
def test_wrapping_never_starts_a_block(words: list[str]) -> None:
    text = " ".join(words) or "x"
    lines = wrap(escape_inline(text))
    assert all(len(line) <= 80 for line in lines if " " in line)
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert " ".join(tokens[1].content.replace("\\", "").split()) == " ".join(text.replace("\\", "").split())
