"""PyYAML's syntax errors explained in Dutch, for authors who never saw YAML before.

PyYAML says what its parser expected ("mapping values are not allowed in this context"); an author
needs to know which line holds the mistake and how to write it instead. Each rule below recognises
one mistake people make from the error's marks and the text of the lines around them, and answers
with the line where the mistake is (not where the parser noticed it) and the corrected line. The
parser's own English is kept only as the problem's `detail`, shown under `--verbose`.
"""

from __future__ import annotations

import yaml

from kansencoach.core.common.problems import Position, Problem
from kansencoach.core.common.yaml_context import Context, Found, Rule
from kansencoach.core.common.yaml_lines import Line, balanced_end, quote, unquoted
from kansencoach.core.common.yaml_quotes import curly_quotes, quote_inner, text_after_quote, unclosed_quote
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


def _found(error: yaml.YAMLError, text: str) -> Found:
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n"), len(before) - (before.rfind("\n") + 1)
        values = {"code": f"U+{error.character:04X}" if isinstance(error.character, int) else "?"}
        return Found(line, column, "yaml.control_char", "yaml.control_char_hint", values)
    if not isinstance(error, yaml.MarkedYAMLError):
        return Found(0, 0, "yaml.syntax", "yaml.syntax_hint", {})
    context = Context(error, text.splitlines())
    for rule in _RULES:
        found = rule(context)
        if found is not None:
            return found
    return Found(context.problem_line, context.problem_column, "yaml.syntax", "yaml.syntax_hint", {})


def _tab(context: Context) -> Found | None:
    line = context.line(context.problem_line)
    leading = line.text[: len(line.text) - len(line.text.lstrip())]
    if "tab" not in context.problem and "\t" not in leading:
        return None
    column = line.text.find("\t")
    return Found(line.number, max(column, 0), "yaml.tab", "yaml.tab_hint", {})


def _colon_in_text(context: Context) -> Found | None:
    if "mapping values are not allowed" not in context.problem:
        return None
    line = context.line(context.problem_line)
    if not line.key or context.problem_column < line.value_column:
        return None
    fix = line.with_value(quote(line.value))
    return Found(line.number, line.value_column, "yaml.colon_in_text", "yaml.quote_hint", {"fix": fix})


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


def _special_start(context: Context) -> Found | None:
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
        return Found(number, line.value_column, key, "yaml.quote_hint", {"start": start.strip(), "fix": fix})
    return None


def _extra_closing(context: Context) -> Found | None:
    line = context.line(context.problem_line)
    end = balanced_end(line.value) if line.value[:1] in ("[", "{") else -1
    if end <= 0 or line.value[end:].strip()[:1] not in ("]", "}"):
        return None
    fix = line.with_value(line.value[:end])
    values = {"close": line.value[end:].strip()[0], "fix": fix}
    return Found(
        line.number, line.value_column + end, "yaml.extra_closing", "yaml.extra_closing_hint", values
    )


def _unclosed_bracket(context: Context) -> Found | None:
    if "flow sequence" not in context.context and "flow mapping" not in context.context:
        return None
    close = "]" if "sequence" in context.context else "}"
    line = context.line(context.context_line)
    if context.problem_line == context.context_line and not context.at_end:
        # The bracket is closed further on; something inside it breaks the list: often a colon.
        fix = quote_inner(line, context.problem_column)
        return Found(
            line.number, context.problem_column, "yaml.colon_in_braces", "yaml.quote_hint", {"fix": fix}
        )
    opened = {"open": "[" if close == "]" else "{", "close": close, "fix": line.text.strip() + close}
    return Found(
        line.number, context.context_column, "yaml.unclosed_bracket", "yaml.unclosed_bracket_hint", opened
    )


def _backslash(context: Context) -> Found | None:
    if "escape" not in context.problem and "hexdecimal" not in context.problem:
        return None
    line = context.line(context.context_line)
    fix = line.with_value("'" + unquoted(line.value).replace("'", "''") + "'")
    return Found(line.number, context.problem_column, "yaml.backslash", "yaml.backslash_hint", {"fix": fix})


def _second_document(context: Context) -> Found | None:
    if "single document" not in context.context:
        return None
    return Found(context.problem_line, 0, "yaml.second_document", "yaml.second_document_hint", {})


def _missing_colon(context: Context) -> Found | None:
    """`type text` (no colon), `type:text` (no space), or a text that went on to the next line."""
    if "expected ':'" not in context.problem:
        return None
    line = context.line(context.context_line)
    above = context.previous(line.number)
    if above is not None and above.key and above.value[:1] in ("|", ">") and line.indent <= above.key_indent:
        values = {"key": above.key, "spaces": above.key_indent + 2}
        return Found(
            line.number, line.indent, "yaml.block_not_indented", "yaml.block_not_indented_hint", values
        )
    text = line.text.strip().removeprefix("- ").strip()
    word, _, rest = text.partition(" ")
    if ":" in word and not word.endswith(":"):
        name, _, value = word.partition(":")
        fix = (line.text[: line.key_indent].strip() + f" {name}: {value} {rest}").strip()
        values = {"key": name, "fix": fix}
        return Found(
            line.number, line.key_indent + len(name), "yaml.no_space_after_colon", "yaml.fix_hint", values
        )
    if above is not None and above.key and word not in _FIELD_WORDS:
        values = {"key": above.key, "line": above.number + 1}
        return Found(line.number, line.indent, "yaml.continued_text", "yaml.continued_text_hint", values)
    return _missing_colon_in(line)


def _missing_colon_in(line: Line) -> Found:
    word, _, rest = line.text.strip().removeprefix("- ").strip().partition(" ")
    fix = (line.text[: line.key_indent].strip() + f" {word}: {rest}").strip()
    values = {"key": word, "fix": fix}
    return Found(line.number, line.key_indent + len(word), "yaml.missing_colon", "yaml.fix_hint", values)


_FIELD_WORDS = {
    "id", "type", "ask", "say", "label", "help", "draft", "required", "facet", "when", "goto", "options",
    "value", "min", "max", "total", "increment", "title", "version", "description", "minutes", "sections",
    "steps", "include", "block", "placeholder", "unit", "integer", "multiline", "intro", "to", "answer",
    "equals", "in", "includes", "key", "empty", "matches", "name", "cases", "answers", "visits", "skips",
}  # fmt: skip
"""Field names of flows and tests: `type text` is a missing colon, `tweede regel tekst` is not."""


def _indentation(context: Context) -> Found | None:
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
            return Found(dashless.number, dashless.indent, "yaml.dash_space", "yaml.fix_hint", {"fix": fix})
    if not above.key and above.value and above.value[:1] not in ("[", "{", '"', "'"):
        return _missing_colon_in(above)  # `- id partners`: only the next line shows that it needed one
    if line.dash and (not above.dash or above.indent != line.indent):
        sibling = _previous_dash(context, line)
        if sibling is not None and sibling.indent != line.indent:
            return _shifted(line, sibling, sibling.indent, "yaml.pasted_left" if line.indent == 0 else "")
    siblings = _block_above(context, line)
    if not line.dash and any(other.dash and other.indent == line.indent for other in siblings):
        fix = " " * line.indent + "- " + line.text.strip()
        return Found(line.number, line.indent, "yaml.dash_missing", "yaml.fix_hint", {"fix": fix})
    target = above.key_indent
    if line.key_indent != target:
        return _shifted(line, above, target, "")
    return None


def _block_above(context: Context, line: Line) -> list[Line]:
    """The lines above `line` in its block, nearest first: up to the first written line indented
    less (its parent). A list at the same indentation under another parent (a step's `options`
    above a `when:` whose first key is indented too far) is not where `line` belongs."""
    block: list[Line] = []
    for above in context.above(line):
        written = above.text.strip()
        if written and not written.startswith("#") and above.indent < line.indent:
            break
        block.append(above)
    return block


def _previous_dash(context: Context, line: Line) -> Line | None:
    """The list item `line` belongs with: the nearest earlier item that starts with the same key
    (`- id:` for a step), else the nearest earlier item at another indentation."""
    items = [above for above in context.above(line) if above.dash and above.indent != line.indent]
    same_key = [above for above in items if line.key and above.key == line.key]
    return next(iter(same_key or items), None)


def _shifted(line: Line, model: Line, spaces: int, message: str) -> Found:
    difference = line.key_indent - model.key_indent if not line.dash else line.indent - model.indent
    message = message or ("yaml.indent_more" if difference > 0 else "yaml.indent_less")
    fix = " " * spaces + line.text.strip()
    values = {"count": abs(difference), "line": model.number + 1, "spaces": spaces, "fix": fix}
    return Found(line.number, 0, message, "yaml.indent_hint", values)


def _alias(context: Context) -> Found | None:
    """`*…` or `&…` that is not at the start of a text: the file uses an anchor or alias on purpose."""
    if "alias" not in context.problem and "alias" not in context.context and "anchor" not in context.context:
        return None
    return Found(context.problem_line, context.problem_column, "yaml.alias", "yaml.alias_hint", {})


_RULES: tuple[Rule, ...] = (
    _tab,
    _second_document,
    _backslash,
    curly_quotes,
    unclosed_quote,
    _special_start,
    _colon_in_text,
    _extra_closing,
    _unclosed_bracket,
    text_after_quote,
    _missing_colon,
    _indentation,
    _alias,
)
