"""The chat's whole update per answer, without widgets: answer, draft with review, suggestions, route.

Timed over the first 20 answers of a 20-step and of a 2,000-step flow; the ratio shows how the work
per answer grows with the flow (issue 14 asks ≤ 3×).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kansencoach.core.catalog import load_kb, load_review_rules, load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

ANSWERS = 20


def per_answer(flow_text: Callable[[int], str], steps: int) -> float:
    """Mean time of the chat's update per answer over the first ANSWERS answers of a `steps`-step flow."""
    directory = Path(tempfile.mkdtemp())
    path = directory / "flow.yaml"
    path.write_text(flow_text(steps), encoding="utf-8")
    loaded = load_flow(path, load_vocabulary())
    knowledge, rules = load_kb(), load_review_rules()
    with Store(directory / "k.db") as store:
        session = Session.start(store, loaded, "bench")
        session.draft(knowledge, rules)  # the first draw, as when the chat opens
        total = 0.0
        for _ in range(ANSWERS):
            step = session.current()
            if step is None:
                break
            value = check_answer(step, "ja" if step.type == "choice" else "antwoord")
            start = time.perf_counter()
            session.answer(step, value)
            session.draft(knowledge, rules)
            session.suggestions(knowledge.matcher, 5)
            session.route()
            session.current()
            total += time.perf_counter() - start
    return total / ANSWERS


def figures(flow_text: Callable[[int], str]) -> list[tuple[str, float, float, str, float]]:
    small = per_answer(flow_text, 20)
    large = per_answer(flow_text, 2_000)
    return [("chat update per answer: 2000 vs 20 steps", large, small, "s", 3.0)]
