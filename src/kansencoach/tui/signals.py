"""What the app tells its screens, as Textual messages (a screen that does not care ignores them)."""

from __future__ import annotations

from textual.message import Message


class KnowledgeLoaded(Message, bubble=False):
    """The app's knowledge base and review rules are loaded (or reloaded): redraw what uses them."""


class FilesChanged(Message, bubble=False):
    """Flow or knowledge files changed on disk (`--watch`) and the caches were emptied: load again."""
