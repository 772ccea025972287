"""From a session's answers to a matcher query: text answers and facet choices feed the search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kansencoach.core.flows.models import AllocateStep, AnswerValue, Flow, InfoStep, QuestionStep, Step
from kansencoach.core.knowledge.matcher import Query


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
