"""Knowledge bases of 100 to 10,000 interventions: ranking against bm25s and rank-bm25, `kb search` as a
user runs it, and how index and query grow per 10×.

Baselines, all measured in the same run on the same data:
- ranking: bm25s and rank-bm25 (`pip install -e '.[bench]'`) over the very tokens our normaliser makes
  (all fields joined: they have no field weights), top 10 for the same queries. What each side's time
  includes: the query's tokens, already normalised (tokenising is timed on neither side), to the ten
  best entries with their scores, best first. Ours: what `kb search` ranks with, `Matcher.shortlist`
  (BM25 with field weights and coordination, read best first through `ranking.Ranker` until no entry
  left unread can change the list, then evidence, related links and floors; exactly the list of
  scoring every entry, unexplained). bm25s: its
  `retrieve(k=10, n_threads=0)` on an index built beforehand (untimed), with its default numpy
  backend (its numba backend needs numba, not installed here), tokens to ids included, sorted top k,
  with numpy 1 (the bench extra keeps numpy under 2: numpy 2's `argpartition`, which bm25s picks
  its top k with, is some 65x slower on the mostly-zero scores of a query, 1.3 ms against 20 us);
  rank-bm25: `get_top_n(n=10)`, which scores every entry in Python and numpy. The generated entries
  are made from 40 words and repeat every 40 numbers, so hundreds of them have the very same text and
  tie; the `varied` rows rank the same way, for the same queries, over entries whose texts are drawn
  word by word from the shipped knowledge base's texts (`varied_knowledge`: no two alike, each word
  as frequent as there, the shipped synonyms and stopwords), beside those rows, not instead of them;
- `kb search`, first run: reading the same YAML files with PyYAML's CSafeLoader; warm: `python -c
  "import yaml"`; peak memory: the resident peak of the `kb search` process itself, warm and on a
  first run (no cache). The `kb search` times and their baselines are taken in turn, round by round,
  the processes keeping Python's bytecode caches as an installed kansencoach has them (see
  flow_validation.py).
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import startup
import yaml

from kansencoach.core.catalog import load_kb, load_vocabulary
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.fit import Query
from kansencoach.core.knowledge.models import Intervention, Perspective, PerspectiveFit, SourceRef

PERSPECTIVES: tuple[Perspective, ...] = ("A", "B", "C")

QUERIES = [
    "schulden bij jongeren in de wijk",
    "taal en lezen voor peuters",
    "bijles rekenen",
    "gezondheid ouders",
    "vroegsignalering huisbezoek",
    "sport bewegen buurt",
    "inburgering werk",
    "armoede inkomen",
]
WORDS = [
    "taal",
    "lezen",
    "rekenen",
    "schulden",
    "armoede",
    "gezondheid",
    "bewegen",
    "sport",
    "ouders",
    "peuters",
    "jongeren",
    "wijk",
    "school",
    "voorschool",
    "bijles",
    "inkomen",
    "werk",
    "inburgering",
    "buurt",
    "zorg",
    "huisbezoek",
    "vroegsignalering",
    "spreekuur",
    "overgewicht",
    "laaggeletterdheid",
    "bibliotheek",
    "werkgevers",
    "stage",
    "vrijwilligers",
    "mentor",
    "cultuur",
    "muziek",
    "zwangerschap",
    "kraamzorg",
    "consultatiebureau",
    "loket",
    "formulieren",
    "toeslagen",
    "huurachterstand",
    "energie",
]


def median_time(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    ours: Callable[[], object], baseline: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """The median times of `ours` and `baseline`, run in turn: on a machine shared with other work,
    each round's pair meets the same load, where two runs of rounds one after the other may not."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for action, found in zip((ours, baseline), times, strict=True):
            start = time.perf_counter()
            action()
            found.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def intervention_data(number: int, domains: list[str], groups: list[str]) -> dict[str, object]:
    """One generated intervention as plain data: Dutch-like texts drawn from WORDS."""
    pick = [WORDS[(number * step + step) % len(WORDS)] for step in (1, 3, 7, 11, 13, 17)]
    return {
        "id": f"i{number}",
        "name": f"Aanpak {pick[0]} en {pick[1]} {number}",
        "summary": f"Een aanpak voor {pick[2]} met {pick[3]} in de {pick[4]}.",
        "problem": f"Verschil in {pick[1]} en {pick[5]} tussen wijken.",
        "approach": f"Extra {pick[0]} voor {pick[2]}, samen met {pick[4]}.",
        "target_group": f"Mensen met {pick[3]}",
        "domains": [domains[number % len(domains)]],
        "wie": [groups[number % len(groups)]],
        "perspectives": [{"perspective": "ABC"[number % 3], "why": "omdat"}],
        "evidence": {"level": "onbekend"},
        "keywords": pick[:4],
        "sources": [{"document": "test", "url": "https://example.org/bron"}],
    }


def varied_data(
    number: int, topics: list[list[str]], domains: list[str], groups: list[str]
) -> dict[str, object]:
    """One intervention of the `varied` rows: `intervention_data` with texts drawn at random (seeded
    by `number`), four words in five from the words of one shipped intervention (its topic), the
    fifth from any: no two entries alike, and, as in a real catalogue, each about one thing."""
    pick = random.Random(number)
    topic = pick.choice(topics)

    def word() -> str:
        return pick.choice(topic if pick.random() < 0.8 else pick.choice(topics))

    def text(fewest: int, most: int) -> str:
        return " ".join(word() for _ in range(pick.randint(fewest, most)))

    return {
        **intervention_data(number, domains, groups),
        "name": text(3, 6),
        "summary": text(12, 25),
        "problem": text(10, 20),
        "approach": text(15, 30),
        "target_group": text(3, 8),
        "keywords": [text(1, 2) for _ in range(pick.randint(3, 6))],
        "signals": [text(5, 10) for _ in range(3)],
    }


def generated_knowledge(count: int) -> KnowledgeBase:
    """`count` generated interventions over the real vocabulary (synonyms and stopwords aside)."""
    vocabulary = load_vocabulary()
    domains = [term.id for term in vocabulary.domains]
    groups = [term.id for term in vocabulary.wie]
    items = []
    for number in range(count):
        data = intervention_data(number, domains, groups)
        data["perspectives"] = [PerspectiveFit(perspective=PERSPECTIVES[number % 3], why="omdat")]
        data["sources"] = [SourceRef(document="test")]
        items.append(Intervention.model_validate(data))
    return KnowledgeBase(vocabulary, tuple(items))


def varied_knowledge(count: int) -> KnowledgeBase:
    """`count` interventions of `varied_data`, with the shipped base's synonyms, stopwords and
    places, every evidence level and a few related links each."""
    shipped = load_kb()
    vocabulary = shipped.vocabulary
    domains = [term.id for term in vocabulary.domains]
    groups = [term.id for term in vocabulary.wie]
    levels = [term.id for term in vocabulary.evidence]
    topics = [  # each shipped intervention's words, repeats kept: drawn as often as they are there
        f"{item.name} {item.summary} {item.problem} {item.approach} {item.target_group}".split()
        + " ".join([*item.keywords, *item.signals]).split()
        for item in shipped.interventions
    ]
    items = []
    for number in range(count):
        data = varied_data(number, topics, domains, groups)
        data["perspectives"] = [PerspectiveFit(perspective=PERSPECTIVES[number % 3], why="omdat")]
        data["sources"] = [SourceRef(document="test")]
        data["evidence"] = {"level": levels[number % len(levels)]}
        data["related"] = [f"i{(number * 7 + step) % count}" for step in range(number % 4)]
        items.append(Intervention.model_validate(data))
    return KnowledgeBase(vocabulary, tuple(items), shipped.synonyms, shipped.stopwords, dict(shipped.places))


def ranking(rounds: int, count: int = 10_000) -> list[tuple[str, float, float, str, float]]:
    """Our ranking (scores and top 10, no explanations) and the full search, vs bm25s and rank-bm25,
    on the generated entries and on varied ones."""
    rows = ranking_over(generated_knowledge(count), f"over {count}", rounds, okapi=True)
    return rows + ranking_over(varied_knowledge(count), f"over {count} varied", rounds)


def ranking_over(
    knowledge: KnowledgeBase, over: str, rounds: int, okapi: bool = False
) -> list[tuple[str, float, float, str, float]]:
    """The ranking rows over `knowledge` (named `over` in them), rank-bm25's only when `okapi`."""
    import bm25s
    from rank_bm25 import BM25Okapi

    matcher = knowledge.matcher
    normalizer = knowledge.normalizer
    entries = matcher.entries
    corpus = [
        [term.term for text in entries.fields(doc).values() for term in normalizer.terms(text)]
        for doc in range(len(entries))
    ]
    tokens = [[term.term for term in normalizer.terms(query)] for query in QUERIES]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)

    def median_over_queries(run: Callable[[int], object]) -> float:
        return statistics.median(median_time(partial(run, n), rounds) for n in range(len(QUERIES)))

    # The ten `kb search` shows, unexplained (the same as scoring every entry: test_matcher_search.py).
    ranked = median_over_queries(lambda n: matcher.shortlist(Query(QUERIES[n]), tokens[n], 10))
    search = median_over_queries(lambda n: matcher.search(Query(QUERIES[n]), limit=10))
    with_bm25s = median_over_queries(
        lambda n: retriever.retrieve([tokens[n]], k=10, show_progress=False, n_threads=0)
    )
    rows = [(f"matcher ranking {over} vs bm25s, same tokens", ranked, with_bm25s, "s", 2.0)]
    if okapi:
        okapi_index = BM25Okapi(corpus)
        with_okapi = median_over_queries(lambda n: okapi_index.get_top_n(tokens[n], corpus, n=10))
        rows.append((f"matcher ranking {over} vs rank-bm25, same tokens", ranked, with_okapi, "s", 1.0))
    return [*rows, (f"matcher search+explain {over} vs bm25s", search, with_bm25s, "s", 5.0)]


def growth(rounds: int) -> list[tuple[str, float, float, str, float]]:
    """Index build and query at 100, 1,000 and 10,000 entries: the growth per 10×."""
    build: dict[int, float] = {}
    query: dict[int, float] = {}
    for count in (100, 1_000, 10_000):
        # The fastest of three builds, each over freshly made entries: one build is a single timing,
        # and a collection or another process in it moved the 10,000 row from 10 to 14 between runs.
        builds = []
        for _ in range(3):
            knowledge = generated_knowledge(count)
            start = time.perf_counter()
            matcher = knowledge.matcher
            builds.append(time.perf_counter() - start)
        build[count] = min(builds)
        query[count] = statistics.median(
            median_time(partial(matcher.search, Query(text), 10), rounds) for text in QUERIES
        )
    rows = []
    for low, high in ((100, 1_000), (1_000, 10_000)):
        rows.append((f"index build per 10x: {high} vs {low} entries", build[high], build[low], "s", 12.0))
        rows.append((f"query per 10x: {high} vs {low} entries", query[high], query[low], "s", 10.0))
    return rows


def _write_folder(count: int) -> Path:
    """A user knowledge folder of `count` intervention files, as the aanjaagteam would have it."""
    vocabulary = load_vocabulary()
    domains = [term.id for term in vocabulary.domains]
    groups = [term.id for term in vocabulary.wie]
    folder = Path(tempfile.mkdtemp()) / "kennis"
    (folder / "interventions").mkdir(parents=True)
    for number in range(count):
        data = intervention_data(number, domains, groups)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / "interventions" / f"i{number}.yaml").write_text(text, encoding="utf-8")
    return folder


_PEAK = (
    "import pathlib, resource, runpy, sys\n"
    "sys.argv = ['kansencoach', 'kb', 'search', 'schulden bij jongeren', '--limit', '5']\n"
    "try:\n    runpy.run_module('kansencoach', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "status = pathlib.Path('/proc/self/status')\n"
    "peaks = [line.split()[1] for line in status.read_text().splitlines() if line.startswith('VmHWM:')]"
    " if status.exists() else []\n"
    "print(peaks[0] if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
)
"""`kb search` in a process that prints its own peak resident memory in KiB. Linux's VmHWM, where
there is one: `ru_maxrss` also counts the parent's memory at the moment it started the process
(the benchmark's own, over 100 MiB after the ranking rows), which is not the search's."""


def kb_search(rounds: int, count: int = 10_000) -> list[tuple[str, float, float, str, float]]:
    """`kb search` with `count` interventions in the user's folder: first run, warm run, memory."""
    folder = _write_folder(count)
    home = Path(tempfile.mkdtemp())
    env = {**startup.environment(str(home)), "KANSENCOACH_KNOWLEDGE": str(folder)}
    command = [sys.executable, "-m", "kansencoach", "kb", "search", "schulden bij jongeren", "--limit", "5"]

    def run(*arguments: str) -> None:
        subprocess.run(list(arguments), env=env, capture_output=True, check=True)

    def forget() -> None:
        for stale in (home / "cache").glob("*"):
            stale.unlink()

    def first() -> None:
        forget()
        run(*command)

    def peak_mib() -> float:
        done = subprocess.run(
            [sys.executable, "-c", _PEAK], env=env, capture_output=True, text=True, check=True
        )
        return int(done.stderr.strip().splitlines()[-1]) / 1024

    load = (
        "import yaml, pathlib, sys\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
        "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)"
    )
    run(*command)  # a first run writes the bytecode, as on any installed machine
    cold, safe_loader = paired_medians(
        first, lambda: run(sys.executable, "-c", load, str(folder / "interventions")), max(3, rounds - 2)
    )
    run(*command)
    warm, import_yaml = paired_medians(
        lambda: run(*command), lambda: run(sys.executable, "-c", "import yaml"), rounds
    )
    warm_peak = peak_mib()
    forget()
    first_peak = peak_mib()
    return [
        (f"kb search, first run, {count} files vs CSafeLoader", cold, safe_loader, "s", 3.0),
        (f"kb search, warm, {count} files vs python -c 'import yaml'", warm, import_yaml, "s", 5.0),
        (f"kb search peak memory, warm, {count} files vs 150 MiB", warm_peak, 150.0, "MiB", 1.0),
        (f"kb search peak memory, first run, {count} files vs 150 MiB", first_peak, 150.0, "MiB", 1.0),
    ]
