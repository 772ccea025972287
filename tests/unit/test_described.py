"""A session as the officer knows it: when it was last used, in the machine's zone."""

from __future__ import annotations

import pytest

from kansencoach.core.sessions.described import last_used


@pytest.mark.usefixtures("amsterdam_time")
def test_the_time_a_session_was_last_used_is_local() -> None:
    # The store keeps UTC; the officer in Utrecht reads the clock on the wall.
    assert last_used("2026-07-01T12:00:00+00:00") == "1 jul 2026 14:00"  # summer time, UTC+2
    assert last_used("2026-01-15T23:30:00+00:00") == "16 jan 2026 00:30"  # winter, past midnight


def test_a_stamp_that_is_no_time_is_shown_as_it_is_rather_than_failing_the_list() -> None:
    assert last_used("gisteren") == "gisteren"
