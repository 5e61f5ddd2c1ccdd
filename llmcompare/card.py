"""A model's card, as `show` presents it: the model and what is worked out from it
(cheapest prices, how old they are, the pricing beyond input and output, the
sources), so that every format states the same."""

import datetime as dt
from decimal import Decimal

from . import units
from .costing import CurvePoint, Traffic, cheapest_list_price, cost_curve
from .domain import Model, Price, Route
from .freshness import age_days
from .records import Record


class Source(Record):
    """A page behind some of the card's facts: what it backs, and where it is."""

    backs: str  # "Fireworks AI", "MMLU, GPQA", or "" for the model's own sources
    url: str
    checked: dt.date | None = None  # for a route's prices


class ModelCard(Record):
    model: Model
    today: dt.date
    cheapest_input: Decimal | None
    cheapest_output: Decimal | None
    price_age: str  # "Prices checked 3 days ago (2026-12-02)." or "" without routes
    pricing_details: tuple[str, ...]  # per route, what it prices beyond input and output
    route_notes: tuple[str, ...]
    sources: tuple[Source, ...]
    traffic: Traffic  # the traffic the cost curves are scaled from
    curves: tuple[tuple[str, tuple[CurvePoint, ...]], ...]  # per billable route: its label


def model_card(model: Model, today: dt.date, traffic: Traffic) -> ModelCard:
    """The card of `model` (as of the day it was brought to), its billable routes'
    costs at `traffic` scaled from 1/1000 to 1000 times."""
    sources = [Source("", url) for url in model.sources]
    sources += [Source(r.provider.name, r.source, r.checked) for r in model.routes]
    by_page: dict[str, list[str]] = {}  # one entry per benchmark page, naming its rows
    for benchmark in model.benchmarks:
        by_page.setdefault(benchmark.source, []).append(benchmark.name)
    sources += [Source(", ".join(names), url) for url, names in by_page.items()]
    unique = {(source.backs, source.url): source for source in sources}
    return ModelCard(
        model=model,
        today=today,
        cheapest_input=cheapest_list_price(model, "input"),
        cheapest_output=cheapest_list_price(model, "output"),
        price_age=_ages(model.routes, today),
        pricing_details=tuple(line for route in model.routes for line in pricing_details(route)),
        route_notes=tuple(f"{r.provider.name}: {r.note}" for r in model.routes if r.note),
        sources=tuple(unique.values()),
        traffic=traffic,
        curves=tuple(
            (route.provider.name + (f" ({route.model_id})" if route.model_id else ""), curve)
            for route in model.routes
            if route.is_billable
            for curve in [cost_curve(model, traffic, route)]
            if curve
        ),
    )


def _age(route: Route, today: dt.date) -> str:
    """How long ago a route's prices were checked: "105 days ago"."""
    days = age_days(route.checked, today)
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"


def _ages(routes: tuple[Route, ...], today: dt.date) -> str:
    """How old a model's prices are, newest and oldest."""
    if not routes:
        return ""
    newest = max(routes, key=lambda route: route.checked)
    oldest = min(routes, key=lambda route: route.checked)
    if newest.checked == oldest.checked:
        return f"Prices checked {_age(newest, today)} ({newest.checked})."
    return (
        f"Prices checked {_age(newest, today)} ({newest.checked}) to "
        f"{_age(oldest, today)} ({oldest.checked})."
    )


_price = units.list_price


def _in_out(price: Price) -> str:
    return f"{_price(price.input_usd_per_mtok)} in / {_price(price.output_usd_per_mtok)} out"


def pricing_details(route: Route) -> list[str]:
    """What the cost engine knows of a route beyond its input and output prices."""
    name, price, lines = route.provider.name, route.price, []
    if price.cache_write_usd_per_mtok is not None:
        lines.append(f"{name}: cache writes {_price(price.cache_write_usd_per_mtok)}/1M")
    if price.cache_write_1h_usd_per_mtok is not None:
        lines.append(f"{name}: 1-hour cache writes {_price(price.cache_write_1h_usd_per_mtok)}/1M")
    if price.reasoning_usd_per_mtok is not None:
        lines.append(f"{name}: reasoning {_price(price.reasoning_usd_per_mtok)}/1M")
    if price.request_usd is not None:
        lines.append(f"{name}: {units.usd(price.request_usd)} per request")
    for tier in route.tiers:
        above = price.overridden_by(tier.price)
        lines.append(
            f"{name}: requests over {units.tokens(tier.above_input_tokens)} input tokens "
            f"{_in_out(above)}"
        )
    for window in route.time_windows:
        lines.append(
            f"{name}: {window.name} ({window.span}) {_in_out(price.overridden_by(window.price))}"
        )
    if route.batch is not None:
        lines.append(f"{name}: batch {_in_out(price.overridden_by(route.batch))}")
    for label, tier_price in (("priority", route.priority), ("flex", route.flex)):
        if tier_price is not None:
            lines.append(f"{name}: {label} tier {_in_out(price.overridden_by(tier_price))}")
    for change in route.price_changes:
        lines.append(
            f"{name}: from {change.effective} {_in_out(price.overridden_by(change.price))}"
        )
    return lines
