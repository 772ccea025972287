"""The Textual app. Imported only when the TUI starts, never by the core or the fast commands."""

import gc

STARTING_COLLECTION = 100_000
"""Allocations between two collections of the youngest until the app freezes its objects: more
than a start makes, so none runs before the first frame."""


def defer_young_collections() -> None:
    """Raise the collector's threshold for the youngest objects until the app has started; called
    by whatever starts the app, before it imports Textual, and not on importing this package, so a
    process that only imports the TUI's modules (the tests, the benchmarks' other rows) keeps
    Python's collector.

    Textual's modules and the app's start make some 63,000 objects that live as long as the app, and
    at Python's 700 the collector walked them some 90 times before the first frame (about 10-15 ms, a
    twentieth of the start) to find next to nothing. The app sets its own threshold when it freezes
    them (`app._freeze_once`); what import garbage there is lives on, frozen with the rest.
    """
    gc.set_threshold(STARTING_COLLECTION, *gc.get_threshold()[1:])
