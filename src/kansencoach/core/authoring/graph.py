"""A flow drawn for people: a mermaid flowchart, or an indented outline, with conditions in words."""

from __future__ import annotations

from kansencoach.core.flows.checks import exits
from kansencoach.core.flows.conditions import describe
from kansencoach.core.flows.models import END, Flow, InfoStep, Step
from kansencoach.i18n import t


def _title(step: Step) -> str:
    text = step.label if not isinstance(step, InfoStep) and step.label else step.id
    return f"{step.type}: {text}"


def mermaid(flow: Flow) -> str:
    """A mermaid flowchart: one node per step, diamonds for steps that branch, labels in Dutch."""
    node = {step.id: f"s{index}" for index, step in enumerate(flow.steps)}
    node[END] = "einde"
    lines = ["flowchart TD", f'  start(["{_quote(flow.title)}"]) --> {node[flow.steps[0].id]}']
    for index, step in enumerate(flow.steps):
        title = _quote(_title(step))
        if step.when is not None:
            title += f"<br/><i>{_quote(t('graph.only_if', condition=describe(step.when)))}</i>"
        shape = ('{{"', '"}}') if isinstance(step.goto, list) else ('["', '"]')
        lines.append(f"  {node[step.id]}{shape[0]}{title}{shape[1]}")
        for target, label in exits(flow, index):
            arrow = "-.->" if label == t("graph.skipped") else "-->"
            edge_label = f'|"{_quote(label)}"|' if label else ""
            lines.append(f"  {node[step.id]} {arrow}{edge_label} {node[target]}")
    lines.append(f'  einde(["{_quote(t("graph.end"))}"])')
    return "\n".join(lines) + "\n"


def outline(flow: Flow) -> str:
    """The flow as an indented list: each step, where it writes, when it is asked, where it goes."""
    lines = [f"{flow.title} ({flow.id}, versie {flow.version})"]
    for number, step in enumerate(flow.steps, start=1):
        target = f" → {step.draft}" if step.draft else ""
        lines.append(f"{number:>3}. {step.id} ({step.type}){target}")
        if step.when is not None:
            lines.append(f"       {t('graph.only_if', condition=describe(step.when))}")
        if isinstance(step.goto, str):
            lines.append(f"       {t('graph.goto', target=step.goto)}")
        elif isinstance(step.goto, list):
            for rule in step.goto:
                if rule.when is None:
                    lines.append(f"       {t('graph.goto_otherwise', target=rule.to)}")
                else:
                    lines.append(
                        f"       {t('graph.goto_if', condition=describe(rule.when), target=rule.to)}"
                    )
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")
