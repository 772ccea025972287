"""How well the suggestions fit realistic officer cases: precision@5, nDCG@5 and avoid-hits.

    python benchmarks/relevance.py [--json] [--cases]

`--cases` lists the tuning cases one by one; the held-out sets are only ever printed as totals, so
nobody tunes on them by reading their misses.

The cases live in tests/data/relevance/ (see its README): `tuning/`, `tuning2/` and `tuning3/`
(the last two strictly labelled; `tuning3/` was held out as heldout5 until its first run was
recorded) may be used to choose the matcher's weights, together as `tuning-all`; `heldout/`,
`heldout2/`, `heldout3/`, `heldout4/`, `heldout6/`, `heldout7/` and `heldout8/` were written before
the matcher was changed and must not be tuned on. All are reported side by side, and the held-out batches
together as `heldout-all`; a gap of more than 0.05 between tuning and held-out means the matcher fits
its tuning set.

Per case, `expected` ids must be in the top 5 (grade 2 for nDCG), `relevant` ids are good
suggestions too (grade 1), `avoid` ids must never be in the top 5.

Precision@5 counts the good suggestions shown against the slots that should hold one: the shown
list (at most 5), or as many slots as the case has good suggestions (at most 5) when the matcher
shows fewer. A list cut short by the relevance floor therefore loses nothing when the case has no
more good suggestions to give (2 good of 2 shown, with 2 good in all, is 1.0), and is a miss for
every good suggestion it left out (2 good of 2 shown, with 8 good in all, is 0.4); padding a list
with unrelated entries is a miss too. `per-shown` is the share of the shown suggestions that are
good (which a very short list would game), `strict` divides by 5 whatever the case.

Two columns say what a relevance floor could do, so nobody tunes one for a figure it cannot reach:
`best-cut` is the precision@5 if every shown list were cut where it scores best (a perfect floor on
the ranking as it is), `full-5` the best a list of 5 can score with these labels (every good
suggestion first, then padding): with strict labels (few good suggestions per case) it is far under
1, and only a floor gets past it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from kansencoach.core.catalog import load_kb
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.fit import Query

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "relevance"
SETS: dict[str, tuple[str, ...]] = {
    "tuning": ("tuning",),
    "tuning2": ("tuning2",),
    "tuning3": ("tuning3",),
    "tuning-all": ("tuning", "tuning2", "tuning3"),
    "heldout": ("heldout",),
    "heldout2": ("heldout2",),
    "heldout3": ("heldout3",),
    "heldout4": ("heldout4",),
    "heldout6": ("heldout6",),
    "heldout7": ("heldout7",),
    "heldout8": ("heldout8",),
    "heldout-all": ("heldout", "heldout2", "heldout3", "heldout4", "heldout6", "heldout7", "heldout8"),
}
"""Each reported set and the case folders it is made of."""
TUNING = "tuning-all"
"""The cases that may be tuned on, listed one by one with `--cases`."""
HELD_OUT = ("heldout", "heldout-all")
"""The sets whose gap to TUNING is checked."""
K = 5


@dataclass(frozen=True)
class Case:
    """One officer case: what they typed and chose, and which suggestions fit."""

    name: str
    domain: str
    query: Query
    expected: tuple[str, ...]
    relevant: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    shown: tuple[str, ...]

    @property
    def good(self) -> set[str]:
        return set(self.case.expected) | set(self.case.relevant)

    @property
    def hits(self) -> int:
        return sum(1 for key in self.shown if key in self.good)

    @property
    def precision(self) -> float:
        slots = min(K, max(len(self.shown), len(self.good)))
        return self.hits / slots if slots else 1.0

    @property
    def shown_precision(self) -> float:
        return self.hits / len(self.shown) if self.shown else 0.0

    @property
    def strict_precision(self) -> float:
        return self.hits / K

    @property
    def best_cut(self) -> float:
        """The precision of the shown list cut where it scores best: what a perfect floor would give."""
        cuts = [Outcome(self.case, self.shown[:end]) for end in range(1, len(self.shown) + 1)]
        return max((cut.precision for cut in cuts), default=self.precision)

    @property
    def full_list_ceiling(self) -> float:
        """The best precision a list of K can have: every good suggestion first, then padding."""
        return min(K, len(self.good)) / K if self.good else 1.0

    @property
    def ndcg(self) -> float:
        grades = {key: 1.0 for key in self.case.relevant} | {key: 2.0 for key in self.case.expected}
        gained = sum(grades.get(key, 0.0) / math.log2(rank + 2) for rank, key in enumerate(self.shown))
        ideal = sorted(grades.values(), reverse=True)[:K]
        best = sum(grade / math.log2(rank + 2) for rank, grade in enumerate(ideal))
        return gained / best if best else 1.0

    @property
    def avoid_hits(self) -> tuple[str, ...]:
        return tuple(key for key in self.shown if key in self.case.avoid)

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(key for key in self.case.expected if key not in self.shown)


@dataclass(frozen=True)
class Summary:
    name: str
    cases: int
    precision: float
    shown_precision: float
    strict_precision: float
    ndcg: float
    avoid_hits: int
    expected_missed: int
    shown: float
    best_cut: float
    full_list_ceiling: float


def load_cases(which: str) -> list[Case]:
    """The cases of one set (a key of SETS), folder by folder in file order."""
    cases = []
    paths = [path for folder in SETS[which] for path in sorted((CASES_DIR / folder).glob("*.yaml"))]
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        facets = data["facets"]
        query = Query(
            str(data["query"]),
            tuple(facets.get("domain", [])),
            tuple(facets.get("wie", [])),
            tuple(facets.get("waar", [])),
            {key: 1.0 for key in facets.get("perspective", [])},
        )
        cases.append(
            Case(
                path.stem,
                str(data["domain"]),
                query,
                tuple(data["expected"]),
                tuple(data.get("relevant", [])),
                tuple(data.get("avoid", [])),
            )
        )
    return cases


def evaluate(cases: list[Case], knowledge: KnowledgeBase) -> list[Outcome]:
    """The top 5 the matcher shows for every case."""
    return [
        Outcome(case, tuple(result.id for result in knowledge.matcher.search(case.query, limit=K)))
        for case in cases
    ]


def summarise(name: str, outcomes: list[Outcome]) -> Summary:
    count = len(outcomes) or 1
    return Summary(
        name,
        len(outcomes),
        round(sum(outcome.precision for outcome in outcomes) / count, 3),
        round(sum(outcome.shown_precision for outcome in outcomes) / count, 3),
        round(sum(outcome.strict_precision for outcome in outcomes) / count, 3),
        round(sum(outcome.ndcg for outcome in outcomes) / count, 3),
        sum(len(outcome.avoid_hits) for outcome in outcomes),
        sum(len(outcome.missed) for outcome in outcomes),
        round(sum(len(outcome.shown) for outcome in outcomes) / count, 2),
        round(sum(outcome.best_cut for outcome in outcomes) / count, 3),
        round(sum(outcome.full_list_ceiling for outcome in outcomes) / count, 3),
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--cases",
        action="store_true",
        help="one line per tuning case as well (held-out cases are reported only as totals)",
    )
    arguments = parser.parse_args()
    knowledge = load_kb()
    results = {which: evaluate(load_cases(which), knowledge) for which in SETS}
    summaries = {which: summarise(which, outcomes) for which, outcomes in results.items()}
    if arguments.json:
        print(json.dumps([asdict(summary) for summary in summaries.values()], indent=2))
        return 0
    if arguments.cases:
        for outcome in results[TUNING]:
            flags = f" AVOID {list(outcome.avoid_hits)}" if outcome.avoid_hits else ""
            flags += f" MISSED {list(outcome.missed)}" if outcome.missed else ""
            print(
                f"{outcome.case.name:<28} p@5 {outcome.precision:.2f} "
                f"ndcg {outcome.ndcg:.2f} {list(outcome.shown)}{flags}"
            )
    header = (
        "set",
        "cases",
        "p@5",
        "per-shown",
        "strict",
        "nDCG@5",
        "avoid",
        "missed",
        "shown",
        "best-cut",
        "full-5",
    )
    print(f"{header[0]:<12} " + " ".join(f"{title:>9}" for title in header[1:]))
    for summary in summaries.values():
        print(
            f"{summary.name:<12} {summary.cases:>9} {summary.precision:>9.3f} "
            f"{summary.shown_precision:>9.3f} {summary.strict_precision:>9.3f} {summary.ndcg:>9.3f} "
            f"{summary.avoid_hits:>9} {summary.expected_missed:>9} {summary.shown:>9.2f} "
            f"{summary.best_cut:>9.3f} {summary.full_list_ceiling:>9.3f}"
        )
    for which in HELD_OUT:
        gap = summaries[TUNING].precision - summaries[which].precision
        finding = "  FINDING: over 0.05" if gap > 0.05 else ""
        print(f"gap in p@5 ({TUNING} − {which}): {gap:+.3f}{finding}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
