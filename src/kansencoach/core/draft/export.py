"""Exporting a draft: CommonMark with YAML front matter, or HTML rendered from that markdown.

Officer text is escaped so that nothing typed into an answer (`#`, `|`, `*`, backticks, HTML, a
leading `1.` or `---`) can change the document's structure: the headings are exactly the title,
the sections and the answers, whatever the answers say.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import yaml

from kansencoach.core.draft.draft import Draft, Provenance
from kansencoach.core.draft.findings import Finding
from kansencoach.core.flows.shown import Advice, Items, Prose, Shown
from kansencoach.i18n import t

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


@dataclass(frozen=True)
class ExportMeta:
    flow_id: str
    flow_version: int
    created: str
    exported: str


def clean(text: str) -> str:
    """Officer text without terminal escapes, control and direction-override characters."""
    text = _ANSI.sub("", text).replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def escape_inline(text: str) -> str:
    """Text made one line with its markup characters backslash-escaped (for headings and cells)."""
    return _INLINE.sub(r"\\\1", clean(text).replace("\n", " ").strip())


def escape_line(text: str) -> str:
    """A line that starts a block (paragraph line, list item): also no list or quote markers."""
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escape_inline(text))


def escape_block(text: str) -> str:
    """Officer prose as paragraphs: lines kept, blank lines kept as paragraph breaks."""
    paragraphs = re.split(r"\n\s*\n", clean(text).strip())
    return "\n\n".join(
        "\n".join(escape_line(line) for line in paragraph.splitlines() if line.strip())
        for paragraph in paragraphs
        if paragraph.strip()
    )


def escape_authored(text: str) -> str:
    """Markdown written by a flow's author: inline emphasis kept, no headings, lists or HTML."""
    lines = [
        _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line.strip().replace("<", "\\<"))
        for line in clean(text).strip().splitlines()
    ]
    return "\n".join(lines)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def to_markdown(draft: Draft, meta: ExportMeta) -> str:
    """The draft as CommonMark with front matter; ends with one newline."""
    front = yaml.safe_dump(
        {
            "title": clean(draft.title).replace("\n", " "),
            "flow": meta.flow_id,
            "version": meta.flow_version,
            "created": meta.created,
            "exported": meta.exported,
        },
        allow_unicode=True,
        sort_keys=False,
    )
    blocks = [f"---\n{front}---", f"# {escape_inline(draft.title)}"]
    for section in draft.sections:
        blocks.append(f"## {escape_inline(section.title)}")
        if section.intro:
            blocks.append(escape_authored(section.intro))
        for item in section.items:
            blocks.append(f"### {escape_inline(item.label)}")
            blocks.append(_shown(item.shown))
        if section.id == draft.accepted_in:
            blocks.extend(_accepted(draft))
        if section.is_open:
            blocks.append(t("export.section_open"))
        if section.open_points:
            points = "\n".join(f"- {escape_line(point.label)}" for point in section.open_points)
            blocks.append(f"{t('export.open_points')}\n\n{points}")
    if draft.findings is not None:
        blocks.append(f"## {t('review.heading')}")
        blocks.append("\n".join(_finding(finding) for finding in draft.findings) or t("review.none"))
    if draft.provenance is not None:
        blocks.extend(_provenance(draft.provenance))
    return "\n\n".join(blocks) + "\n"


def _provenance(provenance: Provenance) -> list[str]:
    blocks = [
        f"## {t('provenance.heading')}",
        escape_line(
            t(
                "provenance.flow",
                flow=provenance.flow_id,
                version=provenance.version,
                digest=provenance.digest,
            )
        ),
    ]
    if provenance.not_asked:
        rows = [f"- {escape_line(label)}: {escape_inline(reason)}" for label, reason in provenance.not_asked]
        blocks.append(f"{t('provenance.not_asked')}\n\n" + "\n".join(rows))
    return blocks


def _finding(finding: Finding) -> str:
    lines = [
        f"- **{t(f'review.severity.{finding.severity}')}: {escape_inline(finding.title)}.** "
        f"{escape_inline(finding.message)}",
        f"  *{t('review.fix')}:* {escape_inline(finding.fix)}",
    ]
    if finding.example:
        lines.append(f"  *{t('review.example')}:* {escape_inline(finding.example)}")
    lines.append(f"  *{t('review.source')}:* {escape_inline(finding.source)}")
    return "\n".join(lines)


def _accepted(draft: Draft) -> list[str]:
    if not draft.accepted:
        return []
    blocks = [f"### {t('export.accepted')}"]
    for accepted in draft.accepted:
        sources = "; ".join(escape_inline(source) for source in accepted.sources)
        blocks.append(
            f"- **{escape_inline(accepted.name)}**: {escape_inline(accepted.summary)}\n"
            f"  {t('export.evidence')}: {escape_inline(accepted.evidence)}.\n"
            f"  {t('export.sources')}: {sources}."
        )
    return ["\n".join([blocks[0], "", *blocks[1:]])]


def _shown(shown: Shown) -> str:
    if isinstance(shown, Advice):
        return escape_authored(shown.text)
    if isinstance(shown, Prose):
        return escape_block(shown.text) or t("export.empty")
    if isinstance(shown, Items):
        return "\n".join(f"- {escape_line(item)}" for item in shown.items)
    header = f"| {escape_inline(shown.header[0])} | {escape_inline(shown.header[1])} |"
    rows = [f"| {escape_inline(label)} | {escape_inline(value)} |" for label, value in shown.rows]
    return "\n".join([header, "| --- | ---: |", *rows])


def body(markdown: str) -> str:
    """The markdown without its front matter."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :].lstrip("\n")
    return markdown


def to_html(draft: Draft, meta: ExportMeta) -> str:
    """A standalone HTML page of the draft, rendered from the same markdown by markdown-it-py."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    content = renderer.render(body(to_markdown(draft, meta)))
    title = html.escape(clean(draft.title))
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta name="generator" content="kansencoach {html.escape(meta.flow_id)} v{meta.flow_version}">\n'
        "</head>\n<body>\n"
        f"{content}</body>\n</html>\n"
    )


def render(draft: Draft, meta: ExportMeta, fmt: str) -> str:
    """The draft in `fmt` ("markdown" or "html")."""
    return to_html(draft, meta) if fmt == "html" else to_markdown(draft, meta)
