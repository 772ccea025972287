"""How an answer reads: the shapes that the draft, the panes and the export render.

A step type turns its stored value into one of these (see `steptypes`); every front end and the
export then render the shape, never the step type, so a new step type needs no change there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prose:
    text: str


@dataclass(frozen=True)
class Advice:
    """Text written by the flow's author (markdown), shown in the draft when its step was reached."""

    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


Shown = Prose | Advice | Items | Table


def one_line(shown: Shown) -> str:
    """An answer on one line, for lists and summaries."""
    if isinstance(shown, Advice):
        # The author's markdown read as text ('*Voorstel*' showed its stars in the draft pane);
        # imported here: flows validate never shows advice and stays without markdown-it.
        from kansencoach.core.common.markdown_text import markdown_to_text

        return " ".join(markdown_to_text(shown.text, soft_break=" ").split())
    if isinstance(shown, Prose):
        return " ".join(shown.text.replace("**", "").split())
    if isinstance(shown, Items):
        return "; ".join(shown.items)
    return ", ".join(f"{label}: {value}" for label, value in shown.rows)
