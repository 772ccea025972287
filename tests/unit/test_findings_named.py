"""Which review findings are named below an answer: one rule for the app and plain mode."""

from __future__ import annotations

from kansencoach.core.draft.findings import Finding, to_name_after_answer


def finding(rule_id: str, step_id: str | None) -> Finding:
    return Finding(rule_id, "aandacht", rule_id, "", "doe iets", None, "bron", None, step_id)


def test_a_finding_is_named_when_it_appears_and_when_its_question_is_answered() -> None:
    findings = [finding("al-bekend", "doel"), finding("nieuw", None), finding("ander", "budget")]
    named = to_name_after_answer(findings, before={"al-bekend", "ander"}, answered={"doel"}, told=set())
    assert [item.rule_id for item in named] == ["al-bekend", "nieuw"]


def test_nothing_is_named_again_about_other_questions() -> None:
    findings = [finding("al-bekend", "doel")]
    assert to_name_after_answer(findings, before={"al-bekend"}, answered={"budget"}, told=set()) == []


def test_a_finding_a_coach_message_tells_is_left_to_that_message() -> None:
    findings = [finding("niets-gestopt", "stoppen"), finding("nieuw", None)]
    named = to_name_after_answer(findings, before=set(), answered={"stoppen"}, told={"niets-gestopt"})
    assert [item.rule_id for item in named] == ["nieuw"]
