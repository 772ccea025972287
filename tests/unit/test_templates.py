"""The example texts of a starting file that an author left in: found wherever they stand, at their
line, and nothing in a file without them."""

from __future__ import annotations

from kansencoach.core.common.templates import leftovers
from kansencoach.core.common.yamlsource import parse

FLOW = """\
id: eigen
title: Eigen flow
version: 1
description: {description}
sections:
  - id: analyse
    title: Analyse
steps:
  - id: vraag
    type: text
    ask: Wat wil je bereiken?
    options: [{{value: a, label: [x, {nested}]}}]
"""


def test_an_example_text_is_reported_at_its_line_wherever_it_stands() -> None:
    example = "Eén of twee zinnen die op het startscherm staan."
    document = parse(FLOW.format(description="Mijn eigen tekst.", nested=example), "eigen.yaml")
    (problem,) = leftovers(document, "flow.yaml")
    assert (problem.position.path, problem.position.line) == ("eigen.yaml", 12)
    assert example in problem.message and problem.code == "template"
    document = parse(FLOW.format(description=example, nested="x y"), "eigen.yaml")
    assert [problem.position.line for problem in leftovers(document, "flow.yaml")] == [4]


def test_a_file_without_example_texts_has_no_leftovers() -> None:
    document = parse(FLOW.format(description="Mijn eigen tekst.", nested="eigen woorden"), "eigen.yaml")
    assert leftovers(document, "flow.yaml") == []
