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
    "kb.not_in_vocabulary": "'{value}' staat niet in de woordenlijst ({list})",
    # Matching
    "match.why": "Past bij: {parts}.",
    "match.near": "‘{typed}’ ≈ ‘{found}’",
    "match.evidence": "bewijs: {level}",
    "match.perspective": "perspectief {id}",
    "match.field.name": "naam",
    "match.field.keywords": "trefwoorden",
    "match.field.target_group": "doelgroep",
    "match.field.problem": "probleem",
    "match.field.approach": "aanpak",
    "match.field.summary": "samenvatting",
    "match.field.tags": "kenmerken",
}
