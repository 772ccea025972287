"""What the matcher ranks, as plain data: no pydantic model is needed to rank, explain or show a result.

`kb search` over ten thousand entries reads these from the cache; importing pydantic and decoding
every model would cost it more than the whole search. An entry's full model is made only when
someone asks for it (`Entries.item`): for the few suggestions a screen shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from kansencoach.core.knowledge.index import FIELD_WEIGHTS

if TYPE_CHECKING:
    from kansencoach.core.knowledge.models import Indicator, Intervention, Vocabulary

    Entry: TypeAlias = Intervention | Indicator
    """What the matcher can rank: interventions, and indicators at the monitoring step."""

FIELDS = tuple(FIELD_WEIGHTS)
FACET_LISTS = ("domains", "wie", "waar")
KINDS = (*FACET_LISTS, "perspectives", "evidence")
"""The vocabulary's lists, in the order Names holds them."""


class Facts(NamedTuple):
    """What ranking needs of every entry; its texts and model are read only for the ones shown."""

    id: str
    domains: tuple[str, ...]
    wie: tuple[str, ...]
    waar: tuple[str, ...]
    perspectives: tuple[str, ...]
    evidence: str | None
    """The evidence level's id; None for an indicator, which has none."""
    related: tuple[str, ...] = ()
    """The ids of the interventions the editors named as related (none for an indicator)."""


class Name(NamedTuple):
    """One value of a vocabulary list as search maps and shows it."""

    id: str
    label: str
    synonyms: tuple[str, ...]
    rank: int = 0
    """Only for evidence levels: how strong the evidence is."""


class _NameLists(NamedTuple):
    domains: tuple[Name, ...]
    wie: tuple[Name, ...]
    waar: tuple[Name, ...]
    perspectives: tuple[Name, ...]
    evidence: tuple[Name, ...]


class Names(_NameLists):
    """The vocabulary as search uses it: each list's values, without the models.

    A NamedTuple's subclass, not a frozen dataclass: the dataclass compiled its methods when the
    knowledge base's modules were imported (about 0.5 ms of the start's knowledge worker). Having no
    `__slots__`, it has the `__dict__` its cached properties are kept in."""

    @classmethod
    def of(cls, vocabulary: Vocabulary) -> Names:
        """The names of `vocabulary`'s values."""

        def names(kind: str) -> tuple[Name, ...]:
            return tuple(
                Name(term.id, term.label, tuple(term.synonyms), getattr(term, "rank", 0))
                for term in getattr(vocabulary, kind)
            )

        return cls(*(names(kind) for kind in KINDS))

    @classmethod
    def from_plain(cls, data: Sequence[Sequence[Sequence[Any]]]) -> Names:
        """Names from `to_plain` data."""
        return cls(*(tuple(Name(*row) for row in rows) for rows in data))

    def to_plain(self) -> list[list[tuple[Any, ...]]]:
        """The names as lists of tuples, for the cache."""
        return [[tuple(name) for name in getattr(self, kind)] for kind in KINDS]

    @cached_property
    def labels(self) -> dict[tuple[str, str], str]:
        """(list, id) → label, for the facet lists and the evidence levels."""
        return {
            (kind, name.id): name.label for kind in (*FACET_LISTS, "evidence") for name in getattr(self, kind)
        }

    @cached_property
    def ranks(self) -> dict[str, int]:
        """Evidence level id → its rank."""
        return {name.id: name.rank for name in self.evidence}


def facts_of(item: Entry) -> Facts:
    """The facts of a model."""
    from kansencoach.core.knowledge.models import Intervention  # models exist here already

    facets = (item.id, tuple(item.domains), tuple(item.wie), tuple(item.waar))
    if isinstance(item, Intervention):
        perspectives = tuple(fit.perspective for fit in item.perspectives)
        return Facts(*facets, perspectives, item.evidence.level, tuple(item.related))
    return Facts(*facets, (), None)


def texts_of(item: Entry, names: Names) -> tuple[str, ...]:
    """The text of each field the index reads, in FIELDS order; the facets' labels are `tags`."""
    from kansencoach.core.knowledge.models import Indicator

    tags = [names.labels.get((kind, value), "") for kind in FACET_LISTS for value in getattr(item, kind)]
    if isinstance(item, Indicator):
        signals, target, problem, approach = "", "", item.measures, item.data_source
    else:
        signals = " ".join(item.signals)
        target, problem, approach = item.target_group, item.problem, item.approach
    keywords = " ".join(item.keywords)
    return (item.name, keywords, signals, target, problem, approach, item.summary, " ".join(tags))


class Entries:
    """The entries a matcher ranks, in id order: the facts of each, and its texts and model on demand."""

    def __init__(
        self,
        facts: Sequence[Facts],
        texts: Callable[[int], tuple[str, ...]],
        model: Callable[[int], Entry],
    ) -> None:
        """`texts(doc)` reads the field texts of entry number `doc`, `model(doc)` makes its model."""
        self.facts = list(facts)
        self._texts = texts
        self._model = model
        self._made: dict[int, Entry] = {}

    @classmethod
    def of_items(cls, items: Sequence[Entry], names: Names) -> Entries:
        """The entries of models at hand."""
        ordered = sorted(items, key=lambda item: item.id)
        return cls(
            [facts_of(item) for item in ordered],
            lambda doc: texts_of(ordered[doc], names),
            ordered.__getitem__,
        )

    def __len__(self) -> int:
        return len(self.facts)

    def fields(self, doc: int) -> dict[str, str]:
        """Field name → text of entry number `doc`, as the index reads it (`name` is its name)."""
        return dict(zip(FIELDS, self._texts(doc), strict=True))

    def item(self, doc: int) -> Entry:
        """The full model of entry number `doc`."""
        if doc not in self._made:
            self._made[doc] = self._model(doc)
        return self._made[doc]
