"""A session as the officer knows it: its title, its flow's title and when it was last used.

Its id means nothing to them; a message that must point at one session (another window has it
open) names it this way, and every list of sessions shows the same flow title and time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kansencoach.core.dutch.clock import listed_moment
from kansencoach.i18n import t

if TYPE_CHECKING:
    from kansencoach.core.catalog import FlowEntry
    from kansencoach.core.common.problems import Problem


def last_used(updated: str) -> str:
    """When a session was last used, on the machine's clock to the minute ('20 nov 2026 10:30'), as
    every list shows it. The store writes UTC (`store.now`); the officer reads local time."""
    return listed_moment(updated)


def session_flow(
    flow_id: str, flow_source: str, flows: list[FlowEntry] | None = None
) -> tuple[FlowEntry, str] | list[Problem]:
    """The flow a session runs on (not yet made) and its title, which names it wherever sessions are
    listed; when it cannot be had, the problems of its broken file, none when the flow is gone (a
    broken flow was listed as gone, and the officer told to look for a file still there). `flows`
    is a `scan_flows()` the caller made for a whole list."""
    from kansencoach.core.catalog import session_entry  # not for every store: the catalog is large
    from kansencoach.core.common.problems import ProblemsError

    try:
        entry = session_entry(flow_id, flow_source, flows)
    except ProblemsError as error:
        return error.problems
    except (LookupError, OSError):
        return []
    assert entry.summary is not None  # session_entry raises for a flow without one
    return entry, entry.summary.title


def described(title: str, flow_id: str, flow_source: str, updated: str) -> str:
    """'de sessie ‘VVE Overvecht’ (Voorstel kansengelijkheid, laatst gebruikt 20 nov 2026 10:30)';
    without the flow's title when the session is called after its flow or the flow cannot be found."""
    when = last_used(updated)
    found = session_flow(flow_id, flow_source)
    if isinstance(found, list) or found[1] == title:
        return t("store.session_named_no_flow", title=title, when=when)
    return t("store.session_named", title=title, flow=found[1], when=when)
