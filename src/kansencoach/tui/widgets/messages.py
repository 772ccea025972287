"""The conversation: one widget per message, as in a chat.

A coach message is one widget drawing text styled beforehand (`coach_text`), not Textual's
Markdown widget, which builds a widget per block and renders a frame or two late: the next
question is on screen in the first frame after the answer.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kansencoach.core.common.markdown_text import Line, markdown_lines, markdown_to_text
from kansencoach.core.common.terminal import visible
from kansencoach.core.knowledge.suggestion import Suggestion
from kansencoach.i18n import t

MARK_STYLES = {"strong": "bold", "em": "italic", "code": "bold", "link": "underline"}
"""How the chat shows each mark of markdown text (see core.common.markdown_text)."""


class CoachMessage(Static):
    """A question, an explanation or advice from the coach (markdown)."""

    DEFAULT_CLASSES = "message coach"

    def __init__(self, markdown: str, *, classes: str | None = None) -> None:
        self.markdown = visible(markdown)
        super().__init__(coach_text(self.markdown), classes=classes)

    @property
    def folded(self) -> str:
        """The message as a line or two of the folded history (`FoldedMessage`)."""
        return markdown_to_text(self.markdown)

    def say_as(self, message: CoachMessage) -> None:
        """Show what `message` says instead (a message mounted ahead, `ChatLog.make_ready`)."""
        self.markdown = message.markdown
        self.update(message.content)


def coach_text(markdown: str) -> RenderableType:
    """Markdown as one renderable: paragraphs wrap to the width, list items hang beside their marker."""
    blocks: list[Text | Table] = []
    blank = False
    last_level = 0
    for line in markdown_lines(markdown, soft_break=" "):
        if not line.runs and not line.lead:
            blank = bool(blocks)
            continue
        body = Text.assemble(
            *((run.text, " ".join(MARK_STYLES[mark] for mark in run.marks)) for run in line.runs)
        )
        last = blocks[-1] if blocks else None
        if line.lead:
            marker = _marker(line)
            # Each level of a nested list is a grid of its own: one marker column for all levels
            # would pad the outer bullets to the width of the inner ones.
            level = len(marker) - len(marker.lstrip())
            if blank or not isinstance(last, Table) or (marker.strip() and level != last_level):
                if blank:
                    blocks.append(Text())
                last = Table.grid(padding=(0, 1))
                last.add_column(no_wrap=True)
                last.add_column()
                blocks.append(last)
                last_level = level
            last.add_row(marker, body)
        elif isinstance(last, Text) and not blank:
            last.append("\n")
            last.append_text(body)
        else:
            if blank:
                blocks.append(Text())
            blocks.append(body)
        blank = False
    return blocks[0] if len(blocks) == 1 else Group(*blocks)


def _marker(line: Line) -> str:
    """A list item's marker as the chat shows it: a bullet for '-', the number for a numbered list;
    blank, as wide as the marker, beside a later paragraph of the item."""
    lead = line.lead.rstrip()
    if not lead:
        return " " * (len(line.lead) - 1)
    return lead[:-1] + "•" if lead.endswith("-") else lead


class PlainMessage(Static):
    """A message of plain text: whatever the officer typed is shown as typed, never as markup."""

    def __init__(self, text: str) -> None:
        self.text = visible(text)
        super().__init__(self.text, markup=False)

    @property
    def folded(self) -> str:
        """The message as a line or two of the folded history (`FoldedMessage`)."""
        return self.text

    def say_as(self, message: PlainMessage) -> None:
        """Show what `message` says instead (a message mounted ahead, `ChatLog.make_ready`)."""
        self.text = message.text
        self.update(self.text)


class HistoryMessage(PlainMessage):
    """An earlier question, shown compactly so a long session stays fast to draw."""

    DEFAULT_CLASSES = "message history"


class FoldedMessage(HistoryMessage):
    """Earlier messages as lines of one message, so a long conversation stays as fast to lay out."""

    def fold(self, lines: list[str]) -> None:
        """Add `lines` (already made visible) at the end."""
        self.text = "\n".join([self.text, *lines]) if self.text else "\n".join(lines)
        self.update(self.text)


class OfficerMessage(PlainMessage):
    """The officer's answer, as it reads in the draft."""

    DEFAULT_CLASSES = "message officer"

    @property
    def folded(self) -> str:
        return "\n".join(f"    {line}" for line in self.text.splitlines())  # indented, as the bubble is


class NoticeMessage(PlainMessage):
    """A short remark from the app itself (went back, flow changed, exported)."""

    DEFAULT_CLASSES = "message notice"


def indicator_advice(found: list[Suggestion]) -> str:
    """A short markdown list of indicators with where their data lives."""
    lines = [t("tui.indicators_intro")]
    for suggestion in found:
        item = suggestion.item
        lines.append(f"- **{item.name}** — {getattr(item, 'data_source', '')}")
    return "\n".join(lines)
