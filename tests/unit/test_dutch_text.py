"""Dutch text understanding for the review: dates and rhythms, compounds, policy-theory shape."""

from __future__ import annotations

import pytest

from kansencoach.core.dutch.causal import shape
from kansencoach.core.dutch.compounds import head_in, split
from kansencoach.core.dutch.dates import TimeKind, find_times, names_a_date, names_a_time


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Op 1 augustus 2027 gaat 80% naar de voorschool", "1 augustus 2027"),
        ("aan het eind van schooljaar 2026-2027", "schooljaar 2026-2027"),
        ("eind 2027", "eind 2027"),
        ("In Q3 2027 neemt zestig procent contact op", "Q3 2027"),
        ("in het eerste kwartaal van 2026", "eerste kwartaal van 2026"),
        ("uiterlijk 01-08-2027", "01-08-2027"),
        ("medio 2026", "medio 2026"),
    ],
)
def test_finds_dates_and_periods(text: str, found: str) -> None:
    dates = [mention for mention in find_times(text) if mention.kind is TimeKind.DATE]
    assert [mention.text for mention in dates] == [found]
    assert names_a_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "Elk kwartaal met de JGZ",
        "Iedere zes weken met het buurtteam",
        "Halfjaarlijks een gesprek",
        "Twee keer per jaar",
        "In de jaarlijkse raadsbrief",
        "Elk najaar in het buurthuis",
    ],
)
def test_finds_rhythms(text: str) -> None:
    assert [mention.kind for mention in find_times(text)] == [TimeKind.RHYTHM]


def test_durations_are_times_but_not_dates() -> None:
    assert [m.text for m in find_times("na zes maanden, binnen vier weken")] == ["zes maanden", "vier weken"]
    assert not names_a_date("na zes maanden")


@pytest.mark.parametrize(
    "text", ["Na afloop van het project", "Aan het eind van het traject", "Als het nodig is"]
)
def test_vague_moments_are_no_time(text: str) -> None:
    assert not names_a_time(text)


def test_compounds_split_against_the_vocabulary() -> None:
    known = {"doelgroep", "peuters", "voorschool", "organisaties"}
    assert split("doelgroeppeuters", known) == ["doelgroep", "peuters"]
    assert split("voorschoolorganisaties", known) == ["voorschool", "organisaties"]
    assert split("vve-peuters", known) == ["vve", "peuters"]
    assert split("peuters", known) == ["peuters"]
    assert split("voorschoolplekken", {"voorschool"}) == ["voorschool", "plekken"]
    assert split("schoolverzuim", {"voorschool"}) == ["schoolverzuim"]
    assert head_in("programmamanager", {"manager"}) == "manager"
    assert head_in("wijk", {"wij"}) is None


@pytest.mark.parametrize(
    "text",
    [
        "Als we ouders thuis bezoeken, dan melden meer ouders aan, omdat de brief niet werkt.",
        "Wanneer de toeleider meegaat, dan blijft de peuter komen, want het wantrouwen verdwijnt.",
        "Door ouders thuis te bezoeken verwachten we dat meer peuters komen, omdat het formulier de drempel is.",
        "Wanneer ouders samen aanmelden, verwachten we dat het bereik stijgt, doordat het formulier wegvalt.",
        "Een vast gezicht aan huis leidt ertoe dat ouders eerder aanmelden, omdat vertrouwen de drempel verlaagt.",
    ],
)
def test_a_full_policy_theory(text: str) -> None:
    theory = shape(text)
    assert theory.if_then and theory.mechanism


def test_if_then_without_because_and_no_theory_at_all() -> None:
    without_because = shape("Als we ouders thuis opzoeken, dan melden meer ouders hun peuter aan.")
    assert without_because.if_then and not without_because.mechanism
    assert not shape("Voorlichting is de sleutel tot een hoger bereik.").if_then
