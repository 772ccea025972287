"""The Dutch number reader: what officers write, and how amounts are written back."""

from __future__ import annotations

import pytest

from kansencoach.core.dutch.numbers import Unit, find_numbers, format_amount, number_word, read_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("650.000", 650_000, Unit.NONE),
        ("650000", 650_000, Unit.NONE),
        ("0,5", 0.5, Unit.NONE),
        ("1.234,75", 1234.75, Unit.NONE),
        ("€ 650.000,-", 650_000, Unit.EURO),
        ("€650.000", 650_000, Unit.EURO),
        ("650.000 euro", 650_000, Unit.EURO),
        ("€ 1,5 miljoen", 1_500_000, Unit.EURO),
        ("58%", 58, Unit.PERCENT),
        ("80 procent", 80, Unit.PERCENT),
        ("tachtig procent", 80, Unit.PERCENT),
        ("tachtig", 80, Unit.NONE),
        ("honderd", 100, Unit.NONE),
        ("tweeduizend", 2000, Unit.NONE),
        ("drieënzestig", 63, Unit.NONE),
        ("tweehonderdvijftig", 250, Unit.NONE),
        ("ongeveer 450", 450, Unit.NONE),
        ("circa 12,5%", 12.5, Unit.PERCENT),
        ("2027", 2027, Unit.NONE),
    ],
)
def test_reads_one_number(text: str, value: float, unit: Unit) -> None:
    number = read_number(text)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert number.unit is unit


@pytest.mark.parametrize("text", ["", "veel", "een", "honderden", "160 tot 260", "vijfjarig", "Q3"])
def test_refuses_what_is_not_one_number(text: str) -> None:
    assert read_number(text) is None


def test_finds_every_number_in_a_sentence() -> None:
    numbers = find_numbers("100 extra peuters, van 160 naar 260, voor € 650.000,- en tachtig procent bereik.")
    assert [(n.value, n.unit) for n in numbers] == [
        (100, Unit.NONE),
        (160, Unit.NONE),
        (260, Unit.NONE),
        (650_000, Unit.EURO),
        (80, Unit.PERCENT),
    ]
    assert numbers[3].text == "€ 650.000,-"


def test_article_een_and_words_containing_numbers_are_not_numbers() -> None:
    assert find_numbers("Een aanpak voor vijfjarigen en tieners met achterstand.") == []


def test_says_how_it_read_an_interpreted_number() -> None:
    amount = read_number("€ 650.000,-")
    assert amount is not None and amount.interpreted
    assert amount.reading() == "gelezen als € 650.000"
    about = read_number("ongeveer 450")
    assert about is not None and about.approximate and about.interpreted
    assert about.reading() == "gelezen als ongeveer 450"
    words = read_number("tachtig procent")
    assert words is not None and words.interpreted and words.reading() == "gelezen als 80%"


def test_a_number_written_the_dutch_way_needs_no_interpretation() -> None:
    for text in ("€ 650.000", "58%", "0,5", "450"):
        number = read_number(text)
        assert number is not None and not number.interpreted, text


def test_number_words() -> None:
    assert number_word("eenentwintig") == 21
    assert number_word("vijfhonderdduizend") == 500_000
    assert number_word("honderdtien") == 110
    assert number_word("achtergrond") is None


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (650_000, Unit.EURO, "€ 650.000"),
        (1500, Unit.EURO, "€ 1.500"),
        (1234.5, Unit.EURO, "€ 1.234,50"),
        (58, Unit.PERCENT, "58%"),
        (0.5, Unit.NONE, "0,5"),
        (2027, Unit.NONE, "2027"),
        (12_000, Unit.NONE, "12.000"),
    ],
)
def test_formats_the_dutch_way(value: float, unit: Unit, text: str) -> None:
    assert format_amount(value, unit) == text
