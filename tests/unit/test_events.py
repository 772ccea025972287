from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kansencoach.core.sessions.events import Event, Fold, fold

KEYS = ("a", "b", "c")
EVENTS = st.one_of(
    st.builds(lambda key, value: Event("set", key, value), st.sampled_from(KEYS), st.integers(0, 9)),
    st.builds(lambda key: Event("clear", key), st.sampled_from(KEYS)),
    st.just(Event("undo")),
    st.builds(lambda key: Event("visit", key), st.sampled_from(KEYS)),
)


def replay_by_hand(events: list[Event]) -> dict[str, object]:
    """Undo as a person thinks of it: forget the latest answer change still standing, then replay."""
    standing: list[Event] = []
    for event in events:
        if event.kind in ("set", "clear"):
            standing.append(event)
        elif event.kind == "undo" and standing:
            standing.pop()
    answers: dict[str, object] = {}
    for event in standing:
        if event.kind == "set":
            answers[event.key] = event.value
        else:
            answers.pop(event.key, None)
    return answers


@given(st.lists(EVENTS, max_size=40))
def test_fold_equals_replay_by_hand(events: list[Event]) -> None:
    assert fold(events).answers == replay_by_hand(events)


@given(st.lists(EVENTS, max_size=40), st.lists(EVENTS, max_size=10))
def test_incremental_fold_equals_fold_from_scratch(first: list[Event], more: list[Event]) -> None:
    folder = Fold()
    for event in first + more:
        folder.apply(event)
    assert folder.state == fold(first + more)


def test_undo_restores_the_previous_value_of_the_same_key() -> None:
    state = fold([Event("set", "a", 1), Event("set", "b", 2), Event("set", "a", 3), Event("undo")])
    assert state.answers == {"a": 1, "b": 2}


def test_undo_of_a_clear_brings_the_answer_back() -> None:
    state = fold([Event("set", "a", 1), Event("clear", "a"), Event("undo")])
    assert state.answers == {"a": 1}


def test_an_answer_undone_to_nothing_is_offered_until_the_step_is_answered() -> None:
    state = fold([Event("set", "a", 1), Event("set", "b", 2), Event("undo")])
    assert state.answers == {"a": 1} and state.withdrawn == {"b": 2}
    assert fold([Event("set", "b", 2), Event("undo"), Event("set", "b", 3)]).withdrawn == {}
    # One whose earlier answer comes back into force is not offered: the earlier answer is.
    assert fold([Event("set", "a", 1), Event("set", "a", 3), Event("undo")]).withdrawn == {}
    assert fold([Event("set", "a", 1), Event("clear", "a"), Event("undo")]).withdrawn == {}
    assert fold([Event("clear", "a"), Event("set", "a", 2), Event("undo")]).withdrawn == {"a": 2}


@given(st.lists(EVENTS, max_size=40))
def test_nothing_is_both_answered_and_withdrawn(events: list[Event]) -> None:
    state = fold(events)
    assert not set(state.answers) & set(state.withdrawn)


def test_visit_sets_the_cursor_and_an_answer_moves_on() -> None:
    assert fold([Event("set", "a", 1), Event("visit", "a")]).cursor == "a"
    assert fold([Event("visit", "a"), Event("set", "a", 2)]).cursor is None


def test_suggestion_decisions_last_one_wins() -> None:
    state = fold([Event("accept", "vve"), Event("dismiss", "jogg"), Event("dismiss", "vve")])
    assert state.suggestions == {"vve": "dismissed", "jogg": "dismissed"}
    assert fold([Event("dismiss", "vve"), Event("accept", "vve")]).accepted == ["vve"]


def test_an_undo_that_brings_an_answer_back_offers_none() -> None:
    """Found by the property above: the second undo brings `a` back into force, so it is no longer
    offered as withdrawn."""
    events = [
        Event("set", "a", 0),
        Event("clear", "a"),
        Event("set", "a", 0),
        Event("undo", ""),
        Event("undo", ""),
    ]
    state = fold(events)
    assert state.answers == {"a": 0}
    assert state.withdrawn == {}
