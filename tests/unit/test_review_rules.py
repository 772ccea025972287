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

from helpers import REPO, found, kansencoach

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
        ("{evidence_gap: analyse.wiee}", None, "review.yaml", "bedoelde je 'analyse.wie'?"),
        ("{evidence_gap: false}", None, "review.yaml", "'evidence_gap' kan niet false zijn — kies uit: true"),
        (
            "{key: doel.smart, mentions: er-woorden, hedges: voorbehoud}",
            None,
            "review.yaml",
            "hedges hoort bij only",
        ),
        (
            "{key: doel.smart, mentions: er-woorden, amounts: hoeveelheden}",
            None,
            "review.yaml",
            "amounts hoort hier bij no_quantity",
        ),
        (
            "{not_smart: doel.smart, groups: doelgroepen, situations: situatie}",
            None,
            "review.yaml",
            "situatie",
        ),
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
        "evidence-gap-key",
        "evidence-gap-word",
        "hedges-without-only",
        "amounts-without-no-quantity",
        "unknown-situations-list",
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


PARTNERS_FLOW = (
    "id: partners\ntitle: Partners\nversion: 1\nsections: [{{id: analyse, title: Analyse}}]\nsteps:\n"
    "  - {{id: partners, type: confirm, ask: Zijn er partners?, draft: analyse.partners}}\n"
    "  - {{id: afspraken, type: text, ask: Welke afspraken?, draft: {afspraken}}}\n"
)


def test_a_new_own_flow_validates_without_warnings_about_the_shipped_rules(kansencoach_home: Path) -> None:
    created = kansencoach("flows", "new", "proef")
    assert created.returncode == 0, created.stderr
    path = Path(found(r"Gemaakt: (\S+)", created.stdout))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: Proef", text)
    path.write_text(re.sub(r"(?m)^description: .*$", "description: Een proef.", text), encoding="utf-8")
    result = kansencoach("flows", "validate", path)
    assert result.returncode == 0, result.stderr
    assert f"{path}: in orde" in result.stdout
    # The flow lacks the parts some rules read (a baseline, indicators): nothing to fix in it.
    assert result.stderr == ""


def validated_partners(tmp_path: Path, afspraken: str) -> tuple[Path, str]:
    """The partners flow with its second answer at draft key `afspraken`, and what the valid flow's
    `flows validate` writes on stderr."""
    flow = tmp_path / "partners.yaml"
    flow.write_text(PARTNERS_FLOW.format(afspraken=afspraken), encoding="utf-8")
    result = kansencoach("flows", "validate", flow)
    assert result.returncode == 0, result.stderr
    return flow, result.stderr


def test_a_flow_that_lacks_what_a_rule_reads_gets_no_warning(tmp_path: Path) -> None:
    assert validated_partners(tmp_path, "analyse.afspraken-intern")[1] == ""


def test_a_draft_key_like_one_a_rule_reads_is_one_warning_at_the_step(tmp_path: Path) -> None:
    flow, stderr = validated_partners(tmp_path, "analyse.partner-afspraak")
    assert "Waarschuwingen (1)" in stderr
    line = (
        flow.read_text(encoding="utf-8")
        .splitlines()
        .index("  - {id: afspraken, type: text, ask: Welke afspraken?, draft: analyse.partner-afspraak}")
    )
    assert f"{flow}:{line + 1}:5: `draft: analyse.partner-afspraak` lijkt op `analyse.partner-afspraken`" in (
        stderr
    )
    assert "Er zijn geen schriftelijke afspraken met partners" in stderr
    assert "schrijf dan `draft: analyse.partner-afspraken`" in stderr
    assert "review.yaml" not in stderr


def test_the_parts_a_rule_reads_are_found_alike_in_the_models_and_in_the_file() -> None:
    # Two readings of one rule file: the models (what the review reads, `referenced_keys`) and the
    # YAML with its positions (where `kb validate` points, `draft_key_places`). A field that holds a
    # draft key, told to one and not the other, left a misspelt key of evidence_gap unreported.
    from kansencoach.core.common.yamlsource import read_document
    from kansencoach.core.draft.review import referenced_keys
    from kansencoach.core.draft.review.references import draft_key_places

    path = REPO / "knowledge" / "review.yaml"
    rules = load_rules(path)
    from_models = {
        (index, key) for index, rule in enumerate(rules.rules) for key in referenced_keys(rule.when)
    }
    from_file = {(loc[1], key) for key, loc in draft_key_places(read_document(path))}
    assert from_models == from_file
    gap = next(index for index, rule in enumerate(rules.rules) if rule.id == "bewijs-gat")
    assert (gap, "analyse.wie") in from_file
