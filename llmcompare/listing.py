"""Choosing from the catalog: the filters and sort orders behind `list`, and `providers`."""

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from .costing import cheapest_list_price
from .domain import CAPABILITIES, Catalog, Model, Provider, Route
from .names import normalise
from .sorting import SortKey


class FilterError(ValueError):
    """A filter value that names nothing in the catalog."""


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


def select_models(catalog: Catalog, wanted: ModelFilter, sort: SortKey) -> list[Model]:
    """Models passing every filter, in the chosen order (ties by id)."""
    capabilities = [capability_key(query) for query in wanted.capabilities]
    providers = {provider_key(catalog, query) for query in wanted.providers}
    creators = {creator_key(catalog, query) for query in wanted.creators}

    def passes(model: Model) -> bool:
        if not all(model.capabilities.get(key) for key in capabilities):
            return False
        if wanted.min_context is not None and model.context_window < wanted.min_context:
            return False
        if wanted.open_weights and not model.open_weights:
            return False
        if creators and model.creator.id not in creators:
            return False
        if providers and not any(r.provider.id in providers for r in model.routes):
            return False
        return _within(cheapest_list_price(model, "input"), wanted.max_input_price) and _within(
            cheapest_list_price(model, "output"), wanted.max_output_price
        )

    chosen = [model for model in catalog.models if passes(model)]
    return sorted(chosen, key=_sort_key(sort))


def _within(price: Decimal | None, limit: Decimal | None) -> bool:
    """With a limit, a model must have a price at or under it; unpriced models fail."""
    return limit is None or (price is not None and price <= limit)


def _sort_key(sort: SortKey) -> Callable[[Model], tuple[object, ...]]:
    def price_key(kind: str) -> Callable[[Model], tuple[object, ...]]:
        def key(model: Model) -> tuple[object, ...]:
            price = cheapest_list_price(model, kind)  # type: ignore[arg-type]
            return (price is None, price or Decimal(0), model.id)

        return key

    keys: dict[SortKey, Callable[[Model], tuple[object, ...]]] = {
        SortKey.ID: lambda m: (m.id,),
        SortKey.NAME: lambda m: (m.name.casefold(), m.id),
        SortKey.CREATOR: lambda m: (m.creator.id, m.id),
        # Newest and largest first: that is what people sort these for.
        # Newest first; a model whose release date is not known comes last.
        SortKey.RELEASED: lambda m: (-m.released.toordinal() if m.released else 1, m.id),
        SortKey.CONTEXT: lambda m: (-m.context_window, m.id),
        SortKey.ROUTES: lambda m: (-len(m.routes), m.id),
        SortKey.INPUT_PRICE: price_key("input"),
        SortKey.OUTPUT_PRICE: price_key("output"),
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
