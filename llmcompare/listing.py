"""Choosing from the catalog: the filters and sort orders behind `list`, and `providers`."""

import datetime as dt
from decimal import Decimal

from .costing import cheapest_list_price
from .domain import CAPABILITIES, Catalog, Creator, Model, Provider, Route, reduce_record
from .listindex import ChosenEntries, ListingIndex, Wanted, stored_listing
from .names import normalise
from .records import Record
from .sorting import SortKey


class FilterError(ValueError):
    """A filter value that names nothing in the catalog."""


class Listed(Record):
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


class ModelFilter(Record):
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


def catalog_listing(catalog: Catalog) -> ListingIndex:
    """Every model as `list` shows it: the compiled store's listing, read without
    reading a model (listindex.py), or columns made from the models in memory."""
    stored = stored_listing(catalog)
    if stored is not None:
        return stored
    return ListingIndex.in_memory([listed(model) for model in catalog.models])


class ModelList(Record):
    """What `list` shows: the models chosen, in order, and how many more passed
    the filters but were left out (a terminal table's length)."""

    models: ChosenEntries
    omitted: int = 0


def select_models(
    catalog: Catalog, wanted: ModelFilter, sort: SortKey, limit: int | None = None
) -> ModelList:
    """The models passing every filter, as `list` shows them, in the chosen order
    (ties by id); the first `limit` of them (None: all)."""
    order = list(CAPABILITIES)
    resolved = Wanted(
        capabilities=tuple(order.index(capability_key(query)) for query in wanted.capabilities),
        min_context=wanted.min_context or 0,
        max_input_price=wanted.max_input_price,
        max_output_price=wanted.max_output_price,
        open_weights=wanted.open_weights,
        providers=frozenset(provider_key(catalog, query) for query in wanted.providers),
        creators=frozenset(creator_key(catalog, query) for query in wanted.creators),
    )
    index = catalog_listing(catalog)
    chosen = index.select(resolved, sort)
    shown = chosen if limit is None else chosen[:limit]
    return ModelList(ChosenEntries(index, shown, catalog.creators), len(chosen) - len(shown))


class ProviderSummary(Record):
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
