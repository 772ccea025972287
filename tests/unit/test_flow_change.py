"""A flow that changes under a saved session: nothing the officer answered is lost."""

from __future__ import annotations

from pathlib import Path

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.export import ExportMeta, to_markdown
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

from helpers import DATA

V1 = DATA / "flows" / "mini.yaml"
V2 = DATA / "flows-changed" / "mini.yaml"
"""Version 2: 'criteria' removed, 'urgentie' moved to the end, option 'gezondheid' renamed, 'vroeg' added."""


def test_session_resumes_on_a_changed_flow_with_nothing_lost(tmp_path: Path) -> None:
    vocabulary = load_vocabulary()
    with Store(tmp_path / "k.db") as store:
        session = Session.start(store, load_flow(V1, vocabulary), "Plan")
        for step_id, value in [
            ("verschil", "Een verschil"),
            ("domein", "gezondheid"),
            ("groepen", ["ouders"]),
            ("mix", {"A": 40, "B": 30, "C": 30}),
            ("urgentie", 4),
            ("budget", None),
            ("partners", True),
            ("criteria", ["Bereik"]),
        ]:
            session.answer(session.engine.step(step_id), value)  # type: ignore[arg-type]
        before = dict(session.state.answers)
        resumed = Session(store, store.session(session.info.id), load_flow(V2, vocabulary))
        assert resumed.flow_changed
        assert [orphan.step_id for orphan in resumed.orphans] == ["criteria"]
        assert resumed.state.answers == before  # every answer is still in the log
        assert "criteria" not in resumed.answers
        assert resumed.answers["domein"] == "gezondheid"
        # The removed step's branch now leads to 'stoppen'; 'urgentie' moved to the end stays answered.
        assert resumed.current() is not None and resumed.current().id == "stoppen"  # type: ignore[union-attr]
        markdown = to_markdown(resumed.draft(), ExportMeta("mini", 2, "", ""))
        assert "Gezondheid en zorg" in markdown  # the renamed option's new label
        assert "4 van 5" in markdown
        assert "Welke criteria voor partners?" not in markdown
