"""Dutch text to search terms: folded, synonyms joined, stopwords and places dropped, stemmed.

The stemmer is snowball's `dutch_porter` (PyStemmer's C version, which snowballstemmer picks when it is
installed): the newer `dutch` stemmer folds too much for this domain
(gezondheid and gezond both become "zon"). Stemming does not map plurals like kinderen → kind, so
the synonym list in `knowledge/synonyms.yaml` does that, and also joins terms such as vve and
voorschool. Synonyms are matched on their stems, except where two groups share a stem (rekeningen
and rekenen are both "reken"): a member whose stem another group already claims is matched on its
exact form. Place names are never search terms: a neighbourhood in an entry's text must not pull it
up for every case in that neighbourhood; the matcher reads them as the `waar` facet instead.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

_WORD = re.compile(r"[a-z0-9]+")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
"""A year says when a source was written, not what an entry is about."""
_MAX_ALONE = 262_144
"""As many words as `stem` caches."""
_ELIDED = re.compile(r"\b[a-z0-9]+-\s+(?=(?:en|of|tot)\s)")
"""The first half of "voor- en vroegschoolse": its meaning is the whole compound, not the fragment."""


Phrases = dict[tuple[str, ...], str]
"""Words (or their stems) in a row → what they stand for."""


class Term(NamedTuple):
    """A search term and the word it came from (for explanations); a tuple, as indexing makes one
    per word of every entry."""

    word: str
    term: str


def fold(text: str) -> str:
    """Lowercase without accents: 'beïnvloeden' and 'beinvloeden' are the same word."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of `text`, without the elided halves of compounds ("vroeg- en voorschools")."""
    folded = fold(text)
    # Most texts have no hyphen, and the elision's pattern needs one: a third of the words' time
    # when indexing 10,000 entries.
    return _WORD.findall(_ELIDED.sub(" ", folded) if "-" in folded else folded)


_TYPED_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?:]\s+|\n\s*\n")
_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]*(?:-[^\W\d_]+)*")


def as_typed(text: str) -> dict[str, str]:
    """Each folded word of `text` (see `words`) and how it was typed, in lower case: patienten →
    patiënten, for a message that names the officer's own words."""
    return {fold(word): word for word in _TYPED_WORD.findall(text.lower())}


def proper_names(text: str) -> frozenset[str]:
    """The folded words of `text` that are capitalised inside a sentence (Transvaal, Haagse, Kruiskamp),
    so names and not words of the language; a sentence's first word cannot tell and is left out."""
    names: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        for match in _CAPITALISED.finditer(sentence.lstrip()):
            if match.start() > 0:
                names.update(words(match.group()))
    return frozenset(names)


_CLAUSE_END = re.compile(r"[,;:.!?()]")


def clause_starts(text: str) -> list[int]:
    """For each word of `words(text)`, the number of the first word of its clause: a comma,
    semicolon, colon, bracket or end of sentence before a word starts a new one."""
    folded = fold(text)
    spaced = _ELIDED.sub(" ", folded) if "-" in folded else folded
    starts: list[int] = []
    start, end = 0, 0
    for number, match in enumerate(_WORD.finditer(spaced)):
        if number and _CLAUSE_END.search(spaced, end, match.start()):
            start = number
        starts.append(start)
        end = match.end()
    return starts


_SEPARABLE = ("aan", "af", "in", "mee", "na", "op", "terug", "toe", "uit", "voor", "weg")
"""Prefixes a verb keeps before the ge- of its past participle (aan-ge-meld)."""


def participle_bases(word: str) -> tuple[str, ...]:
    """What a weak past participle may stand for: geselecteerd → selecteer(d), aangemeld → aanmeld,
    verdeeld → verdeel. The stemmer leaves participles alone, so "geselecteerd" would never find
    "selecteren"; a strong verb (afgewezen) changes its vowel and is not recognised."""
    if len(word) < 6 or word[-1] not in "dt":
        return ()
    bases = [word[:-1]]
    for prefix in ("", *_SEPARABLE):
        if word.startswith(prefix + "ge") and len(word) - len(prefix) > 5:
            rest = word[len(prefix) + 2 :]
            bases += [prefix + rest, prefix + rest[:-1]]
    return tuple(dict.fromkeys(bases))


_per_thread = threading.local()


def _stemmer() -> Any:
    """Snowball's Dutch stemmer for this thread, made on first use. One per thread, because
    PyStemmer's stemmer keeps state between calls and must not be used by two threads at once (the
    app loads the knowledge base in a worker while other code may stem). Made lazily: only
    searching stems, and `flows validate`, which uses this module for numbers, should not import
    snowballstemmer (without PyStemmer it imports all of its thirty pure-Python languages)."""
    made = getattr(_per_thread, "stemmer", None)
    if made is None:
        import snowballstemmer

        made = _per_thread.stemmer = snowballstemmer.stemmer("dutch_porter")
    return made


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """The stem of one folded word, cached: an index of many entries stems the same words again and again."""
    return str(_stemmer().stemWord(word))


class Normalizer:
    """Turns text into terms; built once from the knowledge base's synonyms, stopwords and places."""

    def __init__(
        self,
        synonym_groups: Iterable[Sequence[str]] = (),
        stopwords: Iterable[str] = (),
        places: Mapping[str, str] | None = None,
    ) -> None:
        """`places` maps a place name to the `waar` value it stands for, or "" for none (a city)."""
        self.stopwords = frozenset(fold(word) for word in stopwords)
        self._phrases: Phrases = {}
        self._exact: Phrases = {}
        """Members whose stems another group claims first, by their exact words (rekeningen)."""
        for group in synonym_groups:
            if not group:
                continue
            canonical = " ".join(stem(word) for word in words(group[0]))
            for member in group:
                key = tuple(stem(word) for word in words(member))
                if key and self._phrases.setdefault(key, canonical) != canonical:
                    self._exact[tuple(words(member))] = canonical
        self._places = {tuple(words(name)): waar for name, waar in (places or {}).items() if words(name)}
        self._derive()

    def _derive(self) -> None:
        """What follows from the stopwords, phrases and places: the lookups `terms` starts with."""
        self._longest = max((len(key) for key in [*self._phrases, *self._places, *self._exact]), default=1)
        self._phrase_starts = frozenset(key[0] for key in self._phrases if len(key) > 1)
        self._place_starts = frozenset(key[0] for key in [*self._places, *self._exact])
        self._alone: dict[str, list[Term]] = {}
        """A word that starts no phrase or place → its terms, which its neighbours do not change:
        indexing ten thousand entries meets the same words again and again."""

    def to_plain(self) -> tuple[list[str], Phrases, Phrases, Phrases]:
        """The normaliser as plain data, its synonyms already stemmed (for the knowledge cache)."""
        return sorted(self.stopwords), self._phrases, self._exact, self._places

    @classmethod
    def from_plain(cls, data: Sequence[Any]) -> Normalizer:
        """The normaliser `to_plain` saved, made without stemming: loading the knowledge base from
        its cache then needs no stemmer (importing it was half of that load); a search stems its
        words when it runs. TypeError or ValueError if `data` is not that."""
        stopwords, phrases, exact, places = data
        made = cls.__new__(cls)
        made.stopwords = frozenset(stopwords)
        made._phrases, made._exact, made._places = dict(phrases), dict(exact), dict(places)
        made._derive()
        return made

    def terms(self, text: str) -> list[Term]:
        """The terms of `text` in order; a synonym phrase becomes its group's canonical term."""
        raw = words(text)
        alone = self._alone
        found: list[Term] = []
        for index, word in enumerate(raw):
            terms = alone.get(word)
            if terms is None:
                if word in self._place_starts or stem(word) in self._phrase_starts:
                    # A phrase or a place may start here: from here on, the neighbours count.
                    return found + self._scan_words(raw[index:])[0]
                terms = self._scan_words([word])[0]
                if len(alone) < _MAX_ALONE:
                    alone[word] = terms
            found += terms
        return found

    def places(self, text: str) -> tuple[str, ...]:
        """The `waar` values the place names in `text` stand for, without repeats."""
        return tuple(dict.fromkeys(waar for waar in self._scan(text)[1] if waar))

    def _scan(self, text: str) -> tuple[list[Term], list[str]]:
        return self._scan_words(words(text))

    def _scan_words(self, raw: list[str]) -> tuple[list[Term], list[str]]:
        """The terms and places of the folded words `raw`, left to right."""
        stems = [stem(word) for word in raw]
        result: list[Term] = []
        places: list[str] = []
        # Locals, not attributes: this loop runs for most texts an index reads (a common word such
        # as "en" starts a phrase), and the lookups were a fifth of its time.
        place_starts, phrase_starts, known = self._place_starts, self._phrase_starts, self._alone
        index = 0
        while index < len(raw):
            # Only a word that starts a phrase or a place name needs the longer lookups.
            starts = raw[index] in place_starts or stems[index] in phrase_starts
            alone = None if starts else known.get(raw[index])
            if alone is not None:
                result += alone
                index += 1
                continue
            longest = min(self._longest, len(raw) - index) if starts else 1
            for size in range(longest, 0, -1):
                place = self._places.get(tuple(raw[index : index + size]))
                if place is not None:
                    places.append(place)
                    index += size
                    break
                canonical = self._exact.get(tuple(raw[index : index + size])) or self._phrases.get(
                    tuple(stems[index : index + size])
                )
                if canonical is not None:
                    result.append(Term(" ".join(raw[index : index + size]), canonical))
                    index += size
                    break
            else:
                word = raw[index]
                if word not in self.stopwords and len(word) > 1 and not _YEAR.fullmatch(word):
                    result.append(Term(word, stems[index]))
                index += 1
        return result, places
