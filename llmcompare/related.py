"""Continue comparing: pairs worth a look after this comparison, from the catalog.

For each model compared, against models not in the comparison, in this order
(a pair found twice is listed once, with its first reason):

- newer in the family: the same `family`, the nearest later release date;
- older in the family: the same `family`, the nearest earlier release date;
- same creator: the creator's newest other model;
- nearest price: the nearest cheapest list price at a 3:1 input:output blend
  (active paid routes, prices as listed in the catalog, for every model alike),
  by ratio;
- nearest context: the nearest context window, by ratio.

Ties go to the newer release, then the id. Whole-catalog facts come from the
compiled store's "neighbours" summary: a few columns, with the rows indexed by
family and creator and ordered by price and by context, so that each pair is
found by looking at a handful of rows (a binary search for the nearest), and
costs the same at 20,000 models as at 300.
"""

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from decimal import Decimal

from .costing import Blend, cheapest_blended
from .domain import Catalog, Model
from .records import Record

# Prices are compared as whole billionths of a dollar per 1M tokens.
_PRICE_SCALE = Decimal(10**9)
_DEFAULT_BLEND = Blend()


class RelatedPair(Record):
    model: str  # the compared model's id
    other: str
    reason: str


class Ids:
    """Model ids by row, kept as one text with the rows' offsets: twenty thousand
    ids load as one string and one array, not twenty thousand strings."""

    __slots__ = ("_starts", "_text")

    def __init__(self, ids: Sequence[str]) -> None:
        self._text = "\n" + "\n".join(ids) + "\n"  # ids hold no newline (printable)
        starts, at = array("I", [1]), 1
        for model_id in ids:
            at += len(model_id) + 1
            starts.append(at)
        self._starts = starts

    def __getitem__(self, row: int) -> str:
        return self._text[self._starts[row] : self._starts[row + 1] - 1]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __iter__(self) -> Iterator[str]:
        return (self[row] for row in range(len(self)))

    def row(self, model_id: str) -> int | None:
        at = self._text.find("\n" + model_id + "\n")
        return None if at < 0 else bisect_left(self._starts, at + 1)


class Neighbours(Record):
    """One column per fact, a row per model; rows by family and creator (newest
    first), and the rows with a price or context ordered by it (ties newest first).
    Number columns are arrays: they load as a block of bytes."""

    ids: Ids
    families: tuple[str | None, ...]
    creators: tuple[str, ...]
    released: Sequence[int]  # proleptic ordinal; 0 when not known
    contexts: Sequence[int]
    prices: Sequence[int]  # blended 3:1, in billionths of a dollar per 1M; 0 when none
    by_family: dict[str, tuple[int, ...]]
    by_creator: dict[str, tuple[int, ...]]
    by_price: Sequence[int]
    by_context: Sequence[int]


# One model's facts as Neighbours holds them: id, family, creator, release
# (ordinal; 0 when not known), context and blended price (0 when none).
NeighbourRow = tuple[str, str | None, str, int, int, int]


def neighbour_row(model: Model) -> NeighbourRow:
    released = model.released.toordinal() if model.released else 0
    return (
        model.id,
        model.family,
        model.creator.id,
        released,
        model.context_window,
        _blended(model),
    )


def neighbours_of(models: Sequence[Model]) -> Neighbours:
    return neighbours_from([neighbour_row(model) for model in models])


def neighbours_from(rows: Sequence[NeighbourRow]) -> Neighbours:
    """The columns of these models' rows (in order), with their indexes."""
    ids, families, creators, released, contexts, prices = (
        (tuple(column) for column in zip(*rows, strict=True)) if rows else ((), (), (), (), (), ())
    )
    return indexed(
        ids=ids,
        families=families,
        creators=creators,
        released=released,
        contexts=contexts,
        prices=prices,
    )


def indexed(
    *,
    ids: tuple[str, ...],
    families: tuple[str | None, ...],
    creators: tuple[str, ...],
    released: tuple[int, ...],
    contexts: tuple[int, ...],
    prices: tuple[int, ...],
) -> Neighbours:
    """The columns with their indexes."""

    def newest_first(i: int) -> tuple[int, str]:
        return (-released[i], ids[i])

    def grouped(column: tuple[str | None, ...]) -> dict[str, tuple[int, ...]]:
        groups: dict[str, list[int]] = {}
        for i, name in enumerate(column):
            if name is not None:
                groups.setdefault(name, []).append(i)
        return {name: tuple(sorted(rows, key=newest_first)) for name, rows in groups.items()}

    def ordered(column: tuple[int, ...]) -> tuple[int, ...]:
        rows = [i for i, value in enumerate(column) if value > 0]
        return tuple(sorted(rows, key=lambda i: (column[i], *newest_first(i))))

    return Neighbours(
        Ids(ids), families, creators,
        array("q", released), array("q", contexts), array("q", prices),
        by_family=grouped(families),
        by_creator=grouped(creators),
        by_price=array("I", ordered(prices)),
        by_context=array("I", ordered(contexts)),
    )  # fmt: skip


def _blended(model: Model) -> int:
    found = cheapest_blended(model, _DEFAULT_BLEND)
    return int(found[0] * _PRICE_SCALE) if found else 0


def catalog_neighbours(catalog: Catalog) -> Neighbours:
    """The catalog's neighbour facts: from the store's summary, or the models."""
    stored: Neighbours | None = catalog.stored_summary("neighbours")
    return stored if stored is not None else neighbours_of(catalog.models)


def _distance(mine: int, theirs: int) -> int:
    """How far apart two positive sizes are, by ratio (millionths; exact enough to rank)."""
    return max(mine, theirs) * 10**6 // min(mine, theirs)


def _nearest(
    mine: int, order: Sequence[int], column: Sequence[int], skip: set[int], facts: Neighbours
) -> int | None:
    """The row nearest `mine` by ratio in `order` (rows sorted by `column`, ties
    newest first), rows in `skip` aside: the best of the closest value below and
    the closest value at or above, found by binary search."""
    value_of = column.__getitem__

    def first_kept(start: int, value: int) -> int | None:
        """The first row not skipped among those holding `value`, from `start` on."""
        for at in range(start, len(order)):
            if value_of(order[at]) != value:
                return None
            if order[at] not in skip:
                return order[at]
        return None

    def group_at_or_above(at: int) -> int | None:
        while at < len(order):
            value = value_of(order[at])
            if (found := first_kept(at, value)) is not None:
                return found
            at = bisect_left(order, value + 1, key=value_of)
        return None

    def group_below(at: int) -> int | None:
        while at > 0:
            value = value_of(order[at - 1])
            start = bisect_left(order, value, key=value_of)
            if (found := first_kept(start, value)) is not None:
                return found
            at = start
        return None

    at = bisect_left(order, mine, key=value_of)
    candidates = [row for row in (group_below(at), group_at_or_above(at)) if row is not None]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda row: (_distance(mine, value_of(row)), -facts.released[row], facts.ids[row]),
    )


def related_pairs(compared: Sequence[str], facts: Neighbours) -> tuple[RelatedPair, ...]:
    """The pairs to continue with from the models `compared` (ids), by their facts."""
    rows = {model_id: facts.ids.row(model_id) for model_id in compared}
    skip = {row for row in rows.values() if row is not None}
    pairs: dict[frozenset[str], RelatedPair] = {}

    def add(model_id: str, row: int | None, reason: str) -> None:
        if row is not None:
            other = facts.ids[row]
            pairs.setdefault(frozenset((model_id, other)), RelatedPair(model_id, other, reason))

    for model_id in compared:
        if (mine := rows.get(model_id)) is None:
            continue  # not in the catalog's facts: nothing to relate it to
        day, family = facts.released[mine], facts.families[mine]
        kin = facts.by_family.get(family, ()) if family is not None and day else ()
        kin = tuple(i for i in kin if i not in skip and facts.released[i])
        newer = [i for i in kin if facts.released[i] > day]
        nearest_newer = min(newer, key=lambda i: (facts.released[i], facts.ids[i]), default=None)
        add(model_id, nearest_newer, "newer in family")
        # by_family is newest first: the first older one is the nearest.
        add(model_id, next((i for i in kin if facts.released[i] < day), None), "older in family")
        same = facts.by_creator.get(facts.creators[mine], ())
        add(model_id, next((i for i in same if i not in skip), None), "same creator")
        for reason, order, column in (
            ("nearest price", facts.by_price, facts.prices),
            ("nearest context", facts.by_context, facts.contexts),
        ):
            if column[mine] > 0:
                add(model_id, _nearest(column[mine], order, column, skip, facts), reason)
    return tuple(pairs.values())
