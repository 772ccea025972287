"""Exporting a draft: markdown, a self-contained HTML memo, or a Word document.

`document` decides what the export holds; `markdown`, `html` and `docx` only render it, each
escaping officer text for its own format so nothing typed into an answer can change the structure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from kansencoach.core.draft.export.document import ExportMeta
from kansencoach.core.draft.export.html import to_html
from kansencoach.core.draft.export.markdown import body, to_markdown
from kansencoach.core.draft.export.text import escape_inline

if TYPE_CHECKING:
    from pathlib import Path

    from kansencoach.core.draft.draft import Draft

ExportFormat = Literal["markdown", "html", "docx"]
FORMATS: dict[ExportFormat, str] = {"markdown": ".md", "html": ".html", "docx": ".docx"}
"""Every export format and the suffix of its files."""
_ALSO: dict[str, ExportFormat] = {".markdown": "markdown", ".htm": "html"}
"""Other suffixes people give those files."""


def format_of(path: Path) -> ExportFormat | None:
    """The export format the file name `path` asks for by its suffix (any case); None for another."""
    suffix = path.suffix.lower()
    return next((fmt for fmt, own in FORMATS.items() if own == suffix), _ALSO.get(suffix))


__all__ = [
    "FORMATS",
    "ExportFormat",
    "ExportMeta",
    "body",
    "escape_inline",
    "format_of",
    "render",
    "to_html",
    "to_markdown",
]


def render(draft: Draft, meta: ExportMeta, fmt: str, template: Path | None = None) -> str | bytes:
    """The draft in `fmt` (a key of FORMATS); Word documents use `template`'s styles when given."""
    if fmt == "docx":
        from kansencoach.core.draft.export.docx import to_docx

        return to_docx(draft, meta, template)
    return to_html(draft, meta) if fmt == "html" else to_markdown(draft, meta)
