"""The knowledge base shapes: the vocabulary and one intervention per YAML file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from kansencoach.core.common.authored import StrictModel
from kansencoach.core.common.ids import Identifier

Perspective = Literal["A", "B", "C"]


class Term(StrictModel):
    """One value of a vocabulary list, with the words people use for it."""

    id: Identifier
    label: str
    synonyms: list[str] = Field([])
    description: str = ""


class EvidenceLevel(Term):
    rank: int = Field(ge=0, le=5, description="0 = onbekend … 5 = sterkste bewijs; weegt mee in de rangorde.")


class PerspectiveTerm(Term):
    """A perspective of the method: its id is one of the letters A, B, C."""

    id: Perspective


class Vocabulary(StrictModel):
    """The one list of domains, target groups, places, perspectives and evidence levels."""

    domains: list[Term] = Field(min_length=1)
    wie: list[Term] = Field(min_length=1)
    waar: list[Term] = Field(min_length=1)
    perspectives: list[PerspectiveTerm] = Field(min_length=1)
    evidence: list[EvidenceLevel] = Field(min_length=1)


class PerspectiveFit(StrictModel):
    perspective: Perspective
    why: Annotated[str, Field(min_length=1)]


class Evidence(StrictModel):
    level: Identifier = Field(
        description="Een id uit `evidence` in vocabulary.yaml; `onbekend` als geen bron het zegt."
    )
    explanation: str = Field("", description="Wat de bron over het effect zegt, in eigen woorden.")


class SourceRef(StrictModel):
    """Where a fact comes from: a source document with a section and a verbatim quote, or a public
    source (URL, and a date when known) that is marked as not checked against the source documents."""

    document: Annotated[str, Field(min_length=1)] = Field(
        description="De korte naam van een brondocument uit sources.yaml, of de titel van een openbare bron."
    )
    section: str = Field("", description="Hoofdstuk of paragraaf, zoals die in het brondocument staat.")
    quote: str = Field("", description="Een letterlijk citaat van hoogstens ongeveer 30 woorden.")
    url: str | None = None
    date: str = Field("", description="Datum of jaar van een openbare bron.")
    checked: bool = Field(
        True,
        description="false: een openbare bron buiten de brondocumenten, niet met een citaat gecontroleerd.",
    )


class SourceDocument(StrictModel):
    """A source document the quotes are checked against, under a short stable name."""

    id: Identifier
    title: Annotated[str, Field(min_length=1)]
    file: Annotated[str, Field(min_length=1)] = Field(
        description="Bestandsnaam in een van de mappen die `kb validate --sources` krijgt."
    )
    sections: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Voor een document dat niet in het Nederlands is: de Nederlandse naam van elke kop die een "
            "bron noemt (`Facts per intervention: Feiten per interventie`). De bron noemt de kop zoals "
            "die in het document staat; exports tonen de Nederlandse naam."
        ),
    )

    def section_label(self, section: str) -> str:
        """`section` as the reader sees it: its Dutch name when the document is in another language."""
        return self.sections.get(section, section)


class SourceCatalogue(StrictModel):
    documents: list[SourceDocument] = Field(min_length=1)


class Intervention(StrictModel):
    id: Identifier
    name: Annotated[str, Field(min_length=1)]
    summary: Annotated[str, Field(min_length=1)]
    problem: str = Field("", description="Welk verschil in kansen de interventie aanpakt.")
    approach: str = Field("", description="Wat er concreet gebeurt.")
    target_group: str = Field("", description="De doelgroep in woorden.")
    domains: list[Identifier] = Field(min_length=1)
    wie: list[Identifier] = Field([])
    waar: list[Identifier] = Field([])
    perspectives: list[PerspectiveFit] = Field(min_length=1)
    evidence: Evidence
    cost: str | None = None
    dose: str | None = None
    keywords: list[str] = Field([])
    signals: list[str] = Field(
        [],
        min_length=3,
        max_length=7,
        description="Hoe het probleem zich voordoet, in de woorden van wie het ziet, niet die van de aanpak:"
        " 3 tot 7 korte zinnen, elk anders.",
    )
    sources: list[SourceRef] = Field(min_length=1)
    related: list[Identifier] = Field([])


class Indicator(StrictModel):
    """A measure to follow a proposal by, with where its data can be found."""

    id: Identifier
    name: Annotated[str, Field(min_length=1)]
    summary: Annotated[str, Field(min_length=1)] = Field(
        description="Wat de indicator meet en waarom het telt."
    )
    measures: str = Field("", description="Precies wat er geteld of gemeten wordt, met de eenheid.")
    data_source: Annotated[str, Field(min_length=1)] = Field(
        description="Waar de gegevens staan (monitor, register)."
    )
    frequency: str | None = Field(None, description="Hoe vaak er nieuwe cijfers zijn.")
    domains: list[Identifier] = Field(min_length=1)
    wie: list[Identifier] = Field([])
    waar: list[Identifier] = Field([])
    keywords: list[str] = Field([])
    sources: list[SourceRef] = Field(min_length=1)


class IndicatorCatalogue(StrictModel):
    indicators: list[Indicator] = Field(min_length=1)


class Synonyms(StrictModel):
    """Groups of words that should find each other; the first word of a group is its canonical form."""

    groups: list[list[str]] = Field(default_factory=list)


class Stopwords(StrictModel):
    """Words search ignores, and place names that count as a `waar` value instead of as words."""

    words: list[str] = Field(default_factory=list)
    places: dict[str, list[str]] = Field(default_factory=dict)
    """`waar` id → names of places of that kind (neighbourhoods for `aandachtswijken`)."""


@dataclass(frozen=True)
class Accepted:
    """An intervention the officer accepted as a suggestion, as the draft shows it."""

    id: str
    name: str
    summary: str
    evidence: str
    sources: tuple[str, ...]
    """The source documents it cites, each quote checked against them (`kb validate --sources`)."""
    public: tuple[str, ...] = ()
    """The public sources it cites that were not checked against the source documents."""
