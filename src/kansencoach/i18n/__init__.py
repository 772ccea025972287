"""Every text the officer sees comes from here, so a translation needs no change to the code.

`t("key", name=...)` looks a message up in the active catalogue and fills its placeholders.
A message about `count` things has its singular under `key.one`, used when the count is 1
("1 kenmerk", "3 kenmerken"), so no text needs "kenmerk(en)". Only Dutch exists now; a translation
is another module with the same keys.
"""

from __future__ import annotations

import os

from kansencoach.i18n.nl import ARGPARSE, MESSAGES

ONE = ".one"
"""The suffix of a message's singular form, chosen by `t` when `count` is 1."""


def t(key: str, /, **values: object) -> str:
    """The message for `key`, with `values` filled in; its singular when `count` is 1 and it has one.
    A path among them is shown on one line (`one_line_path`)."""
    text = MESSAGES[key]
    if values.get("count") == 1:
        text = MESSAGES.get(key + ONE, text)
    for name, value in values.items():
        if isinstance(value, os.PathLike):
            values[name] = one_line_path(value)
    return text.format(**values)


def one_line_path(path: str | os.PathLike[str]) -> str:
    """A file name as a message shows it: a newline in it as ␊ (as the terminal guard shows the other
    control characters), so "Geschreven: …" or path:line:col stays one line naming one file."""
    return os.fspath(path).replace("\n", "\u240a")


def argparse_text(text: str) -> str:
    """argparse's own message `text` in the active language (unknown ones stay as they are)."""
    return ARGPARSE.get(text, text)
