"""The export as one self-contained HTML memo: inline CSS, inline SVG, no script, nothing fetched.

Landmarks (header, nav, main), headings in order, header cells in tables and colours with enough
contrast keep it within WCAG 2.1 AA; the print stylesheet gives A4 pages with each main section
on a new page. Every text is escaped here; the only markup is ours.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from kansencoach.core.draft.export.diagram import Mix, Theory, mix_svg, theory_svg
from kansencoach.core.draft.export.document import Bullets, Grid, Heading, Paragraph, build
from kansencoach.core.draft.export.style import CSS
from kansencoach.core.draft.export.text import authored_parser
from kansencoach.core.dutch.clock import written_date
from kansencoach.i18n import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from kansencoach.core.draft.draft import Draft
    from kansencoach.core.draft.export.document import Block, ExportMeta, Line, Part, Style


def to_html(draft: Draft, meta: ExportMeta) -> str:
    """A standalone HTML page of the draft."""
    document = build(draft, meta)
    title = escape(document.title)
    contents = "\n".join(
        f'<li><a href="#deel-{number}">{escape(part.title)}</a></li>'
        for number, part in enumerate(document.parts, start=1)
    )
    parts = "\n".join(_part(part, number) for number, part in enumerate(document.parts, start=1))
    made = escape(t("export.html_made", flow=draft.flow.title, exported=written_date(meta.exported)))
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<meta name="generator" content="kansencoach {escape(meta.flow_id)} v{meta.flow_version}">\n'
        f"<style>\n{CSS}</style>\n</head>\n<body>\n"
        f'<header>\n<p class="kicker">{escape(t("export.html_kicker"))}</p>\n<h1>{title}</h1>\n'
        f'<p class="made">{made}</p>\n</header>\n'
        f'<nav aria-label="{escape(t("export.html_contents"))}">\n<ul>\n{contents}\n</ul>\n</nav>\n'
        f"<main>\n{parts}\n</main>\n</body>\n</html>\n"
    )


def _part(part: Part, number: int) -> str:
    ident = f"deel-{number}"
    blocks = "\n".join(_block(block, f"{ident}-{index}") for index, block in enumerate(part.blocks))
    return (
        f'<section class="part {part.role}" aria-labelledby="{ident}">\n'
        f'<h2 id="{ident}">{escape(part.title)}</h2>\n{blocks}\n</section>'
    )


def _block(block: Block, ident: str) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        role = f' class="{block.role}"' if block.role else ""
        return f"<p{role}>{_line(block.line)}</p>"
    if isinstance(block, Bullets):
        role = f' class="{block.role}"' if block.role else ""
        items = "\n".join(f"<li>{_item(item)}</li>" for item in block.items)
        return f"<ul{role}>\n{items}\n</ul>"
    if isinstance(block, Grid):
        header = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in block.header)
        rows = "\n".join(
            f'<tr><th scope="row">{escape(label)}</th><td class="number">{escape(value)}</td></tr>'
            for label, value in block.rows
        )
        return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    if isinstance(block, Theory):
        caption = escape(t("theory.caption"))
        svg = theory_svg(block, ident)
        return f'<figure class="diagram">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'
    assert isinstance(block, Mix)
    return f'<figure class="bar">\n{mix_svg(block, ident)}\n</figure>'


def _item(lines: tuple[Line, ...]) -> str:
    if len(lines) == 1:
        return _line(lines[0])
    return "".join(f'<p class="line">{_line(line)}</p>' for line in lines)


_SPANS: dict[Style, Callable[[str], str]] = {
    "plain": escape,
    "strong": lambda text: f"<strong>{escape(text)}</strong>",
    "em": lambda text: f'<span class="label">{escape(text)}</span>',
    "authored": lambda text: authored_parser().renderInline(text),
}
"""How each style of span reads in HTML: escaped, except the author's inline markdown."""


def _line(line: Line) -> str:
    return "".join(_SPANS[span.style](span.text) for span in line)
