"""What the review reads in an answer's text: quantities, SMART parts, word-list phrases, overlap.

Built on core.dutch: numbers ('tachtig procent', '650.000'), dates and rhythms ('schooljaar
2026-2027', 'elk kwartaal'), compounds ('doelgroeppeuters') and stems.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from itertools import islice

from kansencoach.core.dutch.compounds import head_in, split
from kansencoach.core.dutch.dates import find_times, names_a_date
from kansencoach.core.dutch.normalize import clause_starts, fold, stem, words
from kansencoach.core.dutch.numbers import DutchNumber, Unit, find_numbers
from kansencoach.i18n import t

_UNIT_WORDS = (
    "aantal",
    "aandeel",
    "procentpunt",
    "procentpunten",
    "punt",
    "punten",
    "keer",
    "uur",
    "uren",
    "euro",
)


_AGE_GROUP = re.compile(r"-?\s?(?:plussers?|jarigen?|minners?)\b|\+", re.IGNORECASE)
"""After a number, what makes it part of a group's name: 65-plussers, 18-jarigen, 12-minners, 50+."""
_GRADE_BEFORE = re.compile(
    r"(?:\bgroep(?:en)?|\bklas(?:sen)?|\bleerjaar|\bleerjaren|niveau|\bmbo|\btype|\bfase)\s?"
    r"(?:\w+\s?(?:tot en met|t/m|tot|en|-)\s?)?$",
    re.IGNORECASE,
)
"""Before a number, what makes it the name of a grade, level or kind: groep 8, klas 3, mbo 2,
diabetes type 2, rekenniveau 1F, and the last of a range of them: groep 5 tot en met 8, klas 1 en 2."""
_LEVEL_AFTER = re.compile(r"[A-Z]\b")
"""Right after a number, what makes it the name of a level: 1F, 2F, 1S (the reference levels)."""


_AREAS = frozenset(
    {"wijken", "wijk", "buurten", "buurt", "dorpen", "dorp", "kernen", "stadsdelen", "gebieden"}
)
"""What a number before it counts is places, not people or a measure ('in de drie wijken')."""
_SITES = frozenset({"scholen", "school", "locaties", "locatie", "vestigingen", "portieken"})
"""What a number before it counts is the places a text is about when an article or 'these' comes
first ('de vier scholen', 'deze twee locaties'); without one it may be a goal ('12 scholen bieden')."""


def quantities(text: str) -> list[DutchNumber]:
    """The numbers in `text` that count something: not years, dates or lengths of time, not the
    number in a group's or grade's name ('65-plussers', 'groep 8'), not a count of the areas a text
    is about ('in deze twee wijken'), and not the number of an item in a list ('1) als …')."""
    times = find_times(text)
    return [
        number
        for number in find_numbers(text)
        if not any(time.start <= number.start < time.end for time in times)
        and not _AGE_GROUP.match(text, number.end)
        and not _GRADE_BEFORE.search(text, 0, number.start)
        and not _LEVEL_AFTER.match(text, number.end)
        and not _counts_areas(text, number)
        and not _numbers_an_item(text, number)
    ]


def _numbers_an_item(text: str, number: DutchNumber) -> bool:
    """Whether the number marks an item of a list written in the text, '1) … 2) …': a plain whole
    number right before a ')' that closes no '(' ('(nu 62)' is a figure in brackets)."""
    plain = number.unit is Unit.NONE and number.value.is_integer()
    if not plain or text[number.end : number.end + 1] != ")":
        return False
    before = text[: number.start]
    return before.count("(") <= before.count(")")


_NEXT_WORD = re.compile(r"\s*([^\W_]+(?:-[^\W_]+)*)")


def _counts_areas(text: str, number: DutchNumber) -> bool:
    """Whether the number counts the areas or sites the text is about: the word after it, or the one
    after that when a word describes them first ('de vier ontvangende scholen')."""
    before = words(text[max(0, number.start - 12) : number.start])[-1:]
    scoped = bool(before) and before[0] in _SCOPE_WORDS
    at = number.end
    for _ in range(2):
        found = _NEXT_WORD.match(text, at)
        if found is None:
            return False
        # The last part of a hyphenated word says what it is: vmbo-scholen are scholen.
        following = fold(found.group(1)).rsplit("-", 1)[-1]
        if head_in(following, _AREAS) is not None or (scoped and head_in(following, _SITES) is not None):
            return True
        at = found.end()
    return False


def smart_gaps(text: str, group_words: Collection[str], amount_words: Collection[str] = ()) -> list[str]:
    """What a goal still lacks to be SMART-ish: a number, a unit, a target group, a date.

    `amount_words` say how much without a digit ("de helft", "verdubbelen") and carry their own unit.
    """
    gaps: list[str] = []
    counted = quantities(text)
    in_words = mentions(text, amount_words)
    if not counted and not in_words:
        gaps.append(t("review.gap.number"))
    elif not in_words and not _has_unit(text, counted, group_words):
        gaps.append(t("review.gap.unit"))
    if not names_any(text, group_words):
        gaps.append(t("review.gap.group"))
    if not names_a_date(text):
        gaps.append(t("review.gap.date"))
    return gaps


def _has_unit(text: str, counted: Sequence[DutchNumber], group_words: Collection[str]) -> bool:
    """A percentage or an amount carries its unit; a bare number needs what it counts after it."""
    if any(number.unit is not Unit.NONE for number in counted):
        return True
    if names_any(text, _UNIT_WORDS):
        return True
    for number in counted:
        following = words(text[number.end :])[:3]
        if any(head_in(word, group_words) for word in following):
            return True
    return False


def is_er_goal(text: str, er_words: Iterable[str], amount_words: Iterable[str] = ()) -> bool:
    """More, less, better … without a single quantity: a direction, not a goal."""
    return (
        bool(text) and mentions(text, er_words) and not quantities(text) and not mentions(text, amount_words)
    )


def wrong_side(
    baseline: float, target: float, goal: str, down_words: Iterable[str], falls_words: Iterable[str]
) -> str | None:
    """How a target misses the goal's direction ('equal', 'lower', 'higher'), None when it does not.

    A target above the baseline is the usual goal (more reach), unless the goal says the figure
    falls; a lower one needs the goal to say it goes down or stays under a ceiling.
    """
    if target == baseline:
        return "equal"
    if target > baseline:
        return "higher" if mentions(goal, falls_words) else None
    return None if mentions(goal, down_words) else "lower"


_CHANGE_BEFORE = re.compile(
    r"\b(?:met|(?:daling|stijging|groei|afname|toename|verbetering) van)\s*$", re.IGNORECASE
)
_CHANGE_AFTER = re.compile(r"\s*(?:minder|meer|lager|hoger|groei|stijging|daling)\b", re.IGNORECASE)
"""Around a percentage, what makes it a change rather than a share: 'met 25%', 'een daling van 25%',
'25% minder'."""


def goal_shares_missing(
    goal: str, baseline: float, target: float, amount_words: Iterable[str] = ()
) -> list[DutchNumber]:
    """The shares the goal aims at when the target field is none of the goal's own figures ('55%
    van de huishoudens' with a target of 45); empty when they agree or there is nothing to compare:
    no percentage in the goal but the baseline ('nu 62%'), one that is a change ('daalt met 25%'),
    or how much said in words ('een kwart', which is no number to compare)."""
    counted = quantities(goal)
    shares = [number for number in counted if number.unit is Unit.PERCENT and number.value != baseline]
    if not shares or mentions(goal, amount_words):
        return []
    changes = (
        _CHANGE_BEFORE.search(goal, 0, number.start) or _CHANGE_AFTER.match(goal, number.end)
        for number in shares
    )
    if any(changes):
        return []
    figures = {number.value for number in counted}
    # A target written as a fraction (0,8) is the goal's 80%.
    if target in figures or (0 < target <= 1 and round(target * 100, 6) in figures):
        return []
    return shares


def names_any(text: str, known: Collection[str]) -> bool:
    """True when a word of `text`, or the head of a compound in it, is one of `known`."""
    folded = frozenset(fold(word) for word in known)
    return any(head_in(word, folded) for word in words(text))


_NEGATIONS = frozenset({"niet", "geen", "nooit"})
# "Niet alleen ouders gesproken, ook kinderen" adds; it denies nothing.
_NOT_ONLY = frozenset({"alleen", "enkel", "slechts", "zomaar"})
_DETERMINERS = frozenset({"de", "het", "een", "ons", "onze", "hun", "zijn", "haar", "jullie", "dit", "deze"})
"""Words between a negation and what it denies that do not widen the distance."""
_SCOPE_WORDS = _DETERMINERS | {"alle"}
"""Before a count of sites, what makes it the places a text is about: de vier scholen, alle drie."""


def mentions(text: str, phrases: Iterable[str]) -> bool:
    """True when `text` contains one of the phrases: whole words, `*` at the end of a word for any
    ending, `*` as a word of its own for any one word, `**` for up to GAP_WORDS words or none.

    A one-word phrase of four letters or more also matches as the head of a compound
    ('programmamanager' mentions 'manager'). A phrase denied just before it does not count: 'niet',
    'geen' or 'nooit' right before it or one word earlier in the same clause, articles and
    possessives not counted ('we betalen het niet uit bestaande budgetten' and 'niet uit het huidige
    budget' do not mention an existing budget; 'nooit ingediend, teruggelopen' does say it falls).
    """
    text_words = words(text)
    joined = " " + " ".join(text_words) + " "
    # Most texts deny nothing: their clauses are only worked out when a negation is there.
    starts = clause_starts(text) if not _NEGATIONS.isdisjoint(text_words) else None

    def denied(index: int) -> bool:
        return starts is not None and _denied(text_words, starts[index], index)

    for phrase in phrases:
        for match in _phrase_pattern(phrase).finditer(joined):
            if not denied(joined.count(" ", 0, match.start()) - 1):
                return True
        single = words(phrase)
        if len(single) == 1 and "*" not in phrase and len(single[0]) >= 4:
            head = single[0]
            if any(
                word.endswith(head) and len(word) - len(head) >= 3 and not denied(index)
                for index, word in enumerate(text_words)
            ):
                return True
    return False


def _denied(text_words: Sequence[str], clause_start: int, index: int) -> bool:
    """True when the word at `index` follows a negation in its clause, right before it or one word
    earlier, not counting articles and possessives ('niet uit het huidige budget' denies as 'niet
    uit bestaande budgetten' does; 'nooit indienen, teruggelopen' denies nothing that falls)."""
    before = (
        place for place in range(index - 1, clause_start - 1, -1) if text_words[place] not in _DETERMINERS
    )
    return any(
        text_words[place] in _NEGATIONS
        and (place + 1 >= len(text_words) or text_words[place + 1] not in _NOT_ONLY)
        for place in islice(before, 2)
    )


def only(text: str, answers: Iterable[str], hedges: Collection[str] = ()) -> bool:
    """True when `text` says nothing but one of `answers` ('Niets.', 'N.v.t.'), words of `hedges`
    around it or not ('Eigenlijk niemand.', 'Voorlopig niets.')."""
    said = tuple(words(text))
    empty, hedged, known = _emptiness(tuple(answers), tuple(hedges))
    # Most answers hold a word of neither list: no need to take the hedges out of them.
    if not said or not known.issuperset(said):
        return False
    return said in empty or (bool(hedged) and _without(said, hedged) in empty)


@lru_cache(maxsize=64)
def _emptiness(
    answers: tuple[str, ...], hedges: tuple[str, ...]
) -> tuple[frozenset[tuple[str, ...]], tuple[tuple[str, ...], ...], frozenset[str]]:
    """For `only`, worked out once per pair of word lists: the answers' words, the hedges' words,
    and every word either has."""
    empty = frozenset(phrase for phrase in (tuple(words(answer)) for answer in answers) if phrase)
    hedged = tuple(phrase for phrase in (tuple(words(hedge)) for hedge in hedges) if phrase)
    return empty, hedged, frozenset(word for phrase in (*empty, *hedged) for word in phrase)


def _without(said: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """`said` with every occurrence of the `phrases` (word sequences) taken out."""
    kept: list[str] = []
    at = 0
    while at < len(said):
        length = next((len(phrase) for phrase in phrases if said[at : at + len(phrase)] == phrase), 0)
        if length:
            at += length
        else:
            kept.append(said[at])
            at += 1
    return tuple(kept)


GAP_WORDS = 6
"""How many words a `**` in a phrase stands for at most ("aantal ** dat ** meedoet")."""
_ANY_WORD = "[a-z0-9]+"
_ANY_ENDING = "[a-z0-9]*"
_GAP = f"(?:{_ANY_WORD} ){{0,{GAP_WORDS}}}"


@lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    parts: list[str] = []
    for token in phrase.split():
        if token == "*":  # a word of its own: any one word ("subsidie die * nu al")
            parts.append(_ANY_WORD)
            continue
        if token == "**":  # any few words, none too ("aantal ** dat meedoet")
            parts.append(_GAP)
            continue
        pieces = [re.escape(piece) for piece in words(token)]
        if pieces and token.endswith("*"):
            pieces[-1] += _ANY_ENDING
        parts += pieces
    while parts and parts[-1] == _GAP:  # a gap at the end adds nothing to a match
        parts.pop()
    # The last word of a phrase may be a compound's head, with any ending or not: "aantal
    # bijeenkomsten" also finds "aantal voorlichtingsbijeenkomsten", "bestaande budget*" also "het
    # bestaande onderhoudsbudget".
    last = parts[-1] if parts else ""
    if len(parts) > 1 and last not in (_ANY_WORD, _GAP) and len(last.removesuffix(_ANY_ENDING)) >= 4:
        parts[-1] = _ANY_ENDING + last
    # A gap holds its own spaces: it joins the words around it without one more.
    pattern = "".join(part if part == _GAP else part + " " for part in parts).rstrip(" ")
    return re.compile(r"(?<= )" + pattern + r"(?= )")


def share_a_term(
    first: str, second: str, ignore: Collection[str], empty: frozenset[str] = frozenset()
) -> bool:
    """True when the texts share a meaningful word (four letters or more, not in `ignore` nor in
    `empty`, the knowledge base's stopwords: 'zonder' and a place name say nothing measured), also as
    a part of a compound split against the other text's words ('voorschoolplekken' and 'voorschool')."""
    skipped = _skipped(tuple(ignore), empty)
    acronyms = _acronyms(first) | _acronyms(second)

    def meaningful(word: str) -> bool:
        return (len(word) >= 4 or word in acronyms) and word not in skipped

    ours = [word for word in words(first) if meaningful(word)]
    theirs = [word for word in words(second) if meaningful(word)]

    def terms(own: list[str], other: list[str]) -> set[str]:
        parts = (part for word in own for part in split(word, set(other)))
        return {stem(part) for part in parts if meaningful(part)}

    return bool(terms(ours, theirs) & terms(theirs, ours))


_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


def _acronyms(text: str) -> set[str]:
    """The words of `text` written in capitals, folded: GLI, VVE and JGZ name what is measured, though
    shorter than the four letters other words need."""
    return {fold(found) for found in _ACRONYM.findall(text)}


@lru_cache(maxsize=16)
def _skipped(ignore: tuple[str, ...], empty: frozenset[str]) -> frozenset[str]:
    """The words `share_a_term` passes over, folded once per pair of lists (after every answer the
    live review compares each indicator with the goal)."""
    return frozenset(fold(word) for word in (*ignore, *empty))


def word_count(text: str) -> int:
    return len(words(text))
