"""The times an export shows are the officer's own: a draft exported late in the evening, UTC,
is dated the next day in the Netherlands, in every format and in the comments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kansencoach.core.draft.export import ExportMeta, to_html, to_markdown
from kansencoach.core.draft.export.docx import to_docx
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.sessions import store as store_module
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

from export_cases import docx_structure, html_structure, markdown_structure

LATE = "2026-11-20T23:30:00+00:00"
"""Half past eleven UTC: half past midnight on 21 November in Utrecht."""
PROVENANCE = "Sessie begonnen 21 november 2026 om 00:30; geëxporteerd 21 november 2026 om 00:30."


@pytest.fixture
def late_session(
    amsterdam_time: None, mini: LoadedFlow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Session]:
    """A mini session started and commented on at `LATE`, read back from its store."""
    monkeypatch.setattr(store_module, "now", lambda: LATE)
    with Store(tmp_path / "store.db") as store:
        session = Session.start(store, mini, "Laat op de avond")
        session.comment("verschil", "Aanjaagteam", "Noem de cijfers.")
        yield Session(store, store.session(session.info.id), mini)


def test_an_export_just_before_midnight_utc_is_dated_the_next_day(late_session: Session) -> None:
    draft = late_session.draft()
    meta = ExportMeta("mini", 1, LATE, LATE)
    flats = {
        "markdown": markdown_structure(to_markdown(draft, meta)).flat,
        "html": html_structure(to_html(draft, meta))[0].flat,
        "docx": docx_structure(to_docx(draft, meta))[0].flat,
    }
    for fmt, flat in flats.items():
        assert PROVENANCE in flat, fmt
        assert "Aanjaagteam (21 november 2026)" in flat, f"{fmt}: the comment's day"
        assert "+00:00" not in flat and "2026-11-20" not in flat, fmt
    assert "geëxporteerd op 21 november 2026" in to_html(draft, meta)


def test_a_comment_is_shown_on_the_day_it_was_made_where_the_officer_is(late_session: Session) -> None:
    [comment] = late_session.state.comments
    assert Conversation.comment_fields(comment)["day"] == "21 november 2026"
