"""The flow language: the shapes the aanjaagteam writes in YAML.

These pydantic models are the single definition of a flow. The loader turns YAML into them (keeping
line numbers for errors), the engine walks them, and `kansencoach schema flows` prints them as JSON
Schema. Every model forbids unknown fields, so a typo in a field name is an error, not a silent no-op.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Discriminator, Field, Tag, model_validator

from kansencoach.core.common.authored import StrictModel
from kansencoach.core.common.combinators import Conjunction, Disjunction, Negation
from kansencoach.core.common.ids import DRAFT_KEY_PATTERN, Identifier

END = "einde"
"""The goto target that ends the flow."""

Facet = Literal["text", "domain", "wie", "waar", "perspective"]
"""What an answer tells the matcher: free text, or a value from one vocabulary list."""

AnswerValue: TypeAlias = str | int | float | bool | list[str] | dict[str, int] | None
"""The stored value of an answer; its shape follows the step type."""


class AnswerCondition(StrictModel):
    """A test on one answer. Several tests in one condition must all hold."""

    answer: Identifier = Field(description="Id van de stap waarvan het antwoord getest wordt.")
    key: str | None = Field(None, description="Bij een verdeel-stap: de optie waarvan de punten tellen.")
    equals: str | int | float | bool | None = None
    in_: list[str | int | float] | None = Field(None, alias="in")
    includes: str | None = Field(None, description="Een meerkeuze- of lijstantwoord bevat deze waarde.")
    min: float | None = None
    max: float | None = None
    empty: bool | None = None
    matches: str | None = Field(None, description="Een reguliere expressie die in het antwoord voorkomt.")

    @model_validator(mode="after")
    def _has_a_test(self) -> AnswerCondition:
        tests = (self.equals, self.in_, self.includes, self.min, self.max, self.empty, self.matches)
        if all(test is None for test in tests):
            raise ValueError("condition_without_test")
        return self


# No docstrings: the schema's Dutch titles come from i18n (a docstring would move their place in it).
class AllCondition(Conjunction["Condition"]): ...


class AnyCondition(Disjunction["Condition"]): ...


class NotCondition(Negation["Condition"]): ...


def _condition_kind(data: Any) -> str:
    if isinstance(data, dict):
        for combinator in ("all", "any", "not"):
            if combinator in data:
                return combinator
        return "answer"
    for model, kind in ((AllCondition, "all"), (AnyCondition, "any"), (NotCondition, "not")):
        if isinstance(data, model):
            return kind
    return "answer"


Condition = Annotated[
    Annotated[AnswerCondition, Tag("answer")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(_condition_kind),
]


class GotoRule(StrictModel):
    """One branch: go to `to` when `when` holds (or always, without `when`)."""

    when: Condition | None = None
    to: Identifier = Field(description=f"Id van een stap, of `{END}` om de flow te beëindigen.")


class Option(StrictModel):
    value: Annotated[str, Field(min_length=1, max_length=80)]
    label: Annotated[str, Field(min_length=1)]
    help: str | None = None
    min: int | None = Field(None, ge=0, description="Verdeel-stap: minimaal aantal punten.")
    max: int | None = Field(None, ge=0, description="Verdeel-stap: maximaal aantal punten.")


class _StepBase(StrictModel):
    id: Identifier
    help: str | None = Field(None, description="Uitleg in markdown, met de bron.")
    when: Condition | None = Field(None, description="De stap wordt alleen gevraagd als dit klopt.")
    goto: Identifier | list[GotoRule] | None = Field(
        None, description="Waar de flow na deze stap heen gaat; standaard de volgende stap."
    )


class _QuestionBase(_StepBase):
    ask: Annotated[str, Field(min_length=1)]
    label: str | None = Field(None, description="Korte titel van het antwoord in het concept.")
    draft: str | None = Field(
        None,
        pattern=DRAFT_KEY_PATTERN,
        description="Sectie (en sleutel) in het concept: `analyse` of `analyse.probleem`.",
    )
    required: bool = True
    facet: Facet | None = None
    suggest: Literal["indicators"] | None = Field(
        None, description="Toon bij deze vraag passende indicatoren uit de kennisbank."
    )


class InfoStep(_StepBase):
    """A message from the coach; with `draft`, its text also lands in the draft when it is shown."""

    type: Literal["info"]
    say: Annotated[str, Field(min_length=1)]
    label: str | None = None
    draft: str | None = Field(None, pattern=DRAFT_KEY_PATTERN)
    finding: Identifier | None = Field(
        None,
        description=(
            "Id van de toetsregel die dit bericht in eigen woorden zegt: direct na het antwoord noemt"
            " de chat die bevinding dan niet nog eens (ze blijft in de toets staan)."
        ),
    )


class TextStep(_QuestionBase):
    type: Literal["text"]
    multiline: bool = True
    placeholder: str | None = None


class ChoiceStep(_QuestionBase):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=2)


class MultiStep(_QuestionBase):
    type: Literal["multi"]
    options: list[Option] = Field(min_length=2)
    min_selected: int = Field(1, ge=0)
    max_selected: int | None = Field(None, ge=1)


class ScaleStep(_QuestionBase):
    type: Literal["scale"]
    min: int = 1
    max: int = 5
    min_label: str | None = None
    max_label: str | None = None


class NumberStep(_QuestionBase):
    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str | None = None


class ConfirmStep(_QuestionBase):
    type: Literal["confirm"]


class ListStep(_QuestionBase):
    type: Literal["list"]
    min_items: int = Field(1, ge=0)
    max_items: int | None = Field(None, ge=1)


class AllocateStep(_QuestionBase):
    type: Literal["allocate"]
    options: list[Option] = Field(min_length=2)
    total: int = Field(100, ge=1)
    increment: int = Field(5, ge=1, description="Stapgrootte bij het verschuiven van punten.")


Step = Annotated[
    InfoStep
    | TextStep
    | ChoiceStep
    | MultiStep
    | ScaleStep
    | NumberStep
    | ConfirmStep
    | ListStep
    | AllocateStep,
    Field(discriminator="type"),
]
QuestionStep: TypeAlias = (
    TextStep | ChoiceStep | MultiStep | ScaleStep | NumberStep | ConfirmStep | ListStep | AllocateStep
)
OptionStep: TypeAlias = ChoiceStep | MultiStep | AllocateStep
STEP_TYPES = ("info", "text", "choice", "multi", "scale", "number", "confirm", "list", "allocate")


class Section(StrictModel):
    id: Identifier
    title: Annotated[str, Field(min_length=1)]
    intro: str | None = None


class Flow(StrictModel):
    """A question flow: its draft sections and the steps that fill them."""

    id: Identifier
    title: Annotated[str, Field(min_length=1)]
    version: int = Field(ge=1)
    description: str = ""
    minutes: int | None = Field(None, ge=1, description="Verwachte duur in minuten.")
    sections: list[Section] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)


class Block(StrictModel):
    """A reusable list of steps, pulled into flows with `- include: pad/naar/blok.yaml`."""

    block: Identifier
    description: str = ""
    steps: list[Step] = Field(min_length=1)
