"""Scripted answers: a YAML file of answers checked against a flow without asking anything."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from kansencoach.core.common.problems import Problem, ProblemsError, did_you_mean
from kansencoach.core.common.yamlsource import Document, read_document, read_text
from kansencoach.core.flows.answers import InvalidAnswer, read_number_answer
from kansencoach.core.flows.engine import Engine
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, NumberStep
from kansencoach.core.flows.steptypes import check_answer, left_as_example
from kansencoach.i18n import t

_FIELDS = ("title", "flow", "answers", "accept")


@dataclass
class Script:
    """The checked content of an answers file."""

    title: str | None
    """The file's `title`, if it has one."""
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    accept: list[str] = field(default_factory=list)
    readings: dict[str, str] = field(default_factory=dict)
    """Per number step whose answer had to be read: how it was read ('gelezen als € 650.000')."""
    examples: list[str] = field(default_factory=list)
    """The steps whose answer is still the stand-in text of `kansencoach example`, in route order."""


def read_script(path: Path, loaded: LoadedFlow, interventions: Collection[str]) -> Script:
    """The answers in `path` for `loaded`; ProblemsError lists every missing or invalid answer."""
    document = read_document(path, t("yaml.empty_hint_answers", flow=loaded.flow.id, name=path.name))
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ProblemsError([Problem(document.position(()), t("script.shape"), t("script.shape_hint"))])
    problems: list[Problem] = []
    for key in data:
        if key not in _FIELDS:
            hint = did_you_mean(key, _FIELDS, t("schema.extra_hint"))
            problems.append(Problem(document.position((key,)), t("schema.extra", field=key), hint))
    given: dict[str, AnswerValue] = data["answers"]
    engine = Engine(loaded.flow.steps)
    for key in given:
        if not engine.has(key):
            hint = did_you_mean(key, [step.id for step in loaded.flow.steps], t("script.unknown_step_hint"))
            problems.append(
                Problem(document.position(("answers", key)), t("script.unknown_step", id=key), hint)
            )
    checked: dict[str, AnswerValue] = {}
    readings: dict[str, str] = {}
    examples: list[str] = []
    lines = read_text(path).splitlines()
    # Walk the route as an officer would: each answer can open or close the steps after it.
    step = engine.route(checked).next
    while step is not None:
        if step.id not in given:
            if step.required:
                position = document.position(("answers",))
                problems.append(Problem(position, t("script.missing", id=step.id, ask=_short(step.ask))))
        else:
            try:
                value = given[step.id]
                if isinstance(step, NumberStep):
                    value, reading = _number(step, value, _raw(lines, document, step.id))
                    readings.update({step.id: reading} if reading else {})
                checked[step.id] = check_answer(step, value)
                examples += [step.id] if left_as_example(step, checked[step.id]) else []
            except InvalidAnswer as error:
                position = document.position(("answers", step.id))
                problems.append(Problem(position, t("script.invalid", id=step.id, detail=str(error))))
        checked.setdefault(step.id, None)
        step = engine.next_after(step.id, checked)
    accept = data.get("accept") or []
    if not isinstance(accept, list) or not all(isinstance(item, str) for item in accept):
        problems.append(Problem(document.position(("accept",)), t("script.accept_shape")))
        accept = []
    for index, key in enumerate(accept):
        if key not in interventions:
            hint = did_you_mean(key, interventions, t("script.unknown_intervention_hint"))
            problems.append(
                Problem(document.position(("accept", index)), t("script.unknown_intervention", id=key), hint)
            )
    if problems:
        raise ProblemsError(sorted(problems, key=lambda problem: problem.position))
    # An optional step the file leaves out counts as skipped, as Enter does in plain mode.
    title = data.get("title")
    return Script(str(title) if title is not None else None, checked, accept, readings, examples)


def _raw(lines: list[str], document: Document, step_id: str) -> str:
    """The answer as written after its key: YAML reads `650.000` as 650.0, a Dutch officer means 650000."""
    position = document.position(("answers", step_id))
    line = lines[position.line - 1] if 0 < position.line <= len(lines) else ""
    return line[position.column - 1 :].partition(":")[2].split("#")[0].strip()


def _number(step: NumberStep, value: AnswerValue, raw: str) -> tuple[AnswerValue, str]:
    """A number answer read the Dutch way, and how it was read when that was not plain to see."""
    text = value if isinstance(value, str) else raw if isinstance(value, float) and "." in raw else ""
    if not text:
        return value, ""
    number = read_number_answer(step, text)
    return number.value, number.reading


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else text
    return first if len(first) <= 70 else first[:67] + "..."
