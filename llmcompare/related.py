"""Continue comparing: pairs worth a look after this comparison, from the catalog.

For each model compared, against models not in the comparison, in this order
(a pair found twice is listed once, with its first reason):

- newer in the family: the same `family`, the nearest later release date;
- older in the family: the same `family`, the nearest earlier release date;
- same creator: the creator's newest other model;
- nearest price: the nearest cheapest list price at a 3:1 input:output blend
  (active paid routes, prices as listed), by ratio;
- nearest context: the nearest context window, by ratio.

Ties go to the newer release, then the id. Whole-catalog facts come from the
compiled store's "neighbours" summary (a few columns, not the models), so this
costs the same at 20,000 models as a diff that reads only the named ones.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from .costing import Blend, cheapest_blended
from .domain import Catalog, Model

# Prices are compared as whole billionths of a dollar per 1M tokens.
_PRICE_SCALE = Decimal(10**9)
_DEFAULT_BLEND = Blend()


class RelatedPair(NamedTuple):
    model: str  # the compared model's id
    other: str
    reason: str


class Neighbours(NamedTuple):
    """One column per fact, a row per model (compact to store and to scan)."""

    ids: tuple[str, ...]
    families: tuple[str | None, ...]
    creators: tuple[str, ...]
    released: tuple[int, ...]  # proleptic ordinal; 0 when not known
    contexts: tuple[int, ...]
    prices: tuple[int, ...]  # blended 3:1, in billionths of a dollar per 1M; 0 when none


def neighbours_of(models: Sequence[Model]) -> Neighbours:
    return Neighbours(
        ids=tuple(model.id for model in models),
        families=tuple(model.family for model in models),
        creators=tuple(model.creator.id for model in models),
        released=tuple(model.released.toordinal() if model.released else 0 for model in models),
        contexts=tuple(model.context_window for model in models),
        prices=tuple(_blended(model) for model in models),
    )


def _blended(model: Model) -> int:
    found = cheapest_blended(model, _DEFAULT_BLEND)
    return int(found[0] * _PRICE_SCALE) if found else 0


def catalog_neighbours(catalog: Catalog) -> Neighbours:
    """The catalog's neighbour facts: from the store's summary, or the models."""
    from .summary import stored_summary

    stored: Neighbours | None = stored_summary(catalog, "neighbours")
    return stored if stored is not None else neighbours_of(catalog.models)


def _distance(mine: int, theirs: int) -> int:
    """How far apart two positive sizes are, by ratio (millionths; exact enough to rank)."""
    return max(mine, theirs) * 10**6 // min(mine, theirs)


def related_pairs(models: Sequence[Model], facts: Neighbours) -> tuple[RelatedPair, ...]:
    compared = {model.id for model in models}
    rows = [i for i, model_id in enumerate(facts.ids) if model_id not in compared]
    pairs: dict[frozenset[str], RelatedPair] = {}

    def newest_first(i: int) -> tuple[int, str]:
        return (-facts.released[i], facts.ids[i])

    def add(model: Model, found: Sequence[tuple[Any, ...]], reason: str) -> None:
        """Pair `model` with the least of `found` (sort keys ending in a row number)."""
        if found:
            other = facts.ids[min(found)[-1]]
            pairs.setdefault(frozenset((model.id, other)), RelatedPair(model.id, other, reason))

    for model in models:
        day = model.released.toordinal() if model.released else 0
        if model.family is not None and day:
            family = [i for i in rows if facts.families[i] == model.family and facts.released[i]]
            newer = [
                (facts.released[i], facts.ids[i], i) for i in family if facts.released[i] > day
            ]
            older = [(*newest_first(i), i) for i in family if facts.released[i] < day]
            add(model, newer, "newer in family")
            add(model, older, "older in family")
        creator = model.creator.id
        add(
            model,
            [(*newest_first(i), i) for i in rows if facts.creators[i] == creator],
            "same creator",
        )
        for reason, mine, column in (
            ("nearest price", _blended(model), facts.prices),
            ("nearest context", model.context_window, facts.contexts),
        ):
            if mine > 0:
                near = [
                    (_distance(mine, column[i]), *newest_first(i), i) for i in rows if column[i] > 0
                ]
                add(model, near, reason)
    return tuple(pairs.values())
