"""An option list as tall as its options, but no taller than its share of the height left.

Textual's CSS has `height: auto` (as tall as the options, whatever the room) and `height: 1fr` (a
share of the room, however few the options), not the two at once. Two lists on the start screen
each capped at a fixed height either cut the flows off at 120x40 while rows stayed empty below, or
left rows empty under a short list at 80x24. So the stylesheet gives each list `height: 1fr`, and
this list caps that share at what its options need: a list that needs less than its share leaves
the rest to the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from textual import events
from textual.widgets import OptionList
from textual.widgets._option_list import OptionListContent


class FittedList(OptionList):
    """An `OptionList` whose `max-height` follows its options; give it `height: 1fr` in CSS."""

    _fitted_width = 0
    """The width the options were last measured at (0: not since they were set)."""

    def set_options(self, options: Iterable[OptionListContent]) -> Self:
        """Show `options` instead, and fit the height to them."""
        result = super().set_options(options)
        self._fitted_width = 0
        self.fit()
        return result

    def on_resize(self, event: events.Resize) -> None:
        # A new width wraps the options over more or fewer lines.
        self.fit()

    def fit(self) -> None:
        """Cap the height at the lines the options take at this width, with the border."""
        width = self.size.width
        if not width:  # not laid out yet: the first resize fits it
            return
        if width == self._fitted_width:
            # Resized to another height only (as the new max-height itself does): the same lines.
            # Measuring 50 sessions again took about 1 ms of the start screen's first frame.
            return
        self._fitted_width = width
        lines = self.get_content_height(self.app.size, self.app.size, width)
        self.styles.max_height = lines + self.styles.gutter.height
