"""The export as a document: what is in it and in which order, decided once for every format.

Markdown, HTML and Word each render this same tree, so their headings, lists and tables cannot
drift apart. Texts here are raw (cleaned of control characters only); each renderer escapes them
for its own format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from kansencoach.core.draft.draft import Draft, DraftItem, Provenance, Remark
from kansencoach.core.draft.export.diagram import Mix, Theory, mix_of, theory_of
from kansencoach.core.draft.export.text import one_line, paragraphs
from kansencoach.core.draft.findings import Finding, all_clear
from kansencoach.core.dutch.clock import written_moment
from kansencoach.core.flows.shown import Advice, Items, Prose, Table
from kansencoach.core.knowledge.models import Accepted
from kansencoach.i18n import t


@dataclass(frozen=True)
class ExportMeta:
    flow_id: str
    flow_version: int
    created: str
    exported: str
    author: str = ""
    """Who exports it (KANSENCOACH_AUTHOR, else the login name): the Word file's author."""


Style = Literal["plain", "strong", "em", "authored"]


@dataclass(frozen=True)
class Span:
    """A run of text; `authored` is inline markdown by the flow's author (emphasis kept)."""

    text: str
    style: Style = "plain"


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    """A heading inside a section of the exported document (`level` as in markdown: 3 is ###)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the exported document: one line of styled spans."""

    line: Line
    role: str = ""
    """What the paragraph is, for styling: "" (text), "open" (still to do), "meta"."""


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Line, ...], ...]
    """Each item is one or more lines: a finding has its title, fix, example and source."""
    role: str = ""
    """"" (answers), "open", "findings", "accepted" or "not-asked"."""


@dataclass(frozen=True)
class Grid:
    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | Bullets | Grid | Theory | Mix


@dataclass(frozen=True)
class Part:
    """A main section of the document (level-2 heading): the flow's sections, the toets, the appendix."""

    title: str
    role: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    parts: tuple[Part, ...]


def build(draft: Draft, meta: ExportMeta) -> Document:
    """The document for `draft`: its sections, the toets when reviewed, the provenance appendix."""
    theory = theory_of(draft)
    parts: list[Part] = []
    seen = {one_line(draft.title).casefold()}
    for section in draft.sections:
        blocks: list[Block] = []
        seen.add(one_line(section.title).casefold())
        if section.intro:
            blocks += [Paragraph((Span(text, "authored"),)) for text in paragraphs(section.intro)]
        for item in section.items:
            blocks.append(Heading(3, _unique(one_line(item.label), one_line(section.title), seen)))
            blocks += _shown(draft, item)
            if theory is not None and item.step_id == theory.after:
                blocks.append(theory)
        if section.id == draft.accepted_in:
            blocks += _accepted(draft)
        if section.is_open:
            blocks.append(Paragraph((Span(t("export.section_open"), "em"),), "open"))
        if section.open_points:
            blocks.append(Paragraph((Span(t("export.open_points"), "strong"),), "open"))
            points = tuple((_plain(point.label),) for point in section.open_points)
            blocks.append(Bullets(points, "open"))
        parts.append(Part(one_line(section.title), "section", tuple(blocks)))
    if draft.findings is not None:
        findings: tuple[Block, ...] = (
            (Bullets(tuple(_finding(finding) for finding in draft.findings), "findings"),)
            if draft.findings
            else (Paragraph(_plain(all_clear(draft.coverage))),)
        )
        parts.append(Part(t("review.heading"), "review", findings))
    if draft.remarks:
        remarks = tuple(_remark(remark) for remark in draft.remarks)
        parts.append(Part(t("export.remarks"), "remarks", (Bullets(remarks, "remarks"),)))
    if draft.provenance is not None:
        parts.append(Part(t("provenance.heading"), "provenance", _provenance(draft, draft.provenance, meta)))
    return Document(one_line(draft.title), tuple(parts))


def _unique(label: str, section: str, seen: set[str]) -> str:
    """A heading that is not already in the document: readers and Word's navigation tell them apart."""
    if label.casefold() in seen:
        label = t("export.heading_again", label=label, section=section)
    seen.add(label.casefold())
    return label


def _plain(text: str) -> Line:
    return (Span(one_line(text)),)


def _shown(draft: Draft, item: DraftItem) -> list[Block]:
    shown = item.shown
    if isinstance(shown, Advice):
        return [Paragraph((Span(text, "authored"),)) for text in paragraphs(shown.text)]
    if isinstance(shown, Prose):
        texts = paragraphs(shown.text)
        if not texts:
            return [Paragraph((Span(t("export.empty"), "em"),))]
        return [Paragraph(_plain(text)) for text in texts]
    if isinstance(shown, Items):
        return [Bullets(tuple((_plain(text),) for text in shown.items))]
    grid = _grid(shown)
    mix = mix_of(draft, item)
    return [grid, mix] if mix is not None else [grid]


def _grid(table: Table) -> Grid:
    header = (one_line(table.header[0]), one_line(table.header[1]))
    return Grid(header, tuple((one_line(label), one_line(value)) for label, value in table.rows))


def _finding(finding: Finding) -> tuple[Line, ...]:
    severity = t(f"review.severity.{finding.severity}")
    lines: list[Line] = [
        (Span(f"{severity}: {one_line(finding.title)}.", "strong"), Span(" " + one_line(finding.message))),
        (Span(t("review.fix") + ":", "em"), Span(" " + one_line(finding.fix))),
    ]
    if finding.example:
        lines.append((Span(t("review.example") + ":", "em"), Span(" " + one_line(finding.example))))
    lines.append((Span(t("review.source") + ":", "em"), Span(" " + one_line(finding.source))))
    return tuple(lines)


def _remark(remark: Remark) -> tuple[Line, ...]:
    done = t("comment.done") if remark.done else ""
    author = remark.author or t("comment.anonymous")
    head = t(
        "export.remark",
        question=one_line(remark.question),
        author=one_line(author),
        day=remark.day,
        done=done,
    )
    return ((Span(head + ":", "em"), Span(" " + one_line(remark.text))),)


def _accepted(draft: Draft) -> list[Block]:
    if not draft.accepted:
        return []
    items = tuple(
        (
            (Span(one_line(accepted.name), "strong"), Span(": " + one_line(accepted.summary))),
            (Span(t("export.evidence") + ":", "em"), Span(f" {one_line(accepted.evidence)}.")),
            *_sources_line(t("export.sources"), accepted.sources),
            *_sources_line(t("export.public_sources"), accepted.public),
        )
        for accepted in draft.accepted
    )
    return [Heading(3, t("export.accepted")), Bullets(items, "accepted")]


def _sources_line(heading: str, sources: tuple[str, ...]) -> tuple[tuple[Span, ...], ...]:
    """A line of an accepted intervention naming its sources, none when it has none of the kind."""
    if not sources:
        return ()
    return ((Span(heading + ":", "em"), Span(" " + "; ".join(one_line(source) for source in sources) + ".")),)


def _provenance(draft: Draft, provenance: Provenance, meta: ExportMeta) -> tuple[Block, ...]:
    made = [
        t(
            "provenance.flow",
            title=one_line(draft.flow.title),
            flow=provenance.flow_id,
            version=provenance.version,
            digest=provenance.digest,
        ),
        t("provenance.dates", created=written_moment(meta.created), exported=written_moment(meta.exported)),
    ]
    blocks: list[Block] = [Paragraph(_plain(line), "meta") for line in made]
    if draft.accepted:
        blocks.append(Paragraph(_plain(t("provenance.knowledge"))))
        entries = tuple(
            (_plain(t("provenance.entry", name=item.name, digest=_fingerprint(item))),)
            for item in draft.accepted
        )
        blocks.append(Bullets(entries, "meta"))
    if provenance.not_asked:
        blocks.append(Paragraph(_plain(t("provenance.not_asked"))))
        rows = tuple(
            ((Span(one_line(label)), Span(": " + one_line(reason))),)
            for label, reason in provenance.not_asked
        )
        blocks.append(Bullets(rows, "not-asked"))
    return tuple(blocks)


def _fingerprint(accepted: Accepted) -> str:
    """A short hash of the knowledge-base entry as the export shows it: readers can tell versions apart."""
    shown = (accepted.name, accepted.summary, accepted.evidence, *accepted.sources, *accepted.public)
    content = "\n".join(shown)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
