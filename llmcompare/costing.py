"""Cost arithmetic: what a token volume costs through a route, and which route is cheapest.

All in Decimal. A route's cost is tokens x USD-per-1M / 1,000,000 for input and
output separately; nothing is rounded here (rounding is for display only).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from .domain import Model, Plan, Route

MTOK = Decimal(1_000_000)


class Traffic(NamedTuple):
    """Token volumes for one period (a month unless said otherwise)."""

    input_tokens: int
    output_tokens: int


DEFAULT_TRAFFIC = Traffic(input_tokens=1_000_000_000, output_tokens=200_000_000)  # as the CLI


class RouteCost(NamedTuple):
    model: Model
    route: Route
    input_cost_usd: Decimal
    output_cost_usd: Decimal

    @property
    def total_usd(self) -> Decimal:
        return self.input_cost_usd + self.output_cost_usd


class CostRow(NamedTuple):
    """One line of a cost table: a priced route, or a model/route that cannot be priced."""

    model: Model
    route: Route | None
    cost: RouteCost | None
    reason: str | None = None  # why there is no cost
    counts_as_cheapest: bool = False  # may stand as the model's cheapest route

    @property
    def total_usd(self) -> Decimal | None:
        return self.cost.total_usd if self.cost else None


def route_cost(model: Model, route: Route, traffic: Traffic) -> RouteCost | None:
    """The cost of `traffic` through `route`, or None if the route lacks a price."""
    price = route.price
    if price.input_usd_per_mtok is None or price.output_usd_per_mtok is None:
        return None
    return RouteCost(
        model=model,
        route=route,
        input_cost_usd=traffic.input_tokens * price.input_usd_per_mtok / MTOK,
        output_cost_usd=traffic.output_tokens * price.output_usd_per_mtok / MTOK,
    )


def cheapest_route(model: Model, traffic: Traffic) -> RouteCost | None:
    """The cheapest active, paid, fully priced route; ties go to the provider id first."""
    inp, out = traffic.input_tokens, traffic.output_tokens
    # Compare undivided totals (the same order) and cost only the winner: this
    # runs for every route of every model on each `cost`.
    best: tuple[Decimal, str, Route] | None = None
    for route in model.routes:
        price_in, price_out = route.price.input_usd_per_mtok, route.price.output_usd_per_mtok
        if route.is_billable and price_in is not None and price_out is not None:
            candidate = (inp * price_in + out * price_out, route.provider.id, route)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return None if best is None else route_cost(model, best[2], traffic)


def cheapest_list_price(model: Model, kind: Literal["input", "output"]) -> Decimal | None:
    """Lowest list price of one kind over the active, paid routes that publish it."""
    prices = [
        price
        for route in model.routes
        if route.is_active and route.plan is Plan.PAID
        if (price := getattr(route.price, f"{kind}_usd_per_mtok")) is not None
    ]
    return min(prices, default=None)


def unavailable_reason(model: Model) -> str:
    """Why a model has no cheapest route, in words a user can act on."""
    if not model.routes:
        return "no provider route in the catalog"
    if not any(route.price.is_complete for route in model.routes):
        return "no complete token price in the catalog"
    if not any(route.is_active for route in model.routes if route.price.is_complete):
        return "only deprecated routes are priced"
    return "only free or trial routes are priced"


def why_route_not_cheapest(route: Route) -> str | None:
    """Why a priced route is excluded from 'cheapest', or None if it is not."""
    if not route.is_active:
        return "deprecated"
    if not route.is_billable:
        return f"{route.plan.value} tier"
    return None


def rank_models(models: tuple[Model, ...], traffic: Traffic) -> list[CostRow]:
    """Each model at its cheapest route, cheapest first; unpriced models last, by id."""
    rows: list[CostRow] = []
    for model in models:
        cost = cheapest_route(model, traffic)
        if cost is None:
            rows.append(CostRow(model, None, None, unavailable_reason(model)))
        else:
            rows.append(CostRow(model, cost.route, cost, counts_as_cheapest=True))
    return sort_rows(rows)


def rank_routes(models: list[Model], traffic: Traffic) -> list[CostRow]:
    """Every route of each model, cheapest first; routes without a price last."""
    rows: list[CostRow] = []
    for model in models:
        if not model.routes:
            rows.append(CostRow(model, None, None, unavailable_reason(model)))
        for route in model.routes:
            cost = route_cost(model, route, traffic)
            if cost is None:
                rows.append(CostRow(model, route, None, "no complete token price"))
            else:
                excluded = why_route_not_cheapest(route)
                rows.append(CostRow(model, route, cost, excluded, excluded is None))
    return sort_rows(rows)


def sort_rows(rows: list[CostRow]) -> list[CostRow]:
    """Priced rows by total then model and provider; unpriced rows after them."""

    def key(row: CostRow) -> tuple[bool, Decimal, str, str]:
        total = row.total_usd
        provider = row.route.provider.id if row.route else ""
        return (total is None, total if total is not None else Decimal(0), row.model.id, provider)

    return sorted(rows, key=key)


def cheapest_total(rows: list[CostRow]) -> Decimal | None:
    """The smallest positive total among rows that may stand as cheapest (the 1x base)."""
    totals = [
        row.total_usd
        for row in rows
        if row.counts_as_cheapest and row.total_usd is not None and row.total_usd > 0
    ]
    return min(totals) if totals else None
