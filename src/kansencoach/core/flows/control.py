"""The control graph of a flow: every way out of a step, and when it is taken.

One definition for everyone: the engine follows the first exit that holds for the answers, the
checks look for unreachable steps and closed loops, the review asks what is reachable, and the
drawings for authors draw every exit with its condition.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from kansencoach.core.flows.models import END, Condition, Step

ExitKind = Literal["next", "goto", "otherwise", "skipped"]


class Exit(NamedTuple):
    """One way out of a step: to `target` (a step id or END), when `when` holds (always: None).

    `kind` says why: the step after it in the file (`next`), a goto (`goto`), where the flow goes
    when no earlier goto rule holds (`otherwise`), or the step after it when the step's own
    `when` fails and it is skipped (`skipped`). A named tuple: the checks of a 20,000-step flow
    make one for every way out of every step.
    """

    target: str
    when: Condition | None
    kind: ExitKind


def exits(steps: Sequence[Step], index: int) -> list[Exit]:
    """Every way out of `steps[index]`, in the order the engine tries them."""
    step = steps[index]
    following = steps[index + 1].id if index + 1 < len(steps) else END
    found: list[Exit] = []
    if step.when is not None and step.goto is not None:
        found.append(Exit(following, None, "skipped"))
    if step.goto is None:
        found.append(Exit(following, None, "next"))
    elif isinstance(step.goto, str):
        found.append(Exit(step.goto, None, "goto"))
    else:
        found += [Exit(rule.to, rule.when, "goto" if rule.when else "otherwise") for rule in step.goto]
        if all(rule.when is not None for rule in step.goto):
            found.append(Exit(following, None, "otherwise"))
    return found
