"""The review's rules as data: the checks a rule can make, and reading `review.yaml` with its word lists.

A rule names draft parts by key (`doel.smart`; `*` matches any characters), so one rule serves every
flow that has those parts. Word lists and thresholds live beside the rules in `review-words.yaml`,
where the aanjaagteam edits them; rules refer to them by name. Every mistake in either file is a
Problem at path:line:col: a wrong type here, and an unknown check, a bad regex or an unknown list or
threshold found by `references` in the file as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Strict, Tag, model_validator

from kansencoach.core.common.authored import StrictModel
from kansencoach.core.common.combinators import Conjunction, Disjunction, Negation
from kansencoach.core.common.problems import ProblemsError
from kansencoach.core.common.schema_errors import validate
from kansencoach.core.common.yamlsource import read_document
from kansencoach.core.draft.findings import Severity
from kansencoach.core.draft.review.references import WORDS_FILE, reference_problems
from kansencoach.core.knowledge.models import SourceRef
from kansencoach.i18n import t

DraftKey = Annotated[str, Field(pattern=r"^[a-z0-9*][a-z0-9_*-]*\.[a-z0-9*][a-z0-9_*-]*$")]
Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Number = Annotated[float, Strict()]


class Missing(StrictModel):
    """True when none of the parts has an answer."""

    missing: DraftKey | list[DraftKey]


class NotSmart(StrictModel):
    """True when a goal lacks a number, a unit, a target group or a date."""

    not_smart: DraftKey
    groups: Name = Field(description="De woordenlijst met doelgroepen (naast die uit de vocabulaire).")
    situations: Name | None = Field(
        None,
        description=(
            "Woorden uit de vocabulaire bij WIE die een situatie noemen, geen mensen (schulden, "
            "betalingsachterstand): die tellen niet als doelgroep."
        ),
    )
    amounts: Name | None = Field(
        None, description="Woorden die een hoeveelheid zijn (de helft, verdubbelen)."
    )


class ErGoal(StrictModel):
    """True for an "ER-goal": more, less, better … with no quantity to say how much."""

    er_goal: DraftKey
    words: Name = Field(description="De woordenlijst met ER-woorden (meer, minder, beter, …).")
    amounts: Name | None = Field(
        None, description="Woorden die een hoeveelheid zijn (de helft, verdubbelen)."
    )


class FewerThan(StrictModel):
    """True when a list has fewer items than `fewer_than`, not counting items that mention `except`."""

    key: DraftKey
    fewer_than: Annotated[int, Strict(), Field(ge=1)]
    except_: Name | None = Field(None, alias="except")


class Points(StrictModel):
    """True when an allocation gives `option` at least `min` (and at most `max`) points."""

    key: DraftKey
    option: str
    min: Number | None = None
    max: Number | None = None


class AtMost(StrictModel):
    """True when a number answer is at most `at_most` (a number or a threshold's name)."""

    key: DraftKey
    at_most: Number | Name


class Equals(StrictModel):
    """True when the answer is exactly `equals` (yes/no, a number or a choice)."""

    key: DraftKey
    equals: bool | Number | str


class TextTest(StrictModel):
    """One test on the text of a part, per item of a list (any item, or `items: all`)."""

    key: DraftKey | list[DraftKey]
    items: Literal["any", "all"] = "any"
    mentions: Name | None = None
    only: Name | None = None
    hedges: Name | None = Field(
        None,
        description="Bij only: de woordenlijst met woorden die niets toevoegen (eigenlijk, voorlopig), "
        "zodat 'Eigenlijk niemand.' net zo leeg is als 'Niemand.'.",
    )
    shorter_than: Annotated[int, Strict()] | Name | None = None
    matches: str | None = None
    lacks: str | None = None
    no_quantity: Literal[True] | None = None
    amounts: Name | None = Field(
        None,
        description="Bij no_quantity: de woordenlijst met woorden die ook een hoeveelheid zijn (de helft, "
        "een kwart), zodat 'minder dan de helft' een grens noemt.",
    )
    no_time: Literal[True] | None = None
    no_if_then: Literal[True] | None = None
    if_then_without_because: Literal[True] | None = None

    @model_validator(mode="after")
    def _one_test(self) -> TextTest:
        if sum(getattr(self, name) is not None for name in TEXT_TESTS) != 1:
            raise ValueError(t("review.rules.one_test", tests=", ".join(TEXT_TESTS)))
        if self.hedges is not None and self.only is None:
            raise ValueError(t("review.rules.hedges_without_only"))
        if self.amounts is not None and self.no_quantity is None:
            raise ValueError(t("review.rules.amounts_without_no_quantity"))
        return self


class TargetDirection(StrictModel):
    """True when the target does not lie beyond the baseline in the goal's direction."""

    target_direction: TargetParts


class TargetParts(StrictModel):
    baseline: DraftKey
    target: DraftKey
    goal: DraftKey
    down: Name = Field(description="De woordenlijst die zegt dat het doel omlaag moet (dalen, minder, …).")
    falls: Name | None = Field(
        None,
        description="De woordenlijst die zegt dat het cijfer daalt (daalt, halveren, …): een streefwaarde "
        "boven de nulmeting spreekt het doel dan tegen.",
    )
    amounts: Name | None = Field(
        None,
        description="Woorden die een hoeveelheid zijn (de helft, een kwart): een doel dat zo zegt hoeveel, "
        "wordt niet met de streefwaarde vergeleken.",
    )


class IndicatorsOffGoal(StrictModel):
    """True when outcome indicators are given but none of them shares a word with the goal."""

    indicators_off_goal: IndicatorParts


class IndicatorParts(StrictModel):
    indicators: DraftKey
    goal: DraftKey
    skip: list[Name] = Field(
        default_factory=list,
        description="Woordenlijsten van indicatoren die niet meetellen (proces, nog open).",
    )
    ignore: Name = Field(description="Woorden die niet zeggen wat er gemeten wordt (aantal, aandeel, …).")


class FlowWarning(StrictModel):
    """True when the flow's own warning (an info step) shows: its threshold has one home, the flow."""

    warning: Name


class EvidenceGap(StrictModel):
    """True when only interventions without known evidence were accepted while better ones fit;
    with a draft key, only better ones for a target group named there count."""

    evidence_gap: Literal[True] | DraftKey = Field(
        description="true, of het deel met de doelgroepen (analyse.wie): een beter onderbouwde "
        "interventie telt dan alleen als ze voor een van die doelgroepen is."
    )


class TargetMismatch(StrictModel):
    """True when none of the accepted interventions is for the target groups named in `key`."""

    target_mismatch: DraftKey


class AllOf(Conjunction["Check"]):
    """True when every check in `all` is."""


class AnyOf(Disjunction["Check"]):
    """True when at least one check in `any` is."""


class NoneOf(Negation["Check"]):
    """True when the check under `not` is not."""


TEXT_TESTS = (
    "mentions",
    "only",
    "shorter_than",
    "matches",
    "lacks",
    "no_quantity",
    "no_time",
    "no_if_then",
    "if_then_without_because",
)
_KINDS: dict[str, type[StrictModel]] = {
    "missing": Missing,
    "not_smart": NotSmart,
    "er_goal": ErGoal,
    "fewer_than": FewerThan,
    "option": Points,
    "at_most": AtMost,
    "equals": Equals,
    "target_direction": TargetDirection,
    "indicators_off_goal": IndicatorsOffGoal,
    "warning": FlowWarning,
    "evidence_gap": EvidenceGap,
    "target_mismatch": TargetMismatch,
    "all": AllOf,
    "any": AnyOf,
    "not": NoneOf,
    **dict.fromkeys(TEXT_TESTS, TextTest),
}


def _check_kind(data: Any) -> str:
    if isinstance(data, dict):
        return next((kind for kind in _KINDS if kind in data), "mentions")
    return next((kind for kind, model in _KINDS.items() if isinstance(data, model)), "mentions")


Check = Annotated[
    Annotated[Missing, Tag("missing")]
    | Annotated[NotSmart, Tag("not_smart")]
    | Annotated[ErGoal, Tag("er_goal")]
    | Annotated[FewerThan, Tag("fewer_than")]
    | Annotated[Points, Tag("option")]
    | Annotated[AtMost, Tag("at_most")]
    | Annotated[Equals, Tag("equals")]
    | Annotated[TargetDirection, Tag("target_direction")]
    | Annotated[IndicatorsOffGoal, Tag("indicators_off_goal")]
    | Annotated[FlowWarning, Tag("warning")]
    | Annotated[EvidenceGap, Tag("evidence_gap")]
    | Annotated[TargetMismatch, Tag("target_mismatch")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NoneOf, Tag("not")]
    | Annotated[TextTest, Tag("mentions")]
    | Annotated[TextTest, Tag("only")]
    | Annotated[TextTest, Tag("shorter_than")]
    | Annotated[TextTest, Tag("matches")]
    | Annotated[TextTest, Tag("lacks")]
    | Annotated[TextTest, Tag("no_quantity")]
    | Annotated[TextTest, Tag("no_time")]
    | Annotated[TextTest, Tag("no_if_then")]
    | Annotated[TextTest, Tag("if_then_without_because")],
    Discriminator(_check_kind),
]


class Rule(StrictModel):
    """One thing auditors look for; a finding is raised when `when` holds."""

    id: Name
    title: Annotated[str, Field(min_length=1)]
    severity: Severity
    when: Check
    message: Annotated[str, Field(min_length=1)]
    fix: Annotated[str, Field(min_length=1)]
    example: str | None = None
    concerns: DraftKey | None = Field(
        None, description="Het deel van het concept waar de bevinding over gaat."
    )
    source: SourceRef


class Words(StrictModel):
    """The word lists and thresholds the rules refer to by name."""

    thresholds: dict[Name, Number] = Field(default_factory=dict)
    lists: dict[Name, list[Annotated[str, Field(min_length=1)]]] = Field(default_factory=dict)


class RuleBook(StrictModel):
    rules: list[Rule] = Field(min_length=1)
    words: Words = Field(default_factory=Words)

    def threshold(self, value: int | float | str) -> float:
        """A threshold given as a number or by its name in the word file."""
        return float(self.words.thresholds[value]) if isinstance(value, str) else float(value)


def load_rules(path: Path, words: Words | None = None) -> RuleBook:
    """The rules in `path` with `words`, by default the word lists beside it; ProblemsError with every
    mistake in either."""
    words_path = path.parent / WORDS_FILE
    if words is None:
        words = Words()
        if words_path.exists():
            words_document = read_document(words_path)
            words = validate(Words, words_document.data, words_document.position)
    document = read_document(path)
    problems = list(reference_problems(document, words.lists, words.thresholds, _KINDS))
    if problems:
        raise ProblemsError(problems)
    book = validate(RuleBook, document.data, document.position)
    return book.model_copy(update={"words": words})
