"""Views: result objects -> pages (page.py), one function per command, each a
list of sections. Every word and figure a table, Markdown or HTML shows is
chosen here, once; the writers only lay the blocks out.

Imports no Rich; from the analysis only its vocabulary (periods, capability
names, the traffic in words) and types: results arrive complete.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import units
from ..costing import Period, traffic_words
from ..domain import ARCHITECTURES, CAPABILITIES, COMMERCIAL_USE, USE_CASES, Model, Openness
from ..errors import escaped
from .page import (
    Block,
    Bullets,
    Chart,
    Choice,
    Command,
    Grid,
    Heading,
    Inline,
    Link,
    Page,
    Para,
    Plain,
    Question,
    Sub,
    Title,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ..card import ModelCard
    from ..catalog import CatalogFolder
    from ..catalog_report import CatalogStats, CheckResult
    from ..changes import CatalogChanges
    from ..compare import Comparison
    from ..config import Config
    from ..costing import CostReport, CostRow, CurvePoint, RouteCost, Traffic
    from ..domain import Price, Route
    from ..importing import ImportReport
    from ..listing import ModelList, ProviderSummary
    from ..updating import UpdateResult

DASH = "-"
_OPENNESS = {
    Openness.OPEN_SOURCE: "Open source",
    Openness.OPEN_WEIGHTS: "Open weights",
    Openness.CLOSED: "Closed",
    Openness.UNKNOWN: DASH,  # not stated by the data it was imported from
}


def _clean(value: object) -> str:
    """Text from the data or from what was typed, with control characters escaped."""
    return escaped(str(value))


def _grid(
    headers: Sequence[str],
    rows: Iterable[Sequence[Inline | object]],
    right: Iterable[int] = (),
    **layout: object,
) -> Grid:
    cells = tuple(
        tuple(cell if isinstance(cell, tuple) else _clean(cell) for cell in row) for row in rows
    )
    return Grid(tuple(headers), cells, frozenset(right), **layout)  # type: ignore[arg-type]


_price = units.list_price


def _per_mtok(value: Decimal | None) -> str:
    return f"{_price(value)}/1M tokens" if value is not None else DASH


def _provenance_marks(route: Route) -> list[str]:
    """What sets a route apart from the bundled catalog's published prices: where
    it came from ("via genai-prices" for an update or import, "user", "folder" for
    a team folder; JSON's `origin` says it whole) and a discount."""
    kind, _, name = route.origin.partition(":")
    marks = [] if kind == "bundled" else [f"via {name}" if kind in ("import", "update") else kind]
    if route.discount_percent is not None:
        marks.append(f"{units.percent(route.discount_percent)} off")
    return marks


def route_label(route: Route) -> str:
    marks = []
    if route.retired is not None and not route.is_active:
        marks.append(f"retired {route.retired.isoformat()}")
    elif not route.is_active:
        marks.append("deprecated")
    elif route.retired is not None:
        marks.append(f"retires {route.retired.isoformat()}")
    if route.plan.value != "paid":
        marks.append(route.plan.value)
    marks += _provenance_marks(route)
    return route.provider.name + (f" ({', '.join(marks)})" if marks else "")


def _more_rows(omitted: int, what: str) -> Para:
    return Para(f"... and {omitted} more {what} (--all to show them, --json for every row)", "note")


# Model facts shared by `diff` and `show`.


def _flag(value: bool | None) -> str:
    return DASH if value is None else "Yes" if value else "No"  # None: not known


def _spec_rows(model: Model) -> list[tuple[str, str]]:
    params = DASH
    if model.parameters:
        params = units.parameters(model.parameters)
        if model.active_parameters:
            params += f" ({units.parameters(model.active_parameters)} active)"
    license = model.license
    license_name = license.name + (" (OSI)" if license.osi_approved else "") if license else DASH
    return [
        ("Released", model.released.isoformat() if model.released else DASH),
        ("Context window", units.tokens(model.context_window)),
        ("Max output", units.tokens(model.max_output_tokens) if model.max_output_tokens else DASH),
        ("Parameters", params),
        ("Architecture", ARCHITECTURES.get(model.architecture or "", DASH)),
        ("License", license_name),
        ("Openness", _OPENNESS[model.openness]),
        ("Commercial use", COMMERCIAL_USE[license.commercial_use] if license else DASH),
        ("Knowledge cutoff", model.knowledge_cutoff or DASH),
        (
            "Modalities",
            f"{', '.join(model.input_modalities) or '?'} -> "
            f"{', '.join(model.output_modalities) or '?'}",
        ),
    ]


def _routes_grid(models: Sequence[Model], with_model: bool) -> Grid:
    """Every route: provider, prices, and check date; for one model, with the
    provider's own model id beneath (too wide beside a model column)."""
    headers = ["Model"] if with_model else []
    headers += ["Provider" if with_model else "Provider / model id"]
    headers += ["In /1M", "Out /1M", "Cache read", "Checked"]
    offset = 1 if with_model else 0
    rows = []
    for model in models:
        for route in model.routes:
            provider: Inline = _clean(route_label(route))
            if route.model_id and not with_model:
                provider = (_clean(route_label(route)), Sub(_clean(route.model_id)))
            cells: list[Inline] = [_clean(model.name)] if with_model else []
            cells.append(provider)
            cells += [
                _price(route.price.input_usd_per_mtok),
                _price(route.price.output_usd_per_mtok),
                _price(route.price.cache_read_usd_per_mtok),
                route.checked.isoformat(),
            ]
            rows.append(cells)
    return _grid(headers, rows, right=range(offset + 1, offset + 5))


def _source_line(backs: str, url: str, checked: object = None) -> Inline:
    """ "Replicate, checked 2026-05-19: <link>" (the link's text is the address)."""
    label = _clean(backs)
    if checked is not None:
        label += f", checked {checked}"
    return (f"{label}: " if label else "", Link(_clean(url), url))


# `diff`: one function per section, in the seed page's order.


def diff_page(comparison: Comparison) -> Page:
    names = " vs ".join(_clean(model.name) for model in comparison.models)
    sections: tuple[Callable[[Comparison], list[Block]], ...] = (
        _diff_header,
        _scorecard,
        _tradeoffs,
        _monthly_cost,
        _switch_friction,
        _specs,
        _pricing,
        _capabilities,
        _benchmarks,
        _deep_dive,
        _faq,
        _continue_comparing,
        _sources,
    )
    return Page(names, tuple(block for section in sections for block in section(comparison)))


def _names(comparison: Comparison) -> list[str]:
    return [_clean(model.name) for model in comparison.models]


def _diff_header(comparison: Comparison) -> list[Block]:
    return [
        Title(" vs ".join(_names(comparison))),
        Para(_clean(comparison.intro)),
        Para(_clean(comparison.verdict), "strong"),
    ]


def _scorecard(comparison: Comparison) -> list[Block]:
    models = comparison.models
    shared = len(comparison.shared_benchmarks)
    rows = [
        ("Best for", list(comparison.best_for)),
        (
            "Decision fit",
            [units.join_words([USE_CASES[t] for t in m.use_cases]) or DASH for m in models],
        ),
        ("Context window", [units.tokens(m.context_window) for m in models]),
        ("Cheapest output", [_per_mtok(p) for p in comparison.cheapest_output]),
        (
            f"Cheapest blended ({comparison.blend.input}:{comparison.blend.output})",
            [_per_mtok(p.usd_per_mtok if p else None) for p in comparison.blended],
        ),
        ("Provider routes", [f"{len(m.routes)} tracked" for m in models]),
        ("Shared benchmarks", [f"{shared} row{'' if shared == 1 else 's'}" for _ in models]),
    ]
    grid = _grid(
        ["Signal", *_names(comparison)],
        [[label, *values] for label, values in rows],
        side_by_side=True,
    )
    return [Heading("Decision scorecard"), grid]


def _tradeoffs(comparison: Comparison) -> list[Block]:
    blocks: list[Block] = [Heading("Decision tradeoffs")]
    for model, reasons in zip(comparison.models, comparison.tradeoffs, strict=True):
        items = tuple(map(_clean, reasons or ["it wins on your own evaluation."]))
        blocks.append(Bullets(items, lead=f"Choose {_clean(model.name)} when..."))
    return blocks


def _monthly_cost(comparison: Comparison) -> list[Block]:
    rows = []
    for entry in comparison.monthly:
        if entry.cost:
            rows.append(
                [
                    entry.model.name,
                    units.usd(entry.cost.total_usd),
                    entry.cost.route.provider.name,
                    units.usd(entry.cost.input_cost_usd),
                    units.usd(entry.cost.output_cost_usd),
                ]
            )
        else:
            rows.append([entry.model.name, "Unavailable", entry.reason or "", DASH, DASH])
    blocks: list[Block] = [
        Heading(f"Monthly cost at traffic ({traffic_words(comparison.traffic)})"),
        _grid(["Model", "Monthly cost", "Cheapest route", "Input", "Output"], rows, [1, 3, 4]),
    ]
    blocks += [Para(_clean(note), "note") for note in comparison.cost_notes]
    blocks.append(Para(_clean(comparison.cost_summary)))
    curves = tuple(
        (model.name, curve)
        for model, curve in zip(comparison.models, comparison.curves, strict=True)
        if curve
    )
    if curves:
        blocks.append(
            _chart(
                comparison.traffic, curves, "cheapest route of each model", _not_drawn(comparison)
            )
        )
    return blocks


def _chart(
    traffic: Traffic, curves: Sequence[tuple[str, Sequence[CurvePoint]]], what: str, note: str
) -> Chart:
    period = traffic.period.value
    return Chart(
        title=f"Cost a {period} against volume ({what})",
        series=tuple(
            (_clean(label), tuple((p.volume_tokens, p.total_usd) for p in curve))
            for label, curve in curves
        ),
        marked_x=traffic.input_tokens + traffic.output_tokens,
        x_label=f"Tokens a {period} (input + output, your mix)",
        y_label=f"USD a {period}",
        note=note,
    )


def _not_drawn(comparison: Comparison) -> str:
    missing = [
        f"{_clean(entry.model.name)} ({_clean(entry.reason or 'no price')})"
        for entry, curve in zip(comparison.monthly, comparison.curves, strict=True)
        if not curve
    ]
    return f"Not drawn: {units.join_words(missing)}." if missing else ""


def _switch_friction(comparison: Comparison) -> list[Block]:
    blocks: list[Block] = [Heading("Switch friction")]
    for friction in comparison.switch_friction:
        blocks.append(
            Bullets(
                tuple(map(_clean, friction.notes)),
                lead=f"{_clean(friction.source.name)} -> {_clean(friction.target.name)}",
            )
        )
    return blocks


def _specs(comparison: Comparison) -> list[Block]:
    spec_rows = [_spec_rows(model) for model in comparison.models]
    rows = [
        [label, *(rows[i][1] for rows in spec_rows)] for i, (label, _) in enumerate(spec_rows[0])
    ]
    return [
        Heading("Specs"),
        _grid(["Specification", *_names(comparison)], rows, side_by_side=True),
    ]


def _pricing(comparison: Comparison) -> list[Block]:
    models = comparison.models
    rows = [
        ["Input price", *map(_per_mtok, comparison.cheapest_input)],
        ["Output price", *map(_per_mtok, comparison.cheapest_output)],
        ["Providers", *(", ".join(route_label(r) for r in m.routes) or DASH for m in models)],
    ]
    blocks: list[Block] = [
        Heading("Pricing and availability"),
        _grid(["Pricing attribute", *_names(comparison)], rows, side_by_side=True),
    ]
    if any(model.routes for model in models):
        blocks.append(_routes_grid(models, with_model=True))
    return blocks


def _capabilities(comparison: Comparison) -> list[Block]:
    rows = [
        [label, *(_flag(m.capabilities.get(key)) for m in comparison.models)]
        for key, label in CAPABILITIES.items()
    ]
    return [
        Heading("Capabilities"),
        _grid(["Capability", *_names(comparison)], rows, side_by_side=True),
    ]


def _benchmarks(comparison: Comparison) -> list[Block]:
    models = comparison.models
    if not comparison.shared_benchmarks:
        pair = "pair" if len(models) == 2 else "set of models"
        return [
            Heading("Benchmarks"),
            Para(f"No shared benchmark rows are currently sourced for this {pair}."),
        ]
    rows = []
    for row in comparison.shared_benchmarks:
        metrics = {b.metric for b in row.scores}
        metric = row.scores[0].metric if len(metrics) == 1 else "differs (see show)"
        rows.append([row.name, *(units.score(b.score) for b in row.scores), metric])
    grid = _grid(
        ["Benchmark", *_names(comparison), "Metric"],
        rows,
        right=range(1, len(models) + 1),
        side_by_side=True,
        tail=1,
    )
    return [Heading("Benchmarks"), grid]


def _deep_dive(comparison: Comparison) -> list[Block]:
    return [Heading("Deep dive"), *(Para(_clean(text)) for text in comparison.deep_dive)]


def _faq(comparison: Comparison) -> list[Block]:
    return [
        Heading("FAQ"),
        *(Question(_clean(q.question), _clean(q.answer)) for q in comparison.faq),
    ]


def _continue_comparing(comparison: Comparison) -> list[Block]:
    if not comparison.related:
        return [Heading("Continue comparing"), Para("No related model in the catalog.")]
    items = tuple(
        (
            Command(
                _clean(f"llmcompare diff {pair.model} {pair.other}"),
                f"{pair.model}-vs-{pair.other}.html",
            ),
            f" ({pair.reason})",
        )
        for pair in comparison.related
    )
    return [Heading("Continue comparing"), Bullets(items)]


def _sources(comparison: Comparison) -> list[Block]:
    lines: list[Inline] = []
    for model in comparison.models:
        name = _clean(model.name)
        lines += [_source_line(f"{name}", url) for url in model.sources]
        lines += [
            _source_line(f"{name} on {route.provider.name}", route.source, route.checked)
            for route in model.routes
        ]
    for row in comparison.shared_benchmarks:
        for model, score in zip(comparison.models, row.scores, strict=True):
            lines.append(_source_line(f"{row.name} ({model.name})", score.source, score.date))
    blocks: list[Block] = [Heading("Sources")]
    if lines:
        blocks.append(Bullets(tuple(dict.fromkeys(lines))))
    if comparison.checked_oldest:
        blocks.append(
            Para(
                f"Prices checked {comparison.checked_oldest} to {comparison.checked_newest}; "
                "`llmcompare show MODEL` has each model's full card.",
                "note",
            )
        )
    return blocks


# `cost`


_Column = tuple[str, "Callable[[RouteCost], str]"]


def cost_page(report: CostReport) -> Page:
    """Rows cheapest first, part by part; row notes are footnotes, [1] ..., under
    the table. The table comes at five levels of detail, richest first: the parts
    of the bill the traffic does not have are never shown, and when the rest does
    not fit a terminal, the month/year figures go first, then the breakdown folds
    into input and output, then the prices per 1M leave the route labels."""
    title = f"Estimated cost of {traffic_words(report.traffic)}"
    if report.budget_usd is not None:
        title += f"; what {units.usd(report.budget_usd)} buys"
    layouts = [(True, True, True), (True, False, True), (True, False, False)]
    layouts += [(False, False, True), (False, False, False)]
    footnotes = _cost_footnotes(report)
    variants = tuple(
        (lambda d=detailed, e=equivalents, w=prices: _cost_grid(report, footnotes, d, e, w))
        for detailed, equivalents, prices in layouts
    )
    blocks: list[Block] = [Title(title), Choice(variants)]
    if report.omitted:
        blocks.append(_more_rows(report.omitted, "rows"))
    blocks += [Para(f"[{number}] {_clean(note)}", "note") for note, number in footnotes.items()]
    blocks += [
        Para(f"{_clean(row.model.id)}: {_clean(row.reason)}", "note")
        for row in report.rows
        if row.cost is None and row.reason and row.route is None
    ]
    return Page(title, tuple(blocks))


def _cost_footnotes(report: CostReport) -> dict[str, int]:
    footnotes: dict[str, int] = {}
    for row in report.rows:
        for note in row.cost.notes if row.cost else ():
            footnotes.setdefault(note, len(footnotes) + 1)
    return footnotes


def _cost_columns(report: CostReport, detailed: bool, equivalents: bool) -> list[_Column]:
    traffic, usd = report.traffic, units.usd
    columns: list[_Column] = []
    caching = traffic.cached_input_tokens or traffic.cache_write_tokens
    caching = caching or traffic.cache_write_1h_tokens
    if detailed and caching:
        columns.append(("Input", lambda c: usd(c.uncached_input_usd)))
        if traffic.cached_input_tokens:
            columns.append(("Cached", lambda c: usd(c.cached_input_usd)))
        if traffic.cache_write_tokens or traffic.cache_write_1h_tokens:
            columns.append(("Writes", lambda c: usd(c.cache_write_usd)))
    else:
        columns.append(("Input", lambda c: usd(c.input_cost_usd)))
    if detailed and traffic.reasoning_tokens:
        columns.append(("Output", lambda c: usd(c.output_usd)))
        columns.append(("Reason.", lambda c: usd(c.reasoning_usd)))
    else:
        columns.append(("Output", lambda c: usd(c.output_cost_usd)))
    if any(row.cost and row.cost.request_fees_usd for row in report.rows):
        columns.append(("Fees", lambda c: usd(c.request_fees_usd)))
    columns.append(("Total", lambda c: usd(c.total_usd)))
    return columns


def _cost_label(
    row: CostRow, twins: Counter[tuple[str, str]], footnotes: dict[str, int], with_prices: bool
) -> Inline:
    """Model id over the route: provider (its model id where one provider has several
    routes for the model: grok-3 and grok-3-fast), marks, and prices per 1M."""
    route = row.route
    second = route.provider.name if route else "no route"
    if route and route.model_id and twins[(row.model.id, route.provider.id)] > 1:
        second += f" {route.model_id}"
    if route and (marks := _provenance_marks(route)):
        second += f" ({', '.join(marks)})"
    if with_prices and route and route.price.is_complete:
        second += (
            f" · {_price(route.price.input_usd_per_mtok)}/{_price(route.price.output_usd_per_mtok)}"
        )
    marks_text = "".join(f" [{footnotes[note]}]" for note in (row.cost.notes if row.cost else ()))
    return (_clean(row.model.id), Sub(_clean(second) + marks_text))


def _cost_grid(
    report: CostReport,
    footnotes: dict[str, int],
    detailed: bool,
    equivalents: bool,
    with_prices: bool,
) -> Grid:
    columns = _cost_columns(report, detailed, equivalents)
    period, usd = report.traffic.period, units.usd
    extra: list[tuple[str, Callable[[CostRow], str]]] = []
    if equivalents and period is not Period.MONTH:
        extra.append(
            (
                "Per month",
                lambda r: usd(r.total_usd_per_month) if r.total_usd_per_month is not None else DASH,
            )
        )
    if report.budget_usd is not None:
        extra.append(("Buys", _buys))
    elif equivalents and period is not Period.YEAR:
        extra.append(
            (
                "Per year",
                lambda r: usd(r.total_usd_per_year) if r.total_usd_per_year is not None else DASH,
            )
        )
    headers = [
        "Model / route",
        *(name for name, _ in columns),
        *(name for name, _ in extra),
        "vs min",
    ]
    twins = Counter((row.model.id, row.route.provider.id) for row in report.rows if row.route)
    rows = []
    for row in report.rows:
        cost = row.cost
        label = _cost_label(row, twins, footnotes, with_prices)
        if cost is None:
            cells = [DASH] * (len(columns) + len(extra))
            cells[[name for name, _ in columns].index("Total")] = "unavailable"
            rows.append([label, *cells, _clean(row.reason) if row.route and row.reason else DASH])
            continue
        versus = (
            units.ratio(row.ratio_to_cheapest)
            if row.ratio_to_cheapest is not None
            else _clean(row.reason or DASH)
        )
        rows.append(
            [label, *(show(cost) for _, show in columns), *(show(row) for _, show in extra), versus]
        )
    return Grid(
        tuple(headers),
        tuple(tuple(row) for row in rows),
        frozenset(range(1, len(headers))),
        dense=True,
    )


def _buys(row: CostRow) -> str:
    """What the budget buys at this row's price: requests if known, else tokens."""
    bought = row.budget
    if bought is None:
        return "unlimited" if row.cost is not None else DASH
    if bought.requests is not None:
        return f"{units.tokens(bought.requests)} req."
    return f"{units.tokens(bought.input_tokens + bought.output_tokens)} tok."


# `show`


def show_page(card: ModelCard) -> Page:
    model = card.model
    blocks: list[Block] = [
        Title(f"{_clean(model.name)} ({_clean(model.id)})"),
        Para(_clean(model.creator.name + (f" · family {model.family}" if model.family else ""))),
    ]
    if model.aliases:
        blocks.append(Para("Also known as: " + _clean(", ".join(model.aliases))))
    for alias in model.moving_aliases:  # a provider's alias that moves between models
        until = f" until {alias.until}" if alias.until else ""
        blocks.append(Para(_clean(f"{alias.provider}'s {alias.alias}: from {alias.since}{until}")))
    rows: list[Sequence[str]] = [*_spec_rows(model)]
    rows.append(
        (
            "Capabilities",
            ", ".join(CAPABILITIES[k] for k in model.capability_names) or "none recorded",
        )
    )
    rows.append(("Use cases", ", ".join(USE_CASES[t] for t in model.use_cases) or DASH))
    rows.append(("Cheapest input", _per_mtok(card.cheapest_input)))
    rows.append(("Cheapest output", _per_mtok(card.cheapest_output)))
    blocks += [Heading("Specs"), _grid(["Specification", "Value"], rows)]
    blocks.append(Heading("Provider routes"))
    if model.routes:
        blocks += [_routes_grid([model], with_model=False), Para(card.price_age, "note")]
        if card.pricing_details:
            blocks.append(
                Bullets(
                    tuple(map(_clean, card.pricing_details)),
                    lead="Pricing beyond input and output:",
                )
            )
        if card.route_notes:
            blocks.append(Bullets(tuple(map(_clean, card.route_notes)), lead="Notes:"))
        if card.curves:
            blocks.append(_chart(card.traffic, card.curves, "each billable route", ""))
    else:
        blocks.append(Para("No provider route in the catalog."))
    if model.benchmarks:
        rows = [
            [b.name, units.score(b.score), b.metric, b.date.isoformat()] for b in model.benchmarks
        ]
        blocks += [
            Heading("Benchmarks"),
            _grid(["Benchmark", "Score", "Metric", "Date"], rows, [1]),
        ]
    blocks.append(Heading("Sources"))
    blocks.append(Bullets(tuple(_source_line(s.backs, s.url, s.checked) for s in card.sources)))
    if model.note:
        blocks.append(Para(f"Note: {_clean(model.note)}", "note"))
    return Page(f"{_clean(model.name)} ({_clean(model.id)})", tuple(blocks))


# `list` and `providers`


def list_page(chosen: ModelList) -> Page:
    models, omitted = chosen.models, chosen.omitted
    rows = [
        [
            m.id,
            m.creator.name,
            units.tokens(m.context_window),
            _price(m.cheapest_input),
            _price(m.cheapest_output),
            str(m.routes),
        ]
        for m in models
    ]
    grid = _grid(["Model", "Creator", "Context", "In/1M", "Out/1M", "Routes"], rows, [2, 3, 4, 5])
    blocks: list[Block] = [grid]
    if omitted:
        blocks.append(_more_rows(omitted, "models"))
    blocks.append(Para(f"{len(models) + omitted} models", "note"))
    return Page("Models", tuple(blocks))


def providers_page(summaries: Sequence[ProviderSummary]) -> Page:
    rows = [
        [s.provider.name, s.provider.id, s.provider.status.value, s.routes, s.priced_routes]
        for s in summaries
    ]
    grid = _grid(["Provider", "Id", "Status", "Routes", "Priced"], rows, [3, 4])
    return Page("Providers", (grid,))


# `catalog check`, `where`, `import`, `update`, `changes`, `stats`; `config show`


def check_page(result: CheckResult) -> Page:
    """One line per problem, `file: key: message`, as an editor's quickfix list wants:
    plain text, never wrapped, since tools (and people) read it a line at a time."""
    return Page(
        f"Catalog check: {_clean(result.catalog)}",
        (Plain("".join(f"{problem}\n" for problem in result.problems)),),
    )


def where_page(folders: Sequence[CatalogFolder]) -> Page:
    rows = []
    for folder in folders:
        place = str(folder.path) if folder.path else "(inside the installed package)"
        if folder.path is not None and not folder.path.is_dir():
            place += " (missing)"
        rows.append([folder.origin, place])
    return Page(
        "Catalog layers",
        (
            Para("Catalog layers, bottom first (later ones override earlier ones):"),
            _grid(["Layer", "Folder"], rows),
        ),
    )


_SHOWN_CHANGES = 20


def _prices_in_out(price: Price | None) -> str:
    if price is None:
        return DASH
    return f"{_price(price.input_usd_per_mtok)} / {_price(price.output_usd_per_mtok)}"


def import_page(report: ImportReport) -> Page:
    plan = report.plan
    verb = "Wrote" if report.written else "Would write (dry run)"
    summary = _grid(
        ["Import", "Count"],
        [
            ("Models added", len(plan.added_models)),
            ("Routes added", len(plan.added_routes)),
            ("Routes with changed prices", len(plan.changed_routes)),
            ("Routes unchanged", plan.unchanged_routes),
            ("Entries skipped", sum(plan.skipped.values())),
        ],
        [1],
    )
    blocks: list[Block] = [
        Para(_clean(f"{verb} {report.origin} from {report.data_file} ({report.format})")),
        Para(_clean(f"Prices dated {report.data_date} ({report.date_basis})")),
        summary,
    ]
    if plan.skipped:
        blocks.append(
            Bullets(tuple(_clean(f"skipped {count}: {why}") for why, count in plan.skipped.items()))
        )
    if plan.changed_routes:
        rows = [
            [c.model, c.provider, _prices_in_out(c.before), _prices_in_out(c.after)]
            for c in plan.changed_routes[:_SHOWN_CHANGES]
        ]
        blocks += [
            Heading("Changed prices"),
            _grid(["Model", "Provider", "Before in/out", "Now in/out"], rows),
        ]
        more = len(plan.changed_routes) - _SHOWN_CHANGES
        if more > 0:
            blocks.append(Para(f"... and {more} more (--json for every change)", "note"))
    blocks.append(Para(_clean(f"Layer folder: {report.folder}"), "note"))
    return Page(f"Import {_clean(report.origin)}", tuple(blocks))


def update_page(results: Sequence[UpdateResult]) -> Page:
    rows = [[r.source, r.status, r.message] for r in results]
    return Page("Catalog update", (_grid(["Source", "Status", "What happened"], rows),))


def config_page(path: Path, config: Config) -> Page:
    def shown(value: object) -> str:
        if value is None:
            return "(default)"
        if isinstance(value, tuple | list):
            return ", ".join(map(str, value)) or "(default)"
        if isinstance(value, dict):
            return ", ".join(f"{k} = {v}" for k, v in value.items()) or "(default)"
        return str(value)

    rows = [
        ("defaults.input", units.tokens(config.default_input) if config.default_input else None),
        ("defaults.output", units.tokens(config.default_output) if config.default_output else None),
        ("defaults.max_age_days", config.max_age_days),
        ("update.sources", config.update_sources),
        ("update.urls", config.update_urls),
        ("catalog.folders", config.catalog_folders),
    ]
    state = "" if path.is_file() else " (not created yet)"
    return Page(
        "Configuration",
        (
            _grid(["Setting", "Value"], [(key, shown(value)) for key, value in rows]),
            Para(_clean(f"File: {path}{state}"), "note"),
        ),
    )


def _percent_change(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f" ({'+' if value > 0 else ''}{units.percent(value)})"


def _move_cell(before: Decimal | None, after: Decimal | None, change: Decimal | None) -> str:
    if before == after:
        return _price(after)
    return f"{_price(before)} -> {_price(after)}{_percent_change(change)}"


def _in_out_short(price: Price) -> str:
    named = []
    if price.input_usd_per_mtok is not None:
        named.append(f"input {_price(price.input_usd_per_mtok)}")
    if price.output_usd_per_mtok is not None:
        named.append(f"output {_price(price.output_usd_per_mtok)}")
    return ", ".join(named) or "other prices"


def changes_page(changes: CatalogChanges) -> Page:
    title = f"Changes from {changes.before} to {changes.after}"
    ups = sum(1 for move in changes.moves if move.direction == "up")
    downs = sum(1 for move in changes.moves if move.direction == "down")
    summary = _grid(
        ["Change", "Count"],
        [
            ("Models added", len(changes.added_models)),
            ("Models removed", len(changes.removed_models)),
            ("Routes added", len(changes.added_routes)),
            ("Routes removed", len(changes.removed_routes)),
            ("Prices up", ups),
            ("Prices down", downs),
            ("Prices mixed", len(changes.moves) - ups - downs),
            ("Routes retired", len(changes.retired)),
            ("Scheduled changes ahead", len(changes.scheduled)),
        ],
        [1],
    )
    blocks: list[Block] = [Title(_clean(title)), summary]
    if changes.bills and changes.traffic is not None:
        rows = []
        for bill in changes.bills:
            delta = DASH
            if bill.before_usd is not None and bill.after_usd is not None:
                difference = bill.after_usd - bill.before_usd
                delta = ("+" if difference > 0 else "") + units.usd(difference)
            rows.append(
                [
                    bill.model,
                    units.usd(bill.before_usd) if bill.before_usd is not None else DASH,
                    units.usd(bill.after_usd) if bill.after_usd is not None else DASH,
                    delta,
                ]
            )
        blocks += [
            Heading(f"Cheapest bill at {traffic_words(changes.traffic)}"),
            _grid(["Model", "Before", "After", "Change"], rows, [1, 2, 3]),
        ]
    if changes.moves:
        rows = [
            [
                move.model,
                move.provider,
                _move_cell(
                    move.before.input_usd_per_mtok,
                    move.after.input_usd_per_mtok,
                    move.input_change_percent,
                ),
                _move_cell(
                    move.before.output_usd_per_mtok,
                    move.after.output_usd_per_mtok,
                    move.output_change_percent,
                ),
            ]
            for move in changes.moves[:_SHOWN_CHANGES]
        ]
        blocks += [
            Heading("Largest price changes"),
            _grid(["Model", "Provider", "Input /1M", "Output /1M"], rows),
        ]
        if len(changes.moves) > _SHOWN_CHANGES:
            more = len(changes.moves) - _SHOWN_CHANGES
            blocks.append(Para(f"... and {more} more (--json for every change)", "note"))
    if changes.retired:
        retired = [_clean(f"{model} on {provider}") for model, provider, _ in changes.retired]
        blocks += [Heading("Retired"), Bullets(tuple(retired[:_SHOWN_CHANGES]))]
    if changes.scheduled:
        ahead = tuple(
            _clean(f"{item.effective}: {item.model} on {item.provider} {_in_out_short(item.price)}")
            for item in changes.scheduled[:_SHOWN_CHANGES]
        )
        blocks += [Heading("Scheduled changes ahead"), Bullets(ahead)]
    return Page(_clean(title), tuple(blocks))


def stats_page(stats: CatalogStats) -> Page:
    checked = f"{stats.checked_oldest} to {stats.checked_newest}" if stats.checked_oldest else DASH
    summary = _grid(
        ["Catalog", "Count"],
        [
            ("Models", stats.models),
            ("Creators", stats.creators),
            ("Providers", f"{stats.providers} ({stats.providers_with_routes} with routes)"),
            ("Routes", stats.routes),
            ("Priced routes", stats.priced_routes),
            ("Free or trial routes", stats.free_routes),
            ("Deprecated routes", stats.deprecated_routes),
            ("Open-weights models", stats.open_weights_models),
            ("Models with benchmarks", stats.models_with_benchmarks),
            ("Benchmark rows", stats.benchmark_rows),
            ("Prices checked", checked),
        ],
        [1],
    )
    layers = _grid(
        ["Layer", "Models", "Routes", "Prices checked"],
        [
            [
                layer.origin,
                layer.models,
                layer.routes,
                f"{layer.checked_oldest} to {layer.checked_newest}" if layer.routes else DASH,
            ]
            for layer in stats.layers
        ],
        [1, 2],
    )
    providers = _grid(["Provider", "Routes"], list(stats.routes_per_provider.items()), [1])
    return Page("Catalog statistics", (summary, layers, providers))
