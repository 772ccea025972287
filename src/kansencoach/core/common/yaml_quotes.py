"""The quoting mistakes among YAML's errors: curly quotes, a quote never closed, text after a quote."""

from __future__ import annotations

from kansencoach.core.common.yaml_context import Context, Found
from kansencoach.core.common.yaml_lines import CURLY, Line, balanced_end, quote, unquoted


def curly_quotes(context: Context) -> Found | None:
    for number in {context.context_line, context.problem_line}:
        line = context.line(number)
        if line.key and any(mark in line.value for mark in CURLY):
            fix = line.with_value(quote(unquoted(line.value)))
            return Found(
                number, line.value_column, "yaml.curly_quotes", "yaml.curly_quotes_hint", {"fix": fix}
            )
    return None


def quote_inner(line: Line, column: int) -> str:
    """`{value: a, label: Let op: x}` with the text around `column` quoted."""
    text = line.text.strip()
    colon = column - (len(line.text) - len(line.text.lstrip()))
    start = text.rfind(": ", 0, colon) + 2
    ends = [end for end in (text.find(",", colon), text.find("}", colon), text.find("]", colon)) if end >= 0]
    end = min(ends, default=len(text))
    return text[:start] + quote(text[start:end].strip()) + text[end:]


def unclosed_quote(context: Context) -> Found | None:
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
        return Found(
            line.number,
            line.value_column,
            "yaml.apostrophe_start",
            "yaml.apostrophe_start_hint",
            {"fix": fix},
        )
    fix = line.with_value(quote(text))
    values = {"quote": mark, "fix": fix}
    return Found(line.number, line.value_column, "yaml.unclosed_quote", "yaml.unclosed_quote_hint", values)


def _open_quote_line(context: Context) -> tuple[Line, int] | None:
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


def _unclosed_inner_quote(line: Line, column: int) -> Found:
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
    return Found(
        line.number, column, "yaml.unclosed_quote", "yaml.unclosed_quote_hint", {"quote": mark, "fix": fix}
    )


def text_after_quote(context: Context) -> Found | None:
    if "expected key" not in context.problem and "expected <block end>" not in context.problem:
        return None
    line = context.line(context.problem_line)
    mark = line.value[:1]
    if not line.key or mark not in ("'", '"') or context.problem_column <= line.value_column:
        return None
    # "Noem het "verschil" hier": the outer quotes were meant to hold the text, the inner ones are text.
    whole = line.value[1:-1] if line.value.endswith(mark) else line.value
    fix = line.with_value(quote(whole) if mark == "'" else "'" + whole.replace("'", "''") + "'")
    return Found(
        line.number, line.value_column, "yaml.text_after_quote", "yaml.text_after_quote_hint", {"fix": fix}
    )
