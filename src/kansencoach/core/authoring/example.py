"""An answers file to start from: every question of a flow with a valid example answer and a comment.

`kansencoach example FLOW > antwoorden.yaml` writes it; the officer (or a test author) replaces the
example answers and runs `kansencoach run FLOW --answers antwoorden.yaml`. Every example answer
passes the flow's own checks, so the file works as it is.
"""

from __future__ import annotations

import yaml

from kansencoach.core.flows.answers import even_points
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import (
    AllocateStep,
    AnswerValue,
    ChoiceStep,
    ConfirmStep,
    InfoStep,
    ListStep,
    MultiStep,
    NumberStep,
    QuestionStep,
    ScaleStep,
    TextStep,
)
from kansencoach.i18n import t

_HOW = {
    "text": "example.how.text",
    "choice": "example.how.choice",
    "multi": "example.how.multi",
    "scale": "example.how.scale",
    "number": "example.how.number",
    "confirm": "example.how.confirm",
    "list": "example.how.list",
    "allocate": "example.how.allocate",
}


def example_answers(loaded: LoadedFlow, source: str) -> str:
    """The commented answers file for `loaded`; `source` is how the officer names the flow (id or path)."""
    flow = loaded.flow
    lines = [
        t("example.header", title=flow.title, id=loaded.id, version=flow.version),
        t("example.usage", flow=source),
        t("example.skipped"),
        yaml.safe_dump({"title": flow.title}, allow_unicode=True, width=1000).rstrip(),
        "answers:",
    ]
    for step in flow.steps:
        if isinstance(step, InfoStep):
            continue
        lines.append("")
        for line in step.ask.strip().splitlines():
            lines.append(f"  # {line}".rstrip())
        how = t(_HOW[step.type], **_how_values(step))
        lines.append(f"  # {how}" + ("" if step.required else f" {t('example.optional')}"))
        lines.extend(f"  #   {option.value} = {option.label}" for option in getattr(step, "options", []))
        dumped = yaml.safe_dump(
            {step.id: example_value(step)}, allow_unicode=True, sort_keys=False, width=1000
        )
        lines.extend(f"  {line}" for line in dumped.rstrip().splitlines())
    return "\n".join(lines) + "\n"


def example_value(step: QuestionStep) -> AnswerValue:
    """An answer to `step` that its checks accept."""
    if isinstance(step, TextStep):
        return (step.placeholder or "").removeprefix("Bijvoorbeeld: ").strip() or t("example.text")
    if isinstance(step, ChoiceStep):
        return step.options[0].value
    if isinstance(step, MultiStep):
        return [option.value for option in step.options[: max(step.min_selected, 1)]]
    if isinstance(step, ScaleStep):
        return step.min
    if isinstance(step, NumberStep):
        number = step.min if step.min is not None else min(0.0, step.max) if step.max is not None else 0.0
        return int(number) if step.integer or number == int(number) else number
    if isinstance(step, ConfirmStep):
        return True
    if isinstance(step, ListStep):
        return [t("example.item", number=number) for number in range(1, max(step.min_items, 1) + 1)]
    assert isinstance(step, AllocateStep)
    return even_points(step)


def _how_values(step: QuestionStep) -> dict[str, object]:
    if isinstance(step, AllocateStep):
        return {"total": step.total}
    if isinstance(step, ScaleStep):
        return {"min": step.min, "max": step.max}
    if isinstance(step, NumberStep):
        return {"unit": f" in {step.unit}" if step.unit else ""}
    return {}
