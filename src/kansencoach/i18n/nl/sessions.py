"""Dutch texts: sessions: the store and scripted answers."""

MESSAGES: dict[str, str] = {
    # Scripted answers files
    "script.shape": "een antwoordenbestand heeft een blok `answers:` met per stap-id het antwoord",
    "script.shape_hint": "maak een voorbeeld om mee te beginnen met `kansencoach example FLOW > antwoorden.yaml`",
    "script.unknown_step": "de flow heeft geen stap '{id}'",
    "script.unknown_step_hint": "controleer de stap-id in de flow",
    "script.missing": "het antwoord op '{id}' ontbreekt ({ask})",
    "script.invalid": "het antwoord op '{id}' klopt niet: {detail}",
    "script.unknown_intervention": "de kennisbank heeft geen interventie '{id}'",
    "script.unknown_intervention_hint": "`kansencoach kb list` toont alle ids",
    "script.accept_shape": "`accept:` is een lijst van interventie-ids",
    # An empty list of suggestions, in the app and in plain mode (each adds what to do there)
    "suggest.not_asked": "Nog geen suggesties: die komen zodra je de vraag ‘{question}’ hebt beantwoord.",
    "suggest.nothing_to_ask": "Geen suggesties: je antwoorden in deze flow geven niets om in de kennisbank mee te zoeken.",
    "suggest.nothing_fits": "Niets in de kennisbank past bij je antwoorden tot nu toe.",
    "suggest.all_decided": "Je hebt alle suggesties die bij je antwoorden passen gekozen of weggelegd.",
    # Undo, in the app and in plain mode
    "undo.done": "Je antwoord op '{label}' is teruggenomen: pas het aan en verstuur het opnieuw.",
    "undo.done_elsewhere": "Je laatste antwoord is teruggenomen.",
    "undo.nothing": "Er is geen antwoord om terug te nemen.",
    # Store
    "store.no_session": "er is geen sessie '{id}'; `kansencoach sessions list` toont alle sessies",
    "store.locked": "{session} is al geopend in een ander venster (proces {pid}); sluit dat eerst",
    "store.session_named": "de sessie ‘{title}’ ({flow}, laatst gebruikt {when})",
    "store.session_named_no_flow": "de sessie ‘{title}’ (laatst gebruikt {when})",
    "store.session_unnamed": "een sessie",
    "store.corrupt": "het sessiebestand {path} is beschadigd. Met `kansencoach --reset-store` wordt het opzijgezet (niets wordt gewist) en begin je met een nieuw bestand",
    "store.newer": "het sessiebestand {path} komt van een nieuwere versie van kansencoach (schema {version}, deze versie kent {supported}). Werk kansencoach bij, of zet het bestand opzij met `kansencoach --reset-store`",
    "store.full": "het sessiebestand {path} kan niet worden bijgewerkt: de schijf is vol. Maak ruimte en probeer opnieuw",
    "store.full_answer": "het sessiebestand {path} kan niet worden bijgewerkt: de schijf is vol. Je laatste antwoord is niet opgeslagen; maak ruimte en probeer opnieuw",
    "store.locked_unknown": "{session} is al geopend in een ander venster; sluit dat eerst",
    "store.locks_unusable": "de map voor sessiesloten {path} kan niet worden gebruikt ({detail}); haal weg wat daar in de weg staat, of zet KANSENCOACH_HOME op een andere map",
    "store.bad_session": "sessie {id} is beschadigd in het sessiebestand en kan niet worden geopend; de andere sessies zijn gewoon te gebruiken",
    "store.bad_event": "sessie {id}: regel {row} van het antwoordenlogboek is beschadigd en overgeslagen; de rest van de sessie is gewoon geladen",
    "store.not_regular": "het sessiebestand {path} is geen gewoon bestand (maar bijvoorbeeld een apparaat); haal het weg of zet KANSENCOACH_HOME op een andere map",
    "store.incomplete": "het sessiebestand {path} is onvolledig (afgekapt, of gekopieerd zonder het bijbehorende -wal-bestand). Zet het bestand met -wal terug, of zet het opzij met `kansencoach --reset-store` (niets wordt gewist)",
    "store.wal_damaged": "het logboek {path} van het sessiebestand is beschadigd; er is niets gewist. Zet het sessiebestand en het logboek samen opzij met `kansencoach --reset-store`",
    "store.wal_foreign": "het logboek {path} hoort niet bij dit sessiebestand (het komt van een ander); er is niets gewist. Zet het terug bij het goede bestand, of zet beide opzij met `kansencoach --reset-store`",
    "store.unwritable": "kan niet schrijven in {path} ({detail}). Zet KANSENCOACH_HOME op een map waar je mag schrijven",
    "store.busy": "het sessiebestand {path} is bezet door een ander proces; probeer het zo opnieuw",
    "store.failed": "het sessiebestand {path} gaf een fout: {detail}",
}
