"""The domains an officer picks from in the shipped flows read as the vocabulary names them, in
Dutch an officer would write: 'Vroeg- en voorschoolse educatie en jonge kind' lacked its article."""

from __future__ import annotations

import yaml

from helpers import REPO

FLOWS = sorted(path for path in (REPO / "flows").glob("*.yaml") if not path.name.endswith(".test.yaml"))


def vocabulary_domains() -> dict[str, str]:
    vocabulary = yaml.safe_load((REPO / "knowledge" / "vocabulary.yaml").read_text(encoding="utf-8"))
    return {domain["id"]: domain["label"] for domain in vocabulary["domains"]}


def test_the_early_years_domain_reads_het_jonge_kind() -> None:
    assert vocabulary_domains()["vroeg"] == "Vroeg- en voorschoolse educatie en het jonge kind"


def test_every_domain_option_of_a_shipped_flow_is_labelled_as_the_vocabulary_labels_it() -> None:
    labels = vocabulary_domains()
    differing = [
        (path.name, option["value"], option["label"])
        for path in FLOWS
        for step in yaml.safe_load(path.read_text(encoding="utf-8")).get("steps", [])
        if step.get("facet") == "domain"
        for option in step["options"]
        if option["label"] != labels[option["value"]]
    ]
    assert differing == []
