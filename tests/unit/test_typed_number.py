"""Numbers typed on an option list: one key up to nine options, two digits from ten on."""

from __future__ import annotations

from kansencoach.tui.widgets.typed_number import Named, TypedNumber


def typed(numbers: range | list[int], keys: str) -> list[Named | None]:
    reader = TypedNumber(numbers)
    return [reader.add(key) for key in keys]


def test_up_to_nine_options_a_digit_names_its_option_at_once() -> None:
    assert typed(range(1, 10), "39") == [Named(2, final=True), Named(8, final=True)]


def test_from_ten_options_one_waits_for_the_next_digit() -> None:
    assert typed(range(1, 13), "10") == [Named(0, final=False), Named(9, final=True)]
    assert typed(range(1, 13), "12") == [Named(0, final=False), Named(11, final=True)]


def test_a_digit_that_cannot_follow_starts_a_new_number() -> None:
    assert typed(range(1, 13), "13") == [Named(0, final=False), Named(2, final=True)]


def test_a_digit_no_option_shows_names_nothing() -> None:
    assert typed(range(1, 13), "0") == [None]
    assert typed(range(1, 6), "7") == [None]


def test_a_scale_is_read_by_the_values_it_shows() -> None:
    scale = list(range(0, 11))
    assert typed(scale, "0") == [Named(0, final=True)]
    assert typed(scale, "10") == [Named(1, final=False), Named(10, final=True)]
    assert typed(scale, "5") == [Named(5, final=True)]


def test_clear_forgets_the_digit_being_typed() -> None:
    reader = TypedNumber(range(1, 13))
    reader.add("1")
    reader.clear()
    assert reader.add("2") == Named(1, final=True)
