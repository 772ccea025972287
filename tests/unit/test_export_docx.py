"""The Word export: a municipality's template is honoured, bad templates are explained, hostile text stays text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from kansencoach import locations
from kansencoach.core.common.files import WriteError
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.export import ExportMeta, to_markdown
from kansencoach.core.draft.export.docx import TEMPLATE_NAME, to_docx
from kansencoach.core.flows.loader import LoadedFlow

from export_cases import docx_structure, hostile_answers, markdown_structure
from helpers import DATA, kansencoach

META = ExportMeta("mini", 1, "2026-11-01T10:00:00+00:00", "2026-11-02T10:00:00+00:00")
ANSWERS = hostile_answers("Kinderen in Overvecht krijgen vaker een te laag schooladvies.")
DUTCH = {"Title": "Titel", "Heading 1": "Kop 1", "Heading 2": "Kop 2", "List Bullet": "Lijstopsommingsteken"}


def house_style(path: Path) -> Path:
    """A template as Dutch Word makes it: Dutch style names, its own font, a paragraph to drop."""
    template = docx.Document()
    for english, dutch in DUTCH.items():
        style = template.styles[english]
        style.name = dutch
        style.font.name = "Gemeente Sans"
    template.add_paragraph("Voorbeeldtekst uit het sjabloon")
    template.save(str(path))
    return path


def test_a_template_with_its_own_heading_styles_is_honoured(mini: LoadedFlow, tmp_path: Path) -> None:
    draft = build_draft(mini.flow, ANSWERS, title="Plan")
    word, styles = docx_structure(to_docx(draft, META, house_style(tmp_path / "huisstijl.docx")))
    assert {"Titel", "Kop 1", "Kop 2", "Lijstopsommingsteken"} <= set(styles)
    assert not {"Title", "Heading 1", "Heading 2", "List Bullet"} & set(styles)
    assert "Voorbeeldtekst uit het sjabloon" not in word.flat
    assert word.headings == markdown_structure(to_markdown(draft, META)).headings


def test_the_house_style_in_the_config_folder_is_the_default(mini: LoadedFlow) -> None:
    locations.config_dir().mkdir(parents=True)
    house_style(locations.config_dir() / TEMPLATE_NAME)
    _, styles = docx_structure(to_docx(build_draft(mini.flow, ANSWERS), META))
    assert "Kop 1" in styles


def test_without_a_template_a_clean_dutch_default(mini: LoadedFlow) -> None:
    data = to_docx(build_draft(mini.flow, ANSWERS, title="Plan"), META)
    _, styles = docx_structure(data)
    assert styles[:2] == ["Title", "Heading 1"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert 'w:val="nl-NL"' in archive.read("word/styles.xml").decode()
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "Plan" and properties.author == "kansencoach"


@pytest.mark.parametrize("content", [None, b"geen zip", b"PK\x03\x04 kapot"])
def test_a_missing_or_broken_template_is_explained(
    mini: LoadedFlow, tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "huisstijl.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WriteError, match=r"huisstijl\.docx .*(bestaat niet|geen Word-document)"):
        to_docx(build_draft(mini.flow, ANSWERS), META, path)


def test_the_word_file_is_by_the_officer_who_exported_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word's File > Info and a document system show the author: the officer, not the tool."""
    monkeypatch.setenv("KANSENCOACH_AUTHOR", "Fatima el Amrani")
    out = tmp_path / "voorstel.docx"
    result = kansencoach("run", "voorstel", "--answers", DATA / "voorstel-full.yaml", "--export", out)
    assert result.returncode == 0, result.stderr
    properties = docx.Document(str(out)).core_properties
    assert (properties.author, properties.last_modified_by) == ("Fatima el Amrani",) * 2
    assert properties.title == "VVE-bereik Overvecht"
