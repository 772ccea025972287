"""Reading numbers the way Dutch officers write them, and writing amounts back the Dutch way.

`650.000` is six hundred and fifty thousand (the dot groups thousands), `0,5` is a half (the comma is
the decimal sign), `€ 650.000,-` is an amount in euro, `58%` and `tachtig procent` are percentages,
`tweeduizend` and `ongeveer 450` are numbers too. `find_numbers` finds every number in a running
text (for the review), `read_number` reads an answer that should be one number (for the chat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kansencoach.core.dutch.normalize import fold
from kansencoach.i18n import t


class Unit(StrEnum):
    """What a number counts: euro, a percentage, or plain things (children, hours, years)."""

    EURO = "euro"
    """An amount of money: "€ 25.000", "1,2 miljoen euro"."""
    PERCENT = "procent"
    """A share: "15%", "vijf procent"."""
    NONE = "geen"
    """A count of anything else: "40 kinderen", "3 scholen"."""


@dataclass(frozen=True)
class DutchNumber:
    """A number found in text: its value and unit, and how it was read."""

    value: float
    unit: Unit
    approximate: bool
    text: str
    start: int
    end: int

    @property
    def interpreted(self) -> bool:
        """True when the text was not already the number written the Dutch way (words, 'ongeveer', 650000)."""
        return self.approximate or " ".join(self.text.split()) != format_amount(self.value, self.unit)

    def reading(self) -> str:
        """How kansencoach read the number, in Dutch: 'gelezen als € 650.000'."""
        key = "number.read_as_approximate" if self.approximate else "number.read_as"
        return t(key, amount=format_amount(self.value, self.unit))


_UNITS = {
    "nul": 0,
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
}
_BELOW_TWENTY = {
    **_UNITS,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
}
_TENS = {
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
}
_MULTIPLIERS = (("miljard", 10**9), ("miljoen", 10**6), ("duizend", 1000), ("honderd", 100))
_SCALE_WORDS = {"miljard": 10**9, "mld": 10**9, "miljoen": 10**6, "mln": 10**6, "duizend": 1000, "k": 1000}
_APPROXIMATE = (
    "ongeveer",
    "circa",
    "ca.",
    "ca",
    "zo'n",
    "rond de",
    "rond",
    "ruim",
    "bijna",
    "zowat",
    "plusminus",
    "±",
)

_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_NUMBER_WORD = r"[a-zéë]+\b"
_PATTERN = re.compile(
    rf"(?P<approx>(?:{'|'.join(re.escape(word) for word in _APPROXIMATE)})\s+)?"
    r"(?P<euro>(?:€|eur\b)\s*)?"
    rf"(?P<number>(?:{_DIGITS})(?!\d)|{_NUMBER_WORD})"
    r"(?P<dash>,-{1,2})?"
    rf"(?:\s*(?P<scale>{'|'.join(_SCALE_WORDS)})\b)?"
    r"(?P<suffix>\s*(?:%|procent\b|pct\.?|euro\b))?",
    re.IGNORECASE,
)


def _below_hundred(word: str) -> int | None:
    if word in _BELOW_TWENTY:
        return _BELOW_TWENTY[word]
    if word in _TENS:
        return _TENS[word]
    for tens_word, tens in _TENS.items():
        if word.endswith("en" + tens_word) and word[: -len(tens_word) - 2] in _UNITS:
            return _UNITS[word[: -len(tens_word) - 2]] + tens
    return None


def number_word(word: str) -> int | None:
    """The value of a Dutch number word ('tachtig' 80, 'tweeduizend' 2000), None if it is none."""
    word = fold(word).replace("-", "")
    if not word:
        return None
    for multiplier_word, multiplier in _MULTIPLIERS:
        head, found, tail = word.partition(multiplier_word)
        if not found:
            continue
        count = 1 if not head else number_word(head)
        rest = 0 if not tail else number_word(tail.removeprefix("en"))
        if count is None or rest is None or rest >= multiplier:
            return None
        return count * multiplier + rest
    return _below_hundred(word)


def _digits_value(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


def _from_match(match: re.Match[str]) -> DutchNumber | None:
    raw = match.group("number")
    if raw[0].isdigit():
        value = _digits_value(raw)
    else:
        word_value = number_word(raw)
        # "een" on its own is the article far more often than the number one.
        if word_value is None or (fold(raw) == "een" and not (match.group("scale") or match.group("suffix"))):
            return None
        value = float(word_value)
    scale = match.group("scale")
    if scale:
        value *= _SCALE_WORDS[scale.lower()]
    suffix = (match.group("suffix") or "").strip().lower()
    if match.group("euro") or match.group("dash") or suffix == "euro":
        unit = Unit.EURO
    elif suffix:
        unit = Unit.PERCENT
    else:
        unit = Unit.NONE
    start = (
        match.start("approx")
        if match.group("approx")
        else match.start("euro" if match.group("euro") else "number")
    )
    return DutchNumber(
        value, unit, bool(match.group("approx")), match.string[start : match.end()], start, match.end()
    )


def find_numbers(text: str) -> list[DutchNumber]:
    """Every number in `text`, in order: digits, number words, amounts and percentages."""
    found: list[DutchNumber] = []
    for match in _PATTERN.finditer(text):
        if match.start("number") > 0 and text[match.start("number") - 1].isalnum():
            continue
        number = _from_match(match)
        if number is not None:
            found.append(number)
    return found


def read_number(text: str) -> DutchNumber | None:
    """`text` read as exactly one number ('€ 650.000,-', 'ongeveer 450'); None if it is not one."""
    stripped = text.strip().rstrip(".")
    numbers = find_numbers(stripped)
    if len(numbers) != 1 or numbers[0].start != 0 or numbers[0].end != len(stripped):
        return None
    return numbers[0]


def _grouped(value: float, group_from: float, cents: bool = False) -> str:
    whole, _, fraction = f"{abs(value):.2f}".partition(".")
    fraction = "" if fraction == "00" else fraction if cents else fraction.rstrip("0")
    if abs(value) >= group_from:
        whole = f"{int(whole):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return sign + whole + ("," + fraction if fraction else "")


def format_amount(value: float, unit: Unit = Unit.NONE) -> str:
    """`value` written the Dutch way: '€ 650.000', '€ 12,50', '58%', '0,5', '12.000' (years stay '2027')."""
    if unit is Unit.EURO:
        return "€ " + _grouped(value, 1000, cents=True)
    if unit is Unit.PERCENT:
        return _grouped(value, 10_000) + "%"
    return _grouped(value, 10_000)
