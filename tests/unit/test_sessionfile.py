"""Session files: export → import → export is the same file, across a flow change, nothing dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.flows.models import QuestionStep
from kansencoach.core.sessions import sessionfile
from kansencoach.core.sessions.reuse import earlier_answers, start_from
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.i18n import t

from helpers import DATA, MINI_ANSWERS


def step(session: Session, step_id: str) -> QuestionStep:
    found = session.engine.step(step_id)
    assert isinstance(found, QuestionStep)
    return found


@pytest.fixture
def flows_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A flow folder of our own, so a test can change the flow between export and import."""
    directory = tmp_path / "flows"
    directory.mkdir()
    (directory / "mini.yaml").write_text((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"))
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    return directory


def full_session(store: Store, loaded: LoadedFlow) -> Session:
    session = Session.start(store, loaded, 'VVE in de wijk: "bereik" & drempels')
    for key, value in MINI_ANSWERS.items():
        session.answer(step(session, key), value)
    session.decide("vve", accept=True)
    session.decide("zomerschool", accept=False)
    session.comment("verschil", "Aanjaagteam (Fatima)", "Noem ook de cijfers: hoeveel peuters?")
    session.comment("budget", "Aanjaagteam", "Is dit een eigen budget?")
    session.resolve(1)
    return session


def session_file(folder: Path, text: str) -> Path:
    """`text` written as a session file in `folder`, as an officer saves one to share it."""
    path = folder / "sessie.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_import_export_gives_the_same_file(tmp_path: Path, flows_in: Path) -> None:
    loaded = load_flow(flows_in / "mini.yaml", load_vocabulary())
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        text = sessionfile.dump(full_session(first, loaded))
        path = session_file(tmp_path, text)
        again = sessionfile.import_file(second, path).session
        assert sessionfile.dump(again) == text
        assert again.answers == MINI_ANSWERS
        assert [(c.step_id, c.author, c.done) for c in again.state.comments] == [
            ("verschil", "Aanjaagteam (Fatima)", True),
            ("budget", "Aanjaagteam", False),
        ]
        assert again.state.suggestions == {"vve": "accepted", "zomerschool": "dismissed"}


def test_the_file_reads_as_a_person_would_read_it(tmp_path: Path, mini: LoadedFlow) -> None:
    with Store(tmp_path / "a.db") as store:
        text = sessionfile.dump(full_session(store, mini))
    assert "  # Hoeveel budget?\n  budget: 25000\n" in text
    assert "fingerprint: " + mini.digest in text
    assert "- question: verschil\n  author: Aanjaagteam (Fatima)\n" in text
    assert text.index("answers:") < text.index("history:")


def test_an_old_file_against_a_newer_flow_keeps_every_answer(tmp_path: Path, flows_in: Path) -> None:
    loaded = load_flow(flows_in / "mini.yaml", load_vocabulary())
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        text = sessionfile.dump(full_session(first, loaded))
        path = session_file(tmp_path, text)
        # The newer flow drops the `criteria` question and moves `urgentie` to the end.
        (flows_in / "mini.yaml").write_text(
            (DATA / "flows-changed" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        again = sessionfile.import_file(second, path).session
        assert again.flow_changed
        criteria = MINI_ANSWERS["criteria"]
        assert [(orphan.step_id, orphan.value) for orphan in again.orphans] == [("criteria", criteria)]
        assert {**again.answers, "criteria": criteria} == MINI_ANSWERS
        assert sessionfile.dump(again) == text.replace(
            "  # Welke criteria voor partners?\n", f"  # {t('sessionfile.not_asked')}\n"
        )


def test_an_answer_changed_by_hand_is_imported_after_the_history(
    tmp_path: Path, mini: LoadedFlow, test_flows: Path
) -> None:
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        text = sessionfile.dump(full_session(first, mini)).replace("budget: 25000", "budget: 700000")
        path = session_file(tmp_path, text)
        again = sessionfile.import_file(second, path).session
        assert again.answers["budget"] == 700000
        assert second.events(again.info.id)[-1].kind == "set"


def test_a_file_read_in_twice_opens_the_first_session_instead_of_copying_it(
    tmp_path: Path, mini: LoadedFlow, test_flows: Path
) -> None:
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        path = session_file(tmp_path, sessionfile.dump(full_session(first, mini)))
        earlier = sessionfile.import_file(second, path)
        again = sessionfile.import_file(second, path)
        assert earlier.already is None and sessionfile.import_notes(earlier) == []
        assert again.copy_avoided and again.session.info.id == earlier.session.info.id
        assert [info.id for info in second.sessions()] == [earlier.session.info.id]
        assert sessionfile.import_notes(again) == [
            t("sessionfile.already_here", title=earlier.session.info.title, id=earlier.session.info.id)
        ]


def test_a_namesake_with_another_history_is_imported_beside_it_with_a_note(
    tmp_path: Path, mini: LoadedFlow, test_flows: Path
) -> None:
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        path = session_file(tmp_path, sessionfile.dump(full_session(first, mini)))
        earlier = sessionfile.import_file(second, path).session
        earlier.comment("budget", "Fatima", "Nog navragen bij financiën.")
        again = sessionfile.import_file(second, path)
        assert not again.copy_avoided and again.already is not None
        assert again.already.id == earlier.info.id != again.session.info.id
        assert len(second.sessions()) == 2
        [note] = sessionfile.import_notes(again)
        assert earlier.info.id in note and "aparte sessie" in note


def test_a_refused_file_imports_nothing(tmp_path: Path, mini: LoadedFlow, test_flows: Path) -> None:
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        text = sessionfile.dump(full_session(first, mini)).replace("urgentie: 4", "urgentie: 40")
        path = session_file(tmp_path, text)
        with pytest.raises(ProblemsError) as raised:
            sessionfile.import_file(second, path)
        assert second.sessions() == []
    line = text.splitlines().index("  urgentie: 40") + 1
    assert str(raised.value.problems[0].position) == f"{path}:{line}:3"
    assert "1" in raised.value.problems[0].message and "5" in raised.value.problems[0].message


def test_a_new_proposal_offers_the_earlier_answers_one_by_one(tmp_path: Path, mini: LoadedFlow) -> None:
    with Store(tmp_path / "a.db") as store:
        earlier = full_session(store, mini)
        session = start_from(store, mini, "Nieuw voorstel", earlier_answers(store, earlier.info.id))
        assert session.answers == {}
        first = session.current()
        assert first is not None and first.id == "verschil"
        assert session.offered(first) == MINI_ANSWERS["verschil"]
        session.answer(first, session.offered(first))
        assert session.answers == {"verschil": MINI_ANSWERS["verschil"]}


def test_an_earlier_answer_that_no_longer_fits_is_not_offered(tmp_path: Path, mini: LoadedFlow) -> None:
    with Store(tmp_path / "a.db") as store:
        session = start_from(store, mini, "Nieuw", {"domein": "ruimtevaart", "verschil": "tekst"})
        assert session.offered(step(session, "domein")) is None
        assert session.offered(step(session, "verschil")) == "tekst"


def test_a_file_cut_off_before_its_history_is_refused(
    tmp_path: Path, mini: LoadedFlow, test_flows: Path
) -> None:
    """A mail client that cuts the file short must not turn it into a shorter session."""
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        text = sessionfile.dump(full_session(first, mini))
        cut = text[: text.index("  budget: 25000") + len("  budget: 25")]
        path = session_file(tmp_path, cut)
        with pytest.raises(ProblemsError) as raised:
            sessionfile.import_file(second, path)
        assert second.sessions() == []
    problem = raised.value.problems[0]
    assert problem.message == t("sessionfile.cut_off")
    assert str(problem.position) == f"{path}:{len(cut.splitlines())}:13"


def test_a_file_whose_history_was_taken_out_by_hand_is_built_from_its_parts(
    tmp_path: Path, mini: LoadedFlow, test_flows: Path
) -> None:
    with Store(tmp_path / "a.db") as first, Store(tmp_path / "b.db") as second:
        text = sessionfile.dump(full_session(first, mini))
        parts = text[: text.index("history:")] + text[text.rindex("\n# ") + 1 :]
        again = sessionfile.import_file(second, session_file(tmp_path, parts)).session
        assert again.answers == MINI_ANSWERS
        assert again.state.suggestions == {"vve": "accepted", "zomerschool": "dismissed"}
