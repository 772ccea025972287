"""Dutch text to search terms: lowercase, accents folded, synonyms joined, stopwords dropped, stemmed.

The stemmer is snowball's `dutch_porter`: the newer `dutch` stemmer folds too much for this domain
(gezondheid and gezond both become "zon"). Stemming does not map plurals like kinderen → kind, so
the synonym list in `knowledge/synonyms.yaml` does that, and also joins terms such as vve and
voorschool.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("dutch_porter")


@dataclass(frozen=True)
class Term:
    """A search term and the word it came from (for explanations)."""

    word: str
    term: str


def fold(text: str) -> str:
    """Lowercase without accents: 'beïnvloeden' and 'beinvloeden' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


class Normalizer:
    """Turns text into terms; built once from the knowledge base's synonyms and stopwords."""

    def __init__(self, synonym_groups: Iterable[Sequence[str]] = (), stopwords: Iterable[str] = ()) -> None:
        self.stopwords = frozenset(fold(word) for word in stopwords)
        self._phrases: dict[tuple[str, ...], str] = {}
        for group in synonym_groups:
            if not group:
                continue
            canonical = " ".join(stem(word) for word in words(group[0]))
            for member in group:
                key = tuple(stem(word) for word in words(member))
                if key:
                    self._phrases.setdefault(key, canonical)
        self._longest = max((len(key) for key in self._phrases), default=1)

    def terms(self, text: str) -> list[Term]:
        """The terms of `text` in order; a synonym phrase becomes its group's canonical term."""
        raw = words(text)
        stems = [stem(word) for word in raw]
        result: list[Term] = []
        index = 0
        while index < len(raw):
            for size in range(min(self._longest, len(raw) - index), 0, -1):
                canonical = self._phrases.get(tuple(stems[index : index + size]))
                if canonical is not None:
                    result.append(Term(" ".join(raw[index : index + size]), canonical))
                    index += size
                    break
            else:
                if raw[index] not in self.stopwords and len(raw[index]) > 1:
                    result.append(Term(raw[index], stems[index]))
                index += 1
        return result
