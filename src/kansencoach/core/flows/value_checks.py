"""Checks on the values inside one step or condition: points that can add up, ja/nee answers."""

from __future__ import annotations

from collections.abc import Callable

from kansencoach.core.common.yamlsource import Loc
from kansencoach.core.flows.models import AllocateStep, AnswerCondition
from kansencoach.i18n import t

Add = Callable[[Loc, str, str, str], None]
"""Records a problem at a location: message, hint, code."""


def allocation(loc: Loc, step: AllocateStep, add: Add) -> None:
    """The points of an allocate step can add up to its total, in steps of its increment."""
    lowest = sum(option.min or 0 for option in step.options)
    highest = sum(step.total if option.max is None else option.max for option in step.options)
    if lowest > step.total:
        largest = max(range(len(step.options)), key=lambda number: step.options[number].min or 0)
        add(
            (*loc, "options", largest, "min"),
            t("check.allocate_min", sum=lowest, total=step.total),
            t("check.allocate_hint"),
            "allocate",
        )
    if highest < step.total:
        add(
            loc,
            t("check.allocate_max", sum=highest, total=step.total),
            t("check.allocate_hint"),
            "allocate",
        )
    if step.total % step.increment:
        # The app moves points by `increment`: with 30 and a total of 100 the total is never reached.
        fits = next(size for size in range(step.increment, 0, -1) if step.total % size == 0)
        add(
            (*loc, "increment"),
            t("check.allocate_increment", increment=step.increment, total=step.total),
            t("check.allocate_increment_hint", fits=fits),
            "allocate",
        )
    for number, option in enumerate(step.options):
        if option.min is not None and option.max is not None and option.min > option.max:
            add(
                (*loc, "options", number),
                t("check.option_range", value=option.value),
                t("check.range_hint"),
                "range",
            )


def yes_no(loc: Loc, test: AnswerCondition, add: Add) -> None:
    """A ja/nee question's answer is true or false: `equals: nee` would never hold."""
    # The words a ja/nee answer is typed as have their home in the step-type registry, whose
    # imports (numbers, answers, what an answer reads as) were 7 ms of a `flows validate`.
    from kansencoach.core.flows.steptypes import NO, YES

    values = [((*loc, "equals"), test.equals, "equals: {}")]
    values += [((*loc, "in", number), value, "in: [{}]") for number, value in enumerate(test.in_ or [])]
    for value_loc, value, form in values:
        if value is None or isinstance(value, bool):
            continue
        word = str(value).strip().lower()
        meant = True if word in YES else False if word in NO else None
        fix = form.format("true" if meant else "false") if meant is not None else "equals: true"
        message = t("check.yes_no", value=value, ref=test.answer)
        add(value_loc, message, t("check.yes_no_hint", fix=fix), "unknown-ref")
