"""`catalog check` and `catalog stats`: is a catalog sound, and what does it hold."""

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from .clock import today
from .errors import CatalogError, Problem
from .records import Record

if TYPE_CHECKING:
    import os
    from importlib.resources.abc import Traversable

    from .domain import Catalog


class CheckResult(Record):
    catalog: str  # the directory checked, as given
    problems: tuple[Problem, ...]
    models: int  # models loaded (0 when there are problems)


def check_catalog(root: "Traversable | str | os.PathLike[str]", label: str) -> CheckResult:
    """Validate a catalog directory from its TOML files (never from the cache)."""
    from .loader import load_catalog_dir

    try:
        catalog = load_catalog_dir(root)
    except CatalogError as exc:
        return CheckResult(label, tuple(exc.problems), 0)
    return _checked(label, catalog)


def _checked(label: str, catalog: "Catalog") -> CheckResult:
    future = tuple(future_dates(catalog, today()))
    return CheckResult(label, future, 0 if future else len(catalog.models))


def future_dates(catalog: "Catalog", today: dt.date) -> list[Problem]:
    """Dates of evidence or release after `today`: kept when loading (a clock may
    lag), but a catalog's author should hear of them (a typo such as 2206)."""
    found = []
    for model in catalog.models:
        where = model.source_file
        if model.released and model.released > today:
            found.append(Problem(where, "released", f"{model.released} is in the future"))
        for i, route in enumerate(model.routes):
            for key, day in (
                ("checked", route.checked),
                ("deprecation_announced", route.deprecation_announced),
            ):
                if day and day > today:
                    found.append(Problem(where, f"routes[{i}].{key}", f"{day} is in the future"))
        for i, benchmark in enumerate(model.benchmarks):
            if benchmark.date > today:
                message = f"{benchmark.date} is in the future"
                found.append(Problem(where, f"benchmarks[{i}].date", message))
    return found


class LayerStats(Record):
    """What one layer of the stack brings: the models it defines, the routes whose
    facts it gives, and how old those are."""

    origin: str
    models: int
    routes: int
    checked_oldest: dt.date | None
    checked_newest: dt.date | None


def check_stack(label: str) -> CheckResult:
    """Validate the catalog in use, every layer, from its TOML files (never the cache)."""
    from .catalog import catalog_folders, loader_layers
    from .loader import load_layers

    try:
        catalog = load_layers(loader_layers(catalog_folders()))
    except CatalogError as exc:
        return CheckResult(label, tuple(exc.problems), 0)
    return _checked(label, catalog)


class CatalogStats(Record):
    models: int
    creators: int
    providers: int
    providers_with_routes: int
    routes: int
    priced_routes: int
    free_routes: int
    deprecated_routes: int
    open_weights_models: int
    models_with_benchmarks: int
    benchmark_rows: int
    routes_per_provider: dict[str, int]
    models_per_creator: dict[str, int]
    checked_oldest: dt.date | None
    checked_newest: dt.date | None
    layers: tuple[LayerStats, ...] = ()


def _layer_stats(catalog: "Catalog") -> tuple[LayerStats, ...]:
    models = Counter(model.origin for model in catalog.models)
    routes: dict[str, list[dt.date]] = {}
    for model in catalog.models:
        for route in model.routes:
            routes.setdefault(route.origin, []).append(route.checked)
    origins = list(dict.fromkeys([*models, *routes]))
    origins.sort(key=lambda origin: (origin != "bundled", origin))
    return tuple(
        LayerStats(
            origin,
            models.get(origin, 0),
            len(routes.get(origin, [])),
            min(routes.get(origin, []), default=None),
            max(routes.get(origin, []), default=None),
        )
        for origin in origins
    )


def catalog_stats(catalog: "Catalog") -> CatalogStats:
    routes = [route for model in catalog.models for route in model.routes]
    per_provider = Counter(route.provider.id for route in routes)
    per_creator = Counter(model.creator.id for model in catalog.models)
    checked = [route.checked for route in routes]
    return CatalogStats(
        models=len(catalog.models),
        creators=len(per_creator),
        providers=len(catalog.providers),
        providers_with_routes=len(per_provider),
        routes=len(routes),
        priced_routes=sum(1 for route in routes if route.price.is_complete),
        free_routes=sum(1 for route in routes if route.plan.value != "paid"),
        deprecated_routes=sum(1 for route in routes if not route.is_active),
        open_weights_models=sum(1 for model in catalog.models if model.open_weights),
        models_with_benchmarks=sum(1 for model in catalog.models if model.benchmarks),
        benchmark_rows=sum(len(model.benchmarks) for model in catalog.models),
        routes_per_provider=dict(sorted(per_provider.items(), key=lambda kv: (-kv[1], kv[0]))),
        models_per_creator=dict(sorted(per_creator.items(), key=lambda kv: (-kv[1], kv[0]))),
        checked_oldest=min(checked, default=None),
        checked_newest=max(checked, default=None),
        layers=_layer_stats(catalog),
    )
