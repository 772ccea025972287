"""The chat screen's header: the session's title and how far each section of the method is."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from kansencoach.core.common.terminal import visible
from kansencoach.core.flows.models import QuestionStep
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

    BLANK = True
    """Its labels draw all it shows, on its background: Textual draws it as blank, without styling
    each line, in the frame after every answer."""

    def __init__(self, title: str, preview: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._preview = preview
        self._bars = self._count = 0
        """The cells the section bars and the count take."""
        self._badge = cell_len(t("tui.preview")) + BADGE_GAPS if preview else 0
        self._counted: tuple[QuestionStep, ...] | None = None
        """The questions of the path the sections were counted for (the route keeps them while
        the path stays the same): counting them on every answer took 0.4 ms at 2,000 steps,
        before a key typed as the next question appeared was drawn."""
        self._section_of: dict[str, str] = {}
        self._totals: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Label(visible(self._title), id="session-title", markup=False)
        if self._preview:
            yield Label(t("tui.preview"), id="preview-badge", markup=False)
        yield Label("", id="progress")
        yield Label("", id="progress-label")

    def show_progress(self, session: Session) -> None:
        done, total = session.route().progress
        bars = self._section_progress(session)
        count = Text(t("tui.progress", done=done, total=total))
        self._bars, self._count = bars.cell_len, count.cell_len
        _show(self.query_one("#progress", Label), bars)
        _show(self.query_one("#progress-label", Label), count)
        self._fit()

    def on_resize(self) -> None:
        self._fit()  # a pane opened or closed beside the chat, or the terminal changed

    def _fit(self) -> None:
        """The title comes first: where it would keep less than TITLE_ROOM cells (an open pane
        beside it), the section bars give way; the count stays."""
        room = self.size.width - GAPS - self._badge - self._bars - self._count
        self.query_one("#progress").display = room >= min(cell_len(visible(self._title)), TITLE_ROOM)

    def _section_progress(self, session: Session) -> Text:
        """A short bar per section of the method (analyse, doel, inzet, monitoring): how far each is;
        nothing for a flow whose questions are all in one section."""
        route = session.route()
        if route.questions is not self._counted:
            self._counted = route.questions
            self._totals = {section.id: 0 for section in session.loaded.flow.sections}
            self._section_of = {}
            for question in route.questions:
                section = (question.draft or "").partition(".")[0]
                if section in self._totals:
                    self._totals[section] += 1
                    self._section_of[question.id] = section
        done = dict.fromkeys(self._totals, 0)
        for step_id in route.answered_ids:  # the answered steps on the path
            answered_in = self._section_of.get(step_id)
            if answered_in is not None:
                done[answered_in] += 1
        parts = [
            Text.assemble(
                (f"{number} ", "bold"), points_bar(done[section], total, width=SECTION_BAR, number=False)
            )
            for number, (section, total) in enumerate(self._totals.items(), 1)
            if total
        ]
        # One section's bar says what the count beside it says, and its '1' reads as a stray number.
        return Text("  ").join(parts) if len(parts) > 1 else Text()


def _show(label: Label, text: Text) -> None:
    """Put `text` in `label`, laying the header out again only when its width changes: a layout
    after an answer also draws every pane's scroll bar again (some milliseconds)."""
    shown = label.content
    if text != shown:
        label.update(text, layout=not isinstance(shown, Text) or text.cell_len != shown.cell_len)
