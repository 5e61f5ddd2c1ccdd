"""JSON renderer: result objects -> JSON documents for scripts and `jq`.

Each `*_document` function builds the document; `dumps` writes it. Money is
written from the Decimal exactly (`100`, `0.05`), never through a float. The
CLI indents for a terminal and writes one compact line for pipes. The shape is
an interface: change it additively and bump SCHEMA_VERSION when a key changes
meaning. Documented in the README.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..clock import today
from ..costing import BILL_PARTS, CostReport, CostRow, RouteCost, Traffic
from ..freshness import age_days

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from ..card import ModelCard
    from ..catalog import CatalogFolder
    from ..catalog_report import CatalogStats, CheckResult
    from ..changes import CatalogChanges
    from ..compare import Comparison
    from ..config import Config
    from ..domain import Benchmark, Model, Price, Route
    from ..importing import ImportReport, RouteChange
    from ..listing import Listed, ModelList, ProviderSummary
    from ..updating import UpdateResult

SCHEMA_VERSION = 1


# Building blocks.


def traffic_json(traffic: Traffic) -> dict[str, Any]:
    return {
        "input_tokens": traffic.input_tokens,
        "output_tokens": traffic.output_tokens,
        "cached_input_tokens": traffic.cached_input_tokens,
        "cache_write_tokens": traffic.cache_write_tokens,
        "cache_write_1h_tokens": traffic.cache_write_1h_tokens,
        "reasoning_tokens": traffic.reasoning_tokens,
        "requests": traffic.requests,
        "batch": traffic.batch,
        "service_tier": traffic.service_tier,
        "window_shares": [
            {"window": name, "share": share} for name, share in traffic.window_shares
        ],
        "period": traffic.period,
    }


def price_json(price: Price) -> dict[str, Any]:
    return dict(price._asdict())


_BREAKDOWN_KEYS = (
    *BILL_PARTS,
    "input_cost_usd",
    "output_cost_usd",
    "total_usd",
    "total_usd_per_month",
    "total_usd_per_year",
    "tier_above_input_tokens",
)


def _money(value: Decimal) -> Decimal | int:
    """Zero as the int 0 (the same JSON number), sparing the Decimal path its cost."""
    return value if value else 0


def breakdown_json(
    cost: RouteCost | None, per_month: Decimal | None, per_year: Decimal | None
) -> dict[str, Any]:
    """A route's bill part by part (all null when it cannot be priced)."""
    if cost is None:
        return {**dict.fromkeys(_BREAKDOWN_KEYS), "windows": [], "notes": []}
    return {
        "uncached_input_usd": _money(cost.uncached_input_usd),
        "cached_input_usd": _money(cost.cached_input_usd),
        "cache_write_usd": _money(cost.cache_write_usd),
        "output_usd": _money(cost.output_usd),
        "reasoning_usd": _money(cost.reasoning_usd),
        "request_fees_usd": _money(cost.request_fees_usd),
        "input_cost_usd": _money(cost.input_cost_usd),
        "output_cost_usd": _money(cost.output_cost_usd),
        "total_usd": _money(cost.total_usd),
        "total_usd_per_month": _money(per_month) if per_month is not None else None,
        "total_usd_per_year": _money(per_year) if per_year is not None else None,
        "tier_above_input_tokens": cost.tier.above_input_tokens if cost.tier else None,
        # Peak/off-peak routes: the traffic's split over the day, and each part's bill.
        "windows": [
            {"window": w.name, "span": w.span or None, "share": w.share, "total_usd": w.total_usd}
            for w in cost.windows
        ],
        "notes": list(cost.notes),
    }


def route_json(route: Route) -> dict[str, Any]:
    price = route.price
    return {
        "provider": route.provider.id,
        "provider_name": route.provider.name,
        "model_id": route.model_id,
        "status": route.status,
        "provider_status": route.provider.status,
        "plan": route.plan,
        "input_usd_per_mtok": price.input_usd_per_mtok,
        "output_usd_per_mtok": price.output_usd_per_mtok,
        "cache_read_usd_per_mtok": price.cache_read_usd_per_mtok,
        "cache_write_usd_per_mtok": price.cache_write_usd_per_mtok,
        "cache_write_1h_usd_per_mtok": price.cache_write_1h_usd_per_mtok,
        "reasoning_usd_per_mtok": price.reasoning_usd_per_mtok,
        "request_usd": price.request_usd,
        "batch": price_json(route.batch) if route.batch else None,
        "priority": price_json(route.priority) if route.priority else None,
        "time_windows": [
            {
                "name": window.name,
                "start": f"{window.start:%H:%M}",
                "end": f"{window.end:%H:%M}",
                "weekdays_only": window.weekdays_only,
                **price_json(window.price),
            }
            for window in route.time_windows
        ],
        "flex": price_json(route.flex) if route.flex else None,
        "tiers": [
            {"above_input_tokens": tier.above_input_tokens, **price_json(tier.price)}
            for tier in route.tiers
        ],
        "price_changes": [
            {
                "effective": change.effective,
                **price_json(change.price),
                "source": change.source,
                "note": change.note,
            }
            for change in route.price_changes
        ],
        "context_window": route.context_window,
        "max_output_tokens": route.max_output_tokens,
        "source": route.source,
        "checked": route.checked,
        "retired": route.retired,
        "deprecation_announced": route.deprecation_announced,
        **provenance_json(route),
        "note": route.note,
    }


def provenance_json(route: Route, now: dt.date | None = None) -> dict[str, Any]:
    """Where a route's facts came from, how old they are (on `now`, else today),
    and any discount applied."""
    return {
        "origin": route.origin,
        "age_days": age_days(route.checked, now or today()),
        "discount_percent": route.discount_percent,
    }


def benchmark_json(benchmark: Benchmark) -> dict[str, Any]:
    return {
        "name": benchmark.name,
        "score": benchmark.score,
        "metric": benchmark.metric,
        "source": benchmark.source,
        "date": benchmark.date,
    }


def model_json(
    model: Model, cheapest_input: Decimal | None, cheapest_output: Decimal | None
) -> dict[str, Any]:
    return {
        "id": model.id,
        "name": model.name,
        "creator": model.creator.id,
        "creator_name": model.creator.name,
        "family": model.family,
        "origin": model.origin,
        "aliases": list(model.aliases),
        "moving_aliases": [alias._asdict() for alias in model.moving_aliases],
        "released": model.released,
        "knowledge_cutoff": model.knowledge_cutoff,
        "context_window": model.context_window,
        "max_output_tokens": model.max_output_tokens,
        "parameters": model.parameters,
        "active_parameters": model.active_parameters,
        "architecture": model.architecture,
        "license": {
            "id": model.license.id,
            "name": model.license.name,
            "osi_approved": model.license.osi_approved,
            "commercial_use": model.license.commercial_use,
        }
        if model.license
        else None,
        "open_weights": model.open_weights,
        "openness": model.openness,
        "input_modalities": list(model.input_modalities),
        "output_modalities": list(model.output_modalities),
        "capabilities": dict(model.capabilities),
        "use_cases": list(model.use_cases),
        "cheapest_input_usd_per_mtok": cheapest_input,
        "cheapest_output_usd_per_mtok": cheapest_output,
        "routes": [route_json(route) for route in model.routes],
        "benchmarks": [benchmark_json(b) for b in model.benchmarks],
        "sources": list(model.sources),
        "note": model.note,
    }


def _envelope(command: str, **body: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "command": command, **body}


# One function per command.


def diff_document(comparison: Comparison) -> dict[str, Any]:
    models = comparison.models
    return _envelope(
        "diff",
        traffic=traffic_json(comparison.traffic),
        intro=comparison.intro,
        verdict=comparison.verdict,
        models=[
            model_json(model, comparison.cheapest_input[i], comparison.cheapest_output[i])
            for i, model in enumerate(models)
        ],
        scorecard=[
            {
                "model": model.id,
                "best_for": comparison.best_for[i],
                "decision_fit": list(model.use_cases),
                "context_window": model.context_window,
                "cheapest_input_usd_per_mtok": comparison.cheapest_input[i],
                "cheapest_output_usd_per_mtok": comparison.cheapest_output[i],
                "cheapest_blended_usd_per_mtok": blended.usd_per_mtok if blended else None,
                "cheapest_blended_provider": blended.provider if blended else None,
                "provider_routes": len(model.routes),
                "shared_benchmarks": len(comparison.shared_benchmarks),
            }
            for i, model in enumerate(models)
            for blended in [comparison.blended[i]]
        ],
        tradeoffs=[
            {"model": model.id, "reasons": list(comparison.tradeoffs[i])}
            for i, model in enumerate(models)
        ],
        monthly_cost=[
            {
                "model": entry.model.id,
                "provider": entry.cost.route.provider.id if entry.cost else None,
                **breakdown_json(entry.cost, entry.total_usd_per_month, entry.total_usd_per_year),
                **(
                    provenance_json(entry.cost.route)
                    if entry.cost
                    else dict.fromkeys(("origin", "age_days", "discount_percent"))
                ),
                "reason": entry.reason,
            }
            for entry in comparison.monthly
        ],
        cost_delta_usd=comparison.cost_delta_usd,
        cost_summary=comparison.cost_summary,
        cost_notes=list(comparison.cost_notes),
        blend={"input": comparison.blend.input, "output": comparison.blend.output},
        cost_curve=[
            {
                "model": model.id,
                "points": [
                    {"volume_tokens": p.volume_tokens, "total_usd": p.total_usd} for p in curve
                ],
            }
            for model, curve in zip(models, comparison.curves, strict=True)
        ],
        switch_friction=[
            {
                "from": friction.source.id,
                "to": friction.target.id,
                "shared_providers": list(friction.shared_providers),
                "capabilities_gained": list(friction.capabilities_gained),
                "capabilities_lost": list(friction.capabilities_lost),
                "notes": list(friction.notes),
            }
            for friction in comparison.switch_friction
        ],
        shared_benchmarks=[
            {
                "name": row.name,
                "scores": [
                    {"model": model.id, **benchmark_json(score)}
                    for model, score in zip(models, row.scores, strict=True)
                ],
            }
            for row in comparison.shared_benchmarks
        ],
        deep_dive=list(comparison.deep_dive),
        faq=[{"question": q.question, "answer": q.answer} for q in comparison.faq],
        continue_comparing=[
            {"models": [pair.model, pair.other], "reason": pair.reason}
            for pair in comparison.related
        ],
        prices_checked={"oldest": comparison.checked_oldest, "newest": comparison.checked_newest},
    )


def cost_row_json(row: CostRow, now: dt.date | None = None) -> dict[str, Any]:
    """A cost row; its prices' age as on `now`, else today."""
    route, cost, bought = row.route, row.cost, row.budget
    return {
        "model": row.model.id,
        "model_name": row.model.name,
        "provider": route.provider.id if route else None,
        "provider_name": route.provider.name if route else None,
        "status": route.status if route else None,
        "retired": route.retired if route else None,
        "plan": route.plan if route else None,
        "input_usd_per_mtok": route.price.input_usd_per_mtok if route else None,
        "output_usd_per_mtok": route.price.output_usd_per_mtok if route else None,
        **breakdown_json(cost, row.total_usd_per_month, row.total_usd_per_year),
        "ratio_to_cheapest": row.ratio_to_cheapest,
        "counts_as_cheapest": row.counts_as_cheapest,
        "budget": None if bought is None else bought._asdict(),
        "note": row.reason,
        "model_id": route.model_id if route else None,
        "source": route.source if route else None,
        "checked": route.checked if route else None,
        **(
            provenance_json(route, now)
            if route
            else dict.fromkeys(("origin", "age_days", "discount_percent"))
        ),
    }


def cost_document(report: CostReport) -> dict[str, Any]:
    return _envelope(
        "cost",
        traffic=traffic_json(report.traffic),
        prices_on=report.prices_on,
        ranking=report.ranking,
        budget_usd=report.budget_usd,
        cheapest_total_usd=report.cheapest_total_usd,
        notes=list(report.notes),
        omitted=report.omitted,
        rows=_cost_rows_json(report),
    )


def _cost_rows_json(report: CostReport) -> Any:
    return _rows(report.rows_json, lambda: [cost_row_json(row) for row in report.rows])


def _rows(written: str | None, made: Callable[[], list[dict[str, Any]]]) -> Any:
    """A document's rows: as the compiled store keeps them written (costrows.py,
    listindex.py), with the same rows made again, laid out, for a person at a
    terminal; or made now when they were not written ahead."""
    if written is None:
        return made()
    from ..exactjson import Raw

    return Raw(written, made)


def show_document(card: ModelCard) -> dict[str, Any]:
    return _envelope(
        "show", model=model_json(card.model, card.cheapest_input, card.cheapest_output)
    )


def list_document(chosen: ModelList) -> dict[str, Any]:
    models = chosen.models  # every one: JSON is never cut to a terminal's length
    rows = _rows(models.json_array(), lambda: list_rows_json(models))
    return _envelope("list", count=len(models), models=rows)


def list_rows_json(models: Iterable[Listed]) -> list[dict[str, Any]]:
    """Each model's row of `list --json` (also written ahead into the compiled
    listing, listindex.py)."""
    from ..listing import capabilities_of

    # Thousands of rows share a few hundred sets of flags: one dict for each set.
    flags: dict[tuple[bool | None, ...], dict[str, bool]] = {}

    def capabilities(entry: Listed) -> dict[str, bool]:
        found = flags.get(entry.capabilities)
        if found is None:
            found = flags[entry.capabilities] = capabilities_of(entry)
        return found

    return [
        {
            "id": model.id,
            "name": model.name,
            "creator": model.creator.id,
            "released": model.released,
            "context_window": model.context_window,
            "max_output_tokens": model.max_output_tokens,
            "open_weights": model.open_weights,
            "license": model.license,
            "capabilities": capabilities(model),
            "use_cases": list(model.use_cases),
            "cheapest_input_usd_per_mtok": model.cheapest_input,
            "cheapest_output_usd_per_mtok": model.cheapest_output,
            "providers": list(model.providers),
        }
        for model in models
    ]


def providers_document(summaries: Sequence[ProviderSummary]) -> dict[str, Any]:
    return _envelope(
        "providers",
        count=len(summaries),
        providers=[
            {
                "id": s.provider.id,
                "name": s.provider.name,
                "status": s.provider.status,
                "homepage": s.provider.homepage,
                "pricing_url": s.provider.pricing_url,
                "routes": s.routes,
                "priced_routes": s.priced_routes,
                "models": list(s.models),
            }
            for s in summaries
        ],
    )


def check_document(result: CheckResult) -> dict[str, Any]:
    return _envelope(
        "catalog check",
        catalog=result.catalog,
        ok=not result.problems,
        models=result.models,
        problems=[{"file": p.file, "key": p.key, "message": p.message} for p in result.problems],
    )


def where_document(folders: Sequence[CatalogFolder]) -> dict[str, Any]:
    return _envelope(
        "catalog where",
        layers=[
            {
                "origin": folder.origin,
                "path": str(folder.path) if folder.path else None,
                "exists": folder.path is None or folder.path.is_dir(),
            }
            for folder in folders
        ],
    )


def _change_json(change: RouteChange) -> dict[str, Any]:
    return {
        "model": change.model,
        "provider": change.provider,
        "before": price_json(change.before) if change.before else None,
        "after": price_json(change.after),
    }


def import_document(report: ImportReport) -> dict[str, Any]:
    plan = report.plan
    return _envelope(
        "catalog import",
        origin=report.origin,
        format=report.format,
        data_file=report.data_file,
        folder=report.folder,
        data_date=report.data_date,
        date_basis=report.date_basis,
        written=report.written,
        added_models=list(plan.added_models),
        added_routes=[_change_json(change) for change in plan.added_routes],
        changed_routes=[_change_json(change) for change in plan.changed_routes],
        unchanged_routes=plan.unchanged_routes,
        skipped=plan.skipped,
        notes=list(plan.notes),
    )


def update_document(results: Sequence[UpdateResult]) -> dict[str, Any]:
    return _envelope(
        "catalog update",
        ok=all(result.status != "failed" for result in results),
        sources=[
            {
                "source": result.source,
                "url": result.url,
                "status": result.status,
                "message": result.message,
                "import": import_document(result.report) if result.report else None,
            }
            for result in results
        ],
    )


def config_document(path: Path, config: Config) -> dict[str, Any]:
    return _envelope("config", file=str(path), exists=path.is_file(), **config._asdict())


def _route_key(key: tuple[str, str, str | None]) -> dict[str, Any]:
    return {"model": key[0], "provider": key[1], "model_id": key[2]}


def changes_document(changes: CatalogChanges) -> dict[str, Any]:
    return _envelope(
        "catalog changes",
        before=changes.before,
        after=changes.after,
        added_models=list(changes.added_models),
        removed_models=list(changes.removed_models),
        added_routes=[_route_key(key) for key in changes.added_routes],
        removed_routes=[_route_key(key) for key in changes.removed_routes],
        moves=[
            {
                "model": move.model,
                "provider": move.provider,
                "direction": move.direction,
                "before": price_json(move.before),
                "after": price_json(move.after),
                "input_change_percent": move.input_change_percent,
                "output_change_percent": move.output_change_percent,
            }
            for move in changes.moves
        ],
        retired=[_route_key(key) for key in changes.retired],
        scheduled=[
            {
                "model": item.model,
                "provider": item.provider,
                "effective": item.effective,
                **price_json(item.price),
            }
            for item in changes.scheduled
        ],
        traffic=traffic_json(changes.traffic) if changes.traffic else None,
        bills=[bill._asdict() for bill in changes.bills],
    )


def stats_document(stats: CatalogStats) -> dict[str, Any]:
    body = stats._asdict()
    body["layers"] = [layer._asdict() for layer in stats.layers]
    return _envelope("catalog stats", **body)
