"""An option list that takes its next contents by changing only the options that differ.

`OptionList.set_options` (and every replace or remove) forgets how many lines each option takes,
so the next frame measures every option again: in a draft of 2,000 steps that took longer than
the frame itself, and a key typed meanwhile waited. `PaneList.show` keeps the options that are
the same objects as before, with their measured heights and drawn lines, and measures only the
run between the unchanged head and tail. It works on `OptionList`'s internal caches (Textual is
pinned to a minor version in pyproject.toml); `tests/tui/test_panelist.py` checks that what it
keeps equals what a fresh `set_options` works out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVarTuple, cast

from textual.css.styles import RulesMap
from textual.widgets import OptionList
from textual.widgets.option_list import DuplicateID, Option

Args = TypeVarTuple("Args")


class Same:
    """A key that stands for one object itself, by identity (so the object need not be hashable).

    For parts of a draft the drafter hands out anew whenever they change; holding the object keeps
    its id from being reused by another.
    """

    __slots__ = ("of",)

    def __init__(self, of: object) -> None:
        self.of = of

    def __hash__(self) -> int:
        return id(self.of)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.of is self.of


class PaneList(OptionList):
    """An `OptionList` whose `show` measures only the options not shown before."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._kept: dict[Hashable, Option] = {}
        self._making: dict[Hashable, Option] = {}
        self._measured_width = 0
        """The width the line cache was measured at."""

    def kept(self, key: Hashable, make: Callable[[*Args], Option], *args: *Args) -> Option:
        """The option the last `show` had for `key`, else `make(*args)`.

        `key` must name everything the option shows (a `Same` does when its object is made anew
        whenever it changes), so a kept option never shows something stale.
        """
        option = self._kept.get(key)
        if option is None:
            option = make(*args)
        self._making[key] = option
        return option

    def show(self, options: Sequence[Option]) -> None:
        """Show `options` instead; the highlight stays on the option with the same id, if any.

        The scroll position stays where it is (within the new length).
        """
        self._kept, self._making = self._making, {}
        self._forget_other_width()
        old, new = self._options, list(options)
        head, tail = _common_ends(old, new)
        removed, added = old[head : len(old) - tail], new[head : len(new) - tail]
        if not removed and not added:
            return
        highlighted = self.highlighted_option
        self._splice(head, removed, added)
        shift = len(added) - len(removed)
        if shift:
            self._mouse_hovering_over = None
            for index in range(head + len(added), len(new)):
                self._option_to_index[new[index]] = index
        self._remeasure(head, len(removed), len(added), shift)
        self._keep_highlight(highlighted)
        self.refresh(layout=self.styles.auto_dimensions)
        self._update_lines()

    def _update_lines(self) -> None:
        self._forget_other_width()
        super()._update_lines()

    def _forget_other_width(self) -> None:
        """Forget the lines measured at another width: a scroll bar that comes or goes narrows the
        options without a resize, and `OptionList` kept their old heights (cutting off wrapped lines)."""
        width = self.scrollable_content_region.width
        if width != self._measured_width:
            self._line_cache.clear()
            self._option_render_cache.clear()
            self._measured_width = width

    def _splice(self, head: int, removed: Sequence[Option], added: Sequence[Option]) -> None:
        """Put `added` in place of `removed` (which start at `head`) in the options and their maps."""
        for option in removed:
            del self._option_to_index[option]
            if option.id is not None:
                del self._id_to_option[option.id]
        for index, option in enumerate(added, head):
            if option.id is not None:
                if option.id in self._id_to_option:
                    raise DuplicateID(f"Unable to add {option!r} due to duplicate ID")
                self._id_to_option[option.id] = option
            self._option_to_index[option] = index
        self._options[head : head + len(removed)] = added

    def _remeasure(self, head: int, removed: int, added: int, shift: int) -> None:
        """Bring the line cache and the drawn options up to date for the run spliced in at `head`."""
        cache, drawn = self._line_cache, self._option_render_cache
        count = len(self._options)
        if len(cache.heights) != count - shift or not self.scrollable_content_region:
            cache.clear()  # not measured yet (not laid out): the next frame measures them all
            drawn.clear()
            return
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        measured = [
            self._get_visual(option).get_height(cast(RulesMap, self.styles), width) + option._divider
            for option in self._options[head : head + added]
        ]
        first_line = cache.index_to_line.get(head, len(cache.lines))
        old_lines = sum(cache.heights[index] for index in range(head, head + removed))
        if shift == 0 and sum(measured) == old_lines:
            moved = False  # the options after the run keep their lines
        else:
            # Everything after the run moves: its heights are kept, its lines are numbered anew.
            after = [cache.heights[index] for index in range(head + removed, count - shift)]
            measured += after
            moved = True
            for index in range(count, count - shift):
                del cache.heights[index], cache.index_to_line[index]
        lines: list[tuple[int, int]] = []
        for index, height in enumerate(measured, head):
            cache.heights[index] = height
            cache.index_to_line[index] = first_line + len(lines)
            lines += [(index, offset) for offset in range(height)]
        cache.lines[first_line : first_line + old_lines if not moved else None] = lines
        for key in list(drawn.keys()):
            place = self._option_to_index.get(key[0])
            if place is None or (head <= place and (moved or place < head + added)):
                drawn.discard(key)  # gone, or drawn with its old index (which the mouse reads)

    def _keep_highlight(self, highlighted: Option | None) -> None:
        """Highlight the option that was highlighted, or the one with its id; none when it is gone."""
        if highlighted is None:
            return
        same = self._id_to_option.get(highlighted.id) if highlighted.id is not None else None
        option = highlighted if highlighted in self._option_to_index else same
        self.highlighted = None if option is None else self._option_to_index[option]


def _common_ends(old: Sequence[Option], new: Sequence[Option]) -> tuple[int, int]:
    """How many options at the start, and then at the end, both lists share (the same objects)."""
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old[head] is new[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old[-1 - tail] is new[-1 - tail]:
        tail += 1
    return head, tail
