"""Your own prices: the user layer (origin `user`) that `catalog set-price`,
`set-discount`, `unset`, `unset-discount` and `add` write.

It is a catalog folder like any other (models/<creator>/<id>.toml, and
providers.toml for contract discounts), so it can be read, edited or kept in
version control by hand. Every change is checked by the strict loader over the
whole stack before it is written, and written atomically (a temp file in the
same folder, then os.replace): a change the catalog would refuse writes
nothing, and an interrupted write leaves the old file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import userdirs
from .catalog import (
    USER,
    catalog_folders,
    checked_before,
    loader_layers,
    reader_for,
    stack_with,
)
from .domain import Catalog, Model, Provider, Route
from .errors import CatalogError
from .names import normalise
from .records import Record


class OverrideError(Exception):
    """A change that cannot be made (bad input, or one the catalog would refuse)."""


class Change(Record):
    """What a command changed, for its one-line report."""

    file: Path
    message: str


def find_provider(catalog: Catalog, query: str) -> Provider:
    """A provider by id or name, in any case and punctuation."""
    key = normalise(query)
    for provider in catalog.providers.values():
        if key in (normalise(provider.id), normalise(provider.name)):
            return provider
    known = ", ".join(sorted(catalog.providers))
    raise OverrideError(f"unknown provider {query[:80]!r} (providers: {known})")


def _model_file(model: Model) -> str:
    """Where a model's override lives: beside the path its catalog file has."""
    folder = model.source_file.split("/")[-2] if "/" in model.source_file else model.creator.id
    return f"models/{folder}/{model.id}.toml"


def _read(path: Path) -> dict[str, Any]:
    from .tomlfile import TomlFileError, read_toml

    try:
        with open(path, "rb") as handle:
            return read_toml(handle)
    except FileNotFoundError:
        return {}
    except TomlFileError as exc:
        raise OverrideError(f"{path}: {exc}") from None
    except OSError as exc:
        raise OverrideError(f"{path}: cannot be read: {exc}") from None


def _checked(relative: str, table: dict[str, Any] | None) -> None:
    """Load the whole stack with the user layer as it would be after the change;
    a problem means the change is refused."""
    from .loader import load_layers

    overrides = userdirs.overrides_dir()
    with tempfile.TemporaryDirectory(prefix="llmcompare-overrides-") as scratch:
        trial = Path(scratch) / "overrides"
        if overrides.is_dir():
            shutil.copytree(overrides, trial, symlinks=False)
        _apply(trial / relative, table)
        layers = loader_layers(stack_with(USER, trial))
        # Messages name your file, not the scratch copy.
        layers = [
            layer._replace(label=f"{overrides}{os.sep}") if layer.root == trial else layer
            for layer in layers
        ]
        unchanged = [folder for folder in catalog_folders() if folder.origin != USER]
        try:
            load_layers(layers, reader_for(unchanged), checked_before())
        except CatalogError as exc:
            raise OverrideError(f"refused, the catalog would not load: {exc}") from None


def _apply(path: Path, table: dict[str, Any] | None) -> None:
    """Write `table` to `path` atomically (or remove the file when None)."""
    import tomli_w

    if table is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(tomli_w.dumps(table))
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _commit(relative: str, table: dict[str, Any] | None) -> Path:
    _checked(relative, table)
    target = userdirs.overrides_dir() / relative
    _apply(target, table)
    return target


def _user_routes(data: dict[str, Any]) -> list[dict[str, Any]]:
    routes = data.get("routes", [])
    return [route for route in routes if isinstance(route, dict)]


def set_price(
    catalog: Catalog,
    model: Model,
    provider: Provider,
    prices: dict[str, Decimal],
    *,
    discount: Decimal | None = None,
    note: str | None = None,
    source: str | None = None,
    today: dt.date,
) -> Change:
    """Your price (or discount) for a model on a provider: the published route's
    keys you name are replaced, the rest kept; a route the catalog lacks is added."""
    if not prices and discount is None:
        raise OverrideError("name a price (--input, --output, --cache-read) or --discount")
    existing = [route for route in model.routes if route.provider.id == provider.id]
    if not existing and not {"input_usd_per_mtok", "output_usd_per_mtok"} <= set(prices):
        raise OverrideError(
            f"{model.id} has no route on {provider.id}: give both --input and --output"
        )
    relative = _model_file(model)
    data = _read(userdirs.overrides_dir() / relative)
    mine = _user_routes(data)
    routes = [r for r in mine if r.get("provider") != provider.id]
    # What you set before on this route stays unless you name it again.
    earlier = next((r for r in mine if r.get("provider") == provider.id), {})
    route: dict[str, Any] = {**earlier, "provider": provider.id}
    if len(existing) == 1 and existing[0].model_id:
        route["model_id"] = existing[0].model_id
    if not existing:
        route["status"] = "active"
    route.update(prices)
    _check_cached_input(model, provider, existing, route)
    if discount is not None:
        route["discount_percent"] = discount
    route["source"] = source or provider.pricing_url
    route["checked"] = today
    words = "your own price" if prices else f"your {discount}% discount on the published prices"
    route["note"] = f"{words}, set {today.isoformat()}" + (f": {note}" if note else "")
    data["routes"] = [*routes, route]
    target = _commit(relative, data)
    return Change(target, f"{model.id} on {provider.id}: {words}")


def _check_cached_input(
    model: Model, provider: Provider, existing: list[Route], route: dict[str, Any]
) -> None:
    """An input price below the cached-input price the route keeps is refused,
    saying which option mends it (the catalog's rule would name only the key)."""
    price_in = route.get("input_usd_per_mtok")
    cached = route.get("cache_read_usd_per_mtok")
    if cached is None and len(existing) == 1:
        cached = existing[0].price.cache_read_usd_per_mtok
    if price_in is not None and cached is not None and cached > price_in:
        raise OverrideError(
            f"{model.id} on {provider.id}: your input price {price_in} is below the "
            f"route's cached-input price {cached} (cache_read_usd_per_mtok): "
            "give --cache-read too"
        )


def unset_price(model: Model, provider: Provider | None) -> Change:
    """Remove your prices for a model (on one provider, or all of them, and an own
    model added with `catalog add`), so the published ones stand again."""
    relative = _model_file(model)
    path = userdirs.overrides_dir() / relative
    data = _read(path)
    if not data:
        raise OverrideError(f"you have set no price for {model.id}")
    if provider is None:
        target = _commit(relative, None)
        return Change(target, f"{model.id}: your prices removed")
    routes = _user_routes(data)
    kept = [route for route in routes if route.get("provider") != provider.id]
    if len(kept) == len(routes):
        raise OverrideError(f"you have set no price for {model.id} on {provider.id}")
    rest = {key: value for key, value in data.items() if key != "routes"}
    if kept:
        rest["routes"] = kept
    only_id = set(rest) <= {"id"}
    target = _commit(relative, None if only_id and not kept else {**rest})
    return Change(target, f"{model.id} on {provider.id}: your price removed")


def set_discount(provider: Provider, percent: Decimal) -> Change:
    """A contract discount on every route of a provider (a route's own discount wins)."""
    path = userdirs.overrides_dir() / "providers.toml"
    data = _read(path)
    entry = dict(data.get(provider.id, {}))
    entry["discount_percent"] = percent
    data[provider.id] = entry
    target = _commit("providers.toml", data)
    return Change(target, f"{provider.id}: {percent}% off every route")


def unset_discount(provider: Provider) -> Change:
    path = userdirs.overrides_dir() / "providers.toml"
    data = _read(path)
    entry = dict(data.get(provider.id, {}))
    if "discount_percent" not in entry:
        raise OverrideError(f"you have set no discount for {provider.id}")
    del entry["discount_percent"]
    if entry:
        data[provider.id] = entry
    else:
        del data[provider.id]
    target = _commit("providers.toml", data or None)
    return Change(target, f"{provider.id}: discount removed")


def add_model(path: Path) -> Change:
    """Your own model, from a model file in the catalog schema."""
    data = _read(path)
    if not data:
        raise OverrideError(f"{path}: no such model file")
    model_id, creator = data.get("id"), data.get("creator")
    if not isinstance(model_id, str) or not isinstance(creator, str):
        raise OverrideError(f"{path}: a model file needs id and creator")
    if "/" in model_id or "/" in creator or model_id.startswith(".") or creator.startswith("."):
        raise OverrideError(f"{path}: id and creator must be plain ids")
    target = _commit(f"models/{creator}/{model_id}.toml", data)
    return Change(target, f"{model_id}: added to your catalog")
