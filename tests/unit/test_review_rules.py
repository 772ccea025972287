"""A broken rule file says where and what to do (exit 2, never a traceback), through the CLI; rules a
flow can never trigger are warnings."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.draft.review import load_rules
from kansencoach.core.draft.review.reach import flow_warnings
from kansencoach.core.flows.loader import load_flow

from helpers import REPO, kansencoach

GOOD_RULE = """  - id: proef
    title: Proef
    severity: aandacht
    when: {when}
    message: Een proef.
    fix: Niets.
    source: {{document: Proef}}
"""


def knowledge_with(tmp_path: Path, when: str, words: str | None = None) -> Path:
    """A copy of the shipped knowledge with one extra rule (and optionally other word lists)."""
    directory = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", directory)
    rules = directory / "review.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n" + GOOD_RULE.format(when=when), encoding="utf-8")
    if words is not None:
        (directory / "review-words.yaml").write_text(words, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("when", "words", "file", "says"),
    [
        ("{key: doel.smaart, mentions: er-woorden}", None, "review.yaml", "doel.smaart"),
        ("{key: doel.smart, matches: '(als'}", None, "review.yaml", "reguliere expressie"),
        ("{key: doel.smart, lijkt_op: er-woorden}", None, "review.yaml", "lijkt_op"),
        ("{bestaat_niet: doel.smart}", None, "review.yaml", "toets"),
        ("{key: doel.smart, mentions: geen-lijst}", None, "review.yaml", "geen-lijst"),
        ("{key: doel.smart, shorter_than: [5]}", None, "review.yaml", "shorter_than"),
        (
            "{key: doel.smart, mentions: er-woorden}",
            "thresholds: {aanname-woorden: vijf}\nlists: {}\n",
            "review-words.yaml",
            "aanname-woorden",
        ),
    ],
    ids=[
        "unknown-key",
        "bad-regex",
        "unknown-field",
        "unknown-check",
        "unknown-list",
        "wrong-type",
        "threshold-type",
    ],
)
def test_a_broken_rule_file_says_where_and_exits_2(
    tmp_path: Path, when: str, words: str | None, file: str, says: str
) -> None:
    directory = knowledge_with(tmp_path, when, words)
    result = kansencoach("kb", "validate", directory)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(rf"{re.escape(str(directory / file))}:\d+:\d+: ", result.stderr), result.stderr
    assert says in result.stderr


def test_the_shipped_rules_are_valid_without_warnings() -> None:
    result = kansencoach("kb", "validate")
    assert result.returncode == 0, result.stderr
    assert "Waarschuwing" not in result.stderr


def test_a_rule_that_can_never_fire_is_a_warning(tmp_path: Path) -> None:
    directory = knowledge_with(tmp_path, "{missing: analyse.oorzaken}")
    rules = load_rules(directory / "review.yaml")
    voorstel = load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary()).flow
    (warning,) = flow_warnings(rules, directory / "review.yaml", voorstel)
    assert "proef" in warning.message and "oorzaken" in warning.message and "nooit" in warning.message
    assert warning.position.path == str(directory / "review.yaml")
    result = kansencoach("kb", "validate", directory)
    assert result.returncode == 0 and "nooit afgaan" in result.stderr


def test_a_rule_a_flow_has_only_half_of_is_a_warning_of_flows_validate(tmp_path: Path) -> None:
    flow = tmp_path / "partners.yaml"
    flow.write_text(
        "id: partners\ntitle: Partners\nversion: 1\nsections: [{id: analyse, title: Analyse}]\n"
        "steps:\n  - {id: partners, type: confirm, ask: Zijn er partners?, draft: analyse.partners}\n",
        encoding="utf-8",
    )
    result = kansencoach("flows", "validate", flow)
    assert result.returncode == 0, result.stderr
    assert "geen-afspraken" in result.stderr and "analyse.partner-afspraken" in result.stderr
    assert re.search(r"review\.yaml:\d+:\d+: ", result.stderr)
