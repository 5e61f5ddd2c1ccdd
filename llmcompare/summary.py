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

from decimal import Context, Decimal
from typing import TYPE_CHECKING, NamedTuple

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
    # Billable routes as (input, output, provider), prices scaled to integers,
    # only those no other route beats on both; None: price this model in full.
    plain: tuple[tuple[int, int, str], ...] | None


def summarise(models: tuple[Model, ...]) -> tuple[Facts, ...]:
    return tuple(_facts(model) for model in models)


def _scaled(price: Decimal | None) -> int | None:
    if price is None:
        return None
    scaled = price.scaleb(PLACES, context=_EXACT)
    return int(scaled) if scaled == scaled.to_integral_value() else None


def _plain_routes(model: Model) -> tuple[tuple[int, int, str], ...] | None:
    candidates: list[tuple[int, int, str]] = []
    for route in model.routes:
        if route.price_changes or route.retired is not None:
            return None  # depends on the day
        if not route.is_billable:
            continue
        if route.tiers or route.time_windows:
            return None  # depends on the request
        price_in = _scaled(route.price.input_usd_per_mtok)
        price_out = _scaled(route.price.output_usd_per_mtok)
        if price_in is None or price_out is None:
            return None
        candidates.append((price_in, price_out, route.provider.id))
    # A route another matches or beats on both prices can never bill less: keep
    # the rest. (Only the lowest total matters here; the full engine picks the route.)
    kept: list[tuple[int, int, str]] = []
    for offer in sorted(candidates):  # one that beats another sorts before it
        if not any(k[0] <= offer[0] and k[1] <= offer[1] for k in kept):
            kept.append(offer)
    return tuple(kept)


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
    return Facts(
        id=model.id,
        creator=model.creator.id,
        context_window=model.context_window,
        capabilities=frozenset(key for key, value in model.capabilities.items() if value),
        open_weights=model.open_weights,
        providers=frozenset(route.provider.id for route in model.routes),
        lowest_input=_lowest(model.routes, "input_usd_per_mtok"),
        lowest_output=_lowest(model.routes, "output_usd_per_mtok"),
        plain=_plain_routes(model),
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
    if facts is None or not traffic.is_plain:
        return None
    from .costing import cheapest_route

    tokens_in, tokens_out = traffic.input_tokens, traffic.output_tokens
    keys: list[tuple[bool, Decimal, str]] = []
    for fact in facts:
        if fact.plain is None:
            model = catalog.model(fact.id)
            cost = cheapest_route(model, traffic)
            total = None if cost is None else cost.total_usd
        elif fact.plain:
            best = min(tokens_in * p_in + tokens_out * p_out for p_in, p_out, _ in fact.plain)
            total = Decimal(best).scaleb(-(PLACES + 6), context=_EXACT)  # per 1M tokens
        else:
            total = None
        keys.append((total is None, total if total is not None else Decimal(0), fact.id))
    keys.sort()
    chosen = keys[:count]
    # The base of the "vs min" column is the smallest positive total among rows
    # that may stand as cheapest; it is in the rows shown unless all of those are
    # free of charge.
    if chosen and all(not unpriced and not total for unpriced, total, _ in chosen):
        first_positive = next((key for key in keys if not key[0] and key[1]), None)
        if first_positive is not None:
            chosen.append(first_positive)
    return Ranked([catalog.model(model_id) for _, _, model_id in chosen], len(keys))


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
