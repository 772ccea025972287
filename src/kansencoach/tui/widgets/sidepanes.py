"""The panes beside the chat, together: which are shown, and bringing them up to date."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from kansencoach.core.draft.findings import Coverage, Finding
from kansencoach.core.draft.review import RuleBook
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.sessions.session import Session
from kansencoach.tui.widgets.panes import DraftPane, ReviewPane, SuggestionsPane

PANES = {"draft": "#draft-pane", "suggestions": "#suggestions-pane", "review": "#review-pane"}
"""The name of each pane (as the actions call it) → its widget."""


class SidePanes(Vertical):
    """The draft, the suggestions and the review; the column is hidden when none is shown."""

    BLANK = True
    """Nothing of its own to draw (the panes cover it): Textual draws it as blank, without
    styling each line, in every frame after an answer."""

    def compose(self) -> ComposeResult:
        yield DraftPane(id="draft-pane")
        yield SuggestionsPane(id="suggestions-pane")
        yield ReviewPane(id="review-pane")

    def open_at_start(self, wide: bool) -> None:
        """The draft beside the chat on a wide terminal; suggestions and review on request."""
        self.query_one(SuggestionsPane).display = False
        self.query_one(ReviewPane).display = False
        self.query_one(DraftPane).display = wide
        self.fit()

    def toggle(self, name: str) -> Widget:
        """Show or hide a pane; the pane."""
        pane = self.query_one(PANES[name])
        pane.display = not pane.display
        self.fit()
        return pane

    def fit(self) -> None:
        self.display = any(pane.display for pane in self.query(".pane"))

    def update(
        self, session: Session, knowledge: KnowledgeBase | None, rules: RuleBook | None
    ) -> tuple[list[Finding], Coverage | None]:
        """Show the draft, the live review and the suggestions as they are now; the review's findings
        and how many rules it checked.

        A hidden pane is left as it is (the suggestions are not even looked for): `toggle`'s caller
        updates again when one is brought up.
        """
        draft = session.draft(knowledge, rules, live=True)
        findings = list(draft.findings or ())
        if self.query_one(DraftPane).display:
            self.query_one(DraftPane).show_draft(draft)
        if self.query_one(ReviewPane).display:
            shown = None if draft.findings is None else findings
            pane = self.query_one(ReviewPane)
            pane.show_findings(shown, draft.coverage, finished=session.current() is None)
        if knowledge is not None and self.query_one(SuggestionsPane).display:
            self.query_one(SuggestionsPane).show_suggestions(session.suggestions(knowledge.matcher))
        return findings, draft.coverage
