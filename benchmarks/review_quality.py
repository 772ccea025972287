"""How well the review (the Toets) does on the labelled corpus: recall, false alarms, confusion.

    python benchmarks/review_quality.py [--json]

The corpus is in tests/data/review/ (see its README): weak drafts with one planted fault each and
good drafts with none, in a tuning part, a held-out part that was never tuned on, and heldout2 to
heldout13 (three other base drafts each, written before the review was run on them, seen since). Per part:
recall (planted faults found / planted faults), false alarms (good drafts with any finding / good
drafts), and a confusion table of expected rule against the rules raised.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

import yaml

from kansencoach.core.catalog import load_kb, load_vocabulary
from kansencoach.core.common.yaml_build import LOADER
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.review import Case, RuleBook, load_rules, review
from kansencoach.core.flows.engine import Engine
from kansencoach.core.flows.loader import LoadedFlow, load_flow
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.sessions.scripted import read_script
from kansencoach.core.sessions.suggest import query_from_answers

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "review"
BASES = {
    "vve": REPO / "tests" / "data" / "voorstel-full.yaml",
    "schulden": CORPUS / "base-schulden.yaml",
    **{name: CORPUS / "heldout2" / f"base-{name}.yaml" for name in ("gezondheid", "werk", "wonen")},
    **{name: CORPUS / "heldout3" / f"base-{name}.yaml" for name in ("onderwijs", "armoede", "jeugd")},
    **{name: CORPUS / "heldout4" / f"base-{name}.yaml" for name in ("digitaal", "peuters", "cultuur")},
    **{name: CORPUS / "heldout5" / f"base-{name}.yaml" for name in ("ouderen", "taalwerk", "advies")},
    **{
        name: CORPUS / "heldout6" / f"base-{name}.yaml"
        for name in ("geldzorgen", "integratie", "zomerschool")
    },
    **{
        name: CORPUS / "heldout7" / f"base-{name}.yaml" for name in ("leefstijl", "zwemdiploma", "indicatie")
    },
    **{name: CORPUS / "heldout8" / f"base-{name}.yaml" for name in ("schimmel", "dwangbevel", "rekenen")},
    **{name: CORPUS / "heldout9" / f"base-{name}.yaml" for name in ("motoriek", "vijftigplus", "rookvrij")},
    **{
        name: CORPUS / "heldout10" / f"base-{name}.yaml"
        for name in ("rekentutor", "peuterplek", "huurachterstand")
    },
    **{name: CORPUS / "heldout11" / f"base-{name}.yaml" for name in ("taalklas", "hitte", "jobcarving")},
    **{name: CORPUS / "heldout12" / f"base-{name}.yaml" for name in ("screening", "vervoer", "voorlezen")},
    **{name: CORPUS / "heldout13" / f"base-{name}.yaml" for name in ("tolkbrug", "mondzorg", "meesporten")},
}
PARTS = (
    "tuning",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
)


@dataclass(frozen=True)
class CorpusCase:
    """One labelled draft: where it comes from, what it changes and which rules it must raise."""

    part: str
    kind: str
    name: str
    base: str
    expect: frozenset[str]
    answers: dict[str, Any] = field(hash=False)
    accept: tuple[str, ...] | None = None


def corpus_cases() -> list[CorpusCase]:
    """Every case of the corpus, tuning part first."""
    cases: list[CorpusCase] = []
    for part in PARTS:
        for kind in ("weak", "good"):
            data = yaml.safe_load((CORPUS / part / f"{kind}.yaml").read_text(encoding="utf-8"))
            for raw in data["cases"]:
                accept = raw.get("accept")
                cases.append(
                    CorpusCase(
                        part,
                        kind,
                        raw["name"],
                        raw["base"],
                        frozenset(raw.get("expect") or ()),
                        raw.get("answers") or {},
                        None if accept is None else tuple(accept),
                    )
                )
    return cases


def voorstel() -> LoadedFlow:
    return load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary())


# The C dumper where PyYAML has one (the C loader is yaml_build.LOADER): the corpus's 900 cases
# each write an answers file, which in pure Python took much of the corpus test's time.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@cache
def base_draft(name: str) -> dict[str, Any]:
    """A base draft's data, read once: every case of a part starts from one of three."""
    data: dict[str, Any] = yaml.load(BASES[name].read_text(encoding="utf-8"), Loader=LOADER)
    return data


def review_case(corpus_case: CorpusCase, loaded: LoadedFlow, knowledge: KnowledgeBase) -> Case:
    """The review's view of a corpus case: its base draft with the case's answers changed."""
    base = base_draft(corpus_case.base)
    answers = {**base["answers"], **corpus_case.answers}
    answers = {key: value for key, value in answers.items() if value is not None}
    accepted = list(corpus_case.accept if corpus_case.accept is not None else base.get("accept") or [])
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "answers.yaml"
        script_text = yaml.dump(
            {"title": base["title"], "answers": answers}, Dumper=_DUMPER, allow_unicode=True
        )
        path.write_text(script_text, encoding="utf-8")
        script = read_script(path, loaded, knowledge.by_id.keys())
    route = Engine(loaded.flow.steps).route(script.answers)
    on_route = {key: value for key, value in script.answers.items() if key in route.answered_ids}
    draft = build_draft(loaded.flow, script.answers, script.title or "", route, knowledge.accepted(accepted))
    return Case.from_draft(draft, accepted, knowledge, query_from_answers(loaded.flow.steps, on_route), route)


def raised(
    rules: RuleBook, corpus_case: CorpusCase, loaded: LoadedFlow, knowledge: KnowledgeBase
) -> set[str]:
    return {finding.rule_id for finding in review(rules, review_case(corpus_case, loaded, knowledge))}


def measure(
    rules: RuleBook, raised_by: Callable[[CorpusCase], set[str]] | None = None
) -> dict[str, dict[str, Any]]:
    """Per part: recall, false-alarm rate, the confusion counts and the cases that went wrong.
    `raised_by` gives the rules a case raises, when the caller has reviewed the cases already (the
    tests review each case for its own test)."""
    loaded, knowledge, cases = voorstel(), load_kb(), corpus_cases()
    if raised_by is None:
        raised_by = partial(raised, rules, loaded=loaded, knowledge=knowledge)
    report: dict[str, dict[str, Any]] = {}
    for part in PARTS:
        planted = found = good = alarmed = 0
        confusion: Counter[tuple[str, str]] = Counter()
        wrong: list[str] = []
        for corpus_case in (c for c in cases if c.part == part):
            got = raised_by(corpus_case)
            if corpus_case.kind == "good":
                good += 1
                alarmed += bool(got)
                for rule_id in got:
                    confusion[("(geen)", rule_id)] += 1
            else:
                planted += len(corpus_case.expect)
                found += len(corpus_case.expect & got)
                for expected in corpus_case.expect:
                    for rule_id in sorted(got) or ["(niets)"]:
                        confusion[(expected, rule_id)] += 1
            if got != corpus_case.expect:
                wrong.append(
                    f"{corpus_case.name}: verwacht {sorted(corpus_case.expect)}, kreeg {sorted(got)}"
                )
        report[part] = {
            "recall": found / planted if planted else 1.0,
            "false_alarm_rate": alarmed / good if good else 0.0,
            "weak_cases": sum(1 for c in cases if c.part == part and c.kind == "weak"),
            "good_cases": good,
            "false_alarms": alarmed,
            "confusion": {
                f"{expected} -> {got}": count for (expected, got), count in sorted(confusion.items())
            },
            "wrong": wrong,
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    report = measure(load_rules(REPO / "knowledge" / "review.yaml"))
    if arguments.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    for part, figures in report.items():
        print(
            f"{part}: recall {figures['recall']:.2f} over {figures['weak_cases']} weak drafts, "
            f"false alarms {figures['false_alarms']} of {figures['good_cases']} good drafts "
            f"({figures['false_alarm_rate']:.2f})"
        )
        width = max((len(key) for key in figures["confusion"]), default=0)
        for key, count in figures["confusion"].items():
            marker = "" if key.split(" -> ")[0] == key.split(" -> ")[1] else "  <-"
            print(f"  {key:<{width}}  {count}{marker}")
        for line in figures["wrong"]:
            print(f"  fout: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
