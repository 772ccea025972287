"""The panes beside the chat: the live draft, the suggestions and the review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kansencoach.core.common.terminal import visible
from kansencoach.core.draft.draft import Draft, DraftItem, OpenPoint
from kansencoach.core.draft.findings import Finding
from kansencoach.core.flows.shown import Shown, Table, one_line
from kansencoach.core.knowledge.matcher import Suggestion
from kansencoach.i18n import t
from kansencoach.tui.widgets.allocate import points_bar

PREVIEW = 160
SEVERITY_STYLES = {"blokkerend": "bold red", "aandacht": "bold yellow", "tip": "bold cyan"}


BACK_TO_ANSWER: list[BindingType] = [
    Binding("escape,tab", "screen.focus_answer", t("tui.key.to_answer")),
]
"""In every pane: Esc or Tab returns to the answer box, instead of leaving the session."""


class DraftPane(OptionList):
    """The draft as it grows: sections, answers and open points. Enter jumps to that question."""

    DEFAULT_CLASSES = "pane"
    BINDINGS: ClassVar[list[BindingType]] = BACK_TO_ANSWER
    BORDER_TITLE = t("tui.draft_title")

    @dataclass
    class JumpRequested(Message):
        step_id: str

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._kept: dict[int, tuple[object, Option]] = {}
        """id() of an item or open point of the last draft → it and its option. The session's
        drafter hands out the same objects while they are unchanged, so their options (and what
        Textual worked out to draw them) are reused instead of made anew after every answer."""

    def show_draft(self, draft: Draft) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        kept, self._kept = self._kept, {}
        options: list[Option] = []
        for section in draft.sections:
            options.append(Option(Text(visible(section.title), style="bold underline"), disabled=True))
            options += [self._option(item, kept) for item in section.items]
            if section.id == draft.accepted_in:
                options += [
                    Option(Text(visible(f"✓ {accepted.name}"), style="italic"), disabled=True)
                    for accepted in draft.accepted
                ]
            options += [self._option(point, kept) for point in section.open_points]
            if section.is_open and not section.open_points:
                options.append(Option(Text(t("tui.section_open"), style="dim italic"), disabled=True))
        if draft.remarks:
            options.append(Option(Text(t("export.remarks"), style="bold underline"), disabled=True))
            for remark in draft.remarks:
                done = t("comment.done") if remark.done else ""
                line = Text.assemble((f"{remark.question}{done}: ", "bold"), _preview(remark.text))
                options.append(Option(line, disabled=True))
        self.set_options(options)
        ids = [option.id for option in options]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)

    def _option(self, part: DraftItem | OpenPoint, kept: dict[int, tuple[object, Option]]) -> Option:
        """The option of an item or open point: the one it had in the last draft, else a new one."""
        found = kept.get(id(part))
        if found is not None and found[0] is part:
            made = found[1]
        elif isinstance(part, DraftItem):
            made = Option(_item_line(part.label, part.shown), id=part.step_id)
        else:
            made = Option(
                Text(visible(f"○ {part.label} — {t('tui.open')}"), style="dim italic"), id=part.step_id
            )
        self._kept[id(part)] = (part, made)
        return made

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.JumpRequested(event.option.id))


class SuggestionsPane(OptionList):
    """Interventions from the knowledge base that fit the answers so far, each with its why."""

    DEFAULT_CLASSES = "pane"
    BORDER_TITLE = t("tui.suggestions_title")
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

    def show_suggestions(self, suggestions: list[Suggestion]) -> None:
        """Two lines per suggestion (its name, the words it matched), so many fit; Enter tells the rest."""
        self._suggestions = {suggestion.item.id: suggestion for suggestion in suggestions}
        if not suggestions:
            self.set_options([Option(Text(t("tui.no_suggestions"), style="dim italic"), disabled=True)])
            return
        # The same place in the list after accepting or dismissing, so the next one is at hand.
        kept = self.highlighted
        self.set_options(
            Option(
                Text.assemble(
                    (visible(suggestion.item.name), "bold"),
                    f"  {suggestion.score:.1f}\n",
                    (visible(_matched(suggestion)), "dim"),
                ),
                id=suggestion.item.id,
            )
            for suggestion in suggestions
        )
        if kept is not None:
            self.highlighted = min(kept, self.option_count - 1)

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


class ReviewPane(OptionList):
    """The review of the draft against the audit criteria; Enter goes to the part concerned."""

    DEFAULT_CLASSES = "pane"
    BINDINGS: ClassVar[list[BindingType]] = BACK_TO_ANSWER
    BORDER_TITLE = t("tui.review_title")

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps: dict[str, str | None] = {}

    def show_findings(self, findings: list[Finding] | None, finished: bool = True) -> None:
        """The findings; while questions are still open (`finished` false) an empty list says only
        that the questions answered so far have no points, not that the concept passes."""
        if findings is None:
            self.set_options([Option(Text(t("tui.review_pending"), style="dim italic"), disabled=True)])
            return
        if not findings:
            none = t("review.none") if finished else t("tui.review_none_so_far")
            self.set_options([Option(Text(none, style="italic"), disabled=True)])
            return
        self.set_options(
            Option(
                Text.assemble(
                    (f"{t(f'review.severity.{finding.severity}')}: ", SEVERITY_STYLES[finding.severity]),
                    (visible(finding.title), "bold"),
                    visible(f"\n{finding.message}\n"),
                    (visible(f"{t('review.fix')}: {finding.fix}"), "dim"),
                ),
                id=finding.rule_id,
            )
            for finding in findings
        )
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


def _matched(suggestion: Suggestion) -> str:
    """What the suggestion matched in the answers, on a line: 'Past bij: peuters, toeleiding'."""
    words = [word.word for word in suggestion.words[:3]]
    if not words:
        return t("tui.suggestion_facets", count=len(suggestion.matched_facets))
    return t("tui.suggestion_words", words=", ".join(words))


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
