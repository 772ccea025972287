"""A session as the officer knows it: its title, its flow's title and when it was last used.

Its id means nothing to them; a message that must point at one session (another window has it
open) names it this way.
"""

from __future__ import annotations

from kansencoach.i18n import t


def last_used(updated: str) -> str:
    """When a session was last used, to the minute ('2026-11-20 09:30'), as every list shows it."""
    return updated[:16].replace("T", " ")


def described(title: str, flow_id: str, flow_source: str, updated: str) -> str:
    """'de sessie ‘VVE Overvecht’ (Voorstel kansengelijkheid, laatst gebruikt 2026-11-20 09:30)';
    without the flow's title when the session is called after its flow or the flow cannot be found."""
    from kansencoach.core.catalog import session_entry  # only for a refusal: the catalog is large
    from kansencoach.core.common.problems import ProblemsError

    when = last_used(updated)
    try:
        summary = session_entry(flow_id, flow_source).summary
    except (ProblemsError, LookupError, OSError):
        summary = None
    if summary is None or summary.title == title:
        return t("store.session_named_no_flow", title=title, when=when)
    return t("store.session_named", title=title, flow=summary.title, when=when)
