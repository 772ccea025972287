"""From a session's answers to a matcher query (text answers and facet choices feed the search),
and the suggestions it finds, or why there are none."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from kansencoach.core.flows.models import AllocateStep, AnswerValue, Flow, InfoStep, QuestionStep, Step
from kansencoach.core.knowledge.fit import Query
from kansencoach.core.knowledge.matcher import Matcher
from kansencoach.core.knowledge.suggestion import Suggestion


class Empty(Enum):
    """Why a case has no suggestions to offer."""

    NOT_ASKED = "not_asked"
    """No answer that feeds the search is given yet."""
    NOTHING_FITS = "nothing_fits"
    """The answers are there, but no entry of the knowledge base fits them."""
    ALL_DECIDED = "all_decided"
    """Every entry that fits has been chosen or put aside."""


@dataclass(frozen=True)
class Offer:
    """The suggestions for a case, best first; when there are none, why (`empty`)."""

    suggestions: tuple[Suggestion, ...]
    empty: Empty | None = None
    """None while there are suggestions."""
    asking: QuestionStep | None = None
    """While nothing feeds the search yet: the next question whose answer will (None: none is left)."""


def offer(
    matcher: Matcher, query: Query, decided: Collection[str], asking: QuestionStep | None, limit: int = 10
) -> Offer:
    """The best `limit` entries for `query` that are not `decided` yet, or why there are none
    (`asking`: the next question that feeds the search, to name while nothing does yet).

    The matcher's floor cuts the list where nothing else fits (decided entries still set it), so a
    short list is the honest answer and an empty one has one of three reasons, told apart here for
    every front end at once.
    """
    found = tuple(matcher.search(query, limit, exclude=decided))
    if found:
        return Offer(found)
    if query.is_empty:
        return Offer((), Empty.NOT_ASKED, asking)
    return Offer((), Empty.ALL_DECIDED if decided and matcher.search(query, 1) else Empty.NOTHING_FITS)


def facet_steps(flow: Flow) -> tuple[QuestionStep, ...]:
    """The questions whose answers feed the search (those with a `facet`), in the flow's order."""
    return tuple(step for step in flow.steps if not isinstance(step, InfoStep) and step.facet is not None)


def query_from_answers(steps: Iterable[Step], answers: Mapping[str, AnswerValue]) -> Query:
    """The query a session's answers make: every step (of `steps`) with a `facet` contributes its answer.

    A session passes its flow's `facet_steps`, worked out once, so a query costs what the facets do.
    """
    text: list[str] = []
    facets: dict[str, list[str]] = {"domain": [], "wie": [], "waar": []}
    perspectives: dict[str, float] = {}
    for step in steps:
        if isinstance(step, InfoStep) or step.facet is None or step.id not in answers:
            continue
        value = answers[step.id]
        if step.facet == "text":
            if isinstance(value, str):
                text.append(value)
            elif isinstance(value, list):
                text.extend(value)
        elif step.facet == "perspective":
            if isinstance(step, AllocateStep) and isinstance(value, dict):
                perspectives.update({key: points / step.total for key, points in value.items() if points})
            else:
                perspectives.update({key: 1.0 for key in _values(value)})
        else:
            facets[step.facet] += _values(value)
    return Query(
        "\n".join(text),
        tuple(dict.fromkeys(facets["domain"])),
        tuple(dict.fromkeys(facets["wie"])),
        tuple(dict.fromkeys(facets["waar"])),
        perspectives,
    )


def _values(value: AnswerValue) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []
