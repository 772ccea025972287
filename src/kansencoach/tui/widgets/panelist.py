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

import operator
from collections.abc import Callable, Hashable, Iterator, Sequence
from itertools import accumulate, chain, islice, repeat
from typing import Generic, TypeVar, TypeVarTuple, cast

from textual.css.styles import RulesMap
from textual.widgets import OptionList
from textual.widgets.option_list import DuplicateID, Option

Args = TypeVarTuple("Args")
P = TypeVar("P")


class Column(Generic[P]):
    """The options of a run of parts (a section's open points, say), made anew only for the parts
    that are not the same objects as last time; the others are copied over (in C, so a run of
    thousands costs next to nothing)."""

    def __init__(self) -> None:
        self._parts: Sequence[P] = ()
        self._options: list[Option] = []

    def options(self, parts: Sequence[P], make: Callable[[P], Option]) -> list[Option]:
        """The options of `parts`: the ones the same parts had last time, and `make(part)` for the rest."""
        head, tail = common_ends(self._parts, parts)
        made = [make(part) for part in parts[head : len(parts) - tail]]
        self._options = self._options[:head] + made + self._options[len(self._options) - tail :]
        self._parts = parts
        return self._options


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

        `key` must name everything the option shows, so a kept option never shows something stale.
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
        head, tail = common_ends(old, new)
        removed, added = old[head : len(old) - tail], new[head : len(new) - tail]
        if not removed and not added:
            return
        highlighted = self.highlighted_option
        self._splice(head, removed, added)
        shift = len(added) - len(removed)
        if shift:
            self._mouse_hovering_over = None
            after = range(head + len(added), len(new))
            self._option_to_index.update(zip(new[after.start :], after, strict=True))
        changed = self._remeasure(head, len(removed), len(added), shift)
        self._keep_highlight(highlighted)
        if changed is None or self.styles.auto_dimensions:
            self.refresh(layout=self.styles.auto_dimensions)
        else:
            self.refresh_lines(*changed)  # only the lines that changed are drawn again
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

    def _remeasure(self, head: int, removed: int, added: int, shift: int) -> tuple[int, int] | None:
        """Bring the line cache and the drawn options up to date for the run spliced in at `head`.

        The lines to draw again (first, count); None: all of them."""
        cache, drawn = self._line_cache, self._option_render_cache
        count = len(self._options)
        if len(cache.heights) != count - shift or not self.scrollable_content_region:
            cache.clear()  # not measured yet (not laid out): the next frame measures them all
            drawn.clear()
            return None
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        heights = [
            self._get_visual(option).get_height(cast(RulesMap, self.styles), width) + option._divider
            for option in self._options[head : head + added]
        ]
        first_line = cache.index_to_line.get(head, len(cache.lines))
        old_lines = sum(map(cache.heights.__getitem__, range(head, head + removed)))
        moved = shift != 0 or sum(heights) != old_lines
        if moved:
            # Everything after the run moves: its heights are kept, its lines are numbered anew.
            heights += map(cache.heights.__getitem__, range(head + removed, count - shift))
            for index in range(count, count - shift):
                del cache.heights[index], cache.index_to_line[index]
        indices = range(head, head + len(heights))
        cache.heights.update(zip(indices, heights, strict=True))
        starts = accumulate(heights, initial=first_line)  # and where the last one ends
        cache.index_to_line.update(zip(indices, starts, strict=False))
        owners = chain.from_iterable(map(repeat, indices, heights))
        lines = list(zip(owners, chain.from_iterable(map(range, heights)), strict=True))
        lines_before = len(cache.lines)
        cache.lines[first_line : None if moved else first_line + old_lines] = lines
        for key in list(drawn.keys()):
            place = self._option_to_index.get(key[0])
            if place is None or (head <= place and (moved or place < head + added)):
                drawn.discard(key)  # gone, or drawn with its old index (which the mouse reads)
        return first_line, max(len(cache.lines), lines_before) - first_line if moved else len(lines)

    def _keep_highlight(self, highlighted: Option | None) -> None:
        """Highlight the option that was highlighted, or the one with its id; none when it is gone."""
        if highlighted is None:
            return
        same = self._id_to_option.get(highlighted.id) if highlighted.id is not None else None
        option = highlighted if highlighted in self._option_to_index else same
        self.highlighted = None if option is None else self._option_to_index[option]


def common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """How many items at the start, and then at the end, both share (the same objects).

    Compared in C (`map` over `operator.is_`), so a list of thousands costs next to nothing.
    """
    shortest = min(len(old), len(new))
    head = _first_false(map(operator.is_, old, new), shortest)
    tail = _first_false(map(operator.is_, reversed(old), reversed(new)), shortest - head)
    return head, tail


def _first_false(same: Iterator[bool], limit: int) -> int:
    """The place of the first False in `same`, at most `limit`."""
    flags = list(islice(same, limit))
    try:
        return flags.index(False)
    except ValueError:
        return len(flags)
