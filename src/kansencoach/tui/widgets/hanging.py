"""An option whose label wraps under its own first word, not under its number or tick box.

An option list wraps a long label to the list's left edge, so at 80 columns the rest of
'2. Economisch kapitaal (opleiding, …' stood under the '2.' and read as the start of another option.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def hanging(lead: Text, label: str) -> Table | Text:
    """`lead` (a tick box, a number) with `label` beside it, wrapped within its own column; a
    label without a lead (a scale's value) as it is, since an empty column still takes a cell."""
    if not lead:
        return Text(label)
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(lead, Text(label))  # Text: a label is shown as written, never read as markup
    return grid
