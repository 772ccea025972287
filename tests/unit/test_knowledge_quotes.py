"""The quote check: what it forgives (layout, case, hyphens, quote marks) and what it does not (words)."""

from __future__ import annotations

import pytest

from kansencoach.core.knowledge.quotes import SearchableText

PDF_TEXT = (
    "3.4 Opgave Gelijke Kansen Onderwijs\n"
    "De gemeente zet in op onderwijs-\nzorgarrangementen en op het   voorkomen van kansen-\n"
    "ongelijkheid. Zij noemt dit een \u2018kansrijke\u2019 aanpak voor \ufb01nanciering van voor- en "
    "vroegschoolse educatie.\n"
)


@pytest.mark.parametrize(
    "quote",
    [
        "zet in op onderwijs-zorgarrangementen",
        "het voorkomen van kansenongelijkheid",
        "HET VOORKOMEN\nVAN KANSEN-ONGELIJKHEID.",
        "een 'kansrijke' aanpak voor financiering",
        "voor- en vroegschoolse educatie",
    ],
)
def test_layout_case_hyphens_and_quote_marks_are_forgiven(quote: str) -> None:
    assert SearchableText.of(PDF_TEXT).find(quote) >= 0


@pytest.mark.parametrize(
    "quote",
    ["zet in op onderwijs-zorgvoorzieningen", "het voorkomen van kansengelijkheid", "een kansrijke aanpak"],
)
def test_a_changed_word_or_dropped_mark_is_not_found(quote: str) -> None:
    assert SearchableText.of(PDF_TEXT).find(quote) == -1


def test_the_nearest_passage_is_offered_with_its_line() -> None:
    text = SearchableText.of(PDF_TEXT)
    near = text.nearest("zet in op onderwijs-zorgvoorzieningen en op het voorkomen")
    assert near is not None
    line, passage = near
    assert line == 2
    assert "zorgarrangementen" in passage and "\n" not in passage


def test_a_quote_from_nowhere_gets_no_nearest_passage() -> None:
    assert SearchableText.of(PDF_TEXT).nearest("xyzzy plugh quux frobnicate") is None


def test_a_section_is_found_before_the_quote() -> None:
    text = SearchableText.of(PDF_TEXT)
    quote_at = text.find("het voorkomen van kansenongelijkheid")
    assert text.find("3.4 Opgave Gelijke Kansen Onderwijs", end=quote_at) == 0
    assert text.find("vroegschoolse educatie", end=quote_at) == -1


def test_control_characters_never_reach_the_hint() -> None:
    text = SearchableText.of("Regel een\x1b[31m met kleur\x07 en een bel.\n")
    near = text.nearest("regel een met kleur en een bel")
    assert near is not None
    assert "\x1b" not in near[1] and "\x07" not in near[1]


def test_the_draft_names_a_source_by_its_title_and_keeps_unchecked_ones_apart() -> None:
    from kansencoach.core.catalog import load_kb

    knowledge = load_kb()
    (quoted,) = knowledge.accepted(["aanmeldbeleid-vo"])
    # Four facts quote the Concernaudit in two sections: the document is named once, with both.
    assert quoted.sources[0] == "Concernaudit 213a Veerkracht en Gelijke Kansen (Utrecht, 2022): " + (
        "5 Doeltreffendheid van uitvoering en beleid, 3.4 Opgave Gelijke Kansen Onderwijs"
    )
    (web,) = knowledge.accepted(["jeugdfonds-sport-cultuur"])
    # Public sources not checked against the documents stand apart, so the draft says so once.
    assert web.public and web.public[0].startswith("Sportloket Velsen")
    assert not any("Sportloket" in source for source in web.sources)
    assert not quoted.public
    documents = {source.document for source in knowledge.by_id["aanmeldbeleid-vo"].sources}
    assert len(quoted.sources) == len(documents)


def test_sources_are_grouped_per_document_and_per_check() -> None:
    from kansencoach.core.catalog import load_kb
    from kansencoach.core.knowledge.models import SourceRef

    knowledge = load_kb()
    title = knowledge.documents["concernaudit"].title
    cited = knowledge.cited(
        [
            SourceRef(document="concernaudit", section="3.4 Opgave Gelijke Kansen Onderwijs"),
            SourceRef(document="elders.nl", checked=False),
            SourceRef(document="concernaudit", section="5 Doeltreffendheid van uitvoering en beleid"),
            SourceRef(document="concernaudit", section="3.4 Opgave Gelijke Kansen Onderwijs"),
            SourceRef(document="concernaudit"),
        ]
    )
    assert cited == (
        (f"{title}: 3.4 Opgave Gelijke Kansen Onderwijs, 5 Doeltreffendheid van uitvoering en beleid",),
        ("elders.nl",),
    )


def test_a_numbered_heading_and_a_footnote_are_recognised() -> None:
    text = SearchableText.of(
        "2.2.1 Eerste paragraaf (2018)\nTekst met een voetnootteken.a\n"
        "2.2.2 Tweede paragraaf\nMeer tekst.\n2019 2020 2021\n"
        "a Een voetnoot bij de eerste paragraaf, onderaan de pagina.\n"
    )
    assert [(number, title) for _, number, title in text.headings] == [
        ((2, 2, 1), "2.2.1 Eerste paragraaf (2018)"),
        ((2, 2, 2), "2.2.2 Tweede paragraaf"),
    ]
    assert len(text.footnotes) == 1
    assert text.footnotes[0] > text.headings[1][0]


def test_the_nearest_passage_starts_and_ends_at_whole_words() -> None:
    text = SearchableText.of("Dat kost veel geld. De uitvoering van het beleid ligt bij de wijkteams.\n")
    near = text.nearest("veld. De uitvoering van het beleid ligt bij de wijkt")
    assert near is not None
    assert near == (1, "geld. De uitvoering van het beleid ligt bij de wijkteams.")
