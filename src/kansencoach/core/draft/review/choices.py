"""The checks of the interventions an officer accepted against the knowledge base: whether better
evidence was passed over (`evidence_gap`) and whether the choices are for the people the analysis
names (`target_mismatch`). Each returns whether it holds and the detail its finding says."""

from __future__ import annotations

from collections.abc import Sequence

from kansencoach.core.flows.models import AnswerValue
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    # For the annotations only: the base and its matcher bring rapidfuzz, which `flows validate`
    # (whose review has no knowledge base) never uses.
    from kansencoach.core.knowledge.base import KnowledgeBase
    from kansencoach.core.knowledge.fit import Query

WELL_EVIDENCED = 3
"""The rank of an evidence level from which an intervention counts as well evidenced."""


def evidence_gap(
    knowledge: KnowledgeBase | None, accepted: Sequence[str], query: Query, groups: AnswerValue
) -> tuple[bool, str]:
    """Whether only interventions without known evidence were accepted while the knowledge base
    finds a well-evidenced one for the case (`query`), for one of `groups` when those are named."""
    if knowledge is None or not accepted:
        return False, ""
    # A better-evidenced intervention for other people is no alternative: a programme for
    # primary-school children does not replace one for teenagers.
    wanted = {str(group) for group in groups} if isinstance(groups, list) else set()
    ranks = {level.id: level.rank for level in knowledge.vocabulary.evidence}
    chosen = [knowledge.by_id[key] for key in accepted if key in knowledge.by_id]
    # A well-evidenced choice with a complementary one beside it is no gap.
    if not chosen or any(ranks.get(item.evidence.level, 0) >= WELL_EVIDENCED for item in chosen):
        return False, ""
    weak = [item for item in chosen if ranks.get(item.evidence.level, 0) == 0]
    found = (knowledge.by_id.get(key) for key in knowledge.matcher.best_ids(query, limit=5, exclude=accepted))
    better = [
        item.name
        for item in found
        if item is not None
        and ranks.get(item.evidence.level, 0) >= WELL_EVIDENCED
        and (not wanted or wanted & set(item.wie))
    ]
    if not weak or not better:
        return False, ""
    names = ", ".join(item.name for item in weak)
    return True, t("review.detail.evidence", weak=names, better=", ".join(better[:3]))


def target_mismatch(
    knowledge: KnowledgeBase | None, accepted: Sequence[str], wanted: AnswerValue
) -> tuple[bool, str]:
    """Whether none of the accepted interventions is for the target groups `wanted`."""
    if knowledge is None or not accepted or not isinstance(wanted, list) or not wanted:
        return False, ""
    chosen = [knowledge.by_id[key] for key in accepted if key in knowledge.by_id]
    offered = {group for item in chosen for group in item.wie}
    if not chosen or offered & set(wanted):
        return False, ""
    labels = {term.id: term.label for term in knowledge.vocabulary.wie}
    return True, t(
        "review.detail.groups",
        wanted=", ".join(labels.get(str(group), str(group)) for group in wanted),
        offered=", ".join(sorted(labels.get(group, group) for group in offered)) or "—",
    )
