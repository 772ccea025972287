"""The review's reading of a text: what a negation denies, and a word of any kind in a phrase."""

from __future__ import annotations

import pytest

from kansencoach.core.draft.review.text import mentions, quantities, share_a_term
from kansencoach.core.dutch.normalize import clause_starts


def test_a_clause_starts_after_a_comma_semicolon_colon_or_full_stop() -> None:
    assert clause_starts("nooit indienen, teruggelopen; nu: zo. Klaar") == [0, 0, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Dit betalen we niet uit bestaande budgetten.", False),
        ("Niet uit het huidige budget, maar uit nieuw geld.", False),
        ("Niet van onze bestaande budgetten.", False),
        # The negation belongs to the clause before: it denies nothing after the comma.
        ("Dat lukt niet, dus uit bestaande budgetten.", True),
        ("Uit bestaande budgetten.", True),
    ],
)
def test_a_negation_denies_in_its_own_clause_over_articles(text: str, said: bool) -> None:
    assert mentions(text, ["bestaande budget*"]) is said


def test_a_star_of_its_own_stands_for_any_one_word() -> None:
    assert mentions("uit de subsidie die het centrum nu al krijgt", ["subsidie die * nu al"]) is False
    assert mentions("uit de subsidie die het nu al krijgt", ["subsidie die * nu al"]) is True
    assert mentions("uit de subsidie die nu al", ["subsidie die * nu al"]) is False


def test_words_without_content_are_no_shared_term() -> None:
    goal = "80% van de peuters in Overvecht zonder voorschool gaat erheen"
    assert not share_a_term(
        "kleuters in Overvecht zonder taalachterstand", goal, [], frozenset({"zonder", "overvecht"})
    )
    assert share_a_term("peuters in Overvecht", goal, [], frozenset({"zonder", "overvecht"}))


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("De vier scholen in Krakeel scoren lager.", []),
        ("Op deze twee locaties is een wachtlijst.", []),
        ("Eind 2027 bieden 12 scholen een verlengde schooldag.", [12.0]),
        ("In 2028 halen meer leerlingen het rekenniveau 1F.", []),
        ("Veel bewoners hebben diabetes type 2.", []),
        ("Het aantal is 2x zo hoog.", [2.0]),
        ("Bijstandsgerechtigden 50+ in Noord.", []),
        ("Op de vier vmbo-scholen in Alkmaar scoren ze lager.", []),
    ],
)
def test_a_number_that_names_a_level_or_the_places_a_text_is_about_counts_nothing(
    text: str, counted: list[float]
) -> None:
    assert [number.value for number in quantities(text)] == counted


def test_an_acronym_is_a_word_the_texts_share() -> None:
    assert share_a_term("Aandeel starters dat met de GLI stopt", "Meer inwoners beginnen aan een GLI", ())
    assert not share_a_term("Aandeel starters dat stopt", "Meer inwoners beginnen aan een gli", ())
