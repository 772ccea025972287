"""PaneList.show: what it keeps equals what a fresh set_options works out, and it measures only what changed."""

from __future__ import annotations

import random

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kansencoach.tui.widgets.panelist import PaneList

WORDS = [
    "gelijke",
    "kansen",
    "voor",
    "ieder",
    "kind",
    "in",
    "de",
    "wijk",
    "met",
    "extra",
    "taalles",
    "en",
    "ouderbetrokkenheid",
]


class Twins(App[None]):
    """A PaneList beside a plain OptionList of the same size, to compare what they work out."""

    CSS = "PaneList, OptionList { width: 30; height: 12; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield PaneList(id="patched")
            yield OptionList(id="fresh")


def prompt(chance: random.Random) -> Text:
    """A line of one to eight lines' worth of words at width 30 (so heights differ)."""
    return Text(" ".join(chance.choice(WORDS) for _ in range(chance.randint(1, 30))))


def edited(options: list[Option], chance: random.Random, serial: list[int]) -> list[Option]:
    """`options` with a few replaced, removed or added (as an answer changes a draft)."""
    result = list(options)
    for _ in range(chance.randint(1, 3)):
        at = chance.randint(0, len(result))
        serial[0] += 1
        made = Option(prompt(chance), id=f"o{serial[0]}", disabled=chance.random() < 0.2)
        kind = chance.choice(["replace", "remove", "add"]) if result else "add"
        if kind == "add" or at == len(result):
            result.insert(at, made)
        elif kind == "replace":
            result[at] = made
        else:
            del result[at]
    return result


def same_state(patched: PaneList, fresh: OptionList) -> None:
    fresh._update_lines()
    assert patched._line_cache.lines == fresh._line_cache.lines
    assert patched._line_cache.heights == fresh._line_cache.heights
    assert patched._line_cache.index_to_line == fresh._line_cache.index_to_line
    assert patched.virtual_size == fresh.virtual_size
    assert patched._option_to_index == fresh._option_to_index
    assert patched._id_to_option == fresh._id_to_option


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_show_keeps_what_set_options_would_work_out(seed: int) -> None:
    chance, serial = random.Random(seed), [0]
    app = Twins()
    async with app.run_test(size=(80, 20)) as pilot:
        patched, fresh = app.query_one(PaneList), app.query_one("#fresh", OptionList)
        options = [Option(prompt(chance), id=f"start{n}") for n in range(40)]
        patched.show(options)
        fresh.set_options(options)  # measured before its scroll bar shows: the loop's lists are long
        await pilot.pause()
        for _ in range(60):
            options = edited(options, chance, serial)
            patched.show(options)
            fresh.set_options(options)
            same_state(patched, fresh)
            await pilot.pause()
            visible = range(patched.scrollable_content_region.height)
            drawn = [patched.render_line(y).text for y in visible]
            assert drawn == [fresh.render_line(y).text for y in visible]


async def shown(pilot: Pilot[None], count: int) -> tuple[PaneList, list[Option]]:
    """The app's PaneList showing `count` one-line options (ids s0, s1, ...), drawn; and them."""
    patched = pilot.app.query_one(PaneList)
    options = [Option(f"Vraag {n}: antwoord", id=f"s{n}") for n in range(count)]
    patched.show(options)
    await pilot.pause()
    return patched, options


async def test_one_changed_option_is_the_only_one_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    app = Twins()
    async with app.run_test(size=(80, 20)) as pilot:
        patched, options = await shown(pilot, 500)
        measured: list[Option] = []
        visual = PaneList._get_visual

        def noted(self: PaneList, option: Option) -> Visual:
            measured.append(option)
            return visual(self, option)

        monkeypatch.setattr(PaneList, "_get_visual", noted)
        options[250] = Option("Vraag 250: een ander antwoord", id="s250")
        patched.show(options)
        await pilot.pause()
        assert measured == [options[250]]


async def test_highlight_follows_its_id_and_the_scroll_stays() -> None:
    app = Twins()
    async with app.run_test(size=(80, 20)) as pilot:
        patched, options = await shown(pilot, 100)
        patched.highlighted = 60
        await pilot.pause()
        patched.scroll_to(y=55, animate=False, immediate=True)
        # One option above it gone, and the highlighted one made anew with the same id.
        options = options[:10] + options[11:]
        options[59] = Option("Vraag 60: beantwoord", id="s60")
        patched.show(options)
        await pilot.pause()
        assert patched.highlighted == 59
        assert patched.highlighted_option is options[59]
        assert patched.scroll_y == 55
