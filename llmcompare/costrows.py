"""Cost rows written ahead: `cost` over every model without pricing each one.

For plain traffic (input and output tokens, nothing else), a route's row of
`cost --json` changes from one volume or day to another only in its figures:
its two prices (after dated changes), the bill's parts and total, the total as
a month's and a year's, the ratio to the cheapest, and the prices' age. So the
compiled store keeps, for each route that may bill its model, that row written
ahead with those figures left blank, beside the route's prices. `cost` over
every model picks each model's cheapest route from those prices, works out the
figures with the engine's arithmetic, and fills the blanks: no model is read
and no record made.

The engine (costing.py) prices the models this cannot on every run: those
billed by time of day, those with a dated change to a per-request fee, and a
model no route bills on the day asked (its row says why). Tables, CSV and
indented JSON read the engine's rows (EngineRows), made when first read.

The rows and their order are those of costing.rank_models, to the byte: the
tests compare the two over generated catalogs and the bundled one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from .clock import today
from .costing import (
    MTOK,
    ZERO,
    CostReport,
    CostRow,
    Traffic,
    finished_row,
    rank_models,
    route_cost,
    row_figures,
    traffic_notes,
    unavailable_reason,
)
from .dated import Dated, as_listed, dated_prices, in_force
from .domain import Plan, model_as_of
from .exactjson import Raw, dumps_each, number
from .freshness import age_days

if TYPE_CHECKING:
    from .domain import Catalog, Model, Route

# A route that may bill its model: its prices over time (dated.Dated: input,
# output, dated changes, retirement day), its provider, the day its prices were
# checked, and its row written ahead as a %-format template (_BLANKS).
Candidate = tuple[Dated[Decimal], str, dt.date, str]
# What the store keeps of a model for `cost`: its whole row, the same on any day
# (no route can ever bill it); the routes that may bill it, in the model's order;
# or () when the engine prices it on every run.
Entry = str | tuple[Candidate, ...]

# The fields of a row left blank, in the order the row has them (the order of
# the values %-formatting fills them with; checked as each row is written).
_BLANKS = (
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "uncached_input_usd",
    "output_usd",
    "input_cost_usd",
    "output_cost_usd",
    "total_usd",
    "total_usd_per_month",
    "total_usd_per_year",
    "ratio_to_cheapest",
    "age_days",
)


# Written when the store is built (summary.summarise).


def entries(models: Sequence[Model]) -> list[Entry]:
    """Each model's entry, its rows written in one batch."""
    from .render.jsonout import cost_row_json

    documents: list[dict[str, Any]] = []
    plans: list[list[Route] | None] = []  # None: the engine's; []: a whole row
    for model in models:
        routes = _may_bill(model)
        if routes == [] and any(r.price_changes or r.retired for r in model.routes):
            routes = None  # why it is unpriced may change with the day
        plans.append(routes)
        if routes == []:
            documents.append(cost_row_json(CostRow(model, None, None, unavailable_reason(model))))
        for route in routes or ():
            documents.append(_blank_row(model, route))
    blanked = next((row for row in documents if row["total_usd"] is _BLANK), None)
    if blanked is not None:  # the values fill the blanks in the order the rows have them
        order = tuple(key for key, value in blanked.items() if value is _BLANK)
        assert order == _BLANKS, order
    # A row's "%" are doubled in its whole text, as %-formatting reads it; then
    # its blanks, written as a tag no other text can hold, become "%s".
    written = (
        text.replace("%", "%%").replace(_BLANK.text, "%s") if _BLANK.text in text else text
        for text in dumps_each(documents)
    )
    found: list[Entry] = []
    for routes in plans:
        if routes is None:
            found.append(())
        elif not routes:
            found.append(next(written))
        else:
            found.append(tuple(_candidate(route, next(written)) for route in routes))
    return found


def _may_bill(model: Model) -> list[Route] | None:
    """The routes that may bill `model` for plain traffic on some day, in the
    model's order; None when the engine must price it."""
    paid = [r for r in model.routes if r.is_active and r.plan is Plan.PAID]
    for route in paid:
        if route.time_windows or any(c.price.request_usd is not None for c in route.price_changes):
            return None
    fixed = [
        (place, route)
        for place, route in enumerate(paid)
        if not route.price_changes and route.retired is None and route.price.is_complete
    ]

    def beaten(place: int, route: Route) -> bool:
        # By a fixed route no dearer either way that wins a tie (by provider,
        # then by order, as the engine has it): this one can never be the cheapest.
        price = route.price
        return any(
            other.price.input_usd_per_mtok <= price.input_usd_per_mtok  # type: ignore[operator]
            and other.price.output_usd_per_mtok <= price.output_usd_per_mtok  # type: ignore[operator]
            and (other.provider.id, at) < (route.provider.id, place)
            for at, other in fixed
            if at != place
        )

    kept = []
    for place, route in enumerate(paid):
        dated = route.price_changes or route.retired is not None
        if not dated and (not route.price.is_complete or beaten(place, route)):
            continue
        kept.append(route)
    return kept


# Any volume: the row's notes and every part but the blanks do not depend on it.
_PROBE = Traffic(input_tokens=1, output_tokens=1)
_ONE = Decimal(1)
# A figure left blank: written as this tag (random, so no text in a row can hold
# it, and plain, so the encoder cuts it out as it does a number), then "%s".
_BLANK = Raw(os.urandom(8).hex(), lambda: None)


def _blank_row(model: Model, route: Route) -> dict[str, Any]:
    """The route's row as the engine writes it, its figures left blank (_BLANK):
    a %-format template once written (see entries)."""
    from .render.jsonout import cost_row_json

    # Priced both ways whatever its prices (they are blanks), for the notes.
    price = route.price._replace(input_usd_per_mtok=_ONE, output_usd_per_mtok=_ONE)
    cost = route_cost(model, route._replace(price=price), _PROBE)
    assert cost is not None
    # The age is a blank too: the checked day stands for "now" (no clock read).
    row = cost_row_json(CostRow(model, route, cost, None, True), now=route.checked)
    for key in _BLANKS:
        row[key] = _BLANK
    return row


def _candidate(route: Route, template: str) -> Candidate:
    return (dated_prices(route, as_listed), route.provider.id, route.checked, template)


# Read by `cost`.


class EngineRows(Sequence[CostRow]):
    """A report's rows as the engine makes them, made when first read."""

    def __init__(self, make: Callable[[], list[CostRow]], count: int) -> None:
        self._make, self._count = make, count
        self._rows: list[CostRow] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, at: int) -> CostRow: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[CostRow]: ...
    def __getitem__(self, at: int | slice) -> CostRow | Sequence[CostRow]:
        if self._rows is None:
            self._rows = self._make()
        return self._rows[at]


def written_report(catalog: Catalog, traffic: Traffic, prices_on: dt.date) -> CostReport | None:
    """Every model at its cheapest route for plain `traffic`, from the rows
    written ahead (as costing.cost_report has it); None when the traffic is not
    plain or there is no store."""
    if not traffic.is_plain:
        return None
    written: dict[str, Entry] | None = catalog.stored_summary("cost_rows")
    if written is None:
        return None
    rows = _ranked(catalog, written, traffic)
    base = min(
        (total for unpriced, total, _, _, payload in rows if not unpriced and total > 0
         and (type(payload) is not CostRow or payload.counts_as_cheapest)),
        default=None,
    )  # fmt: skip
    report = CostReport(
        traffic=traffic,
        ranking="model",
        rows=[],
        cheapest_total_usd=base,
        budget_usd=None,
        prices_on=prices_on,
        notes=traffic_notes(traffic),
    )
    order = [model_id for _, _, model_id, _, _ in rows]

    def engine_rows() -> list[CostRow]:
        models = tuple(catalog.model(model_id) for model_id in order)
        return [finished_row(row, report) for row in rank_models(models, traffic)]

    texts, checked = _written(rows, report)
    return report._replace(
        rows=EngineRows(engine_rows, len(rows)),
        checked=checked,
        rows_json="[" + ",".join(texts) + "]",
    )


# A row ranked: (unpriced, total, model id, provider), the engine's order
# (costing.sort_rows); then its whole text, a _Filling, or the engine's row.
_Ranked = tuple[bool, Decimal, str, str, Any]
# A template, the prices in force, the bill's uncached input and output, and
# the day the prices were checked.
_Filling = tuple[str, Decimal, Decimal, Decimal, Decimal, dt.date]


def _ranked(catalog: Catalog, written: dict[str, Entry], traffic: Traffic) -> list[_Ranked]:
    """Every model's row, in order: the engine prices those it must."""
    day = catalog.day
    # Routes compared as costing.cheapest_route compares them, the winner billed
    # as costing._route_cost bills plain traffic.
    tokens_in, tokens_out = traffic.input_tokens, traffic.output_tokens
    compare_in, compare_out = Decimal(tokens_in), Decimal(tokens_out)
    rows: list[_Ranked] = []
    engine: list[str] = []
    for model_id, entry in written.items():
        if isinstance(entry, str):
            rows.append((True, ZERO, model_id, "", entry))
            continue
        best: tuple[Decimal, str] | None = None
        for dated, provider, checked, template in entry:
            prices = in_force(dated, day)
            if prices is None:
                continue  # retired by the day
            price_in, price_out = prices
            if price_in is None or price_out is None:
                continue
            key = (compare_in * price_in + compare_out * price_out, provider)
            if best is None or key < best:
                best, chosen = key, (template, price_in, price_out, checked)
        if best is None:
            engine.append(model_id)  # no route bills it on the day: the engine says why
            continue
        template, price_in, price_out, checked = chosen
        uncached, output = tokens_in * price_in / MTOK, tokens_out * price_out / MTOK
        filling: _Filling = (template, price_in, price_out, uncached, output, checked)
        rows.append((False, uncached + output, model_id, best[1], filling))
    if engine:
        for row in rank_models(_engine_models(catalog, engine), traffic):
            total, route = row.total_usd, row.route
            provider = route.provider.id if route else ""
            rows.append((total is None, total or ZERO, row.model.id, provider, row))
    rows.sort()  # model ids differ: what follows them is never compared
    return rows


def _engine_models(catalog: Catalog, ids: list[str]) -> tuple[Model, ...]:
    """The models the engine prices: from the store's part that keeps them
    together ("cost_engine"), else (a model no route bills on the day) read alone."""
    kept: dict[str, Model] = catalog.stored_summary("cost_engine") or {}
    day = catalog.day
    found = []
    for model_id in ids:
        model = kept.get(model_id)
        if model is None:
            found.append(catalog.model(model_id))
        else:
            found.append(model if day is None else model_as_of(model, day))
    return tuple(found)


def _written(rows: list[_Ranked], report: CostReport) -> tuple[list[str], tuple[dt.date, ...]]:
    """Each row's JSON text, and the days the prices used were checked."""
    period, base, now = report.traffic.period, report.cheapest_total_usd, today()
    texts: list[str] = []
    checked: list[dt.date] = []
    priced: list[tuple[int, CostRow]] = []  # rows the engine priced, written in one batch
    # Prices and days repeat across thousands of rows: each written once (equal
    # prices are written alike, 1.0 and 1 as 1).
    prices: dict[Decimal, str] = {}
    ages: dict[dt.date, int] = {}
    for _, total, _, _, payload in rows:
        if type(payload) is str:
            texts.append(payload)
        elif type(payload) is CostRow:
            row = finished_row(payload, report)
            priced.append((len(texts), row))
            texts.append("")
            if row.cost and row.route:
                checked.append(row.route.checked)
        else:
            template, price_in, price_out, uncached, output, day = payload
            ratio, per_month, per_year = row_figures(total, True, base, period)
            uncached, output = number(uncached), number(output)
            written_in = prices.get(price_in) or prices.setdefault(price_in, number(price_in))
            written_out = prices.get(price_out) or prices.setdefault(price_out, number(price_out))
            age = ages.get(day)
            if age is None:
                age = ages[day] = age_days(day, now)
            texts.append(
                template
                % (
                    written_in,
                    written_out,
                    uncached,
                    output,
                    uncached,  # the input cost
                    output,  # the output cost
                    number(total),
                    number(per_month),
                    number(per_year),
                    "null" if ratio is None else number(ratio),
                    age,
                )
            )
            checked.append(day)
    if priced:
        from .render.jsonout import cost_row_json

        written = dumps_each(cost_row_json(row) for _, row in priced)
        for (at, _), text in zip(priced, written, strict=True):
            texts[at] = text
    return texts, tuple(checked)
