"""What a session offers as suggestions, and why the list is empty when it is: decided once in the
core, for the app's pane and plain mode alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansencoach.core.catalog import find_flow, load_kb
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.fit import Query
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.core.sessions.suggest import Empty

from helpers import answer_current, small_knowledge_base

NO_ENTRY_HOLDS = "De jachthaven heeft te weinig ligplaatsen voor zeilboten"
"""A case in words no entry of the small knowledge base (nor the shipped one) holds."""


@pytest.fixture
def knowledge(tmp_path: Path) -> KnowledgeBase:
    (tmp_path / "kb").mkdir()
    return small_knowledge_base(tmp_path / "kb")


def started(tmp_path: Path, loaded: LoadedFlow) -> Session:
    return Session.start(Store(tmp_path / "s.db"), loaded, "Test")


def test_before_any_answer_that_feeds_the_search_it_names_the_next_such_question(
    tmp_path: Path, mini: LoadedFlow, knowledge: KnowledgeBase
) -> None:
    session = started(tmp_path, mini)
    answer_current(session, "Een verschil")  # the mini flow's difference has no facet: still nothing
    offer = session.suggestions(knowledge.matcher)
    assert offer.suggestions == () and offer.empty is Empty.NOT_ASKED
    assert offer.asking is not None and offer.asking.id == "domein"
    said = Conversation.no_suggestions(offer)
    assert "Nog geen suggesties" in said and "‘Welk domein?’" in said


def test_a_flow_whose_questions_feed_no_search_says_so(tmp_path: Path, knowledge: KnowledgeBase) -> None:
    offer = started(tmp_path, find_flow("quickscan")).suggestions(knowledge.matcher)
    assert offer.empty is Empty.NOT_ASKED and offer.asking is None
    assert "niets om in de kennisbank mee te zoeken" in Conversation.no_suggestions(offer)


def test_answers_that_nothing_fits_are_not_told_to_answer_first(
    tmp_path: Path, knowledge: KnowledgeBase
) -> None:
    session = started(tmp_path, find_flow("bias"))
    assert session.suggestions(knowledge.matcher).empty is Empty.NOT_ASKED
    answer_current(session, NO_ENTRY_HOLDS)
    offer = session.suggestions(knowledge.matcher)
    assert offer.suggestions == () and offer.empty is Empty.NOTHING_FITS
    said = Conversation.no_suggestions(offer)
    assert said == "Niets in de kennisbank past bij je antwoorden tot nu toe."
    assert "beantwoord" not in said


def test_a_short_list_is_what_fits_and_deciding_on_all_of_it_says_so(
    tmp_path: Path, mini: LoadedFlow, knowledge: KnowledgeBase
) -> None:
    session = started(tmp_path, mini)
    answer_current(session, "Een verschil")
    answer_current(session, "gezondheid")
    offer = session.suggestions(knowledge.matcher)
    # One entry of five is about health: the list is that one, not padded with the other four.
    assert [suggestion.id for suggestion in offer.suggestions] == ["jogg"] and offer.empty is None
    assert Conversation.no_suggestions(offer) == ""
    session.decide("jogg", accept=False)
    offer = session.suggestions(knowledge.matcher)
    assert offer.suggestions == () and offer.empty is Empty.ALL_DECIDED
    assert "gekozen of weggelegd" in Conversation.no_suggestions(offer)


def test_a_decision_on_an_entry_that_no_longer_fits_leaves_nothing_fits(
    tmp_path: Path, knowledge: KnowledgeBase
) -> None:
    session = started(tmp_path, find_flow("bias"))
    answer_current(session, NO_ENTRY_HOLDS)
    session.decide("jogg", accept=True)  # chosen earlier, for answers since changed
    assert session.suggestions(knowledge.matcher).empty is Empty.NOTHING_FITS


def test_deciding_on_the_best_does_not_bring_up_what_was_too_weak_to_show_beside_it(
    tmp_path: Path, knowledge: KnowledgeBase
) -> None:
    session = started(tmp_path, find_flow("bias"))
    answer_current(session, "Schulden: een huisbezoek na de eerste betalingsachterstand")
    assert [suggestion.id for suggestion in session.suggestions(knowledge.matcher).suggestions] == [
        "vroegsignalering"
    ]
    # The debt-help entry shares one word (schulden) and scores under the floor of the best: once
    # the best is put aside it is still too weak, not the new best of what is left.
    session.decide("vroegsignalering", accept=False)
    offer = session.suggestions(knowledge.matcher)
    assert offer.suggestions == () and offer.empty is Empty.ALL_DECIDED


@pytest.mark.parametrize(
    "query",
    [
        Query("Discriminatie bij sollicitaties"),
        Query("Peuters in Overvecht gaan minder vaak naar de voorschool", ("vroeg",)),
        Query("Jongeren met schulden", ("armoede-schulden",), ("jongeren",)),
    ],
    ids=["text", "text-domain", "text-facets"],
)
def test_deciding_on_a_suggestion_changes_nothing_else_in_the_list(query: Query) -> None:
    matcher = load_kb().matcher
    before = matcher.search(query, 12)  # ten left after two are decided
    assert len(before) >= 2, "the case should have suggestions to decide on"
    for decided in ({before[0].id}, {before[0].id, before[1].id}):
        after = matcher.search(query, 10, exclude=decided)
        assert after == [suggestion for suggestion in before if suggestion.id not in decided][:10]
