"""PyYAML's syntax errors explained in Dutch, for authors who never saw YAML before.

PyYAML says what its parser expected ("mapping values are not allowed in this context"); an author
needs to know which line holds the mistake and how to write it instead. Each rule below recognises
one mistake people make from the error's marks and the text of the lines around them, and answers
with the line where the mistake is (not where the parser noticed it) and the corrected line. The
parser's own English is kept only as the problem's `detail`, shown under `--verbose`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import yaml

from kansencoach.core.common.problems import Position, Problem
from kansencoach.core.common.yaml_lines import CURLY, Line, balanced_end, parse_line, quote, unquoted
from kansencoach.i18n import t


def explain(error: yaml.YAMLError, text: str, path: str) -> Problem:
    """The Dutch problem for a YAML error in `text` (the file at `path`)."""
    found = _found(error, text)
    message = t(found.message, **found.values)
    hint = t(found.hint, **found.values)
    detail = " ".join(str(error).split())
    return Problem(Position(path, found.line + 1, found.column + 1), message, hint, found.code, detail)


def duplicate_key(key: str, first_seen: dict[str, Position], at: Position, in_list: bool) -> Problem:
    """A key that appears twice in one mapping. When a list item's first key comes back, the author
    meant a new item and forgot its dash (`- id: b`); otherwise the key is simply there twice."""
    first = first_seen[key]
    if in_list and key == next(iter(first_seen)):
        fix = f"- {key}: …"
        hint = t("yaml.missing_dash_hint", fix=fix)
        return Problem(at, t("yaml.missing_dash", key=key, line=first.line), hint, "missing_dash")
    return Problem(
        at, t("yaml.duplicate_key", key=key, line=first.line), t("yaml.duplicate_key_hint"), "duplicate_key"
    )


def _found(error: yaml.YAMLError, text: str) -> _Found:
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n"), len(before) - (before.rfind("\n") + 1)
        values = {"code": f"U+{error.character:04X}" if isinstance(error.character, int) else "?"}
        return _Found(line, column, "yaml.control_char", "yaml.control_char_hint", values)
    if not isinstance(error, yaml.MarkedYAMLError):
        return _Found(0, 0, "yaml.syntax", "yaml.syntax_hint", {})
    context = _Context(error, text.splitlines())
    for rule in _RULES:
        found = rule(context)
        if found is not None:
            return found
    return _Found(context.problem_line, context.problem_column, "yaml.syntax", "yaml.syntax_hint", {})


@dataclass(frozen=True)
class _Found:
    line: int
    column: int
    message: str
    hint: str
    values: Mapping[str, object]

    @property
    def code(self) -> str:
        return self.message.removeprefix("yaml.")


class _Context:
    """What the rules look at: PyYAML's words and marks, and the lines of the file."""

    def __init__(self, error: yaml.MarkedYAMLError, lines: list[str]) -> None:
        self.lines = lines
        self.problem = error.problem or ""
        self.context = error.context or ""
        mark = error.problem_mark or error.context_mark
        self.problem_line = min(mark.line, max(len(lines) - 1, 0)) if mark else 0
        self.problem_column = mark.column if mark and mark.line < len(lines) else 0
        opened = error.context_mark
        self.context_line = opened.line if opened else self.problem_line
        self.context_column = opened.column if opened else self.problem_column
        last = len(lines[-1]) if lines else 0
        on_last = mark is not None and mark.line == len(lines) - 1 and mark.column >= last
        self.at_end = mark is not None and (mark.line >= len(lines) or on_last)

    def line(self, number: int) -> Line:
        return parse_line(self.lines, number)

    def previous(self, number: int) -> Line | None:
        """The nearest line above `number` that holds more than spaces or a comment."""
        for above in range(number - 1, -1, -1):
            stripped = self.lines[above].strip()
            if stripped and not stripped.startswith("#"):
                return self.line(above)
        return None

    def above(self, line: Line) -> list[Line]:
        """The lines above `line`, nearest first."""
        return [self.line(number) for number in range(line.number - 1, -1, -1)]

    def content_line(self) -> Line:
        """The problem's line, or the last written line above it when the parser stopped on a blank."""
        line = self.line(self.problem_line)
        if line.text.strip():
            return line
        return self.previous(self.problem_line) or line


Rule = Callable[[_Context], "_Found | None"]


def _tab(context: _Context) -> _Found | None:
    line = context.line(context.problem_line)
    leading = line.text[: len(line.text) - len(line.text.lstrip())]
    if "tab" not in context.problem and "\t" not in leading:
        return None
    column = line.text.find("\t")
    return _Found(line.number, max(column, 0), "yaml.tab", "yaml.tab_hint", {})


def _curly_quotes(context: _Context) -> _Found | None:
    for number in {context.context_line, context.problem_line}:
        line = context.line(number)
        if line.key and any(mark in line.value for mark in CURLY):
            fix = line.with_value(quote(unquoted(line.value)))
            return _Found(
                number, line.value_column, "yaml.curly_quotes", "yaml.curly_quotes_hint", {"fix": fix}
            )
    return None


def _colon_in_text(context: _Context) -> _Found | None:
    if "mapping values are not allowed" not in context.problem:
        return None
    line = context.line(context.problem_line)
    if not line.key or context.problem_column < line.value_column:
        return None
    fix = line.with_value(quote(line.value))
    return _Found(line.number, line.value_column, "yaml.colon_in_text", "yaml.quote_hint", {"fix": fix})


_SPECIAL_STARTS = {
    "*": "yaml.markdown_start",
    "&": "yaml.special_start",
    "@": "yaml.special_start",
    "`": "yaml.special_start",
    "%": "yaml.special_start",
    "!": "yaml.special_start",
    "?": "yaml.special_start",
    "- ": "yaml.special_start",
    "|": "yaml.block_start",
    ">": "yaml.block_start",
    "[": "yaml.list_start",
    "{": "yaml.list_start",
}


def _special_start(context: _Context) -> _Found | None:
    """A text that begins with a character YAML reserves: `*vet*`, `[1] Zie …`, `@gemeente`, `- punt`."""
    for number in dict.fromkeys((context.problem_line, context.context_line)):
        line = context.line(number)
        start = next((mark for mark in _SPECIAL_STARTS if line.value.startswith(mark)), None)
        if not line.key or start is None:
            continue
        end = balanced_end(line.value) if start in "[{" else 0
        if end == -1 or end == len(line.value) or line.value[end:].strip()[:1] in ("]", "}"):
            return None  # a real list or block, with an unclosed or doubled bracket: handled below
        if start in "|>" and not line.value[1:].strip(" -+0123456789"):
            continue  # a proper block text; the mistake is in the lines below
        key = _SPECIAL_STARTS[start]
        fix = line.with_value(quote(line.value[1:].strip() if start in "|>" else line.value))
        return _Found(number, line.value_column, key, "yaml.quote_hint", {"start": start.strip(), "fix": fix})
    return None


def _extra_closing(context: _Context) -> _Found | None:
    line = context.line(context.problem_line)
    end = balanced_end(line.value) if line.value[:1] in ("[", "{") else -1
    if end <= 0 or line.value[end:].strip()[:1] not in ("]", "}"):
        return None
    fix = line.with_value(line.value[:end])
    values = {"close": line.value[end:].strip()[0], "fix": fix}
    return _Found(
        line.number, line.value_column + end, "yaml.extra_closing", "yaml.extra_closing_hint", values
    )


def _unclosed_bracket(context: _Context) -> _Found | None:
    if "flow sequence" not in context.context and "flow mapping" not in context.context:
        return None
    close = "]" if "sequence" in context.context else "}"
    line = context.line(context.context_line)
    if context.problem_line == context.context_line and not context.at_end:
        # The bracket is closed further on; something inside it breaks the list: often a colon.
        fix = _quote_inner(line, context.problem_column)
        return _Found(
            line.number, context.problem_column, "yaml.colon_in_braces", "yaml.quote_hint", {"fix": fix}
        )
    opened = {"open": "[" if close == "]" else "{", "close": close, "fix": line.text.strip() + close}
    return _Found(
        line.number, context.context_column, "yaml.unclosed_bracket", "yaml.unclosed_bracket_hint", opened
    )


def _quote_inner(line: Line, column: int) -> str:
    """`{value: a, label: Let op: x}` with the text around `column` quoted."""
    text = line.text.strip()
    colon = column - (len(line.text) - len(line.text.lstrip()))
    start = text.rfind(": ", 0, colon) + 2
    ends = [end for end in (text.find(",", colon), text.find("}", colon), text.find("]", colon)) if end >= 0]
    end = min(ends, default=len(text))
    return text[:start] + quote(text[start:end].strip()) + text[end:]


def _unclosed_quote(context: _Context) -> _Found | None:
    """A quote opened and never closed, or closed only by the quote of a later line."""
    opener = _open_quote_line(context)
    if opener is None:
        return None
    line, column = opener
    mark = line.text[column]
    if column > line.value_column:
        return _unclosed_inner_quote(line, column)
    text = unquoted(line.value)
    if mark == "'" and text[:1].isalpha() and (len(text) < 2 or text[1] == " "):
        fix = line.with_value(quote(line.value))
        return _Found(
            line.number,
            line.value_column,
            "yaml.apostrophe_start",
            "yaml.apostrophe_start_hint",
            {"fix": fix},
        )
    fix = line.with_value(quote(text))
    values = {"quote": mark, "fix": fix}
    return _Found(line.number, line.value_column, "yaml.unclosed_quote", "yaml.unclosed_quote_hint", values)


def _open_quote_line(context: _Context) -> tuple[Line, int] | None:
    """The line with the quote that never closes, and the column of that quote."""
    if "quoted scalar" in context.context and "end of stream" in context.problem:
        line = context.line(context.context_line)
        if line.text[context.context_column : context.context_column + 1] in ("'", '"'):
            return line, context.context_column  # also a quote inside a [list] or {value: …}
        return (line, line.value_column) if line.value[:1] in ("'", '"') else None
    if "expected key" not in context.problem and "expected <block end>" not in context.problem:
        return None
    for number in range(context.problem_line - 1, context.context_line - 1, -1):
        line = context.line(number)
        mark = line.value[:1]
        if line.key and mark in ("'", '"') and line.value.count(mark) % 2 == 1:
            return line, line.value_column
    return None


def _unclosed_inner_quote(line: Line, column: int) -> _Found:
    """`[a, "b` or `{value: a, label: "B}`: the quoted text closed at the end of the line, and
    the bracket after it, so that the fix keeps the list or the mapping (quoting the whole value
    would make it one text)."""
    mark = line.text[column]
    inner = line.text[column + 1 :].rstrip().rstrip("]}").rstrip()
    value = line.text[line.value_column : column] + mark + inner + mark
    closes = {"[": "]", "{": "}"}
    if value[:1] in closes and balanced_end(value) == -1:
        value += closes[value[0]]
    fix = line.with_value(value)
    return _Found(
        line.number, column, "yaml.unclosed_quote", "yaml.unclosed_quote_hint", {"quote": mark, "fix": fix}
    )


def _text_after_quote(context: _Context) -> _Found | None:
    if "expected key" not in context.problem and "expected <block end>" not in context.problem:
        return None
    line = context.line(context.problem_line)
    mark = line.value[:1]
    if not line.key or mark not in ("'", '"') or context.problem_column <= line.value_column:
        return None
    # "Noem het "verschil" hier": the outer quotes were meant to hold the text, the inner ones are text.
    whole = line.value[1:-1] if line.value.endswith(mark) else line.value
    fix = line.with_value(quote(whole) if mark == "'" else "'" + whole.replace("'", "''") + "'")
    return _Found(
        line.number, line.value_column, "yaml.text_after_quote", "yaml.text_after_quote_hint", {"fix": fix}
    )


def _backslash(context: _Context) -> _Found | None:
    if "escape" not in context.problem and "hexdecimal" not in context.problem:
        return None
    line = context.line(context.context_line)
    fix = line.with_value("'" + unquoted(line.value).replace("'", "''") + "'")
    return _Found(line.number, context.problem_column, "yaml.backslash", "yaml.backslash_hint", {"fix": fix})


def _second_document(context: _Context) -> _Found | None:
    if "single document" not in context.context:
        return None
    return _Found(context.problem_line, 0, "yaml.second_document", "yaml.second_document_hint", {})


def _missing_colon(context: _Context) -> _Found | None:
    """`type text` (no colon), `type:text` (no space), or a text that went on to the next line."""
    if "expected ':'" not in context.problem:
        return None
    line = context.line(context.context_line)
    above = context.previous(line.number)
    if above is not None and above.key and above.value[:1] in ("|", ">") and line.indent <= above.key_indent:
        values = {"key": above.key, "spaces": above.key_indent + 2}
        return _Found(
            line.number, line.indent, "yaml.block_not_indented", "yaml.block_not_indented_hint", values
        )
    text = line.text.strip().removeprefix("- ").strip()
    word, _, rest = text.partition(" ")
    if ":" in word and not word.endswith(":"):
        name, _, value = word.partition(":")
        fix = (line.text[: line.key_indent].strip() + f" {name}: {value} {rest}").strip()
        values = {"key": name, "fix": fix}
        return _Found(
            line.number, line.key_indent + len(name), "yaml.no_space_after_colon", "yaml.fix_hint", values
        )
    if above is not None and above.key and word not in _FIELD_WORDS:
        values = {"key": above.key, "line": above.number + 1}
        return _Found(line.number, line.indent, "yaml.continued_text", "yaml.continued_text_hint", values)
    return _missing_colon_in(line)


def _missing_colon_in(line: Line) -> _Found:
    word, _, rest = line.text.strip().removeprefix("- ").strip().partition(" ")
    fix = (line.text[: line.key_indent].strip() + f" {word}: {rest}").strip()
    values = {"key": word, "fix": fix}
    return _Found(line.number, line.key_indent + len(word), "yaml.missing_colon", "yaml.fix_hint", values)


_FIELD_WORDS = {
    "id", "type", "ask", "say", "label", "help", "draft", "required", "facet", "when", "goto", "options",
    "value", "min", "max", "total", "increment", "title", "version", "description", "minutes", "sections",
    "steps", "include", "block", "placeholder", "unit", "integer", "multiline", "intro", "to", "answer",
    "equals", "in", "includes", "key", "empty", "matches", "name", "cases", "answers", "visits", "skips",
}  # fmt: skip
"""Field names of flows and tests: `type text` is a missing colon, `tweede regel tekst` is not."""


def _indentation(context: _Context) -> _Found | None:
    """A line indented more or less than the lines it belongs with (or pasted at the left margin)."""
    known = (
        "expected key",
        "expected '-' indicator",
        "expected <block end>",
        "mapping values are not allowed",
    )
    if not any(phrase in context.problem for phrase in known):
        return None
    line = context.content_line()
    above = context.previous(line.number)
    if above is None:
        return None
    for dashless in (line, above):
        if dashless.text.lstrip().startswith("-") and not dashless.dash:
            fix = "- " + dashless.text.strip()[1:]
            return _Found(dashless.number, dashless.indent, "yaml.dash_space", "yaml.fix_hint", {"fix": fix})
    if not above.key and above.value and above.value[:1] not in ("[", "{", '"', "'"):
        return _missing_colon_in(above)  # `- id partners`: only the next line shows that it needed one
    if line.dash and (not above.dash or above.indent != line.indent):
        sibling = _previous_dash(context, line)
        if sibling is not None and sibling.indent != line.indent:
            return _shifted(line, sibling, sibling.indent, "yaml.pasted_left" if line.indent == 0 else "")
    if not line.dash and any(other.dash and other.indent == line.indent for other in context.above(line)):
        fix = " " * line.indent + "- " + line.text.strip()
        return _Found(line.number, line.indent, "yaml.dash_missing", "yaml.fix_hint", {"fix": fix})
    target = above.key_indent
    if line.key_indent != target:
        return _shifted(line, above, target, "")
    return None


def _previous_dash(context: _Context, line: Line) -> Line | None:
    """The list item `line` belongs with: the nearest earlier item that starts with the same key
    (`- id:` for a step), else the nearest earlier item at another indentation."""
    items = [above for above in context.above(line) if above.dash and above.indent != line.indent]
    same_key = [above for above in items if line.key and above.key == line.key]
    return next(iter(same_key or items), None)


def _shifted(line: Line, model: Line, spaces: int, message: str) -> _Found:
    difference = line.key_indent - model.key_indent if not line.dash else line.indent - model.indent
    message = message or ("yaml.indent_more" if difference > 0 else "yaml.indent_less")
    fix = " " * spaces + line.text.strip()
    values = {"count": abs(difference), "line": model.number + 1, "spaces": spaces, "fix": fix}
    return _Found(line.number, 0, message, "yaml.indent_hint", values)


def _alias(context: _Context) -> _Found | None:
    """`*…` or `&…` that is not at the start of a text: the file uses an anchor or alias on purpose."""
    if "alias" not in context.problem and "alias" not in context.context and "anchor" not in context.context:
        return None
    return _Found(context.problem_line, context.problem_column, "yaml.alias", "yaml.alias_hint", {})


_RULES: tuple[Rule, ...] = (
    _tab,
    _second_document,
    _backslash,
    _curly_quotes,
    _unclosed_quote,
    _special_start,
    _colon_in_text,
    _extra_closing,
    _unclosed_bracket,
    _text_after_quote,
    _missing_colon,
    _indentation,
    _alias,
)
