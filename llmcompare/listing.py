"""Choosing from the catalog: the filters and sort orders behind `list`, and `providers`."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from .costing import cheapest_list_price
from .domain import CAPABILITIES, Catalog, Creator, Model, Provider, Route, reduce_record
from .names import normalise
from .sorting import SortKey


class FilterError(ValueError):
    """A filter value that names nothing in the catalog."""


class Listed(NamedTuple):
    """A model as `list` shows it: what it is filtered and sorted by, and its
    cheapest prices on the day (active paid routes). Made from a model, or from
    the compiled store's summary without reading the model (summary.py)."""

    id: str
    name: str
    creator: Creator
    released: dt.date | None
    context_window: int
    max_output_tokens: int | None
    open_weights: bool | None
    license: str | None
    # Each flag of domain.CAPABILITIES in its order: True, False, or None where
    # the data does not say (a tuple of shared values: cheap to keep for 20,000).
    capabilities: tuple[bool | None, ...]
    use_cases: tuple[str, ...]
    providers: tuple[str, ...]  # every provider with a route, sorted
    routes: int
    cheapest_input: Decimal | None
    cheapest_output: Decimal | None


def capabilities_of(entry: Listed) -> dict[str, bool]:
    """The flags the data states, by name (as Model.capabilities)."""
    return {
        key: v for key, v in zip(CAPABILITIES, entry.capabilities, strict=True) if v is not None
    }


def listed(model: Model) -> Listed:
    return Listed(
        id=model.id,
        name=model.name,
        creator=model.creator,
        released=model.released,
        context_window=model.context_window,
        max_output_tokens=model.max_output_tokens,
        open_weights=model.open_weights,
        license=model.license.id if model.license else None,
        capabilities=tuple(model.capabilities.get(key) for key in CAPABILITIES),
        use_cases=tuple(model.use_cases),
        providers=tuple(sorted({route.provider.id for route in model.routes})),
        routes=len(model.routes),
        cheapest_input=cheapest_list_price(model, "input"),
        cheapest_output=cheapest_list_price(model, "output"),
    )


class ModelFilter(NamedTuple):
    capabilities: tuple[str, ...] = ()
    min_context: int | None = None
    max_input_price: Decimal | None = None
    max_output_price: Decimal | None = None
    open_weights: bool = False
    providers: tuple[str, ...] = ()
    creators: tuple[str, ...] = ()


def _pick(kind: str, query: str, choices: dict[str, str]) -> str:
    """Match a user's word to a key of `choices` (normalised key or display name)."""
    wanted = normalise(query)
    for key, display in choices.items():
        if wanted in (normalise(key), normalise(display)):
            return key
    import difflib  # only on the error path

    close = difflib.get_close_matches(query.lower(), list(choices), n=3, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else f"; known: {', '.join(choices)}"
    raise FilterError(f"unknown {kind} {query!r}{hint}")


def capability_key(query: str) -> str:
    return _pick("capability", query, CAPABILITIES)


def provider_key(catalog: Catalog, query: str) -> str:
    return _pick("provider", query, {p.id: p.name for p in catalog.providers.values()})


def creator_key(catalog: Catalog, query: str) -> str:
    return _pick("creator", query, {c.id: c.name for c in catalog.creators.values()})


def catalog_listing(catalog: Catalog) -> list[Listed]:
    """Every model as `list` shows it: from the compiled store's listing without
    reading a model (summary.py), or from the models in memory."""
    from .summary import listing

    stored = listing(catalog)
    return stored if stored is not None else [listed(model) for model in catalog.models]


class ModelList(NamedTuple):
    """What `list` shows: the models chosen, in order, and how many more passed
    the filters but were left out (a terminal table's length)."""

    models: list[Listed]
    omitted: int = 0


def select_models(
    catalog: Catalog, wanted: ModelFilter, sort: SortKey, limit: int | None = None
) -> ModelList:
    """The models passing every filter, as `list` shows them, in the chosen order
    (ties by id); the first `limit` of them (None: all)."""
    order = list(CAPABILITIES)
    capabilities = [order.index(capability_key(query)) for query in wanted.capabilities]
    providers = {provider_key(catalog, query) for query in wanted.providers}
    creators = {creator_key(catalog, query) for query in wanted.creators}

    # Run for each of up to tens of thousands of models: plain locals and loops.
    min_context = wanted.min_context or 0
    open_weights = wanted.open_weights
    max_input, max_output = wanted.max_input_price, wanted.max_output_price

    def passes(entry: Listed) -> bool:
        if entry.context_window < min_context:
            return False
        flags = entry.capabilities
        for index in capabilities:
            if not flags[index]:
                return False
        if open_weights and not entry.open_weights:
            return False
        if creators and entry.creator.id not in creators:
            return False
        if providers and providers.isdisjoint(entry.providers):
            return False
        return _within(entry.cheapest_input, max_input) and _within(
            entry.cheapest_output, max_output
        )

    chosen = sorted((e for e in catalog_listing(catalog) if passes(e)), key=_sort_key(sort))
    if limit is None or len(chosen) <= limit:
        return ModelList(chosen)
    return ModelList(chosen[:limit], len(chosen) - limit)


def _within(price: Decimal | None, limit: Decimal | None) -> bool:
    """With a limit, a model must have a price at or under it; unpriced models fail."""
    return limit is None or (price is not None and price <= limit)


def _sort_key(sort: SortKey) -> Callable[[Listed], tuple[object, ...]]:
    def price_key(price: Decimal | None, model_id: str) -> tuple[object, ...]:
        return (price is None, price or Decimal(0), model_id)

    keys: dict[SortKey, Callable[[Listed], tuple[object, ...]]] = {
        SortKey.ID: lambda m: (m.id,),
        SortKey.NAME: lambda m: (m.name.casefold(), m.id),
        SortKey.CREATOR: lambda m: (m.creator.id, m.id),
        # Newest and largest first: that is what people sort these for.
        # Newest first; a model whose release date is not known comes last.
        SortKey.RELEASED: lambda m: (-m.released.toordinal() if m.released else 1, m.id),
        SortKey.CONTEXT: lambda m: (-m.context_window, m.id),
        SortKey.ROUTES: lambda m: (-m.routes, m.id),
        SortKey.INPUT_PRICE: lambda m: price_key(m.cheapest_input, m.id),
        SortKey.OUTPUT_PRICE: lambda m: price_key(m.cheapest_output, m.id),
    }
    return keys[sort]


class ProviderSummary(NamedTuple):
    provider: Provider
    routes: int
    priced_routes: int
    models: tuple[str, ...]


def summarise_providers(catalog: Catalog) -> list[ProviderSummary]:
    """Each provider with its routes, most routes first (deprecated providers included)."""
    routes: dict[str, list[tuple[Model, Route]]] = {key: [] for key in catalog.providers}
    for model in catalog.models:  # one pass over every route
        for route in model.routes:
            routes[route.provider.id].append((model, route))
    summaries = [
        ProviderSummary(
            provider=provider,
            routes=len(routes[key]),
            priced_routes=sum(1 for _, route in routes[key] if route.price.is_complete),
            models=tuple(sorted({model.id for model, _ in routes[key]})),
        )
        for key, provider in catalog.providers.items()
    ]
    return sorted(summaries, key=lambda s: (-s.routes, s.provider.id))


# Stored by the thousand in the compiled store's listing: rebuilt in C as it loads.
Listed.__reduce__ = reduce_record  # type: ignore[assignment,method-assign]
