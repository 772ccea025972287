"""How well the suggestions fit realistic officer cases: precision@5, nDCG@5 and avoid-hits.

    python benchmarks/relevance.py [--json] [--cases]

The cases live in tests/data/relevance/: `tuning/` may be used to choose the matcher's weights,
`heldout/` was written before the matcher was changed and must not be tuned on. Both are reported
side by side; a gap of more than 0.05 between them means the matcher fits its tuning set.

Per case, `expected` ids must be in the top 5 (grade 2 for nDCG), `relevant` ids are good
suggestions too (grade 1), `avoid` ids must never be in the top 5. Precision@5 is the share of the
shown suggestions (at most 5) that are good: the matcher may show fewer rather than pad the list.
`strict` divides by 5 whatever is shown, so a short list is visible in the figures too.
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
from kansencoach.core.knowledge.matcher import Query

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "relevance"
SETS = ("tuning", "heldout")
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
        return self.hits / len(self.shown) if self.shown else 0.0

    @property
    def strict_precision(self) -> float:
        return self.hits / K

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
    strict_precision: float
    ndcg: float
    avoid_hits: int
    expected_missed: int
    shown: float


def load_cases(which: str) -> list[Case]:
    """The cases of one set (`tuning` or `heldout`), in file order."""
    cases = []
    for path in sorted((CASES_DIR / which).glob("*.yaml")):
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
        Outcome(case, tuple(result.item.id for result in knowledge.matcher.search(case.query, limit=K)))
        for case in cases
    ]


def summarise(name: str, outcomes: list[Outcome]) -> Summary:
    count = len(outcomes) or 1
    return Summary(
        name,
        len(outcomes),
        round(sum(outcome.precision for outcome in outcomes) / count, 3),
        round(sum(outcome.strict_precision for outcome in outcomes) / count, 3),
        round(sum(outcome.ndcg for outcome in outcomes) / count, 3),
        sum(len(outcome.avoid_hits) for outcome in outcomes),
        sum(len(outcome.missed) for outcome in outcomes),
        round(sum(len(outcome.shown) for outcome in outcomes) / count, 2),
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--cases", action="store_true", help="one line per case as well")
    arguments = parser.parse_args()
    knowledge = load_kb()
    results = {which: evaluate(load_cases(which), knowledge) for which in SETS}
    summaries = [summarise(which, outcomes) for which, outcomes in results.items()]
    if arguments.json:
        print(json.dumps([asdict(summary) for summary in summaries], indent=2))
        return 0
    if arguments.cases:
        for which, outcomes in results.items():
            for outcome in outcomes:
                flags = f" AVOID {list(outcome.avoid_hits)}" if outcome.avoid_hits else ""
                flags += f" MISSED {list(outcome.missed)}" if outcome.missed else ""
                print(
                    f"{which:<8} {outcome.case.name:<28} p@5 {outcome.precision:.2f} "
                    f"ndcg {outcome.ndcg:.2f} {list(outcome.shown)}{flags}"
                )
    header = ("set", "cases", "p@5", "strict", "nDCG@5", "avoid", "missed", "shown")
    print(f"{header[0]:<8} " + " ".join(f"{title:>6}" for title in header[1:]))
    for summary in summaries:
        print(
            f"{summary.name:<8} {summary.cases:>6} {summary.precision:>6.3f} "
            f"{summary.strict_precision:>6.3f} {summary.ndcg:>6.3f} {summary.avoid_hits:>6} "
            f"{summary.expected_missed:>6} {summary.shown:>6.2f}"
        )
    tuning, heldout = summaries
    gap = tuning.precision - heldout.precision
    print(f"gap in p@5 (tuning − heldout): {gap:+.3f}" + ("  FINDING: over 0.05" if gap > 0.05 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
