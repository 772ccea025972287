"""The near-miss check of a flow's draft keys and info step ids against what the review rules read,
and the check of an info step's `finding` against the rules' ids."""

from __future__ import annotations

from pathlib import Path

from kansencoach.core.common.problems import Position
from kansencoach.core.draft.misspelt import near_misses, unknown_findings
from kansencoach.core.flows.loader import LoadedFlow, examine, load_flow

FLOW = """\
id: proef
title: Proef
version: 1
sections: [{id: doel, title: Doel}, {id: inzet, title: Inzet}]
steps:
  - {id: waarschuwing-x, type: info, say: Let op.}
  - {id: smart, type: text, ask: Wat is het doel?, draft: doel.smrat}
  - {id: budgetten, type: text, ask: Welk budget?, draft: inzet.budgetten}
  - {id: plan, type: text, ask: Welk plan?, draft: inzet.plan}
"""
NO_FACETS: dict[str, list[str]] = {"domain": [], "wie": [], "waar": [], "perspective": []}


def _flow(tmp_path: Path) -> LoadedFlow:
    path = tmp_path / "proef.yaml"
    path.write_text(FLOW, encoding="utf-8")
    return load_flow(path, NO_FACETS)  # the plain facet values `flows validate` keeps will do


def _warned(loaded: LoadedFlow, reads: dict[str, list[str]]) -> list[tuple[int, str]]:
    found = near_misses(reads, loaded.flow, loaded.step_positions)
    return [(problem.position.line, problem.message.split(";")[0]) for problem in found]


def test_a_key_and_an_info_step_like_ones_the_rules_read_are_warned_at_their_steps(tmp_path: Path) -> None:
    loaded = _flow(tmp_path)
    reads = {"doel.smart": ["SMART doel"], "waarschuwing-c": ["Perspectief C"], "inzet.budget": ["Budget"]}
    assert _warned(loaded, reads) == [
        (6, "`id: waarschuwing-x` lijkt op `waarschuwing-c`, dat de toets leest"),
        (7, "`draft: doel.smrat` lijkt op `doel.smart`, dat de toets leest"),
        (8, "`draft: inzet.budgetten` lijkt op `inzet.budget`, dat de toets leest"),
    ]
    problems = near_misses(reads, loaded.flow, loaded.step_positions)
    assert problems[1].message.endswith("niet: SMART doel.")


def test_a_name_a_rule_reads_as_written_or_by_a_pattern_is_no_misspelling(tmp_path: Path) -> None:
    loaded = _flow(tmp_path)
    assert _warned(loaded, {"inzet.budget": ["Budget"], "inzet.budget*": ["Alle budgetten"]}) == []
    assert _warned(loaded, {"inzet.budget": ["Budget"], "inzet.budgetten": ["Budgetten"]}) == []
    # a key is compared with the keys of its own section only
    assert _warned(loaded, {"doel.budget": ["Budget"]}) == []


def test_each_name_read_is_one_warning_naming_every_rule_that_reads_it(tmp_path: Path) -> None:
    loaded = _flow(tmp_path)
    (problem,) = near_misses({"doel.smart": ["Eén", "Twee"]}, loaded.flow, loaded.step_positions)
    assert "niet: Eén; Twee." in problem.message


FINDING_FLOW = """\
id: proef
title: Proef
version: 1
sections: [{id: inzet, title: Inzet}]
steps:
  - id: stoppen
    type: list
    required: false
    ask: Wat stopt er?
    draft: inzet.stoppen
  - id: niets-gestopt
    type: info
    when: {answer: stoppen, empty: true}
    say: Je noemt niets wat je stopt.
    finding: niets-gestop
  - include: blok.yaml
"""
FINDING_BLOCK = """\
block: blok
steps:
  - id: tot-slot
    type: info
    say: Dank je.
    finding: geen-budgett
"""


def test_an_unknown_finding_is_reported_at_its_own_line_also_in_a_block(tmp_path: Path) -> None:
    # The aanjaagteam edits the `finding:` line, which may stand anywhere in a long step, or in a block.
    (tmp_path / "blok.yaml").write_text(FINDING_BLOCK, encoding="utf-8")
    path = tmp_path / "proef.yaml"
    path.write_text(FINDING_FLOW, encoding="utf-8")
    checked = examine(path, NO_FACETS)
    assert checked.loaded is not None and checked.at is not None
    rules = {"niets-gestopt": ["Er stopt niets"], "geen-budget": ["Er is geen eigen budget"]}
    problems = unknown_findings(rules, checked.loaded.flow, checked.at)
    assert [(problem.position, problem.hint) for problem in problems] == [
        (Position(str(path), 15, 5), "bedoelde je 'niets-gestopt'?"),
        (Position(str(tmp_path / "blok.yaml"), 6, 5), "bedoelde je 'geen-budget'?"),
    ]
