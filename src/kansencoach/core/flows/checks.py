"""Checks on a flow that its schema cannot express: references, reachability, loops, sums.

The control graph has one node per step. From a step the flow goes to its `goto` targets (a rule
list without a final unconditional rule must cover every answer, or it is a dead end), or to the
next step in the file; a step with a `when` can also be passed over, to the next step in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from kansencoach.core.common.problems import Position, Problem, did_you_mean, nearest
from kansencoach.core.common.yamlsource import Loc
from kansencoach.core.flows.control import successors
from kansencoach.core.flows.models import (
    END,
    AllCondition,
    AllocateStep,
    AnswerCondition,
    AnyCondition,
    ChoiceStep,
    Condition,
    ConfirmStep,
    Flow,
    InfoStep,
    ListStep,
    MultiStep,
    NotCondition,
    NumberStep,
    OptionStep,
    ScaleStep,
    Step,
    TextStep,
)
from kansencoach.core.flows.reach import can_finish, closed_cycles, loop_groups, reached
from kansencoach.core.flows.value_checks import allocation, yes_no
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Not imported to check: `flows validate` of an edited flow checks against the facet values
    # it keeps as plain data, and then makes no knowledge model.
    from kansencoach.core.knowledge.models import Vocabulary

PositionOf = Callable[[Loc], Position]
_FACET_LISTS = {"domain": "domains", "wie": "wie", "waar": "waar", "perspective": "perspectives"}
_WITHOUT_LIMITS = frozenset({TextStep, InfoStep, ConfirmStep})
"""Step types without options, ranges or sums to check."""
FacetValues = Mapping[str, Sequence[str]]
"""The values a facet step's options may take, by facet (`domain`, `wie`, `waar`, `perspective`)."""


def facet_values(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """The ids of each facet's list in `vocabulary`: all a flow's facets are checked against."""
    return {facet: [term.id for term in getattr(vocabulary, name)] for facet, name in _FACET_LISTS.items()}


def check(flow: Flow, position_of: PositionOf, vocabulary: Vocabulary | FacetValues) -> list[Problem]:
    """Every graph, reference and arithmetic problem of a schema-valid flow; facets are checked
    against `vocabulary`, or against its `facet_values` kept as plain data."""
    values = vocabulary if isinstance(vocabulary, Mapping) else facet_values(vocabulary)
    checker = _Checker(flow, position_of)
    checker.ids()
    checker.sections_and_drafts()
    for index, step in enumerate(flow.steps):
        checker.step_fields(index, step)
        checker.conditions(index, step)
        checker.gotos(index, step)
        checker.facets(index, step, values)
    if not checker.problems:
        checker.graph()
    return checker.problems


class _Checker:
    def __init__(self, flow: Flow, position_of: PositionOf) -> None:
        self.flow = flow
        self.at = position_of
        self.problems: list[Problem] = []
        self.index: dict[str, int] = {}
        for index, step in enumerate(flow.steps):
            self.index.setdefault(step.id, index)

    def add(self, loc: Loc, message: str, hint: str = "", code: str = "") -> None:
        self.problems.append(Problem(self.at(loc), message, hint, code))

    def ids(self) -> None:
        first: dict[str, int] = {}
        for index, step in enumerate(self.flow.steps):
            if step.id in first:
                line = self.at(("steps", first[step.id])).line
                self.add(
                    ("steps", index, "id"),
                    t("check.duplicate_step", id=step.id, line=line),
                    t("check.duplicate_hint"),
                    "duplicate-id",
                )
            first.setdefault(step.id, index)
        seen: set[str] = set()
        for index, section in enumerate(self.flow.sections):
            if section.id in seen:
                self.add(
                    ("sections", index, "id"),
                    t("check.duplicate_section", id=section.id),
                    t("check.duplicate_hint"),
                    "duplicate-id",
                )
            seen.add(section.id)

    def sections_and_drafts(self) -> None:
        sections = [section.id for section in self.flow.sections]
        keys: dict[str, str] = {}
        for index, step in enumerate(self.flow.steps):
            if step.draft is None:
                continue
            section, _, key = step.draft.partition(".")
            if section not in sections:
                hint = did_you_mean(
                    section, sections, t("check.unknown_section_hint", sections=", ".join(sections))
                )
                self.add(
                    ("steps", index, "draft"), t("check.unknown_section", section=section), hint, "draft"
                )
            full = f"{section}.{key or step.id}"
            if full in keys and keys[full] != step.id:
                self.add(
                    ("steps", index, "draft"),
                    t("check.duplicate_draft", target=full, other=keys[full]),
                    t("check.duplicate_draft_hint"),
                    "draft",
                )
            keys.setdefault(full, step.id)

    def step_fields(self, index: int, step: Step) -> None:
        if type(step) in _WITHOUT_LIMITS:  # most of a large flow: one test, not one per step type
            return
        loc: Loc = ("steps", index)
        # isinstance, not getattr: a pydantic model answers a missing attribute slowly, by raising.
        if isinstance(step, OptionStep):
            values = [option.value for option in step.options]
            for number, value in enumerate(values):
                if value in values[:number]:
                    self.add(
                        (*loc, "options", number, "value"),
                        t("check.duplicate_option", value=value),
                        t("check.duplicate_hint"),
                        "duplicate-id",
                    )
        if isinstance(step, ScaleStep) and step.min >= step.max:
            message = t("check.scale_range", min=step.min, max=step.max)
            self.add((*loc, "min"), message, t("check.range_hint"), "range")
        if isinstance(step, NumberStep) and None not in (step.min, step.max) and step.min > step.max:  # type: ignore[operator]
            self.add(loc, t("check.number_range", min=step.min, max=step.max), t("check.range_hint"), "range")
        if isinstance(step, MultiStep):
            top = step.max_selected if step.max_selected is not None else len(step.options)
            if step.min_selected > min(top, len(step.options)):
                self.add(
                    loc,
                    t("check.multi_range", min=step.min_selected, max=top),
                    t("check.range_hint"),
                    "range",
                )
        if isinstance(step, ListStep) and step.max_items is not None and step.min_items > step.max_items:
            self.add(
                loc,
                t("check.list_range", min=step.min_items, max=step.max_items),
                t("check.range_hint"),
                "range",
            )
        if isinstance(step, AllocateStep):
            allocation(loc, step, self.add)

    def conditions(self, index: int, step: Step) -> None:
        if step.when is not None:
            self._condition(index, ("steps", index, "when"), step.when, own_step_allowed=False)
        if isinstance(step.goto, list):
            for number, rule in enumerate(step.goto):
                if rule.when is not None:
                    self._condition(
                        index, ("steps", index, "goto", number, "when"), rule.when, own_step_allowed=True
                    )

    def _condition(self, index: int, loc: Loc, condition: Condition, own_step_allowed: bool) -> None:
        for test, test_loc in _tests_with_locs(condition, loc):
            self._answer_test(index, test_loc, test, own_step_allowed)

    def _answer_test(self, index: int, loc: Loc, test: AnswerCondition, own_step_allowed: bool) -> None:
        steps = self.flow.steps
        target = self.index.get(test.answer)
        if target is None:
            # Most often the step was removed and its conditions were left: the hint says both ways out.
            # Only a question up to this step can be meant (an info step, or a later one, has no answer).
            asked = [step.id for step in steps[: index + 1] if not isinstance(step, InfoStep)]
            suggestion = nearest(test.answer, asked)
            near = t("check.unknown_ref_near", suggestion=suggestion) if suggestion else None
            hint = near or t("check.unknown_ref_hint")
            self.add(loc, t("check.unknown_ref", ref=test.answer), hint, "unknown-ref")
            return
        referred = steps[target]
        if target == index and not own_step_allowed:
            self.add(loc, t("check.own_ref", ref=test.answer), t("check.own_ref_hint"), "later-ref")
        elif target > index:
            self.add(loc, t("check.later_ref", ref=test.answer), t("check.later_ref_hint"), "later-ref")
        if test.includes is not None and not isinstance(referred, MultiStep | ListStep):
            self.add(
                (*loc, "includes"),
                t("check.includes_not_list", ref=test.answer),
                t("check.includes_hint"),
                "unknown-ref",
            )
        if isinstance(referred, InfoStep):
            self.add(loc, t("check.info_ref", ref=test.answer), t("check.info_ref_hint"), "unknown-ref")
            return
        if test.matches is not None:
            try:
                re.compile(test.matches)
            except re.error as error:
                self.add(
                    (*loc, "matches"),
                    t("check.bad_regex", detail=str(error)),
                    t("check.bad_regex_hint"),
                    "regex",
                )
        if isinstance(referred, ConfirmStep):
            yes_no(loc, test, self.add)
        options = [option.value for option in referred.options] if isinstance(referred, OptionStep) else []
        if test.key is not None:
            if not isinstance(referred, AllocateStep):
                message = t("check.key_not_allocate", ref=test.answer)
                self.add((*loc, "key"), message, t("check.key_hint"), "unknown-ref")
            elif test.key not in options:
                message = t("check.unknown_option", value=test.key, ref=test.answer)
                self.add((*loc, "key"), message, _option_hint(test.key, options), "unknown-ref")
            return
        if options and not isinstance(referred, AllocateStep):
            named: list[tuple[Loc, Any]] = [
                ((*loc, "equals"), test.equals),
                ((*loc, "includes"), test.includes),
            ]
            named += [((*loc, "in", number), value) for number, value in enumerate(test.in_ or [])]
            for value_loc, value in named:
                if value is not None and str(value) not in options:
                    message = t("check.unknown_option", value=value, ref=test.answer)
                    self.add(value_loc, message, _option_hint(str(value), options), "unknown-ref")

    def gotos(self, index: int, step: Step) -> None:
        for loc, target in _goto_targets(index, step):
            if target != END and target not in self.index:
                hint = did_you_mean(target, [*self.index, END], t("check.unknown_goto_hint", end=END))
                self.add(loc, t("check.unknown_goto", ref=target), hint, "unknown-ref")
        if isinstance(step.goto, list) and not self._exhaustive(step):
            self.add(
                ("steps", index, "goto"),
                t("check.dead_end", id=step.id),
                t("check.dead_end_hint"),
                "dead-end",
            )

    def _exhaustive(self, step: Step) -> bool:
        """Whether some rule of a goto list applies to every possible answer of the step."""
        assert isinstance(step.goto, list)
        if any(rule.when is None for rule in step.goto):
            return True
        if not isinstance(step, ChoiceStep) or not step.required:
            return False
        covered: set[str] = set()
        for rule in step.goto:
            test = rule.when
            if isinstance(test, AnswerCondition) and test.answer == step.id and test.key is None:
                others = (test.includes, test.min, test.max, test.empty, test.matches)
                if all(other is None for other in others):
                    covered |= {
                        str(v) for v in ([test.equals] if test.equals is not None else test.in_ or [])
                    }
        return {option.value for option in step.options} <= covered

    def facets(self, index: int, step: Step, values: FacetValues) -> None:
        if not isinstance(step, OptionStep) or step.facet is None or step.facet == "text":
            return
        facet = step.facet
        known = list(values[facet])
        for number, option in enumerate(step.options):
            if option.value not in known:
                hint = did_you_mean(option.value, known, t("check.vocabulary_hint", values=", ".join(known)))
                self.add(
                    ("steps", index, "options", number, "value"),
                    t("check.not_in_vocabulary", value=option.value, facet=facet),
                    hint,
                    "vocabulary",
                )

    def graph(self) -> None:
        steps = self.flow.steps
        end = len(steps)
        following = successors(steps)
        reachable = reached([0], following, end)
        for index in range(len(steps)):
            if index not in reachable:
                self.add(
                    ("steps", index),
                    t("check.unreachable", id=steps[index].id),
                    t("check.unreachable_hint"),
                    "unreachable",
                )
        finishing = can_finish(following, end)
        stuck = reachable - finishing
        for cycle in closed_cycles(stuck, following):
            chain = " → ".join(steps[i].id for i in (*cycle, cycle[0]))
            # Point at the goto that jumps back, which is what the author wrote last.
            back = next((i for i in cycle if steps[i].goto is not None and min(following[i]) <= i), cycle[0])
            loc: Loc = ("steps", back, "goto") if steps[back].goto is not None else ("steps", back)
            self.add(loc, t("check.cycle", chain=chain), t("check.cycle_hint", end=END), "cycle")
        self._jumps_back(reachable - stuck, following)

    def _jumps_back(self, walked: set[int], following: list[list[int]]) -> None:
        """A goto back into a loop that has a way out. The engine passes each step at most once
        (an answer is never asked for twice), so the walk ends where it comes round again: the flow
        told the officer it was done at the question before the jump, asking nothing after it.
        A closed loop, without a way out, is reported as such and not again here."""
        steps = self.flow.steps
        backward = [
            (index, to, loc, target)
            for index, step in enumerate(steps)
            if step.goto is not None and index in walked
            for loc, target in _goto_targets(index, step)
            if (to := self.index.get(target)) is not None and to <= index
        ]
        if not backward:  # most flows: then no loop can be, and its groups are not worth finding
            return
        group = loop_groups(following, len(steps))
        for index, to, loc, target in backward:
            if group[to] == group[index]:
                hint = t("check.goto_back_hint", end=END)
                self.add(loc, t("check.goto_back", ref=target), hint, "cycle")


def _goto_targets(index: int, step: Step) -> list[tuple[Loc, str]]:
    """Where the `goto` of `steps[index]` may lead, each with where its target is written."""
    if isinstance(step.goto, str):
        return [(("steps", index, "goto"), step.goto)]
    if isinstance(step.goto, list):
        return [(("steps", index, "goto", number, "to"), rule.to) for number, rule in enumerate(step.goto)]
    return []


def _option_hint(value: str, options: list[str]) -> str:
    """ "Bedoelde je …?" for a value that is no option, else the options there are."""
    return did_you_mean(value, options, t("check.options_are", options=", ".join(options)))


def _tests_with_locs(condition: Condition, loc: Loc) -> Iterator[tuple[AnswerCondition, Loc]]:
    """The answer tests in a condition, each with where it stands in the file."""
    if isinstance(condition, AnswerCondition):
        yield condition, loc
    elif isinstance(condition, AllCondition):
        for number, part in enumerate(condition.all):
            yield from _tests_with_locs(part, (*loc, "all", number))
    elif isinstance(condition, AnyCondition):
        for number, part in enumerate(condition.any):
            yield from _tests_with_locs(part, (*loc, "any", number))
    elif isinstance(condition, NotCondition):
        yield from _tests_with_locs(condition.not_, (*loc, "not"))
