"""What a rule file names, read from its YAML with the place of each: the draft keys its checks read
(where `kb validate` points), and the tests, regexes, word lists and thresholds they refer to, each
one that does not exist a Problem at path:line:col. Plain data, before any model is made."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from kansencoach.core.common.problems import Problem, did_you_mean
from kansencoach.core.common.yamlsource import Document, Loc
from kansencoach.i18n import t

WORDS_FILE = "review-words.yaml"
"""The word lists and thresholds beside a rule file."""


def draft_key_places(document: Document) -> Iterator[tuple[str, Loc]]:
    """Every draft key the rules in `document` name, with where it is written."""
    for loc, check in _checks(document.data, ()):
        for field in ("key", "missing", "not_smart", "er_goal", "target_mismatch", "evidence_gap"):
            yield from _keys_at(check.get(field), (*loc, field))
        for field in ("target_direction", "indicators_off_goal"):
            parts = check.get(field)
            if isinstance(parts, dict):
                for name in ("baseline", "target", "goal", "indicators"):
                    yield from _keys_at(parts.get(name), (*loc, field, name))


def _keys_at(value: Any, loc: Loc) -> Iterator[tuple[str, Loc]]:
    if isinstance(value, str):
        yield value, loc
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield item, (*loc, index)


def _checks(data: Any, loc: Loc) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every check in the rule file's data (`when` and everything nested in all/any/not)."""
    if loc == ():
        rules = data.get("rules") if isinstance(data, dict) else None
        for index, rule in enumerate(rules if isinstance(rules, list) else []):
            if isinstance(rule, dict) and isinstance(rule.get("when"), dict):
                yield from _checks(rule["when"], ("rules", index, "when"))
        return
    yield loc, data
    for field in ("all", "any"):
        parts = data.get(field)
        for index, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict):
                yield from _checks(part, (*loc, field, index))
    if isinstance(data.get("not"), dict):
        yield from _checks(data["not"], (*loc, "not"))


def reference_problems(
    document: Document, lists: Collection[str], thresholds: Collection[str], kinds: Collection[str]
) -> Iterator[Problem]:
    """Checks that name none of the `kinds` of test, regexes that do not compile, and word lists and
    thresholds the word file does not define (`lists`, `thresholds`)."""
    for loc, check in _checks(document.data, ()):
        if not any(kind in check for kind in kinds):
            hint = did_you_mean(next(iter(check), ""), kinds, t("review.rules.unknown_check_hint"))
            yield Problem(document.position(loc), t("review.rules.unknown_check"), hint)
        for field in ("matches", "lacks"):
            if isinstance(check.get(field), str):
                try:
                    re.compile(check[field])
                except re.error as error:
                    yield Problem(
                        document.position((*loc, field)),
                        t("review.rules.bad_regex", detail=error.msg),
                        t("review.rules.bad_regex_hint"),
                    )
        for list_loc, list_name in _list_names(check):
            if list_name not in lists:
                hint = did_you_mean(
                    list_name, lists, t("review.rules.unknown_list_hint", file=WORDS_FILE)
                )
                yield Problem(
                    document.position((*loc, *list_loc)), t("review.rules.unknown_list", name=list_name), hint
                )
        for threshold_field in ("shorter_than", "at_most"):
            name = check.get(threshold_field)
            if isinstance(name, str) and name not in thresholds:
                hint = did_you_mean(
                    name, thresholds, t("review.rules.unknown_list_hint", file=WORDS_FILE)
                )
                yield Problem(
                    document.position((*loc, threshold_field)),
                    t("review.rules.unknown_threshold", name=name),
                    hint,
                )


def _list_names(check: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    """The word lists a check names, with the field each is in."""
    for field in ("mentions", "only", "hedges", "except", "words", "groups", "situations", "amounts"):
        if isinstance(check.get(field), str):
            yield (field,), check[field]
    for group in ("target_direction", "indicators_off_goal"):
        parts = check.get(group)
        if isinstance(parts, dict):
            for field in ("down", "falls", "amounts", "ignore"):
                if isinstance(parts.get(field), str):
                    yield (group, field), parts[field]
            skipped = parts.get("skip")
            for index, name in enumerate(skipped if isinstance(skipped, list) else []):
                if isinstance(name, str):
                    yield (group, "skip", index), name
