"""Dutch texts, one module per part of the program; placeholders use str.format names.

Each module holds the messages of one area, so two changes in different areas never touch the same
table. The catalogue is their union; a key defined twice is a mistake this module refuses.
"""

from kansencoach.i18n.nl import authoring, cli, draft, files, flows, knowledge, plain, sessions, sharing, tui

_AREAS = (files, flows, sessions, authoring, knowledge, draft, cli, plain, tui, sharing)


def _union() -> dict[str, str]:
    messages: dict[str, str] = {}
    for area in _AREAS:
        twice = messages.keys() & area.MESSAGES.keys()
        if twice:
            raise RuntimeError(f"i18n keys defined twice: {sorted(twice)}")
        messages.update(area.MESSAGES)
    return messages


MESSAGES: dict[str, str] = _union()

ARGPARSE: dict[str, str] = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "not allowed with argument %s": "kan niet samen met %s",
}
"""argparse's own texts (usage lines, errors) in Dutch."""
