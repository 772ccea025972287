"""The typed contract between the app and its screens: what a screen may ask of the app.

Screens reach the app through `coach(self)` instead of `getattr(self.app, ...)`, so mypy checks
every use. `KansencoachApp` implements this protocol; screens never import the app module itself,
which keeps the import graph free of cycles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual import events
    from textual.dom import DOMNode

    from kansencoach.core.draft.review import RuleBook
    from kansencoach.core.knowledge.base import KnowledgeBase
    from kansencoach.core.sessions.session import Session
    from kansencoach.core.sessions.store import Store


class Coach(Protocol):
    """The app as its screens see it."""

    knowledge: KnowledgeBase | None
    """None until the loading worker is done, or when the knowledge base is broken."""
    preview: bool
    """A throwaway walk through a flow (`run --preview`): nothing is kept afterwards."""

    @property
    def rules(self) -> RuleBook | None:
        """The review rules, loaded on first use; None when there are none or they are broken."""

    @property
    def store(self) -> Store: ...

    def open_session(self, session: Session) -> None: ...


def coach(node: DOMNode) -> Coach:
    """The app that `node` (a screen, a widget) runs in, typed."""
    return cast("Coach", node.app)


@runtime_checkable
class KeysInOrder(Protocol):
    """A screen that takes its keys from the app one by one, as typed (the chat screen)."""

    def key_arrived(self, event: events.Key) -> None:
        """A key typed on the screen, not bound to a priority action; in the order of arrival."""
