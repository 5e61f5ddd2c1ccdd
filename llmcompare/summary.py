"""What whole-catalog commands choose by, kept in the compiled store.

`cost` over every model and `list` look at every model, but show few. At tens
of thousands of models, reading them all costs more than the rest of the run;
so the store keeps, per model, what those commands choose by, and answers are
the ones the whole catalog would give:

- the *ranking*: each model's paid routes with their prices scaled to whole
  numbers (nothing is rounded), their dated changes and retirement day. `cost`
  with plain traffic (input and output only) ranks every model by its cheapest
  bill from it, then reads and prices in full (costing.py) only the rows shown.
  A route priced by time of day gives a floor (its lowest prices, or, for
  traffic spread evenly over the day, a billionth under its bill): its model is
  read only if the floor could reach those rows; a model whose prices do not
  scale to whole units is always read. Models with a fixed bill are columns
  (Columns); the others are resolved for a day once (on_day) and kept beside
  the store for that day's later runs (cache.beside_store).
- the *cost rows*: each route that may bill its model, with its `cost --json`
  row written ahead, its figures left blank (costrows.py). `cost` showing every
  model fills them in, and prices the models it cannot (billed by time of day)
  from a part that keeps those models together.
- the *listing*: each model as `list` shows it, in columns, with its JSON row
  written ahead (listindex.py), and the dated prices that decide its cheapest
  prices on any day.
- the *neighbours*: a few columns per model (family, creator, release, context,
  blended price) from which `diff` finds related pairs (related.py).

All four are made from one row per model (ModelRow), kept too: a rebuild
after an edit works out the rows of the models that changed, not of all. The
first `cost` rows shown are found without totalling every model (Columns.first).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from array import array
from collections.abc import Callable, Iterator, Sequence
from decimal import Context, Decimal
from itertools import repeat
from operator import add, mul
from typing import TYPE_CHECKING, Any

from .dated import Dated, as_listed, dated_prices, routes_in_force
from .domain import Plan
from .listindex import ListingIndex
from .records import Record
from .store import StoredModels, Text

if TYPE_CHECKING:
    from .costing import Traffic
    from .costrows import Entry
    from .domain import Catalog, Model, Route
    from .listing import Listed
    from .related import NeighbourRow

# Prices are scaled by 10^PLACES to whole numbers; one with more decimal places
# (none in practice) leaves its model to the full path.
PLACES = 9
_EXACT = Context(prec=80)  # wide enough that no total is rounded

# A paid route's prices over time (dated.py), scaled to whole numbers.
PlainRoute = Dated[int]

# One model as the plain ranking first looks at it: its id; its paid routes (see
# PlainRoute), or None to price it in full; and whether those give the bill
# itself or only a floor under it. A plain tuple: twenty thousand load fast.
# The fourth item is the routes again with each time-of-day route given a floor
# for traffic spread evenly over the day (no --window given): a tight one, a
# billionth under the bill; None when the model has no such route.
Facts = tuple[str, tuple[PlainRoute, ...] | None, bool, tuple[PlainRoute, ...] | None]


class ModelRow(Record):
    """Everything the summaries take from one model: worked out once per model,
    kept in the store, so that a rebuild takes the row of each model it did not
    check again from the store before (store.write_store). Kept without its
    `list` row and cost rows, which the listing and the cost rows hold already:
    rows_before puts them back."""

    listed: Listed
    prices: tuple[Dated[Decimal], ...] | None  # None: the same every day (listed's own)
    facts: Facts
    neighbour: NeighbourRow
    listed_json: str = ""  # its `list --json` row, written by summarise ("": not yet)
    cost_entry: Entry | None = None  # its `cost` rows written ahead (None: not yet)


def model_row(model: Model) -> ModelRow:
    from .listing import listed
    from .related import neighbour_row

    paid = [r for r in model.routes if r.is_active and r.plan is Plan.PAID]
    prices: tuple[Dated[Decimal], ...] | None = None
    if any(route.price_changes or route.retired for route in paid):
        prices = tuple(dated_prices(route, as_listed) for route in paid)
    return ModelRow(listed(model), prices, _facts(model), neighbour_row(model))


def summarise(
    models: tuple[Model, ...], row_before: Callable[[Model], ModelRow | None] | None = None
) -> dict[str, Any]:
    """What the store keeps beside the models: the ranking facts, each model as
    `list` shows it (with the prices to work out its cheapest on any day), the
    neighbours, and the rows they are made from. `row_before` gives a model's row
    as worked out before, where it is known."""
    from .costrows import entries
    from .related import neighbours_from

    rows = [(row_before and row_before(model)) or model_row(model) for model in models]
    unwritten = [number for number, row in enumerate(rows) if not row.listed_json]
    written = write_list_rows([rows[number].listed for number in unwritten])
    for number, text in zip(unwritten, written, strict=True):
        rows[number] = rows[number]._replace(listed_json=text)
    unwritten = [number for number, row in enumerate(rows) if row.cost_entry is None]
    for number, entry in zip(unwritten, entries([models[n] for n in unwritten]), strict=True):
        rows[number] = rows[number]._replace(cost_entry=entry)
    ranking, others = _ranking([row.facts for row in rows])
    dated = tuple((number, row.prices) for number, row in enumerate(rows) if row.prices)
    listing, listing_json = ListingIndex.of(
        [row.listed for row in rows], [row.listed_json for row in rows]
    ).text_apart()
    return {
        "ranking": ranking,
        # Read only to work out a new day (on_day): a day's later runs read what
        # the first one kept beside the store.
        "ranking_others": others,
        # The listing in columns, models in the order given (by id), and the
        # positions of those whose cheapest prices change with the day.
        "listing": listing,
        # Their `list --json` rows, one text kept as it is: read a span at a time.
        "listing_json": Text(listing_json or b""),
        "listing_dated": dated,
        # Whether there are any: what every `list` asks first, read without them.
        "listing_by_day": bool(dated),
        "neighbours": neighbours_from([row.neighbour for row in rows]),
        # Every model's `cost` rows for plain traffic, written ahead (costrows.py),
        # and the models the engine prices on every run instead, kept together:
        # read as one part, not each from a chunk of its own.
        "cost_rows": {row.listed.id: row.cost_entry for row in rows},
        "cost_engine": {
            model.id: model for model, row in zip(models, rows, strict=True) if row.cost_entry == ()
        },
        # The rows without what the listing and the cost rows hold already
        # (rows_before puts it back for a rebuild): not kept twice.
        "rows": {row.listed.id: row._replace(listed_json="", cost_entry=None) for row in rows},
    }


def rows_before(earlier: StoredModels) -> Callable[[Model], ModelRow | None]:
    """The whole row of each model read from an `earlier` store, for a rebuild:
    its kept row with its `list --json` row and its cost rows, taken from that
    store's listing and cost rows (read once, when first asked for). None for
    any other model, or for all of them if those parts cannot be read."""
    written: dict[str, tuple[str, Entry]] | None = None

    def row(model: Model) -> ModelRow | None:
        nonlocal written
        kept: ModelRow | None = earlier.row_before(model)
        if kept is None:
            return None
        if written is None:
            written = _written_before(earlier)
        found = written.get(model.id)
        return None if found is None else kept._replace(listed_json=found[0], cost_entry=found[1])

    return row


def _written_before(earlier: StoredModels) -> dict[str, tuple[str, Entry]]:
    from .errors import CatalogError

    try:
        listing: ListingIndex = earlier.summary("listing")
        listing = listing.with_text(earlier.text("listing_json"))
        costs: dict[str, Entry] = earlier.summary("cost_rows")
        ids = listing.ids()
        texts = listing.json_rows(range(len(ids)))
    except (CatalogError, KeyError):  # damaged since: the rows are worked out again
        return {}
    return {
        model_id: (text.decode("ascii"), costs[model_id])
        for model_id, text in zip(ids, texts, strict=True)
        if model_id in costs
    }


def write_list_rows(entries: list[Listed]) -> list[str]:
    """Each model's `list --json` row, written ahead (listindex.py)."""
    from .exactjson import dumps_each
    from .render.jsonout import list_rows_json

    return dumps_each(list_rows_json(entries))


class _Unscalable(Exception):
    """A price with more decimal places than PLACES."""


# Each price's scaled value (by value: 0.2 and 0.20 scale alike), or -1 where it
# is not in whole units: a build scales some 190,000 prices of a few thousand values.
_SCALED: dict[Decimal, int] = {}


def _scaled(price: Decimal | None) -> int | None:
    if price is None:
        return None
    found = _SCALED.get(price)
    if found is None:
        scaled = price.scaleb(PLACES, context=_EXACT)
        exact = scaled == scaled.to_integral_value()
        found = _SCALED[price] = int(scaled) if exact else -1
    if found < 0:  # (prices are never negative)
        raise _Unscalable
    return found


def _lower(price: Decimal | None, others: list[Decimal | None]) -> Decimal | None:
    found = [p for p in (price, *others) if p is not None]
    return min(found) if price is not None and found else None


def _plain_routes(model: Model, even: bool = False) -> tuple[tuple[PlainRoute, ...], bool] | None:
    """The model's active paid routes for plain ranking, and whether the totals
    they give are exact; None if a price is not in whole units. Long-context
    tiers need no place here: without --requests, every request is taken to be
    below them. A route priced by time of day gives its lowest prices instead:
    a floor, not the bill (the full engine splits the traffic); with `even`, the
    floor for traffic spread evenly over the day (_even_floor)."""
    exact = True
    try:
        routes: list[PlainRoute] = []
        for route in model.routes:
            if not route.is_active or route.plan is not Plan.PAID:
                continue  # never billable, on any day
            price = route.price
            if route.time_windows and even and not route.price_changes:
                exact = False
                routes.append((*_even_floor(route), (), None))
                continue
            if route.time_windows:
                exact = False
                windows = [window.price for window in route.time_windows]
                changed = [change.price for change in route.price_changes]
                price = price._replace(
                    input_usd_per_mtok=_lower(
                        price.input_usd_per_mtok,
                        [p.input_usd_per_mtok for p in windows + changed],
                    ),
                    output_usd_per_mtok=_lower(
                        price.output_usd_per_mtok,
                        [p.output_usd_per_mtok for p in windows + changed],
                    ),
                )
                # Changes are folded into the floor: none is applied on top of it.
                routes.append(
                    (
                        _scaled(price.input_usd_per_mtok),
                        _scaled(price.output_usd_per_mtok),
                        (),
                        None,
                    )
                )
                continue
            routes.append(dated_prices(route, _scaled))
    except _Unscalable:
        return None
    # A fixed route another fixed one matches or beats on both prices can never
    # bill less: keep the rest. (Only the lowest total matters here; the full
    # engine picks the route.)
    fixed = sorted(
        ((r[0], r[1]) for r in routes if not r[2] and r[3] is None),
        key=lambda prices: (prices[0] is None, prices[1] is None, prices),
    )
    kept: list[PlainRoute] = []
    for price_in, price_out in fixed:  # one that beats another sorts before it
        if price_in is None or price_out is None:
            continue  # never priced
        if not any(k[0] <= price_in and k[1] <= price_out for k in kept):  # type: ignore[operator]
            kept.append((price_in, price_out, (), None))
    dated = [r for r in routes if r[2] or r[3] is not None]
    return tuple(kept + dated), exact


def _even_floor(route: Route) -> tuple[int | None, int | None]:
    """Scaled prices a hair under what the route bills per token when the traffic
    is spread evenly over the day or week, as costing._windowed_cost splits it:
    each window's share of the hours at its prices, the other hours at the route's.
    Worked out exactly (fractions), then one unit under: the engine's own sums,
    rounded at 28 digits, can never come below it. None where a share is unpriced."""
    from fractions import Fraction  # only when the store is built

    shares = []
    for window in route.time_windows:
        start = window.start.hour * 60 + window.start.minute
        end = window.end.hour * 60 + window.end.minute
        share = Fraction((end - start) % 1440 or 1440, 1440)
        shares.append(
            (
                route.price.overridden_by(window.price),
                share * (Fraction(5, 7) if window.weekdays_only else 1),
            )
        )
    total = sum((share for _, share in shares), Fraction(0))
    if total > 1:
        shares = [(price, share / total) for price, share in shares]
        total = Fraction(1)
    shares.append((route.price, 1 - total))

    def floor(kind: str) -> int | None:
        value = Fraction(0)
        for price, share in shares:
            if not share:
                continue
            per_mtok: Decimal | None = getattr(price, f"{kind}_usd_per_mtok")
            if per_mtok is None:
                return None
            value += share * Fraction(per_mtok)
        scaled: Fraction = value * 10**PLACES
        return math.floor(scaled) - 1

    return floor("input"), floor("output")


def _facts(model: Model) -> Facts:
    ranking = _plain_routes(model)
    if ranking is None:
        return (model.id, None, False, None)
    even = None
    if any(route.time_windows for route in model.routes):
        found = _plain_routes(model, even=True)
        even = found[0] if found is not None else None
    return (model.id, *ranking, even)


class Columns(Record):
    """Models with their routes' scaled prices (as PlainRoute), in columns so that
    totals are worked out by `map` over whole columns rather than model by model:
    models with one route (most) in `single_*`, the others in `multi_*`, where the
    routes of `multi_ids[i]` are `multi_in/multi_out[multi_starts[i]:multi_starts[i + 1]]`.
    Prices are arrays of 64-bit integers: they load as blocks of bytes.

    Routes are also numbered as one list, the single ones first (route r of the
    multi ones is `r - len(single_ids)` there, its model `multi_owner[...]`):
    `by_in` and `by_out` are those numbers by input and by output price, which
    `first` walks down."""

    single_ids: tuple[str, ...]
    single_in: Sequence[int]
    single_out: Sequence[int]
    multi_ids: tuple[str, ...]
    multi_starts: Sequence[int]  # one more than multi_ids
    multi_in: Sequence[int]
    multi_out: Sequence[int]
    multi_owner: Sequence[int]  # each multi route's model, a position in multi_ids
    by_in: Sequence[int]  # every route, by input price
    by_out: Sequence[int]  # every route, by output price

    def lowest(self, tokens_in: int, tokens_out: int) -> list[tuple[int | Decimal, str]]:
        """(lowest scaled total, model id) for every model."""

        def totals(prices_in: Sequence[int], prices_out: Sequence[int]) -> Iterator[int]:
            return map(
                add,
                map(mul, repeat(tokens_in), prices_in),
                map(mul, repeat(tokens_out), prices_out),
            )

        found: list[tuple[int | Decimal, str]] = list(
            zip(totals(self.single_in, self.single_out), self.single_ids, strict=True)
        )
        multi = list(totals(self.multi_in, self.multi_out))
        starts = self.multi_starts
        least = map(min, map(multi.__getitem__, map(slice, starts, starts[1:])))
        found += zip(least, self.multi_ids, strict=True)
        return found

    def first(
        self, count: int, tokens_in: int, tokens_out: int, step: int = 64
    ) -> list[tuple[int | Decimal, str]]:
        """The `count` least of `lowest`, in order, most often without working out
        every total: the routes are taken by input price and by output price at
        once, each one's model totalled when first met, until a model not met yet
        cannot come before the count-th (its every route costs at least the
        prices reached in both orders: Fagin's threshold algorithm). Where that
        would take a quarter of the routes, every total is worked out. `step`:
        routes taken in each order before the first look (doubling after each)."""
        singles, routes = len(self.single_ids), len(self.by_in)
        models = singles + len(self.multi_ids)
        if count <= 0 or not routes:
            return []
        single_in, single_out, multi_in, multi_out = (
            self.single_in, self.single_out, self.multi_in, self.multi_out
        )  # fmt: skip
        by_in, by_out, owner, starts = self.by_in, self.by_out, self.multi_owner, self.multi_starts
        keys: list[tuple[int | Decimal, str]] = []
        met: set[int] = set()  # models, numbered singles first
        depth, end = 0, max(1, step)
        while depth < routes and depth <= routes // 4:
            for at in range(depth, min(end, routes)):
                for route in (by_in[at], by_out[at]):
                    if route < singles:
                        if route not in met:
                            met.add(route)
                            total = tokens_in * single_in[route] + tokens_out * single_out[route]
                            keys.append((total, self.single_ids[route]))
                        continue
                    model = owner[route - singles]
                    if singles + model not in met:
                        met.add(singles + model)
                        start, stop = starts[model], starts[model + 1]
                        total = min(
                            tokens_in * price_in + tokens_out * price_out
                            for price_in, price_out in zip(
                                multi_in[start:stop], multi_out[start:stop], strict=True
                            )
                        )
                        keys.append((total, self.multi_ids[model]))
            depth, end = min(end, routes), end * 2
            if len(keys) >= count:
                keys = heapq.nsmallest(count, keys)  # no other key met can come first
                last_in, last_out = by_in[depth - 1], by_out[depth - 1]
                price_in = single_in[last_in] if last_in < singles else multi_in[last_in - singles]
                price_out = (
                    single_out[last_out] if last_out < singles else multi_out[last_out - singles]
                )
                if keys[-1][0] < tokens_in * price_in + tokens_out * price_out:
                    return keys
            if len(met) == models:
                return heapq.nsmallest(count, keys)
        if depth >= routes:
            return heapq.nsmallest(count, keys)
        return heapq.nsmallest(count, self.lowest(tokens_in, tokens_out))


# Prices above this do not fit a 64-bit integer: their model is kept apart.
_INT64 = 2**63 - 1


def _columns(models: list[tuple[str, list[tuple[int, int]]]]) -> Columns:
    """Columns of models, each with at least one route priced both ways, every
    price within _INT64."""
    single: tuple[list[str], list[int], list[int]] = ([], [], [])
    multi: tuple[list[str], list[int], list[int], list[int], list[int]] = ([], [0], [], [], [])
    for model_id, routes in models:
        if len(routes) == 1:
            single[0].append(model_id)
            single[1].append(routes[0][0])
            single[2].append(routes[0][1])
        else:
            multi[4].extend(len(multi[0]) for _ in routes)
            multi[0].append(model_id)
            multi[2].extend(price_in for price_in, _ in routes)
            multi[3].extend(price_out for _, price_out in routes)
            multi[1].append(len(multi[2]))
    prices_in, prices_out = single[1] + multi[2], single[2] + multi[3]  # every route, numbered
    numbers = range(len(prices_in))
    return Columns(
        tuple(single[0]), array("q", single[1]), array("q", single[2]),
        tuple(multi[0]), array("I", multi[1]), array("q", multi[2]), array("q", multi[3]),
        array("I", multi[4]),
        array("I", sorted(numbers, key=prices_in.__getitem__)),
        array("I", sorted(numbers, key=prices_out.__getitem__)),
    )  # fmt: skip


def _fits(routes: list[tuple[int, int]]) -> bool:
    return all(price_in <= _INT64 and price_out <= _INT64 for price_in, price_out in routes)


class Ranking(Record):
    """The ranking summary: the models whose bill is exact and the same every day
    (no dated change, no retirement: most) as columns, those of them with no priced
    route, and how many other models there are (their Facts, a part of their own,
    are resolved for a day by `on_day`)."""

    fixed: Columns
    unpriced: tuple[str, ...]
    others: int  # how many: their Facts are the summary part "ranking_others"

    @property
    def rows(self) -> int:
        fixed = self.fixed
        return len(fixed.single_ids) + len(fixed.multi_ids) + len(self.unpriced) + self.others


def _ranking(facts: list[Facts]) -> tuple[Ranking, tuple[Facts, ...]]:
    fixed: list[tuple[str, list[tuple[int, int]]]] = []
    unpriced: list[str] = []
    others: list[Facts] = []
    for fact in facts:
        model_id, plain, exact, _ = fact
        if plain is None or not exact or any(r[2] or r[3] is not None for r in plain):
            others.append(fact)
            continue
        # Fixed routes, each with both prices (as _plain_routes keeps them).
        routes = [(r[0], r[1]) for r in plain if r[0] is not None and r[1] is not None]
        if not routes:
            unpriced.append(model_id)
        elif _fits(routes):
            fixed.append((model_id, routes))
        else:
            others.append(fact)
    return Ranking(_columns(fixed), tuple(unpriced), len(others)), tuple(others)


class OnDay(Record):
    """The ranking's other models as they stand on one day: those whose bill is
    exact (columns, and those with nothing priced), those known from below
    (columns of floors), and those to read whatever the traffic."""

    exact: Columns
    exact_unpriced: tuple[str, ...]
    floors: Columns
    read: tuple[str, ...]


def on_day(others: tuple[Facts, ...], day: dt.date | None, evenly: bool) -> OnDay:
    """The other models' routes in force on `day` (dated changes applied, retired
    routes left out): `evenly` takes time-of-day routes' floors for traffic spread
    evenly over the day."""
    exact: list[tuple[str, list[tuple[int, int]]]] = []
    exact_unpriced: list[str] = []
    floors: list[tuple[str, list[tuple[int, int]]]] = []
    read: list[str] = []
    for model_id, plain, is_exact, even in others:
        routes_now = even if evenly and even is not None else plain
        if routes_now is None:
            read.append(model_id)  # nothing known: read it
            continue
        priced = [
            (price_in, price_out)
            for price_in, price_out in routes_in_force(routes_now, day)
            if price_in is not None and price_out is not None
        ]
        if not _fits(priced):
            read.append(model_id)
        elif not is_exact and priced:  # a floor
            floors.append((model_id, priced))
        elif not is_exact:  # no floor at all (nothing priced): read it anyway
            read.append(model_id)
        elif priced:
            exact.append((model_id, priced))
        else:
            exact_unpriced.append(model_id)
    return OnDay(_columns(exact), tuple(exact_unpriced), _columns(floors), tuple(read))


class Ranked(Record):
    """The models whose rows a ranking shows, and how many rows it has in all."""

    models: list[Model]
    rows: int


def cheapest_models(catalog: Catalog, traffic: Traffic, count: int) -> Ranked | None:
    """The `count` models whose cheapest routes come first for plain `traffic`,
    in the ranking's order (as costing.rank_models over every model would have
    them), read from the store; None when there is no summary to choose by or
    the traffic is not plain."""
    ranking: Ranking | None = catalog.stored_summary("ranking")
    whole = isinstance(traffic.input_tokens, int) and isinstance(traffic.output_tokens, int)
    if ranking is None or not traffic.is_plain or not whole:
        return None
    from .costing import cheapest_route

    tokens_in, tokens_out = int(traffic.input_tokens), int(traffic.output_tokens)
    day = catalog.day
    # Totals stay integers (prices scaled by 10^(PLACES + 6), per 1M tokens):
    # exact, and quick to compare. A total from the full engine is a Decimal,
    # which compares with them exactly once scaled the same way.
    scale = PLACES + 6
    unpriced = 10**60  # past any total: unpriced models sort after the priced ones

    # The first `count` of each kind of model: together, they hold the first
    # `count` of all (every key, for first_positive, is worked out if asked for).
    keys = ranking.fixed.first(count, tokens_in, tokens_out)
    keys += [(unpriced, model_id) for model_id in heapq.nsmallest(count, ranking.unpriced)]
    # The other models as on the day: worked out by the day's first run, kept
    # beside the store for the rest of the day's runs.
    evenly = not traffic.window_shares  # time-of-day routes split as _even_floor has it
    from .cache import beside_store

    source = catalog.store
    assert source is not None  # the ranking came from it
    resolved: OnDay = beside_store(
        source,
        f"ranking on {day} {'evenly' if evenly else 'as given'}",
        lambda: on_day(source.summary("ranking_others"), day, evenly),
    )
    keys += resolved.exact.first(count, tokens_in, tokens_out)
    keys += [(unpriced, model_id) for model_id in heapq.nsmallest(count, resolved.exact_unpriced)]
    floors = resolved.floors.lowest(tokens_in, tokens_out)  # models known only from below
    floors += [(0, model_id) for model_id in resolved.read]

    def shown_first(some: list[tuple[int | Decimal, str]]) -> list[tuple[int | Decimal, str]]:
        return heapq.nsmallest(count, some)

    def first_positive() -> tuple[int | Decimal, str] | None:
        # The base of the "vs min" column: the smallest positive total of a row
        # that may stand as cheapest (rarely asked: the first rows all free).
        every = ranking.fixed.lowest(tokens_in, tokens_out)
        every += resolved.exact.lowest(tokens_in, tokens_out)
        every += [key for key in keys if key[0] != unpriced]  # and the floors' models, priced
        return min((key for key in every if key[0] and key[0] != unpriced), default=None)

    first = shown_first(keys)
    # A model known from below can only rank among the first `count` if its floor
    # is no higher than the count-th exact total: only those are read and priced.
    limit = first[-1] if len(first) >= count else None
    if limit is not None and limit[0] == 0:
        # The first rows are all free of charge: a model known from below may
        # undercut the first positive total.
        limit = first_positive()
    for floor, model_id in floors:
        if limit is not None and (floor, "") > limit:
            continue
        cost = cheapest_route(catalog.model(model_id), traffic)
        total = unpriced if cost is None else cost.total_usd.scaleb(scale, context=_EXACT)
        keys.append((total, model_id))
    ordered = sorted(shown_first(keys))
    chosen = [(total == unpriced, total, model_id) for total, model_id in ordered]
    # The "vs min" base is among the rows shown unless all of those are free.
    if chosen and all(not total for _, total, _ in chosen):
        positive = first_positive()
        if positive is not None:
            chosen.append((False, positive[0], positive[1]))
    return Ranked([catalog.model(model_id) for _, _, model_id in chosen], ranking.rows)


def cheapest_on(routes: tuple[Dated[Decimal], ...], day: dt.date, kind: int) -> Decimal | None:
    """The lowest price of one kind (0 input, 1 output) over the routes in force
    on `day`: costing.cheapest_list_price over the model as of that day."""
    prices = [prices[kind] for prices in routes_in_force(routes, day)]
    return min((price for price in prices if price is not None), default=None)
