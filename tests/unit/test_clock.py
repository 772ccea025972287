"""A stored time (UTC) as the officer reads it: on the machine's clock, the Dutch way."""

from __future__ import annotations

import pytest

from kansencoach.core.dutch.clock import listed_moment, written_date, written_moment


@pytest.mark.usefixtures("amsterdam_time")
def test_a_stored_time_is_written_out_on_the_officers_clock() -> None:
    assert written_date("2026-07-01T12:00:00+00:00") == "1 juli 2026"
    assert written_moment("2026-07-01T12:00:00+00:00") == "1 juli 2026 om 14:00"  # summer time, UTC+2
    assert written_moment("2026-11-20T09:05:00+00:00") == "20 november 2026 om 10:05"  # winter, UTC+1
    assert listed_moment("2026-11-20T09:05:00+00:00") == "20 nov 2026 10:05"
    assert listed_moment("2026-03-01T12:00:00+00:00") == "1 mrt 2026 13:00"  # as written_date, not 2026-03-01


@pytest.mark.usefixtures("amsterdam_time")
def test_just_before_midnight_utc_is_the_next_day_in_the_netherlands() -> None:
    assert written_date("2026-12-31T23:30:00+00:00") == "1 januari 2027"
    assert written_moment("2026-12-31T23:30:00+00:00") == "1 januari 2027 om 00:30"
    assert listed_moment("2026-12-31T23:30:00+00:00") == "1 jan 2027 00:30"


@pytest.mark.usefixtures("amsterdam_time")
def test_a_stamp_without_offset_is_utc_as_the_store_writes_them() -> None:
    # A session file may be edited by hand and lose the offset; it is still the store's UTC.
    assert written_moment("2026-11-20T09:05:00") == "20 november 2026 om 10:05"
    assert written_moment("2026-11-20T09:05:00Z") == "20 november 2026 om 10:05"


def test_a_stamp_that_is_no_time_is_shown_as_it_is() -> None:
    assert written_date("gisteren") == "gisteren"
    assert written_moment("") == ""
    assert listed_moment("2026-13-45") == "2026-13-45"
