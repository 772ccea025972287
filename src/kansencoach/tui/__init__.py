"""The Textual app. Imported only when the TUI starts, never by the core or the fast commands."""
