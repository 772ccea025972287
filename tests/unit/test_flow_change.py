"""A flow that changes under a saved session: nothing the officer answered is lost."""

from __future__ import annotations

from pathlib import Path

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.export import ExportMeta, to_markdown
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.models import AnswerValue
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

from helpers import DATA, question

V1 = DATA / "flows" / "mini.yaml"
V2 = DATA / "flows-changed" / "mini.yaml"
"""Version 2: 'criteria' removed, 'urgentie' moved to the end, option 'gezondheid' renamed, 'vroeg' added."""
ANSWERS: list[tuple[str, AnswerValue]] = [
    ("verschil", "Een verschil"),
    ("domein", "gezondheid"),
    ("groepen", ["ouders"]),
    ("mix", {"A": 40, "B": 30, "C": 30}),
    ("urgentie", 4),
    ("budget", None),
]
"""Version 1's answers up to 'partners'."""


def test_session_resumes_on_a_changed_flow_with_nothing_lost(tmp_path: Path) -> None:
    vocabulary = load_vocabulary()
    with Store(tmp_path / "k.db") as store:
        first = load_flow(V1, vocabulary)
        session = Session.start(store, first, "Plan")
        for step_id, value in [*ANSWERS, ("partners", True), ("criteria", ["Bereik"])]:
            session.answer(question(first, step_id), value)
        before = dict(session.state.answers)
        resumed = Session(store, store.session(session.info.id), load_flow(V2, vocabulary))
        assert resumed.flow_changed
        assert [orphan.step_id for orphan in resumed.orphans] == ["criteria"]
        # Listed by `sessions show` and `sessions import` without the step id or Python's quotes.
        assert Conversation.kept_apart(resumed) == ["- een vraag die er niet meer is: Bereik"]
        assert resumed.state.answers == before  # every answer is still in the log
        assert "criteria" not in resumed.answers
        assert resumed.answers["domein"] == "gezondheid"
        # The removed step's branch now leads to 'stoppen'; 'urgentie' moved to the end stays answered.
        current = resumed.current()
        assert current is not None and current.id == "stoppen"
        markdown = to_markdown(resumed.draft(), ExportMeta("mini", 2, "", ""))
        assert "Gezondheid en zorg" in markdown  # the renamed option's new label
        assert "4 van 5" in markdown
        assert "Welke criteria voor partners?" not in markdown


def test_an_answer_the_changed_question_no_longer_takes_is_asked_again(tmp_path: Path) -> None:
    # The scale now goes to 3: the stored 4 would stand in the draft as an answer the question
    # cannot have, and the question would never come again. It is kept apart and asked again.
    vocabulary = load_vocabulary()
    narrowed = tmp_path / "mini.yaml"
    narrowed.write_text(
        V1.read_text(encoding="utf-8").replace(
            "    ask: Hoe urgent?\n", "    ask: Hoe urgent?\n    max: 3\n"
        ),
        encoding="utf-8",
    )
    with Store(tmp_path / "k.db") as store:
        first = load_flow(V1, vocabulary)
        session = Session.start(store, first, "Plan")
        for step_id, value in ANSWERS:
            session.answer(question(first, step_id), value)
        second = load_flow(narrowed, vocabulary)
        resumed = Session(store, store.session(session.info.id), second)
        assert [(orphan.step_id, orphan.value) for orphan in resumed.orphans] == [("urgentie", 4)]
        assert Conversation.kept_apart(resumed) == ["- Hoe urgent?: 4"]
        assert resumed.state.answers["urgentie"] == 4, "kept in the log"
        assert "urgentie" not in resumed.answers
        current = resumed.current()
        assert current is not None and current.id == "urgentie"
        resumed.answer(question(second, "urgentie"), 3)
        assert resumed.orphans == [] and resumed.answers["urgentie"] == 3
        after = resumed.current()
        assert after is None or after.id != "urgentie"
        again = Session(store, store.session(session.info.id), second)
        assert again.orphans == [] and again.answers == resumed.answers
