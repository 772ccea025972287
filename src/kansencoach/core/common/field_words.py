"""The words an author may write for a field of a flow or an intervention, in English or Dutch
(`vraag:` for `ask:`), for the "bedoelde je …?" of an unknown field."""

from __future__ import annotations

FIELD_WORDS: dict[str, tuple[str, ...]] = {
    # a flow's
    "question": ("ask",),
    "vraag": ("ask",),
    "text": ("say",),
    "tekst": ("say",),
    "message": ("say",),
    "titel": ("title", "label", "name"),
    "uitleg": ("help", "explanation"),
    "opties": ("options",),
    "keuzes": ("options",),
    "soort": ("type",),
    "versie": ("version",),
    "stappen": ("steps",),
    "secties": ("sections",),
    "concept": ("draft",),
    "voorwaarde": ("when",),
    "next": ("goto",),
    "volgende": ("goto",),
    "if": ("when",),
    "als": ("when",),
    # an intervention's
    "naam": ("name",),
    "samenvatting": ("summary",),
    "omschrijving": ("summary",),
    "probleem": ("problem",),
    "aanpak": ("approach",),
    "doelgroep": ("target_group",),
    "domein": ("domains",),
    "domeinen": ("domains",),
    "perspectief": ("perspectives", "perspective"),
    "perspectieven": ("perspectives",),
    "waarom": ("why",),
    "bewijs": ("evidence",),
    "onderbouwing": ("evidence",),
    "niveau": ("level",),
    "bewijsniveau": ("level",),
    "toelichting": ("explanation",),
    "kosten": ("cost",),
    "trefwoorden": ("keywords",),
    "zoekwoorden": ("keywords",),
    "signalen": ("signals",),
    "bronnen": ("sources",),
    "bron": ("sources", "document"),
    "paragraaf": ("section",),
    "hoofdstuk": ("section",),
    "citaat": ("quote",),
    "verwant": ("related",),
    "gerelateerd": ("related",),
}
"""Words an author may write for a field, in English or Dutch, and the fields they may mean (the
first of them valid where the word stands is the one meant)."""


def field_for(word: str, valid: set[str]) -> str | None:
    """The field valid here that an author's word stands for (`vraag` → `ask`), if any."""
    return next((field for field in FIELD_WORDS.get(word, ()) if field in valid), None)
