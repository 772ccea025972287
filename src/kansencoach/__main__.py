from kansencoach.cli import entry

raise SystemExit(entry())
