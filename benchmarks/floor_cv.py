"""Would a relevance floor that looks at more than the score cut the suggestion lists where the good
ones end? Rule families chosen by cross-validation over the tuning cases only (issue 13).

    python benchmarks/floor_cv.py

Only `tuning-all` (tuning/ and tuning2/) is read: the held-out sets are never run here. For every
case the matcher's list of 10 is taken as it ships, and a rule decides for each candidate after
the first whether it is shown, from features that carry over to unseen cases (each a share, so no
figure depends on the size of a score):

- `rel`: its score over the best score;
- `linked`: its related share over the best score (a link from the best match alone gives about 0.2);
- `named`: whether the best match names it as related;
- `own`: the share of the query's IDF it matches in its own text (the facets' labels left out);
- `rarest`: the IDF of the rarest query word it matches in its own text over that of the query's
  rarest word the index knows (1: it holds the most meaning-carrying word of the case).

A rule either passes over a dropped candidate (`filter`: the next one moves up) or ends the list
there (`cut`). Each family's thresholds are chosen on the training cases of every fold (best p@5,
then nDCG@5, never an avoid-hit; on a tie the first in the grid, which drops nothing) and scored
on the others: 5-fold (stratified by set, 10 shuffles, averaged) and leave-one-out. `every family`
chooses the family as well, per fold: what the whole search is worth on cases it did not see.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from statistics import mean

from relevance import SETS, TUNING, Case, K, Outcome, load_cases

from kansencoach.core.catalog import load_kb
from kansencoach.core.knowledge.matcher import Matcher

DEPTH = 10
"""How many of the matcher's list a filter may move up into the 5 shown."""
SHUFFLES = 10
FOLDS = 5

Features = dict[str, float]
Rule = Callable[[Features], bool]
"""Whether a candidate after the first is dropped."""


@dataclass(frozen=True)
class Candidates:
    case: Case
    ids: tuple[str, ...]
    features: tuple[Features, ...]


def candidates(matcher: Matcher, case: Case) -> Candidates:
    """The matcher's list of DEPTH for `case`, each entry with its features."""
    query = matcher._with_places(case.query)
    terms = sorted({term for _, term in matcher._query_terms(query.text)[0]})
    size = len(matcher.entries)
    idf = {term: _idf(size, matcher.index.document_frequency(term)) for term in terms}
    total, rarest = sum(idf.values()) or 1.0, max(idf.values(), default=1.0)
    found = matcher.search(case.query, limit=DEPTH)
    doc_of = {facts.id: doc for doc, facts in enumerate(matcher.entries.facts)}
    best = found[0].score if found else 1.0
    rows = []
    for suggestion in found:
        fields = matcher.entries.fields(doc_of[suggestion.id])
        by_term = matcher.index.explain(fields, terms)
        own = [term for term, by_field in by_term.items() if set(by_field) - {"tags"}]
        rows.append(
            {
                "rel": suggestion.score / best,
                "linked": suggestion.related / best,
                "named": float(suggestion.related_to == found[0].name),
                "own": sum(map(idf.__getitem__, own)) / total,
                "rarest": max(map(idf.__getitem__, own), default=0.0) / rarest,
            }
        )
    return Candidates(case, tuple(suggestion.id for suggestion in found), tuple(rows))


def _idf(size: int, frequency: int) -> float:
    """Lucene's IDF, as the index weighs a term."""
    return math.log(1 + (size - frequency + 0.5) / (frequency + 0.5))


def shown(found: Candidates, drop: Rule, cut: bool) -> tuple[str, ...]:
    """The list of K the rule leaves: the best always, then every candidate it does not drop."""
    kept: list[str] = []
    for position, (key, features) in enumerate(zip(found.ids, found.features, strict=True)):
        if position and drop(features):
            if cut:
                break
            continue
        kept.append(key)
        if len(kept) == K:
            break
    return tuple(kept)


@dataclass(frozen=True)
class Family:
    name: str
    rule: Callable[..., bool]
    grid: Sequence[tuple[float, ...]]
    """Parameters; the first drops nothing (on a tie the first in the grid is chosen)."""


def _steps(low: float, high: float, step: float) -> list[float]:
    return [round(low + step * n, 3) for n in range(round((high - low) / step) + 1)]


FAMILIES = (
    Family("rel < a", lambda f, a: f["rel"] < a, [(a,) for a in _steps(0.0, 0.5, 0.02)]),
    Family(
        "rel < a and own < b",
        lambda f, a, b: f["rel"] < a and f["own"] < b,
        [(a, b) for a in _steps(0.0, 0.5, 0.02) for b in _steps(0.0, 0.8, 0.04)],
    ),
    Family(
        "linked < a and rarest < b",
        lambda f, a, b: f["linked"] < a and f["rarest"] < b,
        [(a, b) for a in _steps(0.0, 0.35, 0.01) for b in _steps(0.1, 1.0, 0.025)],
    ),
    Family(
        "not named and rarest < b",
        lambda f, b: not f["named"] and f["rarest"] < b,
        [(b,) for b in _steps(0.0, 1.0, 0.025)],
    ),
    Family(
        "not named and own < b",
        lambda f, b: not f["named"] and f["own"] < b,
        [(b,) for b in _steps(0.0, 1.0, 0.025)],
    ),
)


@dataclass(frozen=True)
class Scores:
    """Per rule (a family's parameters in grid order), per case: p@5, nDCG@5, avoid-hits."""

    precision: list[list[float]]
    ndcg: list[list[float]]
    avoid: list[list[int]]

    def choose(self, held: Sequence[int]) -> int:
        """The rule best on the cases not `held` out: p@5, then nDCG@5, none with an avoid-hit;
        the first on a tie (totals over every case less the held-out ones: the same order as means)."""

        def key(rule: int) -> tuple[bool, float, float, int]:
            precision, ndcg, avoid = self.precision[rule], self.ndcg[rule], self.avoid[rule]
            return (
                sum(avoid) == sum(avoid[case] for case in held),
                round(sum(precision) - sum(precision[case] for case in held), 9),
                round(sum(ndcg) - sum(ndcg[case] for case in held), 9),
                -rule,
            )

        return max(range(len(self.precision)), key=key)


def _with(rule: Callable[..., bool], params: tuple[float, ...], features: Features) -> bool:
    return rule(features, *params)


def scores(found: Sequence[Candidates], rules: Sequence[Rule], cut: bool) -> Scores:
    outcomes = [[Outcome(each.case, shown(each, rule, cut)) for each in found] for rule in rules]
    return Scores(
        [[outcome.precision for outcome in row] for row in outcomes],
        [[outcome.ndcg for outcome in row] for row in outcomes],
        [[len(outcome.avoid_hits) for outcome in row] for row in outcomes],
    )


def folds(found: Sequence[Candidates], sets: Sequence[str], seed: int | None) -> list[list[int]]:
    """Leave-one-out (`seed` None), or FOLDS folds with each set spread evenly over them."""
    if seed is None:
        return [[case] for case in range(len(found))]
    shuffle = random.Random(seed)
    parts: list[list[int]] = [[] for _ in range(FOLDS)]
    for which in sorted(set(sets)):
        members = [case for case, name in enumerate(sets) if name == which]
        shuffle.shuffle(members)
        for number, case in enumerate(members):
            parts[number % FOLDS].append(case)
    return parts


def cross_validated(table: Scores, splits: list[list[list[int]]]) -> tuple[float, float, dict[int, int]]:
    """Mean p@5 and nDCG@5 on the cases left out, over every split; how often each rule was chosen."""
    precision: list[float] = []
    ndcg: list[float] = []
    chosen: dict[int, int] = {}
    for split in splits:
        for fold in split:
            rule = table.choose(fold)
            chosen[rule] = chosen.get(rule, 0) + 1
            precision += [table.precision[rule][case] for case in fold]
            ndcg += [table.ndcg[rule][case] for case in fold]
    return mean(precision), mean(ndcg), chosen


def main() -> int:
    by_set = {which: load_cases(which) for which in SETS[TUNING]}
    cases = [case for members in by_set.values() for case in members]
    sets = [which for which, members in by_set.items() for _ in members]
    matcher = load_kb().matcher
    found = [candidates(matcher, case) for case in cases]
    splits = {
        "5-fold": [folds(found, sets, seed) for seed in range(SHUFFLES)],
        "loo": [folds(found, sets, None)],
    }
    no_floor = scores(found, [lambda features: False], cut=False)
    print(f"{TUNING}, {len(cases)} cases; the matcher as it ships:")
    print(f"  p@5 {mean(no_floor.precision[0]):.3f}  nDCG@5 {mean(no_floor.ndcg[0]):.3f}")
    print(f"{'family':<28} {'mode':<6} {'in-sample (thresholds) p@5 / nDCG':<44} {'5-fold':>13} {'loo':>13}")
    every: dict[str, Scores] = {}
    for family in FAMILIES:
        for cut in (False, True):
            rules = [partial(_with, family.rule, params) for params in family.grid]
            table = scores(found, rules, cut)
            every[f"{family.name} {cut}"] = table
            best = table.choose(())
            inside = f"{family.grid[best]} {mean(table.precision[best]):.3f} / {mean(table.ndcg[best]):.3f}"
            figures = [cross_validated(table, split)[:2] for split in splits.values()]
            print(
                f"{family.name:<28} {'cut' if cut else 'filter':<6} {inside:<44} "
                + " ".join(f"{p:.3f} / {n:.3f}" for p, n in figures)
            )
    together = Scores(
        [row for table in every.values() for row in table.precision],
        [row for table in every.values() for row in table.ndcg],
        [row for table in every.values() for row in table.avoid],
    )
    figures = [cross_validated(together, split)[:2] for split in splits.values()]
    print(f"{'every family':<28} {'both':<6} {'':<44} " + " ".join(f"{p:.3f} / {n:.3f}" for p, n in figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
