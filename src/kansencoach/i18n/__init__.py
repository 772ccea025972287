"""Every text the officer sees comes from here, so a translation needs no change to the code.

`t("key", name=...)` looks a message up in the active catalogue and fills its placeholders.
Only Dutch exists now; a translation is another module with the same keys.
"""

from __future__ import annotations

from kansencoach.i18n.nl import ARGPARSE, MESSAGES


def t(key: str, /, **values: object) -> str:
    """The message for `key`, with `values` filled in."""
    return MESSAGES[key].format(**values)


def argparse_text(text: str) -> str:
    """argparse's own message `text` in the active language (unknown ones stay as they are)."""
    return ARGPARSE.get(text, text)
