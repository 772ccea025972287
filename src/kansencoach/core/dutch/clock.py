"""A time the store keeps (UTC, ISO 8601 with its offset) as the officer reads it: on the machine's
own clock, the Dutch way, day before month and year everywhere.

Two forms. Written out for documents and messages, '21 november 2026' and '21 november 2026 om
00:30', as a memo or raadsvoorstel says it. Short for a list, '21 nov 2026 00:30', the same style
with the month as Dutch abbreviates it, not '2026-11-21 00:30' beside a '21 november' elsewhere.

Its own module, not `dates`: the start screen lists sessions before the review is needed, and
`dates` compiles its patterns on import.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kansencoach.i18n import t

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def local(stamp: str) -> datetime | None:
    """The moment on the machine's clock; None when `stamp` is no time (a store or session file
    edited by hand). A stamp without an offset is UTC, as the store writes every stamp."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def written_date(stamp: str) -> str:
    """'21 november 2026'; a stamp that is no time as it is, rather than failing the export."""
    moment = local(stamp)
    return stamp if moment is None else _day(moment)


def written_moment(stamp: str) -> str:
    """'21 november 2026 om 00:30'; a stamp that is no time as it is."""
    moment = local(stamp)
    return stamp if moment is None else t("time.written", day=_day(moment), time=f"{moment:%H:%M}")


def listed_moment(stamp: str) -> str:
    """'21 nov 2026 00:30', for a list; a stamp that is no time as it is."""
    moment = local(stamp)
    if moment is None:
        return stamp
    return f"{moment.day} {SHORT_MONTHS[moment.month - 1]} {moment.year} {moment:%H:%M}"


def _day(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
