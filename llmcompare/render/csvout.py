"""CSV writer: the row outputs (cost, list, providers, and a model's routes) as
one header line and a row per item, for spreadsheets and scripts.

Columns are named as the JSON keys. Money is written from the Decimal exactly
(`0.05`, never `5E-2` or a float), an empty cell where there is none. A text
cell that a spreadsheet would run as a formula (starting with = + - @ or a
tab) is written with a leading apostrophe, so imported data cannot run
anything on the machine that opens the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..costing import BILL_PARTS
from ..exactjson import number

if TYPE_CHECKING:
    from ..card import ModelCard
    from ..costing import CostReport
    from ..listing import ModelList, ProviderSummary

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


_COST_HEADER = (
    "model",
    "model_name",
    "provider",
    "provider_name",
    "model_id",
    "status",
    "plan",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    *BILL_PARTS,
    "input_cost_usd",
    "output_cost_usd",
    "total_usd",
    "total_usd_per_month",
    "total_usd_per_year",
    "ratio_to_cheapest",
    "counts_as_cheapest",
    "budget_input_tokens",
    "budget_output_tokens",
    "budget_requests",
    "note",
    "notes",
    "source",
    "checked",
    "origin",
)


def cost_csv(report: CostReport) -> str:
    rows = []
    for row in report.rows:
        route, cost, bought = row.route, row.cost, row.budget
        parts = (
            [
                *(getattr(cost, part) for part in BILL_PARTS),
                cost.input_cost_usd,
                cost.output_cost_usd,
                cost.total_usd,
            ]
            if cost
            else [None] * (len(BILL_PARTS) + 3)
        )
        rows.append(
            [
                row.model.id,
                row.model.name,
                route.provider.id if route else None,
                route.provider.name if route else None,
                route.model_id if route else None,
                route.status if route else None,
                route.plan if route else None,
                route.price.input_usd_per_mtok if route else None,
                route.price.output_usd_per_mtok if route else None,
                *parts,
                row.total_usd_per_month,
                row.total_usd_per_year,
                row.ratio_to_cheapest,
                row.counts_as_cheapest,
                bought.input_tokens if bought else None,
                bought.output_tokens if bought else None,
                bought.requests if bought else None,
                row.reason,
                "; ".join(cost.notes) if cost else None,
                route.source if route else None,
                route.checked if route else None,
                route.origin if route else None,
            ]
        )
    return _table(_COST_HEADER, rows)


def list_csv(chosen: ModelList) -> str:
    models = chosen.models  # every one, as JSON
    header = (
        "id",
        "name",
        "creator",
        "released",
        "context_window",
        "max_output_tokens",
        "open_weights",
        "license",
        "cheapest_input_usd_per_mtok",
        "cheapest_output_usd_per_mtok",
        "routes",
        "providers",
    )
    rows = [
        [
            m.id,
            m.name,
            m.creator.id,
            m.released,
            m.context_window,
            m.max_output_tokens,
            m.open_weights,
            m.license,
            m.cheapest_input,
            m.cheapest_output,
            m.routes,
            " ".join(m.providers),
        ]
        for m in models
    ]
    return _table(header, rows)


def providers_csv(summaries: Sequence[ProviderSummary]) -> str:
    header = ("id", "name", "status", "routes", "priced_routes", "homepage", "pricing_url")
    rows = [
        [
            s.provider.id,
            s.provider.name,
            s.provider.status,
            s.routes,
            s.priced_routes,
            s.provider.homepage,
            s.provider.pricing_url,
        ]
        for s in summaries
    ]
    return _table(header, rows)


def show_csv(card: ModelCard) -> str:
    """The model's routes, a row each."""
    header = (
        "model",
        "provider",
        "provider_name",
        "model_id",
        "status",
        "plan",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "cache_read_usd_per_mtok",
        "cache_write_usd_per_mtok",
        "retired",
        "source",
        "checked",
        "origin",
    )
    model = card.model
    rows = [
        [
            model.id,
            r.provider.id,
            r.provider.name,
            r.model_id,
            r.status,
            r.plan,
            r.price.input_usd_per_mtok,
            r.price.output_usd_per_mtok,
            r.price.cache_read_usd_per_mtok,
            r.price.cache_write_usd_per_mtok,
            r.retired,
            r.source,
            r.checked,
            r.origin,
        ]
        for r in model.routes
    ]
    return _table(header, rows)
