"""Dutch texts: the knowledge base and the matcher."""

MESSAGES: dict[str, str] = {
    # Knowledge base
    "kb.duplicate_id": "de id '{id}' bestaat al ({other})",
    "kb.duplicate_id_hint": "geef elke interventie een eigen id",
    "kb.id_not_file": "de id '{id}' hoort gelijk te zijn aan de bestandsnaam '{file}'",
    "kb.id_not_file_hint": "hernoem het bestand naar <id>.yaml of pas de id aan",
    "kb.unknown_related": "'{id}' staat bij related, maar zo'n interventie bestaat niet",
    "kb.unknown_related_hint": "gebruik de id van een bestaande interventie (de bestandsnaam zonder .yaml)",
    "kb.related_self": "een interventie verwijst naar zichzelf",
    "kb.empty_source": "een bron zonder document",
    "kb.empty_source_hint": "noem het document (titel en jaar) of de databank",
    "kb.own_term_clash": "'{id}' staat al in de meegeleverde woordenlijst ({list}); dit bestand is weggelaten",
    "kb.own_term_clash_hint": "geef je eigen waarde een andere id, of laat hem weg: de meegeleverde waarde kun je gewoon gebruiken",
    "kb.signal_empty": "dit signaal is leeg: er staat geen woord in",
    "kb.signal_empty_hint": "schrijf in een korte zin hoe het probleem zich voordoet, of haal de regel weg",
    "kb.signal_repeated": "dit signaal staat er al, op regel {line}: ‘{text}’",
    "kb.signal_repeated_hint": "haal het dubbele signaal weg, of schrijf iets anders dat iemand ziet die het probleem tegenkomt",
    "kb.not_in_vocabulary": "'{value}' staat niet in de woordenlijst ({list})",
    "kb.cited": "{document}: {sections}",
    # Sources and quotes (kb validate --sources)
    "quotes.unknown_document": "dit document staat niet in sources.yaml",
    "quotes.unknown_document_hint": "gebruik de korte naam van een brondocument ({names}), "
    "of zet bij een openbare bron url, date en checked: false",
    "quotes.file_missing": "het bronbestand {file} staat in geen van de mappen achter --sources",
    "quotes.file_missing_hint": "geef de map met de brondocumenten mee, bijvoorbeeld --sources ../shared/seeds",
    "quotes.section_empty": "de bron noemt geen hoofdstuk of paragraaf",
    "quotes.section_missing": "de paragraaf '{section}' komt niet voor in {source}",
    "quotes.section_hint": "neem het kopje over zoals het in het brondocument staat, bijvoorbeeld '3.4 Opgave "
    "Gelijke Kansen Onderwijs'",
    "quotes.section_not_dutch": "de kop '{section}' heeft geen Nederlandse naam: {document} is niet in het "
    "Nederlands en een export toont zijn koppen in het Nederlands",
    "quotes.section_not_dutch_hint": "zet de kop met zijn Nederlandse naam onder sections bij {document} in "
    "sources.yaml, bijvoorbeeld '{section}: …'",
    "quotes.quote_before_section": "het citaat staat in het brondocument vóór de paragraaf '{section}' "
    "(citaat op regel {line})",
    "quotes.quote_under_heading": "het citaat (regel {line}) staat niet in '{section}' maar verderop, onder "
    "'{heading}'",
    "quotes.quote_empty": "de bron heeft geen citaat",
    "quotes.quote_empty_hint": "zet onder quote een letterlijke zin (hoogstens ongeveer 30 woorden) uit het "
    "brondocument die het feit draagt",
    "quotes.quote_long": "het citaat is {words} woorden lang",
    "quotes.quote_long_hint": "kort het in tot hoogstens ongeveer 30 woorden; neem alleen het stuk dat het "
    "feit draagt",
    "quotes.not_found": "dit citaat komt niet letterlijk voor in {source}",
    "quotes.document_named": "‘{title}’ (document: {document}, bestand {file})",
    "quotes.nearest": "het meest gelijkende stuk staat op regel {line}: “{passage}”; neem het letterlijk over",
    "quotes.not_found_hint": "zoek de zin op in het brondocument en neem hem letterlijk over (hoofdletters, "
    "witruimte, regelovergangen en afbreekstreepjes maken niet uit)",
    "quotes.unchecked_without_url": "een bron met checked: false heeft geen url",
    "quotes.unchecked_hint": "noem bij een openbare bron buiten de brondocumenten de titel (document), "
    "het webadres (url) en, als die bekend is, de datum of het jaar (date)",
    # Matching
    "match.why": "Past bij: {parts}.",
    "match.near": "‘{typed}’ ≈ ‘{found}’",
    "match.evidence": "bewijs: {level}",
    "match.perspective": "perspectief {id}",
    "match.related": "hangt samen met ‘{name}’",
    "match.field.name": "naam",
    "match.field.keywords": "trefwoorden",
    "match.field.signals": "signalen",
    "match.field.target_group": "doelgroep",
    "match.field.problem": "probleem",
    "match.field.approach": "aanpak",
    "match.field.summary": "samenvatting",
    "match.field.tags": "kenmerken",
}
