"""Markdown in a team's own flow as the chat draws it, since messages are drawn from markdown_lines
instead of Textual's Markdown widget (which indented nested lists and set off headings and quotes)."""

from __future__ import annotations

from rich.console import Console

from kansencoach.tui.widgets.messages import coach_text

SAY = """\
## Een kopje

- eerste punt
  - genest punt met een lange zin die over de rand van een smal scherm heen loopt
- tweede punt

> Een citaat uit de handreiking.

1. los punt

   met een tweede alinea in het punt
2. volgend punt
"""


def drawn(markdown: str, width: int = 40) -> tuple[list[str], str]:
    console = Console(width=width, record=True, color_system="truecolor", force_terminal=True)
    console.print(coach_text(markdown))
    plain = [line.rstrip() for line in console.export_text(clear=False).splitlines()]
    return plain, console.export_text(styles=True)


def test_a_nested_list_hangs_under_its_own_marker_and_the_top_level_stays_tight() -> None:
    lines, _ = drawn(SAY)
    assert "• eerste punt" in lines
    nested = next(index for index, line in enumerate(lines) if "genest punt" in line)
    assert lines[nested].startswith("  • genest punt")
    assert lines[nested + 1].startswith("    ") and lines[nested + 1].strip()  # under its text
    assert "• tweede punt" in lines


def test_a_second_paragraph_of_a_list_item_stays_in_the_item() -> None:
    lines, _ = drawn(SAY)
    assert "   met een tweede alinea in het punt" in lines


def test_headings_are_bold_and_quotes_set_off() -> None:
    _, styled = drawn(SAY)
    assert "\x1b[1mEen kopje" in styled
    assert "\x1b[3mEen citaat uit de handreiking." in styled
