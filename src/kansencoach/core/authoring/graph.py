"""A flow drawn for people: a mermaid flowchart, or an indented outline, with conditions in words.

Steps are named as the officer sees them and conditions by labels ("alleen als 'Domein' =
'Onderwijs'"); a step that is skipped when its `when` fails gets a dotted "overgeslagen" arrow
around it, and steps that come from an included block say which block.
"""

from __future__ import annotations

from collections.abc import Mapping

from kansencoach.core.flows.conditions import describe
from kansencoach.core.flows.control import Exit, exits
from kansencoach.core.flows.models import END, Flow, InfoStep, Step
from kansencoach.i18n import t


def _title(step: Step) -> str:
    text = step.label if not isinstance(step, InfoStep) and step.label else step.id
    return f"{step.type}: {text}"


def exit_label(way: Exit) -> str:
    """The words on an arrow: the condition of a goto rule, "anders", "overgeslagen", or none."""
    if way.kind == "skipped":
        return t("graph.skipped")
    if way.kind == "otherwise":
        return t("graph.otherwise")
    return describe(way.when) if way.when is not None else ""


def mermaid(flow: Flow, blocks: Mapping[str, str] | None = None) -> str:
    """A mermaid flowchart: one node per step, diamonds for steps that branch, labels in Dutch;
    `blocks` names the block file of each included step, drawn as a subgraph."""
    blocks = blocks or {}
    named = {step.id: step for step in flow.steps}
    node = {step.id: f"s{index}" for index, step in enumerate(flow.steps)}
    node[END] = "einde"
    lines = ["flowchart TD", f'  start(["{_quote(flow.title)}"]) --> {node[flow.steps[0].id]}']
    edges: list[str] = []
    open_block = ""
    for index, step in enumerate(flow.steps):
        block = blocks.get(step.id, "")
        if block != open_block:
            if open_block:
                lines.append("  end")
            if block:
                lines.append(f'  subgraph b{index}["{_quote(t("graph.block", block=block))}"]')
            open_block = block
        title = _quote(_title(step))
        if step.when is not None:
            title += f"<br/><i>{_quote(t('graph.only_if', condition=describe(step.when, named)))}</i>"
        shape = ('{{"', '"}}') if isinstance(step.goto, list) else ('["', '"]')
        lines.append(f"  {node[step.id]}{shape[0]}{title}{shape[1]}")
        for way in exits(flow.steps, index):
            label = exit_label(way)
            arrow = "-.->" if way.kind == "skipped" else "-->"
            edge_label = f'|"{_quote(label)}"|' if label else ""
            edges.append(f"  {node[step.id]} {arrow}{edge_label} {node[way.target]}")
        edges += _skip_around(flow, index, node)
    if open_block:
        lines.append("  end")
    lines += edges
    lines.append(f'  einde(["{_quote(t("graph.end"))}"])')
    return "\n".join(lines) + "\n"


def _skip_around(flow: Flow, index: int, node: Mapping[str, str]) -> list[str]:
    """The dotted arrow from the step before a conditional step to the one after it."""
    step = flow.steps[index]
    if step.when is None or step.goto is not None or index == 0 or flow.steps[index - 1].goto is not None:
        return []
    following = flow.steps[index + 1].id if index + 1 < len(flow.steps) else END
    label = _quote(t("graph.skipped"))
    return [f'  {node[flow.steps[index - 1].id]} -.->|"{label}"| {node[following]}']


def outline(flow: Flow, blocks: Mapping[str, str] | None = None) -> str:
    """The flow as an indented list: each step, where it writes, when it is asked, where it goes."""
    blocks = blocks or {}
    named = {step.id: step for step in flow.steps}
    lines = [f"{flow.title} ({flow.id}, versie {flow.version})"]
    for number, step in enumerate(flow.steps, start=1):
        target = f" → {step.draft}" if step.draft else ""
        lines.append(f"{number:>3}. {step.id} ({step.type}){target}")
        if step.id in blocks:
            lines.append(f"       {t('graph.block', block=blocks[step.id])}")
        if step.when is not None:
            lines.append(f"       {t('graph.only_if', condition=describe(step.when, named))}")
            lines.append(f"       {t('graph.skipped_otherwise')}")
        if isinstance(step.goto, str):
            lines.append(f"       {t('graph.goto', target=step.goto)}")
        elif isinstance(step.goto, list):
            for rule in step.goto:
                if rule.when is None:
                    lines.append(f"       {t('graph.goto_otherwise', target=rule.to)}")
                else:
                    condition = describe(rule.when, named)
                    lines.append(f"       {t('graph.goto_if', condition=condition, target=rule.to)}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")
