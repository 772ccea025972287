"""Refused writes reach the officer in Dutch, and say what to do without guessing."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from kansencoach.core.common.files import WriteError, write_atomic
from kansencoach.core.common.os_reason import reason


def test_common_reasons_are_said_in_dutch_and_others_keep_the_systems_words() -> None:
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "de schijf is vol"
    assert reason(OSError(errno.EROFS, "Read-only file system")) == "de schijf is alleen-lezen"
    assert reason(OSError(errno.EPROTO, "Protocol error")) == "Protocol error"
    assert reason(OSError("no errno at all")) == "no errno at all"


def test_a_write_that_the_system_refuses_says_why_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kansencoach.core.common.files.os.replace", full)
    with pytest.raises(WriteError, match=r"\(de schijf is vol\)"):
        write_atomic(tmp_path / "voorstel.md", "tekst")


def test_a_folder_given_as_the_file_is_told_without_guessing_the_kind_of_file(tmp_path: Path) -> None:
    # The same check serves exports, session files and the portfolio: its example named
    # voorstel.md for all of them.
    with pytest.raises(WriteError) as refused:
        write_atomic(tmp_path, "tekst")
    assert (
        str(refused.value)
        == f"{tmp_path} is een map; zet de naam van het bestand erachter ({tmp_path}/naam-van-het-bestand)"
    )
