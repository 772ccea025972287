"""The conversation: one widget per message, as in a chat."""

from __future__ import annotations

from textual.widgets import Markdown, Static

from kansencoach.core.common.terminal import visible
from kansencoach.core.knowledge.matcher import Suggestion
from kansencoach.i18n import t


class CoachMessage(Markdown):
    """A question, an explanation or advice from the coach (markdown)."""

    DEFAULT_CLASSES = "message coach"

    def __init__(self, markdown: str, *, classes: str | None = None) -> None:
        super().__init__(visible(markdown), classes=classes)


class PlainMessage(Static):
    """A message of plain text: whatever the officer typed is shown as typed, never as markup."""

    def __init__(self, text: str) -> None:
        super().__init__(visible(text), markup=False)


class HistoryMessage(PlainMessage):
    """An earlier question, shown compactly so a long session stays fast to draw."""

    DEFAULT_CLASSES = "message history"


class OfficerMessage(PlainMessage):
    """The officer's answer, as it reads in the draft."""

    DEFAULT_CLASSES = "message officer"


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
