"""Every text the officer sees comes from here, so a translation needs no change to the code.

`t("key", name=...)` looks a message up in the active catalogue and fills its placeholders.
A message about `count` things has its singular under `key.one`, used when the count is 1
("1 kenmerk", "3 kenmerken"), so no text needs "kenmerk(en)". Only Dutch exists now; a translation
is another module with the same keys.
"""

from __future__ import annotations

from kansencoach.i18n.nl import ARGPARSE, MESSAGES

ONE = ".one"
"""The suffix of a message's singular form, chosen by `t` when `count` is 1."""


def t(key: str, /, **values: object) -> str:
    """The message for `key`, with `values` filled in; its singular when `count` is 1 and it has one."""
    text = MESSAGES[key]
    if values.get("count") == 1:
        text = MESSAGES.get(key + ONE, text)
    return text.format(**values)


def argparse_text(text: str) -> str:
    """argparse's own message `text` in the active language (unknown ones stay as they are)."""
    return ARGPARSE.get(text, text)
