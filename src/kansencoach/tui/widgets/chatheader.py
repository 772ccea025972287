"""The chat screen's header: the session's title and how far each section of the method is."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from kansencoach.core.common.terminal import visible
from kansencoach.core.sessions.session import Session
from kansencoach.i18n import t
from kansencoach.tui.widgets.allocate import points_bar

SECTION_BAR = 4
"""Cells per section in the header's progress: four sections fit beside the title at 80 columns."""

TITLE_ROOM = 30
"""Cells the title keeps (or all it needs, if fewer) before the section bars give way."""

GAPS = 4
"""Cells of the header that are neither title, badge, bars nor count: its padding and two margins."""

BADGE_GAPS = 3
"""The preview badge's padding and margin (app.tcss)."""


class ChatHeader(Horizontal):
    """Title, a preview badge when nothing is stored, a bar per section and the count of answers."""

    def __init__(self, title: str, preview: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._preview = preview
        self._chat_width = 0
        self._bars = self._count = 0
        """The cells the section bars and the count take."""
        self._badge = cell_len(t("tui.preview")) + BADGE_GAPS if preview else 0

    def compose(self) -> ComposeResult:
        yield Label(visible(self._title), id="session-title", markup=False)
        if self._preview:
            yield Label(t("tui.preview"), id="preview-badge", markup=False)
        yield Label("", id="progress")
        yield Label("", id="progress-label")

    def show_progress(self, session: Session) -> None:
        done, total = session.route().progress
        bars = section_progress(session)
        count = Text(t("tui.progress", done=done, total=total))
        self._bars, self._count = bars.cell_len, count.cell_len
        _show(self.query_one("#progress", Label), bars)
        _show(self.query_one("#progress-label", Label), count)
        self.fit(self._chat_width)

    def fit(self, chat_width: int) -> None:
        """The title comes first: where it would keep less than TITLE_ROOM cells (an open pane
        beside it), the section bars give way; the count stays."""
        self._chat_width = chat_width
        room = chat_width - GAPS - self._badge - self._bars - self._count
        self.query_one("#progress").display = room >= min(cell_len(visible(self._title)), TITLE_ROOM)


def _show(label: Label, text: Text) -> None:
    """Put `text` in `label`, laying the header out again only when its width changes: a layout
    after an answer also draws every pane's scroll bar again (some milliseconds)."""
    shown = label.content
    if text != shown:
        label.update(text, layout=not isinstance(shown, Text) or text.cell_len != shown.cell_len)


def section_progress(session: Session) -> Text:
    """A short bar per section of the method (analyse, doel, inzet, monitoring): how far each is."""
    counts: dict[str, list[int]] = {section.id: [0, 0] for section in session.loaded.flow.sections}
    route = session.route()
    answered = route.answered_ids
    for question in route.questions:
        count = counts.get((question.draft or "").partition(".")[0])
        if count is not None:
            count[1] += 1
            count[0] += question.id in answered
    parts = [
        Text.assemble((f"{number} ", "bold"), points_bar(done, total, width=SECTION_BAR, number=False))
        for number, (done, total) in enumerate(counts.values(), 1)
        if total
    ]
    return Text("  ").join(parts)
