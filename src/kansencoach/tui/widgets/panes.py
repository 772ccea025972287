"""The panes beside the chat: the live draft, the suggestions and the review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kansencoach.core.common.terminal import visible
from kansencoach.core.draft.draft import Draft, DraftItem, OpenPoint
from kansencoach.core.draft.findings import Coverage, Finding, all_clear
from kansencoach.core.flows.shown import Shown, Table, one_line
from kansencoach.core.knowledge.suggestion import Suggestion
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.suggest import Empty, Offer
from kansencoach.i18n import t
from kansencoach.tui.actions import hint
from kansencoach.tui.widgets.allocate import points_bar
from kansencoach.tui.widgets.panelist import Column, PaneList

PREVIEW = 160
TITLE_MARGIN = 4
"""Cells of a pane's top edge that its title cannot have: a corner and a blank on either side."""
SEVERITY_STYLES = {"blokkerend": "bold red", "aandacht": "bold yellow", "tip": "bold cyan"}


BACK_TO_ANSWER: list[BindingType] = [
    Binding("escape,tab", "screen.focus_answer", t("tui.key.to_answer")),
]
"""In every pane: Esc or Tab returns to the answer box, instead of leaving the session."""


class DraftPane(PaneList):
    """The draft as it grows: sections, answers and open points. Enter jumps to that question."""

    DEFAULT_CLASSES = "pane"
    BINDINGS: ClassVar[list[BindingType]] = BACK_TO_ANSWER
    BORDER_TITLE = t("tui.draft_title")

    @dataclass
    class JumpRequested(Message):
        step_id: str

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: dict[str, Column[DraftItem]] = {}
        self._open: dict[str, Column[OpenPoint]] = {}
        """Each section's items and open points, with their options."""

    def show_draft(self, draft: Draft) -> None:
        """The draft's sections with their answers, open points and remarks.

        The session's drafter hands out the same item and open point objects while they are
        unchanged, so their options (measured and drawn) are kept, and only what changed is new.
        """
        options: list[Option] = []
        for section in draft.sections:
            options.append(self.kept(("title", section.id, section.title), _heading, section.title))
            options += self._items.setdefault(section.id, Column()).options(section.items, _item_option)
            if section.id == draft.accepted_in:
                for accepted in draft.accepted:
                    line = f"✓ {accepted.name}"
                    options.append(self.kept(("accepted", accepted.id, line), _remark, line, "italic"))
            options += self._open.setdefault(section.id, Column()).options(section.open_points, _open_option)
            if section.is_open and not section.open_points:
                options.append(self.kept(("open", section.id), _remark, t("tui.section_open"), "dim italic"))
        if draft.remarks:
            options.append(self.kept(("remarks",), _heading, t("export.remarks")))
            for number, remark in enumerate(draft.remarks):
                lead = f"{remark.question}{t('comment.done') if remark.done else ''}: "
                options.append(self.kept(("remark", number, lead, remark.text), _comment, lead, remark.text))
        self.show(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.JumpRequested(event.option.id))


class SuggestionsPane(PaneList):
    """Interventions from the knowledge base that fit the answers so far, each with its why."""

    DEFAULT_CLASSES = "pane"
    BORDER_TITLE = t("tui.suggestions_title_empty")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide(True)", t("tui.accept")),
        Binding("x", "decide(False)", t("tui.dismiss")),
        *BACK_TO_ANSWER,
    ]

    @dataclass
    class Decided(Message):
        intervention_id: str
        accept: bool

    @dataclass
    class Explain(Message):
        """Enter on a suggestion: show why it fits, in full, in the conversation."""

        suggestion: Suggestion

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._suggestions: dict[str, Suggestion] = {}
        self._choosing = False
        """Whether the offer shown has suggestions to choose or put aside (the core's Offer says so)."""

    def show_suggestions(self, offer: Offer) -> None:
        """Two lines per suggestion (its name, the words it matched), so many fit; Enter tells the rest.

        As many as fit the case, without padding; none: why, and what the officer can do about it.
        """
        suggestions = offer.suggestions
        self._suggestions = {suggestion.id: suggestion for suggestion in suggestions}
        self._show_keys(offer.empty is None)
        if offer.empty is not None:
            line = _empty_line(offer)
            self.show([self.kept(("none", line), _remark, line, "dim italic")])
            return
        # The same place in the list after accepting or dismissing, so the next one is at hand.
        kept = self.highlighted
        self.show([self._suggestion(suggestion) for suggestion in suggestions])
        if kept is not None and self.highlighted is None:
            self.highlighted = min(kept, self.option_count - 1)

    def _show_keys(self, choosing: bool) -> None:
        """The keys to choose and put aside, in the title and the footer, only while there is
        something to choose: on an empty list they would promise what they cannot do."""
        if choosing != self._choosing:
            self._choosing = choosing
            self._fit_title()
            self.refresh_bindings()

    def on_resize(self) -> None:
        self._fit_title()

    def _fit_title(self) -> None:
        """The keys in the title only where they fit whole: cut, they said nothing ('x: weg…'), and
        the footer names them anyway."""
        keyed = t("tui.suggestions_title")
        fits = cell_len(keyed) + TITLE_MARGIN <= self.outer_size.width
        self.border_title = keyed if self._choosing and fits else t("tui.suggestions_title_empty")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Choosing and putting aside are hidden while the offer has nothing to decide on."""
        return self._choosing if action == "decide" else True

    def _suggestion(self, suggestion: Suggestion) -> Option:
        """A suggestion's option, kept while its name and matched words are the same; no score: the
        order is the ranking, and a bare number tells the officer nothing."""
        shown = (suggestion.item.id, suggestion.item.name, _matched(suggestion))
        return self.kept(shown, _suggestion_option, *shown)

    def on_focus(self) -> None:
        # Ctrl+T then `a` must accept the first suggestion, not do nothing for want of a highlight.
        if self.highlighted is None and self._suggestions:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        suggestion = self._suggestions.get(event.option.id or "")
        if suggestion is not None:
            self.post_message(self.Explain(suggestion))

    def action_decide(self, accept: bool) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(self.Decided(option.id, accept))


class ReviewPane(PaneList):
    """The review of the draft against the audit criteria; Enter goes to the part concerned."""

    DEFAULT_CLASSES = "pane"
    BINDINGS: ClassVar[list[BindingType]] = BACK_TO_ANSWER
    BORDER_TITLE = t("tui.review_title")

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps: dict[str, str | None] = {}

    def show_findings(
        self, findings: list[Finding] | None, coverage: Coverage | None = None, finished: bool = True
    ) -> None:
        """The findings; while questions are still open (`finished` false) an empty list says only
        that the questions answered so far have no points, not that the concept passes; once
        finished it says how many rules (`coverage`) the concept was checked against."""
        if findings is None:
            self.show([self.kept(("pending",), _remark, t("tui.review_pending"), "dim italic")])
            return
        if not findings:
            none = all_clear(coverage) if finished else t("tui.review_none_so_far")
            self.show([self.kept(("none", none), _remark, none, "italic")])
            return
        shown = [(f.rule_id, f.severity, f.title, f.message, f.fix) for f in findings]
        self.show([self.kept(key, _finding_option, *key) for key in shown])
        self._steps = {finding.rule_id: finding.step_id for finding in findings}

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        step_id = self._steps.get(event.option.id or "")
        if step_id:
            self.post_message(DraftPane.JumpRequested(step_id))


def _item_line(label: str, shown: Shown) -> Text:
    """A draft item on a line; points (the perspective mix) as bars, so the mix shows at a glance."""
    if isinstance(shown, Table) and shown.rows and all(value.isdigit() for _, value in shown.rows):
        total = sum(int(value) for _, value in shown.rows)
        bars = [
            Text.assemble("  ", points_bar(int(value), total, width=12), f"  {visible(name)}")
            for name, value in shown.rows
        ]
        return Text("\n").join([Text(visible(f"{label}:"), style="bold"), *bars])
    return Text.assemble((visible(f"{label}: "), "bold"), visible(_preview(one_line(shown))))


def _heading(title: str) -> Option:
    return Option(Text(visible(title), style="bold underline"), disabled=True)


def _remark(line: str, style: str) -> Option:
    """A line that is not an answer (an accepted intervention, a section still open)."""
    return Option(Text(visible(line), style=style), disabled=True)


def _comment(lead: str, text: str) -> Option:
    return Option(Text.assemble((visible(lead), "bold"), visible(_preview(text))), disabled=True)


def _item_option(item: DraftItem) -> Option:
    return Option(_item_line(item.label, item.shown), id=item.step_id)


def _open_option(point: OpenPoint) -> Option:
    return Option(Text(visible(f"○ {point.label} — {t('tui.open')}"), style="dim italic"), id=point.step_id)


def _suggestion_option(intervention_id: str, name: str, matched: str) -> Option:
    line = Text.assemble((visible(name), "bold"), "\n", (visible(matched), "dim"))
    return Option(line, id=intervention_id)


def _finding_option(rule_id: str, severity: str, title: str, message: str, fix: str) -> Option:
    line = Text.assemble(
        (f"{t(f'review.severity.{severity}')}: ", SEVERITY_STYLES[severity]),
        (visible(title), "bold"),
        visible(f"\n{message}\n"),
        (visible(f"{t('review.fix')}: {fix}"), "dim"),
    )
    return Option(line, id=rule_id)


_WHAT_TO_DO: dict[Empty | None, str] = {
    Empty.NOTHING_FITS: "tui.suggest_other_words",
    Empty.ALL_DECIDED: "tui.suggest_in_draft",
}
"""What the officer can do about an empty list, in the app (nothing while the answers are to come)."""


def _empty_line(offer: Offer) -> str:
    said = Conversation.no_suggestions(offer)
    todo = _WHAT_TO_DO.get(offer.empty)
    return f"{said} {hint(todo)}" if todo else said


def _matched(suggestion: Suggestion) -> str:
    """What the suggestion matched in the answers, on a line: 'Past bij: peuters, toeleiding'; for
    one here through a related link alone, that link (never 'past bij 0 kenmerken')."""
    words = [word.word for word in suggestion.words[:3]]
    if words:
        return t("tui.suggestion_words", words=", ".join(words))
    if suggestion.matched_facets:
        return t("tui.suggestion_facets", count=len(suggestion.matched_facets))
    if suggestion.related_to:
        return t("tui.suggestion_related", name=suggestion.related_to)
    return t("tui.suggestion_why")


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
