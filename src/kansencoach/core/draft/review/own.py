"""A team's own review rules, added to the shipped ones: an own rule with a shipped id replaces it.

Own rules use the shipped word lists and thresholds. A broken own file is left out whole with its
problems, so the shipped rules keep working.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kansencoach.core.common.problems import Position, Problem, ProblemsError
from kansencoach.core.common.yamlsource import read_document
from kansencoach.core.draft.review.rules import Rule, RuleBook, load_rules


@dataclass(frozen=True)
class Replaced:
    """A shipped rule that an own rule replaces, and where the own rule is written."""

    id: str
    """The id the shipped rule and the own rule share."""
    position: Position
    """Where the own rule's id is written."""


@dataclass(frozen=True)
class CombinedRules:
    """The shipped rules with the team's own added or put in their place, what was replaced, and
    the problems of own files left out."""

    rules: RuleBook
    problems: tuple[Problem, ...] = ()
    """Problems in own files that were left out."""
    replaced: tuple[Replaced, ...] = ()


def add_rules(book: RuleBook, paths: Iterable[Path]) -> CombinedRules:
    """`book` with the rules of each own file in `paths` added, or replacing the rule with their id."""
    rules: dict[str, Rule] = {rule.id: rule for rule in book.rules}
    shipped = set(rules)
    problems: list[Problem] = []
    replaced: list[Replaced] = []
    for path in paths:
        try:
            own = load_rules(path, book.words)
        except ProblemsError as error:
            problems.extend(error.problems)
            continue
        document = read_document(path)
        for index, rule in enumerate(own.rules):
            if rule.id in shipped:
                replaced.append(Replaced(rule.id, document.position(("rules", index, "id"))))
            rules[rule.id] = rule
    combined = book.model_copy(update={"rules": list(rules.values())})
    return CombinedRules(combined, tuple(problems), tuple(replaced))
