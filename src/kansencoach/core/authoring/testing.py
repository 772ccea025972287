"""Testing a flow with example answers: the path it takes, what lands in the draft, what is untested.

A test file `<flow>.test.yaml` sits beside its flow and holds cases:

    cases:
      - name: Geen partners
        answers: {partners: false}
        visits: [stoppen]          # steps that must be on the path
        skips: [criteria]          # steps that must not be
        path: [welkom, ...]        # or the whole path, in order
        draft: ["Wat stop je?"]    # fragments the exported draft must contain
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from kansencoach.core.common.authored import StrictModel
from kansencoach.core.common.problems import Position, Problem, did_you_mean
from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.yamlsource import read_document
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.export import ExportMeta, to_markdown
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.conditions import describe, holds
from kansencoach.core.flows.engine import Engine
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, InfoStep
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.i18n import t

_META = ExportMeta("test", 1, "", "")


class Case(StrictModel):
    name: Annotated[str, Field(min_length=1)]
    answers: dict[str, Any] = Field({})
    path: list[str] | None = None
    visits: list[str] = Field([])
    skips: list[str] = Field([])
    draft: list[str] = Field([])


class TestFile(StrictModel):
    flow: str | None = None
    cases: list[Case] = Field(min_length=1)


@dataclass
class Coverage:
    """Which steps and conditions the cases of one flow reached."""

    reached: set[str] = field(default_factory=set)
    true_conditions: set[str] = field(default_factory=set)

    def untested_steps(self, loaded: LoadedFlow) -> list[str]:
        return [step.id for step in loaded.flow.steps if step.id not in self.reached]

    def never_true(self, loaded: LoadedFlow) -> list[str]:
        return [label for key, label in condition_sites(loaded) if key not in self.true_conditions]


@dataclass
class Outcome:
    flow: LoadedFlow | None
    cases: int
    problems: list[Problem]
    coverage: Coverage


def condition_sites(loaded: LoadedFlow) -> list[tuple[str, str]]:
    """(key, description) of every condition in the flow: step `when`s and conditional goto rules."""
    sites = []
    named = {step.id: step for step in loaded.flow.steps}
    for step in loaded.flow.steps:
        if step.when is not None:
            sites.append(
                (
                    f"{step.id}:when",
                    t("flowtest.site_when", id=step.id, condition=describe(step.when, named)),
                )
            )
        if isinstance(step.goto, list):
            for number, rule in enumerate(step.goto, start=1):
                if rule.when is not None:
                    condition = describe(rule.when, named)
                    sites.append(
                        (
                            f"{step.id}:goto{number}",
                            t("flowtest.site_goto", id=step.id, number=number, condition=condition),
                        )
                    )
    return sites


def run_tests(path: Path, loaded: LoadedFlow, coverage: Coverage | None = None) -> Outcome:
    """Run every case of a test file against its flow; problems say where and what differs."""
    document = read_document(path)
    tests = validate(TestFile, document.data, document.position)
    coverage = coverage or Coverage()
    problems: list[Problem] = []
    engine = Engine(loaded.flow.steps)
    for index, case in enumerate(tests.cases):
        problems += _run_case(
            case,
            loaded,
            engine,
            coverage,
            lambda *loc, index=index: document.position(("cases", index, *loc)),
        )
    return Outcome(loaded, len(tests.cases), problems, coverage)


def flow_of(path: Path) -> str:
    """The flow a test file is for: its `flow:` field, or its file name before `.test.yaml`."""
    data = read_document(path).data
    declared = data.get("flow") if isinstance(data, dict) else None
    return str(declared) if declared else path.name.removesuffix(".test.yaml")


def _run_case(
    case: Case, loaded: LoadedFlow, engine: Engine, coverage: Coverage, position: Callable[..., Position]
) -> list[Problem]:
    """The mismatches of one case; `position(*loc)` points into the case in the test file."""
    problems: list[Problem] = []
    answers: dict[str, AnswerValue] = {}
    for key, value in case.answers.items():
        if not engine.has(key):
            problems.append(_unknown_step(case, key, position("answers", key), engine))
            continue
        step = engine.step(key)
        if isinstance(step, InfoStep):
            continue
        try:
            answers[key] = check_answer(step, value)
        except InvalidAnswer as error:
            problem = Problem(
                position("answers", key),
                t("flowtest.bad_answer", case=case.name, id=key, detail=str(error)),
                t("flowtest.bad_answer_hint"),
            )
            problems.append(problem)
    for name in ("path", "visits", "skips"):
        for number, step_id in enumerate(getattr(case, name) or []):
            if not engine.has(step_id):
                problems.append(_unknown_step(case, step_id, position(name, number), engine))
    route = engine.route(answers)
    visited = [step.id for step in route.path]
    coverage.reached.update(visited)
    _record_conditions(loaded, route.path, answers, coverage)
    if case.path is not None and visited != case.path:
        problems.append(
            Problem(
                position("path"),
                t("flowtest.path", case=case.name, expected=" → ".join(case.path), got=" → ".join(visited)),
                t("flowtest.path_hint"),
            )
        )
    for number, step_id in enumerate(case.visits):
        if engine.has(step_id) and step_id not in visited:
            message = t("flowtest.not_visited", case=case.name, id=step_id)
            problems.append(Problem(position("visits", number), message, t("flowtest.check_answers_hint")))
    for number, step_id in enumerate(case.skips):
        if step_id in visited:
            message = t("flowtest.not_skipped", case=case.name, id=step_id)
            problems.append(Problem(position("skips", number), message, t("flowtest.check_answers_hint")))
    if case.draft:
        markdown = to_markdown(build_draft(loaded.flow, answers, route=route), _META)
        for number, fragment in enumerate(case.draft):
            if fragment not in markdown:
                message = t("flowtest.draft", case=case.name, fragment=fragment)
                problems.append(Problem(position("draft", number), message, t("flowtest.draft_hint")))
    return problems


def _unknown_step(case: Case, step_id: str, at: Position, engine: Engine) -> Problem:
    hint = did_you_mean(step_id, [step.id for step in engine.steps], t("flowtest.unknown_step_hint"))
    return Problem(at, t("flowtest.unknown_step", case=case.name, id=step_id), hint)


def _record_conditions(
    loaded: LoadedFlow, path: Any, answers: dict[str, AnswerValue], coverage: Coverage
) -> None:
    for step in path:
        if step.when is not None:
            coverage.true_conditions.add(f"{step.id}:when")
        if isinstance(step.goto, list):
            for number, rule in enumerate(step.goto, start=1):
                if rule.when is not None and holds(rule.when, answers):
                    coverage.true_conditions.add(f"{step.id}:goto{number}")
                    break
                if rule.when is None:
                    break
