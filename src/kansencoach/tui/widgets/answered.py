"""Whether a widget belongs to an input that has already given its answer.

Answer inputs and the option lists inside them mark themselves; keys that reach such a widget
belong to the next question. Kept apart from the inputs so that every widget can ask without
importing them (the checklist is used by the inputs).
"""

from __future__ import annotations

from textual.widget import Widget


class Answered:
    """A mix-in for widgets that know whether their answer has gone."""

    @property
    def has_answered(self) -> bool:
        raise NotImplementedError


def sent_from(widget: Widget) -> bool:
    """Whether `widget` is part of an answer input that has already sent (or chosen) its answer."""
    return any(isinstance(node, Answered) and node.has_answered for node in widget.ancestors_with_self)
