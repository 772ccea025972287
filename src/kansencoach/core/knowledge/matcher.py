"""Ranking interventions for a question or a session, with an explanation for every suggestion.

The score has four parts, kept apart so the officer can see why something is suggested:
- text: BM25 over Dutch-normalised terms, each field with its own weight (a word in the name
  counts more than a word in the approach), scaled so the best text match scores 1; a query word
  the catalogue does not know is read as the verb of a past participle (geselecteerd →
  selecteren), split into catalogue words (aanvraagformulieren → aanvraag + formulieren) or, from
  MIN_FUZZY letters, matched to a close catalogue word with rapidfuzz (typos, half-typed compounds);
- facets: how well the domain, target groups, places and perspectives of the case fit. They scale
  the text score (an entry in the right domain that shares no words with the case is no match), and
  rank on their own only when the query has no words the catalogue knows;
- related: the entries the best few matches name as related (curated by the knowledge editors)
  share in their scores, so an entry that fits the case in other words than the officer's is not
  missed; an entry named by several of them fits the case from several sides and gains from each;
- evidence: a small bonus for stronger evidence, so it breaks near-ties but never carries a match.
Results under a share of the best score are left out, and so is an entry that shares no word with
the case and is named by only one leading match: a short list rather than a padded one.
The weights are chosen on tests/data/relevance/tuning/ and tuning2/ only (benchmarks/relevance.py).
Everything is deterministic: equal scores are ordered by id.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import lru_cache, partial
from types import MappingProxyType

from kansencoach.core.dutch.compounds import split_into
from kansencoach.core.dutch.normalize import Normalizer, as_typed, participle_bases, proper_names
from kansencoach.core.knowledge.entries import Entries, Facts, Names
from kansencoach.core.knowledge.fit import FacetValues, Query, facet_fit
from kansencoach.core.knowledge.index import Index, Reading
from kansencoach.core.knowledge.shortlist import (
    RELATED_FROM,
    Shortlist,
    Standing,
    own_score,
    shortlist_of,
    text_scores,
)
from kansencoach.core.knowledge.suggestion import Suggestion, WordMatch
from kansencoach.i18n import t

FACET_GAIN = 2.0
"""A perfect facet fit multiplies the text score by 1 + FACET_GAIN."""
FACET_ONLY = 0.15
"""What a perfect facet fit scores for an entry that shares no words with the query."""
EVIDENCE_WEIGHT = 0.01
COORDINATION = 1.0
"""How much matching more of the query's words counts: the text score is multiplied by the share of
the query's words an entry holds to this power (0: not at all, 1: in proportion)."""
MEANINGFUL_SHARE = 0.5
"""A word in more than this share of the entries carries no meaning and is never named as a reason."""
FUZZY_CUTOFF = 85
MIN_FUZZY = 8
"""The shortest unknown word read as a typo of a catalogue word: a shorter one is more often a word of
its own (spelen is no typo of stapelen, gemaakt none of geraakt)."""
MIN_PREFIX = 6
BEST_IDS_KEPT = 32
"""How many queries `Matcher.best_ids` keeps the answer to."""


class Matcher:
    """An index over a knowledge base; build once, query many times."""

    def __init__(
        self, entries: Entries, names: Names, normalizer: Normalizer, index: Index | None = None
    ) -> None:
        """Index `entries` (or use `index`, built over the same entries before and cached);
        the knowledge base builds its matchers, nobody else (see KnowledgeBase.matcher)."""
        self.entries = entries
        self.normalizer = normalizer
        self._labels = names.labels
        self.index = (
            index if index is not None else Index(map(entries.fields, range(len(entries))), normalizer)
        )
        self._split_cache: dict[str, list[str]] = {}
        self._last_query: tuple[str | None, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = (
            None,
            ([], []),
        )
        self._facet_values = FacetValues(entries.facts)
        self._best_ids = lru_cache(maxsize=BEST_IDS_KEPT)(self._unexplained)
        ranks = names.ranks
        doc_of = {facts.id: doc for doc, facts in enumerate(entries.facts)}
        evidence = [EVIDENCE_WEIGHT * ranks.get(facts.evidence or "", 0) for facts in entries.facts]
        self._standing = Standing(
            evidence,
            [tuple(doc_of[key] for key in facts.related if key in doc_of) for facts in entries.facts],
            max(evidence, default=0.0),
        )

    def search(self, query: Query, limit: int = 10, exclude: Iterable[str] = ()) -> list[Suggestion]:
        """The best `limit` entries for `query`, best first, none under FLOOR of the best.

        The `exclude`d entries (those decided on) are scored and set the bar like any other, and are
        left out only after: deciding on one changes nothing else in the list, and putting the good
        ones aside does not bring up those that were too weak to show beside them.

        Only the ones returned are explained, which keeps a query over ten thousand entries fast.
        """
        if query.is_empty:
            return []
        query, terms, fuzzy, (found, own) = self._read(query, limit, exclude)

        def parts(doc: int) -> tuple[float, float, float, float]:
            return (*own(doc), found.related.get(doc, 0.0), self._standing.evidence[doc])

        return [
            self._explain(
                doc, score, parts(doc), terms, fuzzy, query, self._name_of(found.linked_by.get(doc))
            )
            for doc, score in found.top
        ]

    def best_ids(self, query: Query, limit: int, exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """The ids `search` returns, best first, for a check that needs no reasons (the review's
        evidence check). The last BEST_IDS_KEPT asked are kept: the review asks again after every
        answer, and most answers do not change what it asks."""
        if query.is_empty:
            return ()
        weights = tuple(sorted(query.perspectives.items()))
        facets = (query.domains, query.wie, query.waar, weights)
        return self._best_ids(query.text, *facets, limit, frozenset(exclude))

    def _unexplained(
        self,
        text: str,
        domains: tuple[str, ...],
        wie: tuple[str, ...],
        waar: tuple[str, ...],
        weights: tuple[tuple[str, float], ...],
        limit: int,
        exclude: frozenset[str],
    ) -> tuple[str, ...]:
        query = Query(text, domains, wie, waar, MappingProxyType(dict(weights)))
        *_, (found, _) = self._read(query, limit, exclude)
        facts = self.entries.facts
        return tuple(facts[doc].id for doc, _ in found.top)

    def _read(
        self, query: Query, limit: int, exclude: Iterable[str]
    ) -> tuple[
        Query,
        list[tuple[str, str]],
        list[tuple[str, str]],
        tuple[Shortlist, Callable[[int], tuple[float, float]]],
    ]:
        """What `search` and `best_ids` both read from a query: the query with the places its text
        names, its words as index terms, the near matches of unknown words, and its shortlist."""
        query = self._with_places(query)
        terms, fuzzy = self._query_terms(query.text)
        return query, terms, fuzzy, self.shortlist(query, [term for _, term in terms], limit, exclude)

    def shortlist(
        self, query: Query, terms: list[str], limit: int, exclude: Iterable[str] = ()
    ) -> tuple[Shortlist, Callable[[int], tuple[float, float]]]:
        """What `search` shows, unexplained, for `query` read as the index `terms` (knowledge/
        shortlist.py), and what gives an entry's text share and facet part. The entries are read
        best text first; with facets, those whose facets fit the query's are scored too, wherever
        their text stands (a facet lifts any), and an entry fitting none has no facet part."""
        excluded = set(exclude)
        facts = self.entries.facts
        skip = {doc for doc, entry in enumerate(facts) if entry.id in excluded} if excluded else set()
        reading = Reading(self.index, terms, COORDINATION, 2 * (limit + len(skip)) + RELATED_FROM)
        fitting = self._facet_values.fitting(query)
        reading.include(fitting)
        best_text = reading.best or 1.0
        evidence = self._standing.evidence

        def own(doc: int) -> tuple[float, float]:
            text = reading.scores.get(doc, 0.0) / best_text
            fit = facet_fit(facts[doc], query) if doc in fitting else 0.0
            return text, text * FACET_GAIN * fit if text else (fit if not terms else FACET_ONLY * fit)

        def scored(docs: list[int]) -> list[tuple[int, float]]:
            # An entry read fitting no facet has a text share and no facet part: all at once, in C.
            plain = [doc for doc in docs if doc not in fitting]
            found = text_scores(list(map(reading.scores.__getitem__, plain)), best_text, evidence, plain)
            parts = ((doc, own(doc)) for doc in docs if doc in fitting)
            return found + [(doc, own_score(*part, evidence[doc])) for doc, part in parts if any(part)]

        def candidates() -> Collection[int]:
            return reading.scores.keys() | fitting if fitting else reading.scores.keys()

        return shortlist_of(reading, scored, self._standing, skip, limit, candidates), own

    def _name_of(self, doc: int | None) -> str:
        return self.entries.fields(doc)["name"] if doc is not None else ""

    def _with_places(self, query: Query) -> Query:
        """The query with the places its text names as `waar` facets (Overvecht → aandachtswijken)."""
        named = [waar for waar in self.normalizer.places(query.text) if waar not in query.waar]
        if not named:
            return query
        return Query(query.text, query.domains, query.wie, (*query.waar, *named), query.perspectives)

    def _explain(
        self,
        doc: int,
        score: float,
        parts: tuple[float, float, float, float],
        terms: list[tuple[str, str]],
        fuzzy: list[tuple[str, str]],
        query: Query,
        related_to: str,
    ) -> Suggestion:
        item = self.entries.facts[doc]
        fields = self.entries.fields(doc)
        by_term = self.index.explain(fields, {term for _, term in terms})
        meaningful = MEANINGFUL_SHARE * len(self.entries)
        contributions: dict[str, dict[str, float]] = {}
        for word, term in terms:
            if term in by_term and self.index.document_frequency(term) <= max(meaningful, 1):
                contributions.setdefault(word, {})
                for name, value in by_term[term].items():
                    contributions[word][name] = contributions[word].get(name, 0.0) + value
        words = _word_matches(contributions)
        used_fuzzy = tuple(pair for pair in fuzzy if any(pair[0] == match.word for match in words))
        matched = self._matched_facets(item, query)
        text, facets, related, evidence = parts
        why = self._why(item, words, matched, used_fuzzy, related_to)
        return Suggestion(
            item.id,
            fields["name"],
            score,
            round(text, 4),
            round(facets, 4),
            round(related, 4),
            round(evidence, 4),
            words,
            matched,
            used_fuzzy,
            related_to,
            why,
            partial(self.entries.item, doc),
        )

    def _query_terms(self, text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """What `_read_query` makes of `text`, kept for the last text: `kb search` asks again for the
        words that did not count, and an unknown word's near words take a scan of the catalogue."""
        # One read of the pair: a search in a worker thread may replace it between two reads.
        last_text, last_terms = self._last_query
        if last_text == text:
            return last_terms
        terms = self._read_query(text)
        self._last_query = (text, terms)
        return terms

    def _read_query(self, text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(typed word, index term) for every query word the index knows: directly, as the verb of a
        participle, as the parts of a compound, or as a near word; and (typed word, word found) for
        each one found as a near word or as only the first part of a compound, to name in the reasons."""
        terms: list[tuple[str, str]] = []
        fuzzy: list[tuple[str, str]] = []
        seen: set[str] = set()
        for typed in self.normalizer.terms(text):
            if typed.term in seen:
                continue
            seen.add(typed.term)
            if self.index.knows(typed.term):
                terms.append((typed.word, typed.term))
                continue
            bases = participle_bases(typed.word)
            base = next(filter(None, map(self._known_term, bases)), None)
            if base is not None and base not in seen:
                terms.append((typed.word, base))
                seen.add(base)
                continue
            if any(part in self.normalizer.stopwords for part in bases):
                continue  # the participle of an empty verb (gemaakt, gekregen): no word to look for
            parts = self._split(typed.word)
            if parts:
                terms += [(typed.word, term) for term in parts if term not in seen]
                seen.update(parts)
                if len(parts) == 1:  # its first part alone (geboortegewicht): say which, not the word
                    fuzzy.append((typed.word, self._first_part(typed.word, parts[0])))
                continue
            for found_word, term in self._near(typed.word):
                if self.index.knows(term) and term not in seen:
                    terms.append((typed.word, term))
                    fuzzy.append((typed.word, found_word))
        return terms, fuzzy

    def unknown_words(self, text: str) -> tuple[str, ...]:
        """The words of `text` that count for nothing in the search, in order and once each: the
        catalogue does not know them, not even as a participle, a compound or a near word. Stopwords,
        place names, numbers and names (capitalised inside a sentence: Transvaal, Haagse) are left
        out, as they were never meant to count. `kb search` names these words, so an officer knows
        which of theirs the list rests on and the aanjaagteam where the catalogue has no words."""
        counted = {word for word, _ in self._query_terms(text)[0]}
        names, typed_as = proper_names(text), as_typed(text)
        return tuple(
            dict.fromkeys(
                typed_as.get(typed.word, typed.word)
                for typed in self.normalizer.terms(text)
                if typed.word not in counted
                and not self.index.knows(typed.term)
                and typed.word not in names
                and not any(char.isdigit() for char in typed.word)
            )
        )

    def _split(self, word: str) -> list[str]:
        """The index terms of the parts of a compound the index does not know as a whole, or []."""
        if word not in self._split_cache:
            self._split_cache[word] = split_into(word, self._known_term)
        return self._split_cache[word]

    def _first_part(self, word: str, term: str) -> str:
        """The longest start of `word` that is the index term `term` (ruimtevaart → ruimte)."""
        return next(
            (word[:cut] for cut in range(len(word) - 1, 0, -1) if self._known_term(word[:cut]) == term), word
        )

    def _known_term(self, part: str) -> str | None:
        found = self.normalizer.terms(part)
        if len(found) == 1 and self.index.knows(found[0].term):
            return found[0].term
        return None

    def _near(self, word: str) -> list[tuple[str, str]]:
        """Catalogue words close to an unknown word: a typo, or the start of a longer compound."""
        # Here, not at the top: a start from the cache builds matchers but runs no query yet.
        from rapidfuzz import fuzz, process, utils

        surface = self.index.surface
        found = (
            process.extractOne(
                word,
                surface.keys(),
                scorer=fuzz.ratio,
                processor=utils.default_process,
                score_cutoff=FUZZY_CUTOFF,
            )
            if len(word) >= MIN_FUZZY
            else None
        )
        if found is not None:
            return [(str(found[0]), surface[str(found[0])])]
        if len(word) >= MIN_PREFIX:
            longer = sorted(known for known in surface if known.startswith(word))
            return [(known, surface[known]) for known in longer[:3]]
        return []

    def _matched_facets(self, item: Facts, query: Query) -> tuple[str, ...]:
        matched: list[str] = []
        for key, wanted, have in (
            ("domains", query.domains, item.domains),
            ("wie", query.wie, item.wie),
            ("waar", query.waar, item.waar),
        ):
            matched += [self._labels.get((key, value), value) for value in wanted if value in have]
        matched += [
            t("match.perspective", id=p) for p in item.perspectives if query.perspectives.get(p, 0) > 0
        ]
        return tuple(matched)

    def _why(
        self,
        item: Facts,
        words: tuple[WordMatch, ...],
        facets: tuple[str, ...],
        fuzzy: tuple[tuple[str, str], ...],
        related_to: str,
    ) -> str:
        parts: list[str] = []
        near = dict(fuzzy)
        for word in words[:3]:
            fields = ", ".join(t(f"match.field.{name}") for name in word.fields[:2])
            shown = (
                t("match.near", typed=word.word, found=near[word.word])
                if word.word in near
                else f"‘{word.word}’"
            )
            parts.append(f"{shown} ({fields})")
        if facets:
            parts.append(", ".join(facets[:3]))
        if related_to:
            parts.append(t("match.related", name=related_to))
        if item.evidence is not None:
            level = self._labels.get(("evidence", item.evidence), item.evidence)
            parts.append(t("match.evidence", level=level))
        return t("match.why", parts="; ".join(parts))


def _word_matches(contributions: dict[str, dict[str, float]]) -> tuple[WordMatch, ...]:
    total = sum(sum(by_field.values()) for by_field in contributions.values()) or 1.0
    matches = [
        WordMatch(
            word, tuple(sorted(by_field, key=lambda name: -by_field[name])), sum(by_field.values()) / total
        )
        for word, by_field in contributions.items()
    ]
    return tuple(sorted(matches, key=lambda match: (-match.share, match.word)))
