"""What whole-catalog commands choose by, kept in the compiled store.

`cost` over every model and `list` with filters look at every model, but show
few. At tens of thousands of models, reading them all costs more than the rest
of the run; so the store keeps, per model, the few facts those commands choose
by. They pick the models worth reading, then the ordinary engine (costing.py,
listing.py) works on those alone, so every answer is the one the whole catalog
would give:

- `cost` with plain traffic (input and output only) ranks each model by its
  cheapest billable route, worked out here in exact integers (prices scaled to
  whole units, so nothing is rounded), then prices the top rows in full.
- `list` drops models that cannot pass a filter, judged on facts that only ever
  let through more than the filter does, then filters the rest in full.

A model whose prices depend on the day (dated changes, a retirement) or on the
request (long-context tiers, peak hours), or whose prices do not scale to whole
units, has no plain ranking here: it is always read and priced in full.
"""

from __future__ import annotations

import datetime as dt
from decimal import Context, Decimal
from typing import TYPE_CHECKING, NamedTuple

from .domain import Plan

if TYPE_CHECKING:
    from .costing import Traffic
    from .domain import Catalog, Model, Route
    from .listing import ModelFilter

# Prices are scaled by 10^PLACES to whole numbers; one with more decimal places
# (none in practice) leaves its model to the full path.
PLACES = 9
_EXACT = Context(prec=80)  # wide enough that no total is rounded


class Facts(NamedTuple):
    """One model, as whole-catalog commands first look at it."""

    id: str
    creator: str
    context_window: int
    capabilities: frozenset[str]
    open_weights: bool | None
    providers: frozenset[str]
    # The lowest input and output price of any route, whatever its status: no
    # filter on cheapest prices can pass a model whose floor is above its limit.
    lowest_input: Decimal | None
    lowest_output: Decimal | None
    # Its paid routes for ranking by plain traffic (see PlainRoute); None: price
    # this model in full.
    plain: tuple[PlainRoute, ...] | None
    # Whether `plain` gives the bill itself, or only a floor under it.
    exact: bool


def summarise(models: tuple[Model, ...]) -> tuple[Facts, ...]:
    return tuple(_facts(model) for model in models)


class _Unscalable(Exception):
    """A price with more decimal places than PLACES."""


def _scaled(price: Decimal | None) -> int | None:
    if price is None:
        return None
    scaled = price.scaleb(PLACES, context=_EXACT)
    if scaled != scaled.to_integral_value():
        raise _Unscalable
    return int(scaled)


# A paid route as the plain ranking sees it: scaled input and output prices
# (None: not priced), its dated changes oldest first as (effective, input,
# output), and its retirement day.
PlainRoute = tuple[
    int | None, int | None, tuple[tuple[dt.date, int | None, int | None], ...], dt.date | None
]


def _lower(price: Decimal | None, others: list[Decimal | None]) -> Decimal | None:
    found = [p for p in (price, *others) if p is not None]
    return min(found) if price is not None and found else None


def _plain_routes(model: Model) -> tuple[tuple[PlainRoute, ...], bool] | None:
    """The model's active paid routes for plain ranking, and whether the totals
    they give are exact; None if a price is not in whole units. Long-context
    tiers need no place here: without --requests, every request is taken to be
    below them. A route priced by time of day gives its lowest prices instead:
    a floor, not the bill (the full engine splits the traffic)."""
    exact = True
    try:
        routes: list[PlainRoute] = []
        for route in model.routes:
            if not route.is_active or route.plan is not Plan.PAID:
                continue  # never billable, on any day
            price = route.price
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
            changes = tuple(
                (
                    change.effective,
                    _scaled(change.price.input_usd_per_mtok),
                    _scaled(change.price.output_usd_per_mtok),
                )
                for change in route.price_changes
            )
            price_in = _scaled(route.price.input_usd_per_mtok)
            price_out = _scaled(route.price.output_usd_per_mtok)
            routes.append((price_in, price_out, changes, route.retired))
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


def _lowest_total(
    routes: tuple[PlainRoute, ...], day: dt.date | None, tokens_in: int, tokens_out: int
) -> int | None:
    """The lowest bill (scaled) over the routes as they stand on `day` (None: as
    listed, no dated change applied)."""
    best: int | None = None
    for price_in, price_out, changes, retired in routes:
        if day is not None:
            if retired is not None and retired <= day:
                continue
            for effective, changed_in, changed_out in changes:
                if effective <= day:
                    price_in = price_in if changed_in is None else changed_in
                    price_out = price_out if changed_out is None else changed_out
        if price_in is None or price_out is None:
            continue
        total = tokens_in * price_in + tokens_out * price_out
        if best is None or total < best:
            best = total
    return best


def _lowest(routes: tuple[Route, ...], kind: str) -> Decimal | None:
    prices = [
        price
        for route in routes
        for price in (
            getattr(route.price, kind),
            *(getattr(change.price, kind) for change in route.price_changes),
        )
        if price is not None
    ]
    return min(prices, default=None)


def _facts(model: Model) -> Facts:
    ranking = _plain_routes(model)
    return Facts(
        id=model.id,
        creator=model.creator.id,
        context_window=model.context_window,
        capabilities=frozenset(key for key, value in model.capabilities.items() if value),
        open_weights=model.open_weights,
        providers=frozenset(route.provider.id for route in model.routes),
        lowest_input=_lowest(model.routes, "input_usd_per_mtok"),
        lowest_output=_lowest(model.routes, "output_usd_per_mtok"),
        plain=None if ranking is None else ranking[0],
        exact=ranking is not None and ranking[1],
    )


def _summary(catalog: Catalog) -> tuple[Facts, ...] | None:
    source = catalog.source
    if source is None or catalog.in_memory:
        return None  # all in memory already: nothing to spare
    found = source.summary()  # type: ignore[attr-defined]
    return found if isinstance(found, tuple) else None


class Ranked(NamedTuple):
    """The models whose rows a ranking shows, and how many rows it has in all."""

    models: list[Model]
    rows: int


def cheapest_models(catalog: Catalog, traffic: Traffic, count: int) -> Ranked | None:
    """The `count` models whose cheapest routes come first for plain `traffic`,
    in the ranking's order (as costing.rank_models over every model would have
    them), read from the store; None when there is no summary to choose by or
    the traffic is not plain."""
    facts = _summary(catalog)
    whole = isinstance(traffic.input_tokens, int) and isinstance(traffic.output_tokens, int)
    if facts is None or not traffic.is_plain or not whole:
        return None
    from .costing import cheapest_route

    tokens_in, tokens_out = int(traffic.input_tokens), int(traffic.output_tokens)

    def total_of(best: int | None) -> Decimal | None:
        return None if best is None else Decimal(best).scaleb(-(PLACES + 6), context=_EXACT)

    keys: list[tuple[bool, Decimal, str]] = []
    floors: list[tuple[Decimal, str]] = []  # models known only from below
    for fact in facts:
        if fact.plain is not None:
            total = total_of(_lowest_total(fact.plain, catalog.day, tokens_in, tokens_out))
            if not fact.exact:  # a floor; none at all (nothing priced) reads it anyway
                floors.append((total if total is not None else Decimal(0), fact.id))
                continue
        else:
            floors.append((Decimal(0), fact.id))  # nothing known: read it
            continue
        keys.append((total is None, total if total is not None else Decimal(0), fact.id))
    keys.sort()
    # A model known from below can only rank among the first `count` if its floor
    # is no higher than the count-th exact total: only those are read and priced.
    limit = keys[count - 1] if len(keys) >= count else None
    if limit is not None and not limit[0] and not limit[1]:
        # The first rows are all free of charge: the "vs min" base is the first
        # positive total, which a model known from below may undercut.
        positive = next((key for key in keys if not key[0] and key[1]), None)
        limit = positive if positive is not None else (True, Decimal(0), "")
    for floor, model_id in floors:
        if limit is not None and (False, floor, "") > limit:
            continue
        cost = cheapest_route(catalog.model(model_id), traffic)
        total = None if cost is None else cost.total_usd
        keys.append((total is None, total if total is not None else Decimal(0), model_id))
    keys.sort()
    chosen = keys[:count]
    # The base of the "vs min" column is the smallest positive total among rows
    # that may stand as cheapest; it is in the rows shown unless all of those are
    # free of charge.
    if chosen and all(not unpriced and not total for unpriced, total, _ in chosen):
        first_positive = next((key for key in keys if not key[0] and key[1]), None)
        if first_positive is not None:
            chosen.append(first_positive)
    return Ranked([catalog.model(model_id) for _, _, model_id in chosen], len(facts))


def filter_candidates(catalog: Catalog, wanted: ModelFilter) -> Catalog:
    """The catalog narrowed to the models that may pass `wanted` (listing.py then
    filters them in full), read from the store; the catalog itself when there
    is nothing to narrow by."""
    facts = _summary(catalog)
    if facts is None:
        return catalog
    from .domain import Catalog as CatalogType
    from .listing import capability_key, creator_key, provider_key

    capabilities = {capability_key(query) for query in wanted.capabilities}
    providers = {provider_key(catalog, query) for query in wanted.providers}
    creators = {creator_key(catalog, query) for query in wanted.creators}

    def may_pass(fact: Facts) -> bool:
        return (
            capabilities <= fact.capabilities
            and (wanted.min_context is None or fact.context_window >= wanted.min_context)
            and (not wanted.open_weights or bool(fact.open_weights))
            and (not creators or fact.creator in creators)
            and (not providers or not providers.isdisjoint(fact.providers))
            and _may_be_within(fact.lowest_input, wanted.max_input_price)
            and _may_be_within(fact.lowest_output, wanted.max_output_price)
        )

    models = tuple(catalog.model(fact.id) for fact in facts if may_pass(fact))
    return CatalogType(models, catalog.providers, catalog.licenses, catalog.creators)


def _may_be_within(lowest: Decimal | None, limit: Decimal | None) -> bool:
    return limit is None or (lowest is not None and lowest <= limit)
