"""An answers file to start from: every question of a flow with a valid example answer and a comment.

`kansencoach example FLOW > antwoorden.yaml` writes it; the officer (or a test author) replaces the
example answers and runs `kansencoach run FLOW --answers antwoorden.yaml`. Every example answer
passes the flow's own checks, so the file works as it is.
"""

from __future__ import annotations

import yaml

from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import InfoStep
from kansencoach.core.flows.steptypes import step_type
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
        kind = step_type(step)
        how = t(_HOW[step.type], **kind.hint_values(step))
        lines.append(f"  # {how}" + ("" if step.required else f" {t('example.optional')}"))
        lines.extend(f"  #   {option.value} = {option.label}" for option in getattr(step, "options", []))
        dumped = yaml.safe_dump(
            {step.id: kind.example(step)}, allow_unicode=True, sort_keys=False, width=1000
        )
        lines.extend(f"  {line}" for line in dumped.rstrip().splitlines())
    return "\n".join(lines) + "\n"
