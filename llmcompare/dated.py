"""A route's prices over time as a plain tuple, and the prices in force on a day.

The store's summaries (summary.py) and the cost rows written ahead
(costrows.py) keep each paid route's prices this way rather than as records:
tens of thousands of tuples load fast, and the same rule as Route.as_of says
which prices hold on any day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .domain import Route

_N = TypeVar("_N", int, Decimal)

# A paid route's prices over time: input, output (None: not priced), its dated
# changes oldest first as (effective, input, output), and its retirement day.
# Prices are scaled integers in the ranking, Decimals in the listing and the
# cost rows.
_Change = tuple[dt.date, _N | None, _N | None]
Dated = tuple[_N | None, _N | None, tuple[_Change[_N], ...], dt.date | None]


def dated_prices(route: Route, convert: Callable[[Decimal | None], _N | None]) -> Dated[_N]:
    """A route's prices over time (Dated), each price passed through `convert`."""
    price, changes = route.price, route.price_changes
    return (
        convert(price.input_usd_per_mtok),
        convert(price.output_usd_per_mtok),
        tuple(
            (c.effective, convert(c.price.input_usd_per_mtok), convert(c.price.output_usd_per_mtok))
            for c in changes
        )
        if changes  # most routes have none: no generator made
        else (),
        route.retired,
    )


def as_listed(price: Decimal | None) -> Decimal | None:
    """A price as it is (for dated_prices)."""
    return price


def in_force(route: Dated[_N], day: dt.date | None) -> tuple[_N | None, _N | None] | None:
    """A route's (input, output) prices on `day`, as Route.as_of has them: its
    dated changes applied (None: as listed); None once it is retired."""
    price_in, price_out, changes, retired = route
    if day is not None:
        if retired is not None and retired <= day:
            return None
        for effective, changed_in, changed_out in changes:
            if effective <= day:
                price_in = price_in if changed_in is None else changed_in
                price_out = price_out if changed_out is None else changed_out
    return price_in, price_out


def routes_in_force(
    routes: Iterable[Dated[_N]], day: dt.date | None
) -> Iterator[tuple[_N | None, _N | None]]:
    """The prices on `day` (in_force) of the routes not retired by then."""
    for route in routes:
        prices = in_force(route, day)
        if prices is not None:
            yield prices
