"""Where a flow's control graph (`control.successors`, the end as the node after the last step)
can go: the steps reached from some, those that can reach the end, the loops without a way out, and
the groups of steps that can each reach the others. Each is linear in the steps and their exits, and
walks without recursion, for the checks of a flow of 20,000 steps."""

from __future__ import annotations


def loop_groups(following: list[list[int]], end: int) -> list[int]:
    """For each step, the group of steps that can each reach the others (its strongly connected
    component, by Kosaraju's two walks, without recursion): a jump within a group goes round a loop."""
    count = len(following)
    finished: list[int] = []
    visited = [False] * count
    for root in range(count):
        if visited[root]:
            continue
        visited[root] = True
        stack = [(root, iter(following[root]))]
        while stack:
            node, todo = stack[-1]
            onward = next((target for target in todo if target != end and not visited[target]), None)
            if onward is None:
                stack.pop()
                finished.append(node)
            else:
                visited[onward] = True
                stack.append((onward, iter(following[onward])))
    preceding: list[list[int]] = [[] for _ in range(count)]
    for source, targets in enumerate(following):
        for target in targets:
            if target != end:
                preceding[target].append(source)
    group = [-1] * count
    for root in reversed(finished):
        if group[root] != -1:
            continue
        group[root] = root
        waiting = [root]
        while waiting:
            for source in preceding[waiting.pop()]:
                if group[source] == -1:
                    group[source] = root
                    waiting.append(source)
    return group


def can_finish(following: list[list[int]], end: int) -> set[int]:
    """The steps from which the end can be reached."""
    predecessors: list[list[int]] = [[] for _ in following]
    finishers: list[int] = []
    for source, targets in enumerate(following):
        for target in targets:
            if target == end:
                finishers.append(source)
            else:
                predecessors[target].append(source)
    return reached(finishers, predecessors, end)


def reached(start: list[int], edges: list[list[int]], end: int, known: set[int] | None = None) -> set[int]:
    """Nodes reachable from `start` along `edges`, not counting `end`, the end of the flow, nor
    going on through the `known` nodes."""
    seen: set[int] = set()
    known = known or set()
    todo = list(start)
    while todo:
        node = todo.pop()
        if node in seen or node == end or node in known:
            continue
        seen.add(node)
        todo.extend(edges[node])
    return seen


def closed_cycles(stuck: set[int], following: list[list[int]]) -> list[list[int]]:
    """One representative loop for each group of steps that can never reach the end.

    A walk that runs into steps already covered has found a loop already reported; stopping there
    keeps a file of 20,000 steps that each jump back one step linear instead of quadratic."""
    cycles: list[list[int]] = []
    covered: set[int] = set()
    for start in sorted(stuck):
        if start in covered:
            continue
        path: dict[int, int] = {}  # step → its place on the path
        node = start
        while node not in path and node not in covered:
            path[node] = len(path)
            node = min(successor for successor in following[node] if successor in stuck)
        if node in path:
            cycles.append(list(path)[path[node] :])
        covered |= reached([start], following, len(following), covered)
    return cycles
