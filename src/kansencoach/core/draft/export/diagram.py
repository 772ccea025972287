"""The pictures in an export: the policy theory as a chain, the perspective mix as a bar.

Both are made from the draft's structure, not from its wording, and drawn without JavaScript: a
mermaid block for markdown readers (GitHub, GitLab, Obsidian), inline SVG for HTML. The Word
renderer draws the same structures as tables.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from kansencoach.core.draft.draft import Draft, DraftItem
from kansencoach.core.draft.export.text import one_line
from kansencoach.core.flows.models import AllocateStep
from kansencoach.core.flows.shown import Items, Prose
from kansencoach.i18n import t

THEORY_PARTS = (
    ("inzet", "inzet.interventies"),
    ("aannames", "inzet.aannames"),
    ("resultaat", "doel.tussendoel"),
    ("doel", "doel.smart"),
)
"""The chain inzet → aannames → resultaat → doel, as the draft keys that hold each link."""
THEORY_ANCHOR = "inzet.beleidstheorie"
"""The diagram is drawn right after the officer's own policy theory."""
COLOURS = ("#1f4e79", "#2e6b30", "#8a4b08", "#6a1b9a", "#37474f", "#7a1f2b")
"""Bar segments: each has at least 3:1 contrast with white (WCAG 1.4.11)."""


@dataclass(frozen=True)
class Stage:
    title: str
    texts: tuple[str, ...]
    """Empty while the officer has not answered that part."""


@dataclass(frozen=True)
class Theory:
    stages: tuple[Stage, ...]
    after: str
    """The step after whose answer the diagram is placed."""


@dataclass(frozen=True)
class Mix:
    title: str
    parts: tuple[tuple[str, int], ...]
    total: int


def theory_of(draft: Draft) -> Theory | None:
    """The policy theory's chain, when the flow has every link and the theory itself is answered."""
    keys = {key: step_id for step_id, key in draft.keys.items()}
    anchor = draft.item(THEORY_ANCHOR)
    if anchor is None or any(key not in keys for _, key in THEORY_PARTS):
        return None
    stages = tuple(Stage(t(f"theory.{name}"), _texts(draft.item(key))) for name, key in THEORY_PARTS)
    return Theory(stages, anchor.step_id)


def _texts(item: DraftItem | None) -> tuple[str, ...]:
    if item is None:
        return ()
    if isinstance(item.shown, Items):
        return tuple(one_line(text) for text in item.shown.items)
    if isinstance(item.shown, Prose):
        return (one_line(item.shown.text),)
    return ()


def mix_of(draft: Draft, item: DraftItem) -> Mix | None:
    """The points of an allocate answer as a bar."""
    step = next((step for step in draft.flow.steps if step.id == item.step_id), None)
    if not isinstance(step, AllocateStep) or not isinstance(item.value, dict):
        return None
    parts = tuple((one_line(option.label), int(item.value.get(option.value, 0))) for option in step.options)
    return Mix(one_line(item.label), parts, step.total)


def short(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis when cut."""
    return textwrap.shorten(text, limit, placeholder=" …")


def mermaid(theory: Theory) -> list[str]:
    """The chain as a mermaid flowchart, one node per text; lines stay within 80 columns."""
    lines = ["```mermaid", "flowchart TD"]
    columns: list[list[str]] = []
    for stage in theory.stages:
        names: list[str] = []
        for text in stage.texts or (t("theory.open"),):
            name = f"n{sum(map(len, columns)) + len(names) + 1}"
            label = short(f"{stage.title}: {text}", 60).replace('"', "#quot;")
            lines.append(f'    {name}["{label}"]')
            names.append(name)
        columns.append(names)
    for before, after in pairwise(columns):
        lines.append(f"    {' & '.join(before)} --> {' & '.join(after)}")
    lines.append("```")
    return lines


_WIDTH = 640
_LINE = 20
_CHARS = 76


def theory_svg(theory: Theory, ident: str) -> str:
    """The chain as boxes top to bottom with arrows between them; every text escaped.

    `ident` makes the ids of its title and description unique in the page.
    """
    shapes: list[str] = []
    top = 0
    for index, stage in enumerate(theory.stages):
        rows: list[str] = []
        for text in stage.texts or (t("theory.open"),):
            bullet = "• " if len(stage.texts) > 1 else ""
            wrapped = textwrap.wrap(short(text, 240), _CHARS - len(bullet))
            rows += [(bullet if n == 0 else " " * len(bullet)) + line for n, line in enumerate(wrapped)]
        height = 16 + _LINE * (len(rows) + 1)
        shapes.append(
            f'<rect x="1" y="{top + 1}" width="{_WIDTH - 2}" height="{height}" rx="6" '
            'fill="#eef3f8" stroke="#1f4e79" stroke-width="2"/>'
        )
        shapes.append(
            f'<text x="16" y="{top + 26}" font-weight="bold" fill="#1a1a1a">{escape(stage.title)}</text>'
        )
        for number, row in enumerate(rows, start=2):
            y = top + 6 + _LINE * number
            shapes.append(f'<text x="16" y="{y}" fill="#1a1a1a" xml:space="preserve">{escape(row)}</text>')
        top += height + 2
        if index < len(theory.stages) - 1:
            middle = _WIDTH // 2
            shapes.append(
                f'<path d="M{middle} {top} v18 m-7 -8 l7 8 l7 -8" '
                'fill="none" stroke="#1f4e79" stroke-width="2"/>'
            )
            top += 24
    title = escape(t("theory.caption"))
    steps = escape(" → ".join(stage.title for stage in theory.stages))
    return _svg(ident, top + 2, title, steps, shapes)


def mix_svg(mix: Mix, ident: str) -> str:
    """The points as one stacked bar with a legend below it."""
    shapes: list[str] = []
    left = 0.0
    for index, (label, points) in enumerate(mix.parts):
        width = (_WIDTH - 2) * points / mix.total if mix.total else 0
        colour = COLOURS[index % len(COLOURS)]
        if width > 0:
            shapes.append(f'<rect x="{1 + left:.1f}" y="1" width="{width:.1f}" height="28" fill="{colour}"/>')
        left += width
        y = 52 + index * 24
        shapes.append(f'<rect x="1" y="{y - 13}" width="14" height="14" fill="{colour}"/>')
        shapes.append(f'<text x="24" y="{y}" fill="#1a1a1a">{escape(f"{label}: {points}")}</text>')
    shapes.append(f'<rect x="1" y="1" width="{_WIDTH - 2}" height="28" fill="none" stroke="#1a1a1a"/>')
    summary = escape(", ".join(f"{label}: {points}" for label, points in mix.parts))
    return _svg(ident, 40 + 24 * len(mix.parts), escape(mix.title), summary, shapes)


def _svg(ident: str, height: int, title: str, description: str, shapes: list[str]) -> str:
    body = "\n".join(shapes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="sans-serif" font-size="15">\n'
        f'<title id="{ident}-title">{title}</title>\n<desc id="{ident}-desc">{description}</desc>\n'
        f"{body}\n</svg>"
    )
