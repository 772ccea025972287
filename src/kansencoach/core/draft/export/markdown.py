"""The export as CommonMark with YAML front matter, clean under markdownlint's default rules.

The front matter's keys are Dutch, from i18n: the memo writer reads them, and nothing reads them
back (the HTML and Word exports are built from the same document, not from the markdown). It has
no `title`: the title is the document's one H1 (MD025), and pandoc then makes no second title of
it. Lines are wrapped at 80 columns (MD013); a heading or table row cannot be wrapped, and is only
longer when a flow's label is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from kansencoach.core.draft.export.diagram import Mix, Theory, mermaid
from kansencoach.core.draft.export.document import Bullets, Grid, Heading, Paragraph, build
from kansencoach.core.draft.export.text import escape_authored, escape_chars, escape_inline, wrap
from kansencoach.i18n import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from kansencoach.core.draft.draft import Draft
    from kansencoach.core.draft.export.document import Block, ExportMeta, Line, Style


def to_markdown(draft: Draft, meta: ExportMeta) -> str:
    """The draft as CommonMark with front matter; ends with one newline."""
    document = build(draft, meta)
    front = yaml.safe_dump(
        {
            t("export.meta.flow"): meta.flow_id,
            t("export.meta.version"): meta.flow_version,
            t("export.meta.created"): meta.created,
            t("export.meta.exported"): meta.exported,
        },
        allow_unicode=True,
        sort_keys=False,
    )
    blocks = [f"---\n{front}---", f"# {escape_inline(document.title)}"]
    for part in document.parts:
        blocks.append(f"## {escape_inline(part.title)}")
        blocks += [text for text in map(_block, part.blocks) if text]
    return "\n\n".join(blocks) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape_inline(block.text)}"
    if isinstance(block, Paragraph):
        return "\n".join(wrap(_line(block.line)))
    if isinstance(block, Bullets):
        return "\n".join(_item(item) for item in block.items)
    if isinstance(block, Grid):
        header = f"| {escape_inline(block.header[0])} | {escape_inline(block.header[1])} |"
        rows = [f"| {escape_inline(label)} | {escape_inline(value)} |" for label, value in block.rows]
        return "\n".join([header, "| --- | ---: |", *rows])
    if isinstance(block, Theory):
        return "\n".join(mermaid(block))
    assert isinstance(block, Mix)
    return ""  # the table above it already says it in markdown


def _item(lines: tuple[Line, ...]) -> str:
    first, *rest = lines
    out = wrap(_line(first), "- ", "  ")
    for line in rest:
        out += wrap(_line(line), "  ", "  ")
    return "\n".join(out)


_SPANS: dict[Style, Callable[[str], str]] = {
    "plain": escape_chars,
    "strong": lambda text: f"**{escape_chars(text)}**",
    "em": lambda text: f"*{escape_chars(text)}*",
    "authored": escape_authored,
}
"""How each style of span reads in markdown: escaped, except the author's inline markdown."""


def _line(line: Line) -> str:
    return "".join(_SPANS[span.style](span.text) for span in line)


def body(markdown: str) -> str:
    """The markdown without its front matter."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :].lstrip("\n")
    return markdown
