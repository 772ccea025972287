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
    goto = step.goto
    if goto is None:
        return [Exit(following, None, "next")]
    found = [Exit(following, None, "skipped")] if step.when is not None else []
    if isinstance(goto, str):
        found.append(Exit(goto, None, "goto"))
    else:
        found += [Exit(rule.to, rule.when, "goto" if rule.when else "otherwise") for rule in goto]
        if all(rule.when is not None for rule in goto):
            found.append(Exit(following, None, "otherwise"))
    return found


def successors(steps: Sequence[Step]) -> list[list[int]]:
    """For each step of a valid flow, the indexes its exits lead to; the end is `len(steps)`."""
    index = {step.id: number for number, step in reversed(list(enumerate(steps)))}  # the first of an id
    index[END] = len(steps)
    return [[index[way.target] for way in exits(steps, number)] for number in range(len(steps))]


def always_passed(steps: Sequence[Step]) -> set[int]:
    """The indexes of the steps on every route from the first step to the end of the flow.

    These are the dominators of the end in the control graph (Cooper, Harvey and Kennedy, "A Simple,
    Fast Dominance Algorithm"): linear for a flow as authors write them, where asking "can the end
    be reached without this step?" once per step would be quadratic. When the end cannot be
    reached at all, every step is on every route.
    """
    if not steps:
        return set()
    end = len(steps)
    following = successors(steps)
    order = _postorder(following, end)
    if end not in order:
        return set(range(end))
    predecessors: list[list[int]] = [[] for _ in range(end + 1)]
    for source in order:
        if source != end:
            for target in following[source]:
                predecessors[target].append(source)
    dominator = {0: 0}
    changed = True
    while changed:
        changed = False
        for node in reversed(list(order)):
            if node == 0:
                continue
            known = [pred for pred in predecessors[node] if pred in dominator]
            nearest = known[0]
            for other in known[1:]:
                nearest = _common(nearest, other, dominator, order)
            if dominator.get(node) != nearest:
                dominator[node] = nearest
                changed = True
    passed = {0}
    node = end
    while node != 0:
        node = dominator[node]
        passed.add(node)
    return passed


def _postorder(successors: list[list[int]], end: int) -> dict[int, int]:
    """Each node reachable from the first step (the end included), numbered in depth-first postorder."""
    order: dict[int, int] = {}
    seen = {0}
    stack = [(0, iter(successors[0]))]
    while stack:
        node, todo = stack[-1]
        following = next((target for target in todo if target not in seen), None)
        if following is None:
            stack.pop()
            order[node] = len(order)
        elif following == end:
            seen.add(end)
            order[end] = len(order)
        else:
            seen.add(following)
            stack.append((following, iter(successors[following])))
    return order


def _common(first: int, second: int, dominator: dict[int, int], order: dict[int, int]) -> int:
    """The nearest node that dominates both `first` and `second`."""
    while first != second:
        while order[first] < order[second]:
            first = dominator[first]
        while order[second] < order[first]:
            second = dominator[second]
    return first
