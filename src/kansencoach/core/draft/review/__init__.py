"""Reviewing a draft against what auditors ask for: rules as data, findings with their source.

The rules are in `knowledge/review.yaml`, their word lists and thresholds in
`knowledge/review-words.yaml`; docs/review-rules.md explains each rule to the aanjaagteam.
`rules` reads and checks those files, `evaluate` applies them to a draft, `text` is what the checks
read in Dutch answers, `choices` checks the accepted interventions against the knowledge base,
and `reach` tells an author which rules a flow can never trigger.
"""

from kansencoach.core.draft.review.evaluate import Case, applies, coverage, referenced_keys, review, reviewed
from kansencoach.core.draft.review.rules import Rule, RuleBook, load_rules

__all__ = [
    "Case",
    "Rule",
    "RuleBook",
    "applies",
    "coverage",
    "load_rules",
    "referenced_keys",
    "review",
    "reviewed",
]
