"""What kind of kansencoach file a document is, by its top-level fields: a file saved in the wrong
folder (an intervention among the flows, a flow among the interventions) is told what it is and
where it belongs, instead of being given every field the expected kind lacks and every one it has
too many."""

from __future__ import annotations

from kansencoach import locations
from kansencoach.core.common.problems import Position, Problem
from kansencoach.i18n import t

_MARKS: dict[str, frozenset[str]] = {
    "flow": frozenset({"version", "steps", "sections", "minutes"}),
    "block": frozenset({"block", "steps"}),
    "intervention": frozenset(
        {"name", "summary", "problem", "approach", "target_group", "perspectives", "signals", "evidence"}
    ),
    "indicators": frozenset({"indicators"}),
    "synonyms": frozenset({"groups"}),
    "review": frozenset({"rules"}),
    "answers": frozenset({"answers"}),
    "tests": frozenset({"cases"}),
}
"""The top-level fields that mark each kind (a flow's `id` and `title` an intervention has too; a
block has `steps` like a flow, but no `version`)."""


def kind_of(data: object) -> str | None:
    """The one kind whose fields `data` has most of; None for no mapping, no such field or a tie."""
    if not isinstance(data, dict):
        return None
    counts = {kind: len(marks & data.keys()) for kind, marks in _MARKS.items()}
    best = max(counts.values())
    found = [kind for kind, count in counts.items() if count == best]
    return found[0] if best and len(found) == 1 else None


def misplaced(data: object, position: Position, expected: str) -> Problem | None:
    """A problem at `position` (the document's start) saying that the file is not the `expected`
    kind but another, and where that kind belongs; None when it is (or may be) the expected kind."""
    kind = kind_of(data)
    if kind is None or kind == expected:
        return None
    flows, knowledge = locations.user_flows_dirs()[0], locations.user_knowledge_dirs()[0]
    return Problem(
        position,
        t(f"kind.not_{expected}", kind=t(f"kind.{kind}")),
        t(f"kind.{kind}_hint", flows=flows, knowledge=knowledge, shipped=locations.shipped_knowledge_dir()),
    )
