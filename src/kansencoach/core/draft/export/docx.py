"""The export as a Word document, in the municipality's own template when there is one.

Built with python-docx: pure Python, and every paragraph's style can be read back, so tests
compare the heading tree with the markdown's. The title takes the template's Title style, the
main sections Heading 1 and the answers Heading 2 (or their Dutch names, Titel and Kop 1, 2);
a style the template lacks is added, so a house style never breaks the export. Officer text only
ever becomes the text of a run: no field codes, hyperlinks or XML can come from an answer.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from kansencoach import locations
from kansencoach.core.common.files import WriteError
from kansencoach.core.draft.export.diagram import COLOURS, Mix, Theory
from kansencoach.core.draft.export.document import Bullets, Grid, Heading, Paragraph, build
from kansencoach.core.draft.export.text import authored_parser
from kansencoach.i18n import t

if TYPE_CHECKING:
    from kansencoach.core.draft.draft import Draft
    from kansencoach.core.draft.export.document import Block, ExportMeta, Line

TEMPLATE_NAME = "huisstijl.docx"
"""A template with this name in the config folder is used when no --template is given."""
STYLE_NAMES = {
    "title": ("Title", "Titel"),
    "heading 1": ("Heading 1", "Kop 1"),
    "heading 2": ("Heading 2", "Kop 2"),
    "heading 3": ("Heading 3", "Kop 3"),
    "bullet": ("List Bullet", "Lijstopsommingsteken"),
    "table": ("Table Grid", "Tabelraster"),
}
"""Word's English style names, then the names Dutch Word gives them."""


def default_template() -> Path | None:
    """The house-style template in the config folder, if the aanjaagteam put one there."""
    path = locations.config_dir() / TEMPLATE_NAME
    return path if path.is_file() else None


def to_docx(draft: Draft, meta: ExportMeta, template: Path | None = None) -> bytes:
    """The draft as a .docx file's bytes, with `template`'s styles (or the default template's)."""
    document = build(draft, meta)
    word = _open(template or default_template())
    styles = _Styles(word)
    _properties(word, document.title, meta)
    styles.paragraph("title", document.title)
    for part in document.parts:
        styles.paragraph("heading 1", part.title)
        for block in part.blocks:
            _block(word, styles, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _open(template: Path | None) -> WordDocument:
    if template is None:
        word = docx.Document()
        _dutch(word)
        _a4(word)
        return word
    if template.is_dir():
        raise WriteError(t("export.template_is_dir", path=template))
    if not template.is_file():
        raise WriteError(t("export.template_missing", path=template))
    try:
        word = docx.Document(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise WriteError(t("export.template_bad", path=template)) from None
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return word


def _dutch(word: WordDocument) -> None:
    """Mark the default template's text as Dutch, for spelling and screen readers."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), "nl-NL")


def _a4(word: WordDocument) -> None:
    """A4 with 2.5 cm margins: python-docx's default template is US Letter."""
    for section in word.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)


def _properties(word: WordDocument, title: str, meta: ExportMeta) -> None:
    properties = word.core_properties
    properties.title = title
    # Word shows the author in File > Info and a document system files the memo under it: the
    # officer who exported it, as their comments are signed; the tool only when no one is known.
    properties.author = properties.last_modified_by = meta.author or "kansencoach"
    properties.subject = properties.keywords = properties.comments = ""
    properties.revision = 1
    properties.created = datetime.fromisoformat(meta.created)
    properties.modified = datetime.fromisoformat(meta.exported)


class _Styles:
    """The template's name for each style the export uses; a missing one is added."""

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.present = {style.name for style in word.styles}
        self.ids: dict[str, str] = {}

    def paragraph(self, role: str, text: str = "") -> WordParagraph:
        """A new paragraph in the style for `role`.

        The style id is looked up once per role: python-docx's own lookup, on every paragraph,
        made a long export take half a second.
        """
        if role not in self.ids:
            self.ids[role] = self.word.styles[self.name(role)].style_id
        paragraph = self.word.add_paragraph(text)
        paragraph._p.style = self.ids[role]
        return paragraph

    def name(self, role: str) -> str:
        names = STYLE_NAMES[role]
        found = next((name for name in names if name in self.present), None)
        if found is not None:
            return found
        kind = WD_STYLE_TYPE.TABLE if role == "table" else WD_STYLE_TYPE.PARAGRAPH
        style = self.word.styles.add_style(names[0], kind)
        if role.startswith("heading") or role == "title":
            style.font.bold = True
            style.font.size = Pt({"title": 24, "heading 1": 16, "heading 2": 13}.get(role, 12))
        self.present.add(names[0])
        return names[0]


def _block(word: WordDocument, styles: _Styles, block: Block) -> None:
    if isinstance(block, Heading):
        styles.paragraph(f"heading {block.level - 1}", block.text)
    elif isinstance(block, Paragraph):
        _runs(word.add_paragraph(), block.line)
    elif isinstance(block, Bullets):
        for item in block.items:
            paragraph = styles.paragraph("bullet")
            for number, line in enumerate(item):
                if number:
                    paragraph.add_run().add_break()
                _runs(paragraph, line)
    elif isinstance(block, Grid):
        _grid(word, styles, block)
    elif isinstance(block, Theory):
        _theory(word, styles, block)
    else:
        _mix(word, styles, block)


def _runs(paragraph: WordParagraph, line: Line) -> None:
    for span in line:
        if span.style == "authored":
            _authored(paragraph, span.text)
        else:
            run = paragraph.add_run(span.text)
            run.bold = span.style == "strong" or None
            run.italic = span.style == "em" or None


def _authored(paragraph: WordParagraph, text: str) -> None:
    """An author's inline markdown as runs: bold and italic kept, everything else plain text."""
    bold = italic = False
    for token in authored_parser().parseInline(text)[0].children or []:
        if token.type in ("strong_open", "strong_close"):
            bold = token.type == "strong_open"
        elif token.type in ("em_open", "em_close"):
            italic = token.type == "em_open"
        elif token.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" ")
        else:
            run = paragraph.add_run(token.content)
            run.bold = bold or None
            run.italic = italic or None


def _grid(word: WordDocument, styles: _Styles, grid: Grid) -> None:
    table = word.add_table(rows=1 + len(grid.rows), cols=2)
    table.style = styles.name("table")
    _header_row(table)
    for column, text in enumerate(grid.header):
        table.cell(0, column).paragraphs[0].add_run(text).bold = True
    for row, (label, value) in enumerate(grid.rows, start=1):
        table.cell(row, 0).paragraphs[0].add_run(label)
        cell = table.cell(row, 1).paragraphs[0]
        cell.add_run(value)
        cell.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _theory(word: WordDocument, styles: _Styles, theory: Theory) -> None:
    """The chain drawn as a one-column table: a shaded box per link, an arrow between links."""
    rows = 2 * len(theory.stages) - 1
    table = word.add_table(rows=rows, cols=1)
    table.style = styles.name("table")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _describe(table, t("theory.caption"), " → ".join(stage.title for stage in theory.stages))
    for index, stage in enumerate(theory.stages):
        cell = table.cell(2 * index, 0)
        _shade(cell, "EEF3F8")
        paragraph = cell.paragraphs[0]
        paragraph.add_run(stage.title).bold = True
        for text in stage.texts or (t("theory.open"),):
            paragraph = cell.add_paragraph(("• " if len(stage.texts) > 1 else "") + text)
        if index < len(theory.stages) - 1:
            arrow = table.cell(2 * index + 1, 0).paragraphs[0]
            arrow.add_run("↓").bold = True
            arrow.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _mix(word: WordDocument, styles: _Styles, mix: Mix) -> None:
    """The mix drawn as one row of shaded cells, each as wide as its share of the points."""
    parts = [(index, label, points) for index, (label, points) in enumerate(mix.parts) if points > 0]
    if not parts or not mix.total:
        return
    table = word.add_table(rows=1, cols=len(parts))
    table.style = styles.name("table")
    table.autofit = False
    summary = ", ".join(f"{label}: {points}" for label, points in mix.parts)
    _describe(table, mix.title, summary)
    width = word.sections[0].page_width - word.sections[0].left_margin - word.sections[0].right_margin  # type: ignore[operator]
    for column, (index, label, points) in enumerate(parts):
        cell = table.cell(0, column)
        cell.width = int(width * points / mix.total)
        _shade(cell, COLOURS[index % len(COLOURS)].lstrip("#").upper())
        run = cell.paragraphs[0].add_run(f"{label.split(' ')[0]} {points}")
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _header_row(table: Table) -> None:
    """Mark the first row as the header, repeated on every page and read as such by screen readers."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _describe(table: Table, caption: str, description: str) -> None:
    """Alternative text for a drawing made of a table (Word: Table Properties, Alt Text)."""
    properties = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shading.set(qn(name), value)
    cell._tc.get_or_add_tcPr().append(shading)
