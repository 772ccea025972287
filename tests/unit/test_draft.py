"""Decisions the draft makes for everyone who shows it (the pane, the export)."""

from __future__ import annotations

from dataclasses import replace

from kansencoach.core.draft.draft import build_draft
from kansencoach.core.flows.loader import LoadedFlow


def test_accepted_interventions_go_where_the_draft_says(mini: LoadedFlow) -> None:
    """In `inzet` when the flow has that section (voorstel), else in the last one (quickscan)."""
    draft = build_draft(mini.flow, {})
    assert draft.accepted_in == "inzet"
    assert replace(draft, sections=draft.sections[:2]).accepted_in == "doel"
