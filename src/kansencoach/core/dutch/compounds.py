"""Dutch compounds split against a vocabulary: 'doelgroeppeuters' is doelgroep + peuters.

Dutch writes compounds as one word, so a word list that knows 'peuters' misses 'doelgroeppeuters' and
'vve-peuters'. A compound's meaning is carried by its last part (its head), so a word *is* one of the
known words when it is that word, or ends in it after a modifier of at least three letters (with or
without a linking s or hyphen). Very short known words (under four letters) only match whole words,
so 'wij' does not hide inside 'wijk'.

Two users, one splitting rule (`_split_fully`): the review compares words with words (`split`,
`head_in`), the matcher looks a query word's parts up as terms of its index (`split_into`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache

_MIN_MODIFIER = 3
_MIN_HEAD = 4
MIN_PART = 4
"""The shortest part `split_into` splits a compound into."""
MIN_MODIFIER_ALONE = 6
"""The shortest known first part that stands for a compound whose rest is unknown."""
LINKS = ("", "s", "e", "en")
"""The Dutch linking sounds between the parts of a compound (betaling-s-achterstand)."""


def split(word: str, known: Collection[str]) -> list[str]:
    """`word` as its known parts ('doelgroeppeuters' → ['doelgroep', 'peuters']); [word] if it has none.

    Every part must be known, except that one unknown part beside a known one is kept whole:
    'vve-peuters' is vve + peuters, 'voorschoolorganisaties' against {voorschool} is voorschool +
    organisaties.
    """
    word = word.lower()
    whole = _all_known(word.replace("-", ""), frozenset(known))
    if whole and len(whole) > 1:
        return list(whole)
    head = head_in(word, known)
    if head is not None and head != word:
        return [word[: -len(head)].rstrip("-"), head]
    for cut in range(len(word) - _MIN_HEAD, _MIN_HEAD - 1, -1):
        if word[:cut] in known:
            return [word[:cut], word[cut:].lstrip("-")]
    return [word]


def head_in(word: str, known: Collection[str]) -> str | None:
    """The known word `word` is, or ends in as a compound's head; None if there is none."""
    word = word.lower()
    if word in known:
        return word
    for size in range(len(word) - _MIN_MODIFIER, _MIN_HEAD - 1, -1):
        head = word[-size:]
        if head in known:
            return head
    return None


@lru_cache(maxsize=4096)
def _all_known(word: str, known: frozenset[str]) -> tuple[str, ...] | None:
    if word in known:
        return (word,)
    parts = _split_fully(word, lambda part: part if part in known else None, _MIN_MODIFIER, ("", "s"))
    return tuple(parts) or None


def split_into(word: str, lookup: Callable[[str], str | None]) -> list[str]:
    """What `lookup` makes of the parts of compound `word`, or [] when it has no known parts.

    `lookup` turns a part into a term of a vocabulary, or None for a part it does not know (the
    matcher looks parts up as search terms of its index: aanvraagformulieren → aanvraag +
    formulier). The longest known first part wins; the rest, after a linking sound, is known as a
    whole or split again. When no split knows every part, a known first part of at least
    MIN_MODIFIER_ALONE letters stands for the whole (geboortegewicht → geboorte): it still says
    what the word is about, where a short one (park in parkeerplaats) would mislead.
    """
    if len(word) < 2 * MIN_PART:
        return []
    parts = _split_fully(word, lookup, MIN_PART, LINKS)
    if parts:
        return parts
    for cut in range(len(word) - MIN_PART, MIN_MODIFIER_ALONE - 1, -1):
        head = lookup(word[:cut])
        if head is not None:
            return [head]
    return []


def _split_fully(
    word: str, lookup: Callable[[str], str | None], first: int, links: tuple[str, ...]
) -> list[str]:
    """Every part of `word` looked up: the longest known first part (at least `first` letters),
    then, after one of `links`, a known rest or one split again; [] when some part is unknown."""
    for cut in range(len(word) - MIN_PART, first - 1, -1):
        head = lookup(word[:cut])
        if head is None:
            continue
        for link in links:
            rest = word[cut:]
            if not rest.startswith(link) or len(rest) - len(link) < MIN_PART:
                continue
            rest = rest[len(link) :]
            tail = lookup(rest)
            deeper = [tail] if tail is not None else _split_fully(rest, lookup, first, links)
            if deeper:
                return list(dict.fromkeys([head, *deeper]))
    return []
