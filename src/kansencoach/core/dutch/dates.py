"""Dates, periods and rhythms in Dutch text: '1 augustus 2027', 'schooljaar 2026-2027', 'eind 2027',
'Q3 2027', 'binnen twee jaar', 'elk kwartaal'.

The review needs three things from them: does a goal say *when* (a date or period), does a monitoring
moment say *how often* or *when* (a rhythm or a date), and which numbers in a text are times rather than
quantities ('na 6 maanden' is no threshold, '2027' is no target value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kansencoach.core.dutch.clock import MONTHS


class TimeKind(StrEnum):
    """A point or stretch on the calendar, a length of time, or a recurring moment."""

    DATE = "datum"
    """A date, month, quarter, season or year: "1 maart 2027", "Q3", "voorjaar 2026"."""
    DURATION = "duur"
    """A length of time: "twee jaar", "zes weken", "een half jaar"."""
    RHYTHM = "ritme"
    """A moment that comes back: "elk kwartaal", "jaarlijks", "twee keer per jaar"."""


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in text, with where it is."""

    kind: TimeKind
    text: str
    start: int
    end: int


_MONTHS = "|".join(MONTHS)
_YEAR = r"(?:19|20)\d\d"
_COUNT = r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|anderhalf|half)"
_UNIT = (
    r"(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|werkdagen|kwartaal|kwartalen|schooljaar|schooljaren)"
)
_SEASONS = "voorjaar|najaar|zomer|winter|lente|herfst|zomervakantie|kerstvakantie"
_SEASON = rf"(?:{_SEASONS})"
_PARTS = r"(?:begin|eind|einde|medio|half|halverwege|midden|voor|na|uiterlijk|vanaf|per|in|tot|sinds)"

_PATTERNS: tuple[tuple[TimeKind, str], ...] = (
    (TimeKind.DATE, rf"\b\d{{1,2}}[-/]\d{{1,2}}[-/]{_YEAR}\b|\b{_YEAR}-\d{{2}}-\d{{2}}\b"),
    (TimeKind.DATE, rf"\b(?:school|studie|boek|kalender)?jaar\s+{_YEAR}\s*[-/–]\s*(?:{_YEAR}|\d\d)\b"),
    (TimeKind.DATE, rf"\b{_YEAR}\s*[-/–]\s*(?:{_YEAR}|\d\d)\b"),
    (TimeKind.DATE, rf"\b(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+{_YEAR})?\b"),
    (
        TimeKind.DATE,
        rf"\bq[1-4](?:\s+{_YEAR})?\b|\b(?:eerste|tweede|derde|vierde|laatste)\s+kwartaal(?:\s+(?:van\s+)?{_YEAR})?\b",
    ),
    (TimeKind.DATE, rf"\b(?:{_PARTS}\s+)?{_SEASON}(?:\s+(?:van\s+)?{_YEAR})?\b"),
    (TimeKind.DATE, rf"\b(?:{_PARTS}\s+)?{_YEAR}\b"),
    (
        TimeKind.RHYTHM,
        r"\b(?:elk|elke|iedere|ieder|om\s+de)\s+(?:\w+\s+)?(?:jaar|maand|week|dag|kwartaal|halfjaar|half\s+jaar|schooljaar|weken|maanden|jaren|"
        + _SEASONS
        + r")\b",
    ),
    (
        TimeKind.RHYTHM,
        r"\b(?:half)?(?:jaarlijks|maandelijks|wekelijks|dagelijks|driemaandelijks|tweejaarlijks|kwartaal)\w*\b",
    ),
    (TimeKind.RHYTHM, rf"\b(?:{_COUNT}\s+)?(?:keer|maal)\s+per\s+{_UNIT}\b|\bper\s+{_UNIT}\b"),
    (TimeKind.DURATION, rf"\b{_COUNT}\s+(?:half\s+)?{_UNIT}\b|\b(?:een\s+)?half\s+jaar\b"),
)
_COMPILED = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS)


def find_times(text: str) -> list[TimeMention]:
    """Every time expression in `text`, in order; where two overlap the longer one wins."""
    found: list[TimeMention] = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            found.append(TimeMention(kind, text[match.start() : match.end()], match.start(), match.end()))
    found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
    result: list[TimeMention] = []
    for mention in found:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result


def names_a_date(text: str) -> bool:
    """True when `text` says when: a date, a month, a year, a quarter or a school year."""
    return any(mention.kind is TimeKind.DATE for mention in find_times(text))


def names_a_time(text: str) -> bool:
    """True when `text` says when or how often: a date, a length of time or a rhythm."""
    return bool(find_times(text))
