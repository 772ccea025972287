"""Dutch texts: the draft, the review and the export."""

MESSAGES: dict[str, str] = {
    # Provenance appendix
    "provenance.heading": "Bijlage: verantwoording",
    "provenance.flow": "Gemaakt met kansencoach: {title} (flow {flow}, versie {version}, vingerafdruk {digest}).",
    "provenance.dates": "Sessie begonnen {created}; geëxporteerd {exported}.",
    "provenance.knowledge": "Interventies uit de kennisbank, met de vingerafdruk van de tekst zoals die hier staat:",
    "provenance.entry": "{name} (vingerafdruk {digest})",
    "provenance.not_asked": "Niet gevraagd:",
    "provenance.condition": "alleen gevraagd als {condition}",
    "provenance.branch": "niet op de gekozen route",
    # A stored time as the officer reads it (core/dutch/clock.py)
    "time.written": "{day} om {time}",
    # Numbers as kansencoach read them
    "number.read_as": "gelezen als {amount}",
    "number.read_as_approximate": "gelezen als ongeveer {amount}",
    # The policy theory as a picture
    "theory.inzet": "Inzet",
    "theory.aannames": "Aannames",
    "theory.resultaat": "Resultaat",
    "theory.doel": "Doel",
    "theory.open": "nog niet ingevuld",
    "theory.caption": "De beleidstheorie als schema",
    # Review
    "review.gap.number": "een getal",
    "review.gap.unit": "een eenheid (aantal, %, uren)",
    "review.gap.group": "een doelgroep",
    "review.gap.date": "een datum of termijn",
    "review.detail.evidence": "{weak} heeft geen bekend bewijs, terwijl {better} beter onderbouwd is",
    "review.detail.groups": "het doel noemt {wanted}, de gekozen interventies zijn voor {offered}",
    "review.detail.direction.equal": "de streefwaarde ({target}) is gelijk aan de nulmeting ({baseline})",
    "review.detail.direction.lower": (
        "de streefwaarde ({target}) ligt onder de nulmeting ({baseline}), maar het doel zegt niet dat "
        "het cijfer omlaag moet"
    ),
    "review.detail.direction.higher": (
        "de streefwaarde ({target}) ligt boven de nulmeting ({baseline}), terwijl het doel zegt dat het "
        "cijfer daalt"
    ),
    "review.detail.direction.other": (
        "het doel noemt {goal}, maar de streefwaarde is {target}"
    ),
    "review.severity.blokkerend": "Blokkerend",
    "review.severity.aandacht": "Aandacht",
    "review.severity.tip": "Tip",
    "review.heading": "Toets",
    "review.rules.hedges_without_only": "hedges hoort bij only: het zegt welke woorden een leeg antwoord niet voller maken.",
    "review.rules.amounts_without_no_quantity": "amounts hoort hier bij no_quantity: het zegt welke woorden ook een hoeveelheid zijn.",
    "review.rules.one_test": "Een toets op tekst doet precies één test: kies er één uit {tests}.",
    "review.rules.unknown_check": "Deze toets kent kansencoach niet.",
    "review.rules.unknown_check_hint": "Gebruik een van de toetsen uit docs/review-rules.md, bijvoorbeeld missing, mentions of all.",
    "review.rules.bad_regex": "Dit patroon is geen geldige reguliere expressie: {detail}.",
    "review.rules.bad_regex_hint": "Controleer haakjes en tekens als \\b; test het patroon eerst met een voorbeeldzin.",
    "review.rules.unknown_list": "De woordenlijst '{name}' bestaat niet.",
    "review.rules.unknown_list_hint": "Voeg de lijst toe aan {file}, of gebruik een lijst die daar al staat.",
    "review.rules.unknown_threshold": "De drempel '{name}' bestaat niet.",
    "review.reach.partly": "Regel {rule} wordt in flow {flow} niet getoetst: de flow heeft {keys} niet.",
    "review.reach.partly_hint": "Controleer de sleutels in de regel en de `draft:` van de stappen in de flow; is er een stap hernoemd?",
    "review.reach.near": "`{field}: {name}` lijkt op `{wanted}`, dat de toets leest; daardoor toetst kansencoach in flow {flow} niet: {rules}.",
    "review.reach.near_hint": "Bedoel je hetzelfde, schrijf dan `{field}: {wanted}`; is het iets anders, dan kun je deze waarschuwing negeren.",
    "flows.unknown_finding": "'finding: {finding}' noemt geen toetsregel; de chat noemt de bevinding dan toch naast dit bericht",
    "flows.unknown_finding_hint": "gebruik de id van een regel uit knowledge/review.yaml of de eigen regels van het team (zie docs/review-rules.md), of haal 'finding' weg",
    "review.reach.never": "Regel {rule} kan in flow {flow} nooit afgaan: vraag {step} is verplicht en wordt altijd gesteld.",
    "review.reach.never_hint": "Toets op de inhoud van het antwoord (bijvoorbeeld mentions of shorter_than) in plaats van op een ontbrekend antwoord.",
    "review.reach.unknown_key": "Geen enkele flow heeft het deel '{key}'.",
    "review.reach.unknown_key_hint": "Gebruik een sleutel uit de `draft:` van een stap, in de vorm sectie.sleutel.",
    "review.none": "De toets vond geen punten: het concept voldoet aan alle {count} criteria van de toets.",
    "review.none.one": "De toets vond geen punten: het concept voldoet aan {count} criterium, het enige van de toets.",
    "review.none.partly": "De toets vond geen punten: het concept voldoet aan de {count} criteria die bij deze flow horen.",
    "review.none.partly.one": "De toets vond geen punten: het concept voldoet aan {count} criterium, het enige dat bij deze flow hoort.",
    "review.none.unchecked": (
        "De andere {count} van de {total} criteria gaan over delen die deze flow niet vraagt en zijn niet getoetst."
    ),
    "review.none.unchecked.one": (
        "Het andere criterium ({count} van de {total}) gaat over een deel dat deze flow niet vraagt en is niet getoetst."
    ),
    "review.summary.blocking": "Nog open in de toets: {count} blokkerende punten{besides}. Los ze op voordat je het concept voorlegt.",
    "review.summary.blocking.one": "Nog open in de toets: {count} blokkerend punt{besides}. Los het op voordat je het concept voorlegt.",
    "review.summary.besides": " en {count} aandachtspunten",
    "review.summary.besides.one": " en {count} aandachtspunt",
    "review.summary.attention": "Nog open in de toets: {count} aandachtspunten, geen blokkerende.",
    "review.summary.attention.one": "Nog open in de toets: {count} aandachtspunt, geen blokkerende.",
    "review.none.no_rules": "De toets heeft dit concept niet getoetst: er zijn geen criteria geladen.",
    "review.none.nothing_checked": (
        "De toets heeft dit concept niet getoetst: geen van de {total} criteria hoort bij deze flow. "
        "Ze gaan over de onderdelen van een volledig voorstel: werk je plan uit in de flow Voorstel "
        "ongelijk investeren om het eraan te toetsen."
    ),
    "review.fix": "Wat te doen",
    "review.example": "Voorbeeld",
    "review.source": "Bron",
    # Draft and export
    "draft.option": "Optie",
    "draft.points": "Punten (van {total})",
    "draft.skipped": "(overgeslagen)",
    "draft.none": "Geen van deze",
    "draft.advice": "Advies",
    "draft.scale": "{value} van {max}",
    "export.meta.flow": "flow",
    "export.meta.version": "versie",
    "export.meta.created": "begonnen",
    "export.meta.exported": "geëxporteerd",
    "export.section_open": "Open punt: dit deel is nog niet ingevuld.",
    "export.open_points": "Nog open:",
    "export.empty": "(leeg)",
    "export.accepted": "Gekozen interventies",
    "export.heading_again": "{label} ({section})",
    "export.html_kicker": "Concept beleidsvoorstel",
    "export.html_made": "Gemaakt met kansencoach ({flow}), geëxporteerd op {exported}",
    "export.html_contents": "Inhoud",
    "export.evidence": "Bewijs",
    "export.sources": "Bronnen",
    "export.public_sources": "Openbare bronnen, niet gecontroleerd aan de brondocumenten",
    "export.is_dir": "{path} is een map; zet de naam van het bestand erachter ({path}/naam-van-het-bestand)",
    "export.exists": "{path} bestaat al; kies een andere naam of gebruik --force om het te overschrijven",
    "export.no_dir": "de map {path} bestaat niet; maak hem eerst aan of kies een andere plek",
    "export.no_permission": "geen schrijfrechten in {path}; kies een andere plek",
    "export.is_link": "{path} is een snelkoppeling; kies een andere naam, of gebruik --force om de snelkoppeling zelf te vervangen (het bestand waar hij naar wijst blijft ongemoeid)",
    "export.not_regular": "{path} is geen gewoon bestand (maar bijvoorbeeld een apparaat of een pijp) en wordt nooit vervangen; kies een andere naam",
    "export.name_too_long": "de bestandsnaam is te lang ({count} tekens, hoogstens {limit}); kies een kortere naam",
    "export.template_missing": "het sjabloon {path} bestaat niet; geef het pad van een Word-bestand (.docx) met de huisstijl",
    "export.template_is_dir": "het sjabloon {path} is een map; geef het pad van het Word-bestand (.docx) met de huisstijl daarin",
    "export.template_bad": "{path} is geen Word-document (.docx); sla het sjabloon in Word op als .docx en probeer het opnieuw",
    "export.failed": "{path} kon niet worden geschreven ({detail})",
}
