"""`catalog changes`: what differs between two catalogs, and what it does to a bill.

Two catalogs are compared route by route (a route is a model on a provider,
under the provider's model id): models added and removed, routes added and
removed, input/output prices up or down (old -> new, and by how much),
routes retired (active before, not after), and the dated changes still ahead
of the later catalog's date. Given models and traffic, each model's cheapest
bill before and after. Pure: it takes loaded catalogs.
"""

import datetime as dt
from decimal import Decimal

from . import units
from .costing import Traffic, cheapest_route
from .domain import Catalog, Model, Price, Route
from .records import Record

RouteKey = tuple[str, str, str | None]  # model id, provider id, provider's model id


class PriceMove(Record):
    model: str
    provider: str
    before: Price
    after: Price
    input_change_percent: Decimal | None  # None where there was no input price (or it was 0)
    output_change_percent: Decimal | None

    @property
    def direction(self) -> str:
        """up, down or mixed: by the input and output prices together."""
        signs = {
            (after > before) - (after < before)
            for before, after in (
                (self.before.input_usd_per_mtok, self.after.input_usd_per_mtok),
                (self.before.output_usd_per_mtok, self.after.output_usd_per_mtok),
            )
            if before is not None and after is not None and before != after
        }
        return "up" if signs == {1} else "down" if signs == {-1} else "mixed"


class Scheduled(Record):
    model: str
    provider: str
    effective: dt.date
    price: Price  # the prices the change names


class BillChange(Record):
    model: str
    before_usd: Decimal | None  # the cheapest route's bill (None: no priced route)
    after_usd: Decimal | None
    before_provider: str | None
    after_provider: str | None


class CatalogChanges(Record):
    before: str  # what was compared, in words
    after: str
    added_models: tuple[str, ...]
    removed_models: tuple[str, ...]
    added_routes: tuple[RouteKey, ...]
    removed_routes: tuple[RouteKey, ...]
    moves: tuple[PriceMove, ...]  # biggest change first
    retired: tuple[RouteKey, ...]
    scheduled: tuple[Scheduled, ...]  # after the later catalog's date, soonest first
    bills: tuple[BillChange, ...]
    traffic: Traffic | None


def _routes(catalog: Catalog) -> dict[RouteKey, Route]:
    return {
        (model.id, route.provider.id, route.model_id): route
        for model in catalog.models
        for route in model.routes
    }


def percent_change(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    if before is None or after is None or before == 0:
        return None
    return units.rounded((after - before) / before * 100, 1)


def _size(move: PriceMove) -> Decimal:
    values = [abs(p) for p in (move.input_change_percent, move.output_change_percent) if p]
    return max(values, default=Decimal(0))


def compare_catalogs(
    before: Catalog,
    after: Catalog,
    *,
    before_label: str,
    after_label: str,
    ahead_of: dt.date,
    models: list[Model] | None = None,
    traffic: Traffic | None = None,
) -> CatalogChanges:
    """What changed from `before` to `after` (both with prices as of their dates)."""
    old_models = {model.id: model for model in before.models}
    new_models = {model.id: model for model in after.models}
    old_routes, new_routes = _routes(before), _routes(after)
    moves = []
    retired = []
    for key, route in new_routes.items():
        earlier = old_routes.get(key)
        if earlier is None:
            continue
        if earlier.is_active and not route.is_active:
            retired.append(key)
        pair = (earlier.price, route.price)
        if pair[0][:2] != pair[1][:2]:  # input or output moved
            moves.append(
                PriceMove(
                    key[0],
                    key[1],
                    earlier.price,
                    route.price,
                    percent_change(
                        earlier.price.input_usd_per_mtok, route.price.input_usd_per_mtok
                    ),
                    percent_change(
                        earlier.price.output_usd_per_mtok, route.price.output_usd_per_mtok
                    ),
                )
            )
    moves.sort(key=lambda move: (-_size(move), move.model, move.provider))
    scheduled = sorted(
        (
            Scheduled(model.id, route.provider.id, change.effective, change.price)
            for model in after.models
            for route in model.routes
            for change in route.price_changes
            if change.effective > ahead_of
        ),
        key=lambda item: (item.effective, item.model, item.provider),
    )
    bills = []
    if models and traffic is not None:
        for model in models:
            old = old_models.get(model.id)
            new = new_models.get(model.id)
            old_cost = cheapest_route(old, traffic) if old else None
            new_cost = cheapest_route(new, traffic) if new else None
            bills.append(
                BillChange(
                    model.id,
                    old_cost.total_usd if old_cost else None,
                    new_cost.total_usd if new_cost else None,
                    old_cost.route.provider.id if old_cost else None,
                    new_cost.route.provider.id if new_cost else None,
                )
            )
    return CatalogChanges(
        before=before_label,
        after=after_label,
        added_models=tuple(sorted(set(new_models) - set(old_models))),
        removed_models=tuple(sorted(set(old_models) - set(new_models))),
        added_routes=tuple(sorted(set(new_routes) - set(old_routes), key=str)),
        removed_routes=tuple(sorted(set(old_routes) - set(new_routes), key=str)),
        moves=tuple(moves),
        retired=tuple(sorted(retired, key=str)),
        scheduled=tuple(scheduled),
        bills=tuple(bills),
        traffic=traffic,
    )
