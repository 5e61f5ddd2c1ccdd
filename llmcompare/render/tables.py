"""Table renderer: result objects -> Rich renderables for a terminal.

Imported only when a table is drawn, so JSON runs never load Rich. Every cell
is a `Text`, never a markup string, so a name such as "[bold]x" prints as it
is. Tables are laid out to fit 80 columns.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Column, Table
from rich.text import Text

from .. import units
from ..catalog_report import CatalogStats, CheckResult
from ..compare import Comparison
from ..costing import (
    CostReport,
    Period,
    RouteCost,
    Traffic,
    affordable,
    per_period,
    why_route_not_cheapest,
)
from ..domain import (
    ARCHITECTURES,
    CAPABILITIES,
    USE_CASES,
    CommercialUse,
    Model,
    Openness,
    Price,
    Route,
)
from ..errors import escaped
from ..freshness import age_days
from ..listing import Listed, ProviderSummary

if TYPE_CHECKING:  # only for annotations: the table path imports neither module
    from pathlib import Path

    from ..catalog import CatalogFolder
    from ..changes import CatalogChanges
    from ..config import Config
    from ..importing import ImportReport
    from ..updating import UpdateResult

_OPENNESS = {
    Openness.OPEN_SOURCE: "Open source",
    Openness.OPEN_WEIGHTS: "Open weights",
    Openness.CLOSED: "Closed",
    Openness.UNKNOWN: "-",  # not stated by the data it was imported from
}
_COMMERCIAL = {
    CommercialUse.ALLOWED: "Commercial use allowed",
    CommercialUse.CONDITIONAL: "Commercial use with conditions",
    CommercialUse.NONE: "No commercial use",
}
DASH = "-"


def _text(value: object, style: str = "") -> Text:
    return Text(escaped(str(value)), style=style)


def _heading(title: str) -> Text:
    return Text("\n" + title, style="bold")


class _Bullets:
    """A bulleted list whose wrapped lines hang under the text, not the bullet.

    Wrapped with textwrap at the width Rich offers: a Table grid per list would
    do the same at several times the cost.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - len(_BULLET), 20)
        for line in self.lines:
            for i, part in enumerate(textwrap.wrap(line, width) or [""]):
                yield Text((_BULLET if i == 0 else _HANG) + part)


_BULLET, _HANG = "  • ", "    "


def _bullets(lines: Iterable[str]) -> RenderableType:
    return _Bullets(lines)


class _Table(Table):
    """A Rich table whose figure columns get their width from their cells up front,
    sparing Rich a measuring pass over every one of them (long tables draw faster)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for column in self.columns:
            if column.no_wrap and column.width is None:
                cells = [cell.cell_len for cell in column.cells if isinstance(cell, Text)]
                header = column.header.cell_len if isinstance(column.header, Text) else 0
                column.width = max([header, *cells])
        return super().__rich_console__(console, options)


def _table(*headers: str, right: Iterable[int] = (), tight: bool = False) -> Table:
    """A plain table; `tight` merges neighbouring padding, for tables of many figures."""
    table = _Table(
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
        show_edge=False,
        collapse_padding=tight,
    )
    right = set(right)
    for i, header in enumerate(headers):
        # Text, not a str: a model name in a header must never be read as markup.
        if i in right:  # figures: right-aligned and never broken across lines
            table.add_column(Text(header), justify="right", no_wrap=True)
        else:
            table.add_column(Text(header), overflow="fold")
    return table


# A model's column in a side-by-side table is never narrower than this: past it,
# the models go on in another table below, the labels repeated.
_MIN_SIDE_COLUMN = 14
_MAX_LABEL = 24


class _SideBySide:
    """A table of labels then one column per model (then `tail` columns such as a
    benchmark's metric), drawn as several tables when the models do not fit the
    width side by side: no column is squeezed out of sight, whatever the count."""

    def __init__(self, table: Table, tail: int = 0) -> None:
        self.table = table
        self.tail = tail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns = self.table.columns
        label, models = columns[0], columns[1 : len(columns) - self.tail]
        tail = columns[len(columns) - self.tail :]

        def natural(column: Column, cap: int) -> int:
            cells = [c.cell_len for c in column.cells if isinstance(c, Text)]
            header = column.header.cell_len if isinstance(column.header, Text) else 0
            return min(cap, max([header, *cells])) + 2  # with its padding

        room = options.max_width - natural(label, _MAX_LABEL)
        room -= sum(natural(column, _MAX_LABEL) for column in tail)
        groups: list[list[Column]] = [[]]
        used = 0
        for column in models:
            need = natural(column, _MIN_SIDE_COLUMN)
            if groups[-1] and used + need > room:
                groups.append([])
                used = 0
            groups[-1].append(column)
            used += need
        if len(groups) == 1:
            yield self.table
            return
        for i, group in enumerate(groups):
            if i:
                yield Text("")
            yield self._part([label, *group, *tail])

    def _part(self, columns: list[Column]) -> Table:
        part = _table()
        for column in columns:
            part.add_column(
                column.header,
                justify=column.justify,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
            )
        for row in zip(*(column.cells for column in columns), strict=True):
            part.add_row(*row)
        return part


def _price(value: Decimal | None) -> str:
    return units.usd_per_mtok(value) if value is not None else DASH


def _route_label(route: Route) -> str:
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


def _age(route: Route) -> str:
    """How long ago a route's prices were checked: "105 days ago"."""
    days = age_days(route, dt.date.today())
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"


def _ages(routes: Sequence[Route]) -> str:
    """How old a model's prices are, newest and oldest: what `show` says of age."""
    newest = max(routes, key=lambda route: route.checked)
    oldest = min(routes, key=lambda route: route.checked)
    if newest.checked == oldest.checked:
        return f"Prices checked {_age(newest)} ({newest.checked})."
    return f"Prices checked {_age(newest)} ({newest.checked}) to {_age(oldest)} ({oldest.checked})."


def _provenance_marks(route: Route) -> list[str]:
    """What sets a route apart from the bundled catalog's published prices: where
    it came from ("via genai-prices" for an update or import, "user", "folder" for
    a team folder; JSON's `origin` says it whole) and a discount."""
    kind, _, name = route.origin.partition(":")
    marks = [] if kind == "bundled" else [f"via {name}" if kind in ("import", "update") else kind]
    if route.discount_percent is not None:
        marks.append(f"{units.percent(route.discount_percent)} off")
    return marks


def traffic_words(traffic: Traffic) -> str:
    """The traffic in a phrase: "1B input (60% cached) + 200M output tokens a month"."""
    tokens = units.tokens
    inside = []
    if traffic.cached_input_tokens:
        inside.append(f"{tokens(traffic.cached_input_tokens)} cached")
    writes = traffic.cache_write_tokens + traffic.cache_write_1h_tokens
    if writes:
        inside.append(f"{tokens(writes)} cache writes")
    phrase = f"{tokens(traffic.input_tokens)} input"
    if inside:
        phrase += f" ({', '.join(inside)})"
    phrase += f" + {tokens(traffic.output_tokens)} output"
    if traffic.reasoning_tokens:
        phrase += f" ({tokens(traffic.reasoning_tokens)} reasoning)"
    phrase += " tokens"
    if traffic.requests is not None:
        phrase += f" in {tokens(traffic.requests)} requests"
    phrase += f" a {traffic.period.value}"
    if traffic.batch:
        phrase += ", batch"
    if traffic.service_tier != "standard":
        phrase += f", {traffic.service_tier} tier"
    return phrase


# Model facts shared by `diff` and `show`.


def _flag(value: bool | None) -> str:
    return DASH if value is None else "Yes" if value else "No"  # None: not known


def _made_by(model: Model) -> str:
    return model.creator.name + (f", {model.released.year}" if model.released else "")


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
        (
            "Max output",
            units.tokens(model.max_output_tokens) if model.max_output_tokens else DASH,
        ),
        ("Parameters", params),
        ("Architecture", ARCHITECTURES.get(model.architecture or "", DASH)),
        ("License", license_name),
        ("Openness", _OPENNESS[model.openness]),
        ("Commercial use", _COMMERCIAL[license.commercial_use] if license else DASH),
        ("Knowledge cutoff", model.knowledge_cutoff or DASH),
        (
            "Modalities",
            f"{', '.join(model.input_modalities) or '?'} -> "
            f"{', '.join(model.output_modalities) or '?'}",
        ),
    ]


def _routes_table(models: Sequence[Model], with_model: bool) -> Table:
    """Every route: provider, prices, and check date; for one model, with the
    provider's own model id beneath (too wide beside a model column)."""
    headers = ["Model"] if with_model else []
    headers += ["Provider" if with_model else "Provider / model id"]
    headers += ["In /1M", "Out /1M", "Cache read", "Checked"]
    offset = 1 if with_model else 0
    table = _table(*headers, right=[offset + 1, offset + 2, offset + 3, offset + 4])
    for model in models:
        for route in model.routes:
            provider = Text(_route_label(route))
            if route.model_id and not with_model:
                provider.append(f"\n  {route.model_id}", style="dim")
            cells: list[Text] = [_text(model.name)] if with_model else []
            cells.append(provider)
            cells += map(
                _text,
                [
                    _price(route.price.input_usd_per_mtok),
                    _price(route.price.output_usd_per_mtok),
                    _price(route.price.cache_read_usd_per_mtok),
                    route.checked.isoformat(),
                ],
            )
            table.add_row(*cells)
    return table


# `diff`


def diff_table(comparison: Comparison) -> RenderableType:
    models = comparison.models
    names = [model.name for model in models]
    parts: list[RenderableType] = [
        Text(" vs ".join(names), style="bold"),
        Text(
            units.join_words([f"{m.name} ({_made_by(m)})" for m in models])
            + ". Context windows: "
            + ", ".join(f"{units.tokens(m.context_window)}" for m in models)
            + " tokens."
        ),
        Text(""),
        Text(comparison.verdict, style="bold"),
    ]

    parts.append(_heading("Decision scorecard"))
    scorecard = _table("Signal", *names)
    shared = len(comparison.shared_benchmarks)
    rows = [
        ("Best for", list(comparison.best_for)),
        (
            "Decision fit",
            [units.join_words([USE_CASES[t] for t in m.use_cases]) or DASH for m in models],
        ),
        ("Context window", [units.tokens(m.context_window) for m in models]),
        (
            "Cheapest output",
            [
                f"{units.usd_per_mtok(p)}/1M tokens" if p is not None else DASH
                for p in comparison.cheapest_output
            ],
        ),
        ("Provider routes", [f"{len(m.routes)} tracked" for m in models]),
        ("Shared benchmarks", [f"{shared} row{'' if shared == 1 else 's'}" for _ in models]),
    ]
    for label, values in rows:
        scorecard.add_row(_text(label), *map(_text, values))
    parts.append(_SideBySide(scorecard))

    parts.append(_heading("Decision tradeoffs"))
    for model, reasons in zip(models, comparison.tradeoffs, strict=True):
        parts.append(Text(f"Choose {model.name} when..."))
        parts.append(_bullets(reasons or ["it wins on your own evaluation."]))

    parts.append(_heading(f"Monthly cost at traffic ({traffic_words(comparison.traffic)})"))
    monthly = _table("Model", "Monthly cost", "Cheapest route", "Input", "Output", right=[1, 3, 4])
    for entry in comparison.monthly:
        if entry.cost:
            monthly.add_row(
                *map(
                    _text,
                    [
                        entry.model.name,
                        units.usd(entry.cost.total_usd),
                        entry.cost.route.provider.name,
                        units.usd(entry.cost.input_cost_usd),
                        units.usd(entry.cost.output_cost_usd),
                    ],
                )
            )
        else:
            monthly.add_row(
                *map(_text, [entry.model.name, "Unavailable", entry.reason or "", DASH, DASH])
            )
    parts.append(monthly)
    notes = dict.fromkeys(
        f"{entry.model.name}: {note}"
        for entry in comparison.monthly
        if entry.cost
        for note in entry.cost.notes
    )
    parts += [Text(note, style="dim") for note in notes]
    parts.append(Text(comparison.cost_summary))

    parts.append(_heading("Switch friction"))
    for friction in comparison.switch_friction:
        parts.append(Text(f"{friction.source.name} -> {friction.target.name}"))
        parts.append(_bullets(friction.notes))

    parts.append(_heading("Specs"))
    specs = _table("Specification", *names)
    spec_rows = [_spec_rows(model) for model in models]
    for i, (label, _) in enumerate(spec_rows[0]):
        specs.add_row(_text(label), *(_text(rows[i][1]) for rows in spec_rows))
    parts.append(_SideBySide(specs))

    parts.append(_heading("Pricing and availability"))
    pricing = _table("Pricing attribute", *names)
    pricing.add_row(
        _text("Input price"),
        *(
            _text(f"{_price(p)}/1M tokens" if p is not None else DASH)
            for p in comparison.cheapest_input
        ),
    )
    pricing.add_row(
        _text("Output price"),
        *(
            _text(f"{_price(p)}/1M tokens" if p is not None else DASH)
            for p in comparison.cheapest_output
        ),
    )
    pricing.add_row(
        _text("Providers"),
        *(_text(", ".join(_route_label(r) for r in m.routes) or DASH) for m in models),
    )
    parts.append(_SideBySide(pricing))
    if any(model.routes for model in models):
        parts.append(_routes_table(models, with_model=True))

    parts.append(_heading("Capabilities"))
    capabilities = _table("Capability", *names)
    for key, label in CAPABILITIES.items():
        capabilities.add_row(_text(label), *(_text(_flag(m.capabilities.get(key))) for m in models))
    parts.append(_SideBySide(capabilities))

    parts.append(_heading("Benchmarks"))
    if comparison.shared_benchmarks:
        bench = _table("Benchmark", *names, "Metric", right=list(range(1, len(models) + 1)))
        for row in comparison.shared_benchmarks:
            metrics = {b.metric for b in row.scores}
            metric = row.scores[0].metric if len(metrics) == 1 else "differs (see show)"
            bench.add_row(
                _text(row.name), *(_text(units.score(b.score)) for b in row.scores), _text(metric)
            )
        parts.append(_SideBySide(bench, tail=1))
    else:
        pair = "pair" if len(models) == 2 else "set of models"
        parts.append(Text(f"No shared benchmark rows are currently sourced for this {pair}."))

    checked = [route.checked for model in models for route in model.routes]
    if checked:
        parts.append(
            Text(
                f"\nPrices checked {min(checked).isoformat()} to {max(checked).isoformat()}; "
                "`llmcompare show MODEL` lists every source.",
                style="dim",
            )
        )
    return Group(*parts)


# `cost`


def cost_table(report: CostReport) -> RenderableType:
    """Rows cheapest first, part by part. Row notes are footnotes, [1] ..., under the table."""
    return _CostTable(report)


_Column = tuple[str, Callable[[RouteCost], str]]


class _CostTable:
    """The cost table, laid out for the width it is given: the parts of the bill the
    traffic does not have are never shown, and when the rest does not fit, the
    month/year figures go first, then the breakdown folds into input and output."""

    def __init__(self, report: CostReport) -> None:
        self.report = report

    def _columns(self, detailed: bool, equivalents: bool) -> list[_Column]:
        report, traffic = self.report, self.report.traffic
        period = traffic.period
        usd = units.usd
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
        if equivalents and period is not Period.MONTH:
            columns.append(
                ("Per month", lambda c: usd(per_period(c.total_usd, period, Period.MONTH)))
            )
        if report.budget_usd is not None:
            columns.append(("Buys", lambda c: _buys(report, c)))
        elif equivalents and period is not Period.YEAR:
            columns.append(
                ("Per year", lambda c: usd(per_period(c.total_usd, period, Period.YEAR)))
            )
        return columns

    def _labels(self, with_prices: bool) -> tuple[list[Text], dict[str, int]]:
        """Model id (with footnote marks) over the route: provider, and its prices per
        1M tokens when there is room for them."""
        footnotes: dict[str, int] = {}
        labels = []
        # Where a model has several routes on one provider (grok-3 and grok-3-fast on
        # xAI), the provider's model id tells the rows apart.
        seen = Counter(
            (row.model.id, row.route.provider.id) for row in self.report.rows if row.route
        )
        for row in self.report.rows:
            route, cost = row.route, row.cost
            label = Text(row.model.id)
            second = route.provider.name if route else "no route"
            if route and route.model_id and seen[(row.model.id, route.provider.id)] > 1:
                second += f" {route.model_id}"
            if route and (marks := _provenance_marks(route)):
                second += f" ({', '.join(marks)})"
            if with_prices and route and route.price.is_complete:
                second += (
                    f" · {_price(route.price.input_usd_per_mtok)}"
                    f"/{_price(route.price.output_usd_per_mtok)}"
                )
            label.append("\n  " + second, style="dim")
            for note in cost.notes if cost else ():
                label.append(f" [{footnotes.setdefault(note, len(footnotes) + 1)}]")
            labels.append(label)
        return labels, footnotes

    def _cells(self, columns: list[_Column]) -> list[list[str]]:
        base, rows = self.report.cheapest_total_usd, []
        names = [name for name, _ in columns]
        for row in self.report.rows:
            cost, route = row.cost, row.route
            if cost is None:
                excluded = why_route_not_cheapest(route) if route else None
                cells = [DASH] * len(columns) + [excluded or DASH]
                cells[names.index("Total")] = "unavailable"
            else:
                if row.counts_as_cheapest and base:
                    versus = units.ratio(cost.total_usd / base)
                else:
                    versus = row.reason or DASH
                cells = [show(cost) for _, show in columns] + [versus]
            rows.append(cells)
        return rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # (part by part, month/year figures, prices per 1M): richest first.
        layouts = [(True, True, True), (True, False, True), (True, False, False)]
        layouts += [(False, False, True), (False, False, False)]
        for detailed, equivalents, with_prices in layouts:
            labels, footnotes = self._labels(with_prices)
            label_width = max(
                (len(line) for t in labels for line in t.plain.splitlines()), default=1
            )
            columns = self._columns(detailed, equivalents)
            cells = self._cells(columns)
            headers = [name for name, _ in columns] + ["vs min"]
            widths = [
                max(len(header), *(len(row[i]) for row in cells)) if cells else len(header)
                for i, header in enumerate(headers)
            ]
            # Each column adds a one-space rule and, padding merged, one space.
            if label_width + sum(widths) + 2 * len(widths) <= options.max_width:
                break
        table = _table("Model / route", *headers, right=range(1, len(headers) + 1), tight=True)
        for label, row_cells in zip(labels, cells, strict=True):
            table.add_row(label, *map(_text, row_cells))
        report = self.report
        title = f"Estimated cost of {traffic_words(report.traffic)}"
        if report.budget_usd is not None:
            title += f"; what {units.usd(report.budget_usd)} buys"
        yield Text(title, style="bold")
        yield table
        if report.omitted:
            yield _more_rows(report.omitted, "rows")
        for note, number in footnotes.items():
            yield Text(f"[{number}] {note}", style="dim")
        for row in report.rows:
            if row.cost is None and row.reason and row.route is None:
                yield Text(f"{row.model.id}: {row.reason}", style="dim")


def _buys(report: CostReport, cost: RouteCost) -> str:
    """What the budget buys at this row's price: requests if known, else tokens."""
    assert report.budget_usd is not None
    bought = affordable(report.budget_usd, cost, report.traffic)
    if bought is None:
        return "unlimited"
    if bought.requests is not None:
        return f"{units.tokens(bought.requests)} req."
    return f"{units.tokens(bought.input_tokens + bought.output_tokens)} tok."


# `show`


def _in_out(price: Price) -> str:
    return f"{_price(price.input_usd_per_mtok)} in / {_price(price.output_usd_per_mtok)} out"


def _pricing_details(route: Route) -> list[str]:
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


def show_table(model: Model) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"{model.name} ({model.id})", style="bold"),
        Text(model.creator.name + (f" · family {model.family}" if model.family else "")),
    ]
    if model.aliases:
        parts.append(Text("Also known as: " + ", ".join(model.aliases)))
    for alias in model.moving_aliases:  # a provider's alias that moves between models
        until = f" until {alias.until}" if alias.until else ""
        parts.append(Text(f"{alias.provider}'s {alias.alias}: from {alias.since}{until}"))
    specs = _table("Specification", "Value")
    for label, value in _spec_rows(model):
        specs.add_row(_text(label), _text(value))
    specs.add_row(
        _text("Capabilities"),
        _text(", ".join(CAPABILITIES[k] for k in model.capability_names) or "none recorded"),
    )
    specs.add_row(
        _text("Use cases"), _text(", ".join(USE_CASES[t] for t in model.use_cases) or DASH)
    )
    parts += [_heading("Specs"), specs]
    parts.append(_heading("Provider routes"))
    if model.routes:
        parts.append(_routes_table([model], with_model=False))
        parts.append(Text(_ages(model.routes), style="dim"))
        details = [line for route in model.routes for line in _pricing_details(route)]
        if details:
            parts += [Text("Pricing beyond input and output:"), _bullets(details)]
        notes = [f"{r.provider.name}: {r.note}" for r in model.routes if r.note]
        if notes:
            parts += [Text("Notes:"), _bullets(notes)]
    else:
        parts.append(Text("No provider route in the catalog."))
    if model.benchmarks:
        parts.append(_heading("Benchmarks"))
        bench = _table("Benchmark", "Score", "Metric", "Date", right=[1])
        for b in model.benchmarks:
            bench.add_row(*map(_text, [b.name, units.score(b.score), b.metric, b.date.isoformat()]))
        parts.append(bench)
    parts.append(_heading("Sources"))
    sources = list(model.sources) + [f"{r.provider.name}: {r.source}" for r in model.routes]
    benchmarks_by_source: dict[str, list[str]] = {}  # one line per page, naming its rows
    for b in model.benchmarks:
        benchmarks_by_source.setdefault(b.source, []).append(b.name)
    sources += [f"{', '.join(names)}: {url}" for url, names in benchmarks_by_source.items()]
    parts.append(_bullets(dict.fromkeys(sources)))
    if model.note:
        parts.append(Text(f"\nNote: {model.note}", style="dim"))
    return Group(*parts)


# `list` and `providers`


def _more_rows(omitted: int, what: str) -> Text:
    return Text(
        f"... and {omitted} more {what} (--all to show them, --json for every row)", style="dim"
    )


def list_table(models: Sequence[Listed], omitted: int = 0) -> RenderableType:
    table = _table("Model", "Creator", "Context", "In/1M", "Out/1M", "Routes", right=[2, 3, 4, 5])
    for model in models:
        table.add_row(
            *map(
                _text,
                [
                    model.id,
                    model.creator.name,
                    units.tokens(model.context_window),
                    _price(model.cheapest_input),
                    _price(model.cheapest_output),
                    str(model.routes),
                ],
            )
        )
    count = Text(f"{len(models) + omitted} models", style="dim")
    return Group(table, _more_rows(omitted, "models"), count) if omitted else Group(table, count)


def providers_table(summaries: Sequence[ProviderSummary]) -> RenderableType:
    table = _table("Provider", "Id", "Status", "Routes", "Priced", right=[3, 4])
    for s in summaries:
        table.add_row(
            *map(
                _text,
                [
                    s.provider.name,
                    s.provider.id,
                    s.provider.status.value,
                    s.routes,
                    s.priced_routes,
                ],
            )
        )
    return table


# `catalog check` and `catalog stats`


def check_table(result: CheckResult) -> str:
    """One line per problem, `file: key: message`, as an editor's quickfix list wants:
    plain text, never wrapped, since tools (and people) read it a line at a time."""
    return "".join(f"{problem}\n" for problem in result.problems)


def where_table(folders: Sequence[CatalogFolder]) -> RenderableType:
    table = _table("Layer", "Folder")
    for folder in folders:
        place = str(folder.path) if folder.path else "(inside the installed package)"
        if folder.path is not None and not folder.path.is_dir():
            place += " (missing)"
        table.add_row(_text(folder.origin), _text(place))
    return Group(Text("Catalog layers, bottom first (later ones override earlier ones):"), table)


_SHOWN_CHANGES = 20


def _prices_in_out(price: Price | None) -> str:
    if price is None:
        return DASH
    return f"{_price(price.input_usd_per_mtok)} / {_price(price.output_usd_per_mtok)}"


def import_table(report: ImportReport) -> RenderableType:
    plan = report.plan
    verb = "Wrote" if report.written else "Would write (dry run)"
    skipped = sum(plan.skipped.values())
    summary = _table("Import", "Count", right=[1])
    for label, value in [
        ("Models added", len(plan.added_models)),
        ("Routes added", len(plan.added_routes)),
        ("Routes with changed prices", len(plan.changed_routes)),
        ("Routes unchanged", plan.unchanged_routes),
        ("Entries skipped", skipped),
    ]:
        summary.add_row(_text(label), _text(value))
    parts: list[RenderableType] = [
        Text(f"{verb} {report.origin} from {report.data_file} ({report.format})"),
        Text(f"Prices dated {report.data_date} ({report.date_basis})"),
        summary,
    ]
    if plan.skipped:
        parts.append(_bullets([f"skipped {count}: {why}" for why, count in plan.skipped.items()]))
    if plan.changed_routes:
        changes = _table("Model", "Provider", "Before in/out", "Now in/out")
        for change in plan.changed_routes[:_SHOWN_CHANGES]:
            changes.add_row(
                *map(
                    _text,
                    [
                        change.model,
                        change.provider,
                        _prices_in_out(change.before),
                        _prices_in_out(change.after),
                    ],
                )
            )
        parts += [_heading("Changed prices"), changes]
        more = len(plan.changed_routes) - _SHOWN_CHANGES
        if more > 0:
            parts.append(Text(f"... and {more} more (--json for every change)", style="dim"))
    parts.append(Text(f"Layer folder: {report.folder}", style="dim"))
    return Group(*parts)


def update_table(results: Sequence[UpdateResult]) -> RenderableType:
    table = _table("Source", "Status", "What happened")
    for result in results:
        table.add_row(*map(_text, [result.source, result.status, result.message]))
    return table


def config_table(path: Path, config: Config) -> RenderableType:
    def shown(value: object) -> str:
        if value is None:
            return "(default)"
        if isinstance(value, tuple | list):
            return ", ".join(map(str, value)) or "(default)"
        if isinstance(value, dict):
            return ", ".join(f"{k} = {v}" for k, v in value.items()) or "(default)"
        return str(value)

    table = _table("Setting", "Value")
    for key, value in [
        ("defaults.input", units.tokens(config.default_input) if config.default_input else None),
        ("defaults.output", units.tokens(config.default_output) if config.default_output else None),
        ("defaults.max_age_days", config.max_age_days),
        ("update.sources", config.update_sources),
        ("update.urls", config.update_urls),
        ("catalog.folders", config.catalog_folders),
    ]:
        table.add_row(_text(key), _text(shown(value)))
    state = "" if path.is_file() else " (not created yet)"
    return Group(table, Text(f"File: {path}{state}", style="dim"))


def _percent_change(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f" ({'+' if value > 0 else ''}{units.percent(value)})"


def _move_cell(before: Decimal | None, after: Decimal | None, change: Decimal | None) -> str:
    if before == after:
        return _price(after)
    return f"{_price(before)} -> {_price(after)}{_percent_change(change)}"


def changes_table(changes: CatalogChanges) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"Changes from {changes.before} to {changes.after}", style="bold")
    ]
    summary = _table("Change", "Count", right=[1])
    ups = sum(1 for move in changes.moves if move.direction == "up")
    downs = sum(1 for move in changes.moves if move.direction == "down")
    for label, value in [
        ("Models added", len(changes.added_models)),
        ("Models removed", len(changes.removed_models)),
        ("Routes added", len(changes.added_routes)),
        ("Routes removed", len(changes.removed_routes)),
        ("Prices up", ups),
        ("Prices down", downs),
        ("Prices mixed", len(changes.moves) - ups - downs),
        ("Routes retired", len(changes.retired)),
        ("Scheduled changes ahead", len(changes.scheduled)),
    ]:
        summary.add_row(_text(label), _text(value))
    parts.append(summary)
    if changes.bills and changes.traffic is not None:
        bills = _table("Model", "Before", "After", "Change", right=[1, 2, 3])
        for bill in changes.bills:
            delta = DASH
            if bill.before_usd is not None and bill.after_usd is not None:
                difference = bill.after_usd - bill.before_usd
                delta = ("+" if difference > 0 else "") + units.usd(difference)
            bills.add_row(
                *map(
                    _text,
                    [
                        bill.model,
                        units.usd(bill.before_usd) if bill.before_usd is not None else DASH,
                        units.usd(bill.after_usd) if bill.after_usd is not None else DASH,
                        delta,
                    ],
                )
            )
        parts += [_heading(f"Cheapest bill at {traffic_words(changes.traffic)}"), bills]
    if changes.moves:
        moves = _table("Model", "Provider", "Input /1M", "Output /1M")
        for move in changes.moves[:_SHOWN_CHANGES]:
            moves.add_row(
                _text(move.model),
                _text(move.provider),
                _text(
                    _move_cell(
                        move.before.input_usd_per_mtok,
                        move.after.input_usd_per_mtok,
                        move.input_change_percent,
                    )
                ),
                _text(
                    _move_cell(
                        move.before.output_usd_per_mtok,
                        move.after.output_usd_per_mtok,
                        move.output_change_percent,
                    )
                ),
            )
        parts += [_heading("Largest price changes"), moves]
        if len(changes.moves) > _SHOWN_CHANGES:
            more = len(changes.moves) - _SHOWN_CHANGES
            parts.append(Text(f"... and {more} more (--json for every change)", style="dim"))
    if changes.retired:
        retired = [f"{model} on {provider}" for model, provider, _ in changes.retired]
        parts += [_heading("Retired"), _bullets(retired[:_SHOWN_CHANGES])]
    if changes.scheduled:
        ahead = [
            f"{item.effective}: {item.model} on {item.provider} {_in_out_short(item.price)}"
            for item in changes.scheduled[:_SHOWN_CHANGES]
        ]
        parts += [_heading("Scheduled changes ahead"), _bullets(ahead)]
    return Group(*parts)


def _in_out_short(price: Price) -> str:
    named = []
    if price.input_usd_per_mtok is not None:
        named.append(f"input {_price(price.input_usd_per_mtok)}")
    if price.output_usd_per_mtok is not None:
        named.append(f"output {_price(price.output_usd_per_mtok)}")
    return ", ".join(named) or "other prices"


def stats_table(stats: CatalogStats) -> RenderableType:
    summary = _table("Catalog", "Count", right=[1])
    checked = f"{stats.checked_oldest} to {stats.checked_newest}" if stats.checked_oldest else DASH
    for label, value in [
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
    ]:
        summary.add_row(_text(label), _text(value))
    layers = _table("Layer", "Models", "Routes", "Prices checked", right=[1, 2])
    for layer in stats.layers:
        span = f"{layer.checked_oldest} to {layer.checked_newest}" if layer.routes else DASH
        layers.add_row(*map(_text, [layer.origin, layer.models, layer.routes, span]))
    providers = _table("Provider", "Routes", right=[1])
    for provider, count in stats.routes_per_provider.items():
        providers.add_row(_text(provider), _text(count))
    return Group(summary, Text(""), layers, Text(""), providers)
