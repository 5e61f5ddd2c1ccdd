"""The command line: parse, call the core, pick a renderer, write, exit.

Each command body does those five steps and nothing else. Errors a user can
cause end in one line on stderr and a named exit code (see ExitCode); data
goes to stdout, everything else to stderr.
"""

import datetime as dt
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer import _click as click

from . import __version__
from .catalog import load_catalog
from .costing import Period
from .errors import CatalogError
from .quantity import (
    QuantityError,
    parse_date,
    parse_discount,
    parse_tokens,
    parse_tokens_or_percent,
    parse_usd,
)
from .render import OutputFormat
from .sorting import SortKey

# Modules a command needs are imported inside it, so each run loads only what it
# uses: start-up time is most of what a user waits for.

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .costing import Traffic
    from .domain import Catalog, Model, Route


class ExitCode(IntEnum):
    """What the exit status means; listed in the README."""

    OK = 0
    ERROR = 1  # something went wrong that is not the user's input (e.g. a broken catalog)
    USAGE = 2  # what was typed is wrong: a bad option value, an unknown model or filter


class UsageProblem(Exception):
    """A user error found after parsing (unknown model, filter value)."""


_APP_SETTINGS: dict[str, Any] = {
    "name": "llmcompare",
    "help": "Compare LLMs and their provider routes, and estimate what they cost. Offline.",
    "add_completion": False,
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 88},
}
app = typer.Typer(**_APP_SETTINGS)


# Option parsers: each turns text into a value or raises BadParameter (exit 2).


def _option(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    """A Typer option parser around one of quantity.py's: text is parsed, a value
    that is not text (a default) passes through, a QuantityError is bad usage."""

    def option(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return parse(value)
        except QuantityError as exc:
            raise typer.BadParameter(str(exc)) from None

    return option


_tokens_option = _option(parse_tokens)
_usd_option = _option(parse_usd)
_share_option = _option(parse_tokens_or_percent)
_date_option = _option(parse_date)
_discount_option = _option(parse_discount)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"llmcompare {__version__}\n")
        raise typer.Exit()


# A table stops at this many rows unless asked for more: beyond it a terminal
# scrolls past what matters, and drawing it takes longer than the answer. JSON
# always has every row.
TABLE_ROWS = 50

JsonFlag = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a table.")]
AllFlag = Annotated[
    bool,
    typer.Option("--all", help=f"Tables: every row (they stop at {TABLE_ROWS} otherwise)."),
]


def _rows_to_show(top: int | None, show_all: bool, json_output: bool) -> int | None:
    """How many rows to show: --top if given, else every row for JSON or --all,
    else a table's default length."""
    if top is not None:
        return top
    return None if json_output or show_all else TABLE_ROWS


InputTokens = Annotated[
    int | None,
    typer.Option(
        "--input",
        "-i",
        parser=_tokens_option,
        metavar="TOKENS",
        help="Input tokens in the period: 1000, 1_000, 1.5k, 200M, 1B, 1e9 (default 1B).",
    ),
]
OutputTokens = Annotated[
    int | None,
    typer.Option(
        "--output",
        "-o",
        parser=_tokens_option,
        metavar="TOKENS",
        help="Output tokens in the period, same forms (default 200M).",
    ),
]
CachedInput = Annotated[
    Any,
    typer.Option(
        "--cached-input",
        parser=_share_option,
        metavar="TOKENS|P%",
        help="Part of the input read from a prompt cache: tokens or a percentage.",
    ),
]
CacheWrite = Annotated[
    Any,
    typer.Option(
        "--cache-write",
        parser=_share_option,
        metavar="TOKENS|P%",
        help="Part of the input written to the cache (5-minute writes).",
    ),
]
CacheWrite1h = Annotated[
    Any,
    typer.Option(
        "--cache-write-1h",
        parser=_share_option,
        metavar="TOKENS|P%",
        help="Part of the input written to a 1-hour cache, where priced apart.",
    ),
]
ReasoningTokens = Annotated[
    Any,
    typer.Option(
        "--reasoning",
        parser=_share_option,
        metavar="TOKENS|P%",
        help="Part of the output that is reasoning tokens.",
    ),
]
Requests = Annotated[
    int | None,
    typer.Option(
        "--requests",
        parser=_tokens_option,
        metavar="N",
        help="Requests in the period: prices long-context tiers and per-request fees.",
    ),
]
RequestInput = Annotated[
    int | None,
    typer.Option(
        "--request-input",
        parser=_tokens_option,
        metavar="TOKENS",
        help="Input tokens per request (with --requests, instead of --input).",
    ),
]
RequestOutput = Annotated[
    int | None,
    typer.Option(
        "--request-output",
        parser=_tokens_option,
        metavar="TOKENS",
        help="Output tokens per request (with --requests, instead of --output).",
    ),
]
BatchFlag = Annotated[
    bool, typer.Option("--batch", help="Use batch-API prices where a route has them.")
]
MaxAge = Annotated[
    int | None,
    typer.Option(
        "--max-age",
        min=0,
        metavar="DAYS",
        help="Warn (on stderr) when a price used is older than this (default: config, 120).",
    ),
]
AtDate = Annotated[
    Any,
    typer.Option(
        "--at",
        parser=_date_option,
        metavar="YYYY-MM-DD",
        help="Prices in force on this date (default: today), from dated price changes.",
    ),
]


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    catalog_folders: Annotated[
        list[str] | None,
        typer.Option(
            "--catalog",
            metavar="DIR",
            help="A catalog folder layered on top of the others (repeatable); "
            "also $LLMCOMPARE_CATALOG.",
        ),
    ] = None,
    bundled_only: Annotated[
        bool,
        typer.Option(
            "--bundled-only",
            help="Use the bundled catalog alone, without updates, imports, your overrides "
            "or team folders (reproducible answers); also $LLMCOMPARE_BUNDLED_ONLY=1.",
        ),
    ] = False,
) -> None:
    """Compare LLMs and their provider routes, and estimate what they cost. Offline.

    \b
    Examples:
      llmcompare diff llama-guard-2-8b qwen3.5-4b
      llmcompare cost --input 1B --output 200M --top 10
      llmcompare list --capability vision --min-context 128k
    """
    from . import catalog

    catalog.choose(tuple(catalog_folders or ()), bundled_only)


# Writing output.


def _write_json(document: dict[str, Any]) -> None:
    from .render.jsonout import dumps

    # Indented for a person at a terminal; one compact line for pipes and files.
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(dumps(document, indent=indent) + "\n")


def _write_table(renderable: "RenderableType | str") -> None:
    if isinstance(renderable, str):  # plain lines, written as they are (never markup)
        sys.stdout.write(renderable)
        return
    from rich.console import Console

    Console(soft_wrap=False, highlight=False, emoji=False).print(renderable)


def _emit(json_output: bool, view: str, *result: Any) -> None:
    """Write a result in the chosen format, through that format's renderer module.

    Each renderer module has one function per view (`diff_document` in jsonout,
    `diff_table` in tables, ...); only the table path imports Rich.
    """
    fmt = OutputFormat.JSON if json_output else OutputFormat.TABLE
    if fmt is OutputFormat.JSON:
        from .render import jsonout

        _write_json(getattr(jsonout, f"{view}_document")(*result))
    else:
        from .render import tables

        _write_table(getattr(tables, f"{view}_table")(*result))


# The parameter names of the options that describe traffic (diff and cost share them).
_TRAFFIC_OPTIONS = (
    "input_tokens",
    "output_tokens",
    "cached_input",
    "cache_write",
    "cache_write_1h",
    "reasoning",
    "requests",
    "request_input",
    "request_output",
    "batch",
    "period",
)


def _traffic(options: dict[str, Any]) -> "Traffic":
    """The traffic a command's options describe; a part larger than its whole is bad usage."""
    from .config import load_config
    from .costing import TrafficError, build_traffic

    given = {name: options[name] for name in _TRAFFIC_OPTIONS if name in options}
    if given.get("request_input") is None and given.get("request_output") is None:
        # Your default traffic (config defaults.input/output) where none is given.
        config = load_config()
        if given.get("input_tokens") is None:
            given["input_tokens"] = config.default_input
        if given.get("output_tokens") is None:
            given["output_tokens"] = config.default_output
    try:
        return build_traffic(**given)
    except TrafficError as exc:
        raise UsageProblem(str(exc)) from None


def _catalog(at: dt.date | None) -> "Catalog":
    """The catalog with prices as in force on `at` (default: today)."""
    return load_catalog().as_of(at or dt.date.today())


def _warn_if_stale(routes: "list[Route]", max_age: int | None) -> None:
    """One warning on stderr when a price an answer used is older than the limit."""
    from .config import load_config
    from .freshness import stale_warning

    limit = max_age if max_age is not None else load_config().max_age_days
    warning = stale_warning(routes, dt.date.today(), limit)
    if warning:
        sys.stderr.write(f"warning: {warning}\n")


def _resolve(catalog: "Catalog", queries: list[str]) -> "list[Model]":
    """The named models; a name that fits none or several is bad usage."""
    from .names import ResolveError, resolve_models

    try:
        return resolve_models(catalog, queries)
    except ResolveError as exc:
        raise UsageProblem(str(exc)) from None


# Commands.


@app.command()
def diff(
    models: Annotated[list[str], typer.Argument(help="Two or more models: id, alias or name.")],
    input_tokens: InputTokens = None,
    output_tokens: OutputTokens = None,
    cached_input: CachedInput = None,
    cache_write: CacheWrite = None,
    cache_write_1h: CacheWrite1h = None,
    reasoning: ReasoningTokens = None,
    requests: Requests = None,
    request_input: RequestInput = None,
    request_output: RequestOutput = None,
    batch: BatchFlag = False,
    at: AtDate = None,
    max_age: MaxAge = None,
    json_output: JsonFlag = False,
) -> None:
    """Compare models side by side: verdict, scorecard, tradeoffs, cost, switch friction,
    specs, pricing, capabilities and shared benchmarks.

    The monthly cost uses the same engine and traffic options as `cost`.

    \b
    Examples:
      llmcompare diff llama-guard-2-8b qwen3.5-4b
      llmcompare diff "Llama Guard 2 8B" Qwen3.5-4B --input 50M --output 10M
      llmcompare diff gpt-4o-mini claude-haiku-4-5 --json | jq .monthly_cost
    """
    from .compare import compare

    if len(models) < 2:
        raise UsageProblem("diff needs at least two models")
    traffic = _traffic(locals())
    catalog = _catalog(at)
    chosen = _resolve(catalog, models)
    if len({model.id for model in chosen}) < len(chosen):
        raise UsageProblem("diff needs different models; two names refer to the same one")
    comparison = compare(chosen, traffic)
    _emit(json_output, "diff", comparison)
    _warn_if_stale([m.cost.route for m in comparison.monthly if m.cost], max_age)


@app.command()
def cost(
    models: Annotated[
        list[str] | None, typer.Argument(help="Models to price on every route (default: all).")
    ] = None,
    input_tokens: InputTokens = None,
    output_tokens: OutputTokens = None,
    cached_input: CachedInput = None,
    cache_write: CacheWrite = None,
    cache_write_1h: CacheWrite1h = None,
    reasoning: ReasoningTokens = None,
    requests: Requests = None,
    request_input: RequestInput = None,
    request_output: RequestOutput = None,
    batch: BatchFlag = False,
    period: Annotated[
        Period, typer.Option("--period", help="The period the volumes are for.")
    ] = Period.MONTH,
    budget: Annotated[
        Decimal | None,
        typer.Option(
            "--budget",
            parser=_usd_option,
            metavar="USD",
            help="How much each model serves for this money, at the traffic's mix.",
        ),
    ] = None,
    at: AtDate = None,
    max_age: MaxAge = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Show only the N cheapest rows.")
    ] = None,
    show_all: AllFlag = False,
    json_output: JsonFlag = False,
) -> None:
    """Estimate spend for a token volume, cheapest first, part by part.

    Without models: every model at its cheapest route. With models: every route
    of each. Free, trial and deprecated routes never count as the cheapest.
    Cached input and cache writes are parts of --input, reasoning part of
    --output; long-context tiers apply per request (give --requests).

    \b
    Examples:
      llmcompare cost --input 1B --output 200M
      llmcompare cost claude-sonnet-4-5 -i 1B -o 50M --cached-input 60% --cache-write 10%
      llmcompare cost gemini-2.5-pro --requests 4000 --request-input 250k --request-output 2k
      llmcompare cost --input 30M --output 5M --period day --top 5 --json | jq '.rows[0]'
      llmcompare cost llama-guard-2-8b gpt-4o-mini --budget 100
    """
    from .costing import cost_report

    traffic = _traffic(locals())
    on = at or dt.date.today()
    catalog = _catalog(on)
    chosen = _resolve(catalog, models) if models else catalog.models
    report = cost_report(chosen, traffic, every_route=bool(models), prices_on=on, budget_usd=budget)
    shown = _rows_to_show(top, show_all, json_output)
    if shown is not None and len(report.rows) > shown:
        report = report._replace(rows=report.rows[:shown], omitted=len(report.rows) - shown)
    _emit(json_output, "cost", report)
    _warn_if_stale([row.route for row in report.rows if row.cost and row.route], max_age)
    if not json_output:
        for note in report.notes:  # assumptions, not data: stderr
            sys.stderr.write(f"note: {note}\n")


@app.command()
def show(
    model: Annotated[str, typer.Argument(help="A model: id, alias, name or provider model id.")],
    json_output: JsonFlag = False,
) -> None:
    """Show one model's full card: specs, capabilities, every route, benchmarks, sources.

    \b
    Examples:
      llmcompare show llama-guard-2-8b
      llmcompare show meta/meta-llama-guard-2-8b --json | jq .model.routes
    """
    catalog = _catalog(None)  # prices in force today
    (found,) = _resolve(catalog, [model])
    _emit(json_output, "show", found)


@app.command("list")
def list_models(
    capability: Annotated[
        list[str] | None,
        typer.Option("--capability", "-c", help="Require a capability (repeatable): vision, ..."),
    ] = None,
    min_context: Annotated[
        int | None,
        typer.Option(parser=_tokens_option, metavar="TOKENS", help="Context window at least this."),
    ] = None,
    max_input_price: Annotated[
        Decimal | None,
        typer.Option(
            parser=_usd_option, metavar="USD", help="Cheapest input price per 1M at most."
        ),
    ] = None,
    max_output_price: Annotated[
        Decimal | None,
        typer.Option(
            parser=_usd_option, metavar="USD", help="Cheapest output price per 1M at most."
        ),
    ] = None,
    open_weights: Annotated[
        bool, typer.Option("--open-weights", help="Only models with published weights.")
    ] = False,
    provider: Annotated[
        list[str] | None,
        typer.Option("--provider", "-p", help="Served by this provider (repeatable)."),
    ] = None,
    creator: Annotated[
        list[str] | None, typer.Option("--creator", help="Made by this creator (repeatable).")
    ] = None,
    sort: Annotated[SortKey, typer.Option("--sort", "-s", help="Order of the list.")] = SortKey.ID,
    show_all: AllFlag = False,
    json_output: JsonFlag = False,
) -> None:
    """List models, filtered by what matters when choosing.

    \b
    Examples:
      llmcompare list --capability vision --min-context 128k
      llmcompare list --open-weights --provider groq --sort input-price
      llmcompare list --max-output-price 1 --sort output-price --json | jq '.models[].id'
    """
    from .listing import FilterError, ModelFilter, select_models

    catalog = _catalog(None)  # prices in force today
    wanted = ModelFilter(
        capabilities=tuple(capability or ()),
        min_context=min_context,
        max_input_price=max_input_price,
        max_output_price=max_output_price,
        open_weights=open_weights,
        providers=tuple(provider or ()),
        creators=tuple(creator or ()),
    )
    try:
        chosen = select_models(catalog, wanted, sort)
    except FilterError as exc:
        raise UsageProblem(str(exc)) from None
    shown = _rows_to_show(None, show_all, json_output)
    omitted = max(0, len(chosen) - shown) if shown is not None else 0
    _emit(json_output, "list", chosen[: len(chosen) - omitted], omitted)


@app.command()
def providers(json_output: JsonFlag = False) -> None:
    """List providers with their number of routes (deprecated providers included).

    \b
    Examples:
      llmcompare providers
      llmcompare providers --json | jq '.providers[] | select(.status == "active") | .id'
    """
    from .listing import summarise_providers

    summaries = summarise_providers(_catalog(None))
    _emit(json_output, "providers", summaries)


catalog_app = typer.Typer(
    help="The catalog: its layers, checks and counts; imports, updates and your own prices.",
    no_args_is_help=True,
)
app.add_typer(catalog_app, name="catalog")


@catalog_app.command("check")
def catalog_check(
    directory: Annotated[
        str | None,
        typer.Argument(help="A catalog directory (default: the catalog in use, every layer)."),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Validate every file of a catalog; list each problem as `file: key: message`.

    Exit status 1 when there is any problem. The TOML files are read afresh
    (the compiled cache is not used).

    \b
    Examples:
      llmcompare catalog check
      llmcompare catalog check ./my-catalog --json | jq '.problems[].file'
    """
    from .catalog import catalog_folders
    from .catalog_report import check_catalog, check_stack

    if directory is not None:
        result = check_catalog(directory, directory)
    else:
        layers = len(catalog_folders())
        label = "bundled catalog" if layers == 1 else f"catalog in use ({layers} layers)"
        result = check_stack(label)
    _emit(json_output, "check", result)
    if result.problems:
        count = len(result.problems)
        sys.stderr.write(f"{count} problem{'s' if count != 1 else ''} in {result.catalog}\n")
        raise typer.Exit(ExitCode.ERROR)
    sys.stderr.write(f"{result.catalog}: ok ({result.models} models)\n")


@catalog_app.command("stats")
def catalog_stats(json_output: JsonFlag = False) -> None:
    """Count models, creators, providers and routes, and the range of `checked` dates.

    \b
    Examples:
      llmcompare catalog stats
      llmcompare catalog stats --json | jq '{models, providers_with_routes, priced_routes}'
    """
    from .catalog_report import catalog_stats as compute

    _emit(json_output, "stats", compute(load_catalog()))


@catalog_app.command("where")
def catalog_where(json_output: JsonFlag = False) -> None:
    """Print the catalog's layers, bottom first: later ones override earlier ones.

    The bundled catalog; each source `catalog update` fetched (update:SOURCE); each
    `catalog import` (import:NAME); your own prices (user); then team folders from
    the config file, $LLMCOMPARE_CATALOG and --catalog (folder:DIR).

    \b
    Examples:
      llmcompare catalog where
      llmcompare --bundled-only catalog where --json | jq '.layers[].origin'
    """
    from .catalog import catalog_folders

    _emit(json_output, "where", catalog_folders())


class ImportFormat(StrEnum):
    MODELS_DEV = "models.dev"
    GENAI_PRICES = "genai-prices"
    OPENROUTER = "openrouter"
    LITELLM = "litellm"


@catalog_app.command("import")
def catalog_import(
    data_format: Annotated[
        ImportFormat, typer.Argument(metavar="FORMAT", help="The file's format.")
    ],
    file: Annotated[str, typer.Argument(help="The data file (JSON), as its project publishes it.")],
    name: Annotated[
        str | None,
        typer.Option("--name", help="The layer's name (default: the format): import:NAME."),
    ] = None,
    data_date: Annotated[
        Any,
        typer.Option(
            "--date",
            parser=_date_option,
            metavar="YYYY-MM-DD",
            help="The date of the data (default: the file's modification date).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Import a public price data set as a catalog layer (import:NAME).

    Formats: models.dev (api.json), genai-prices (data.json), openrouter
    (GET /api/v1/models) and litellm (model_prices_and_context_window.json).
    Entries map onto catalog models by provider model id, id, name or alias;
    models the catalog lacks are added. Every route keeps the data's date as
    `checked`. Importing the same NAME again replaces that layer.

    \b
    Examples:
      llmcompare catalog import genai-prices data.json --date 2026-08-21
      llmcompare catalog import litellm model_prices_and_context_window.json --dry-run
      llmcompare catalog import models.dev api.json --name models-dev-july --json | jq .skipped
    """
    from pathlib import Path

    from .importing import run_import

    layer = name if name is not None else data_format.value
    report = run_import(data_format.value, Path(file), layer, data_date, dry_run)
    _emit(json_output, "import", report)


@catalog_app.command("update")
def catalog_update(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SOURCE]...",
            help="genai-prices, litellm, models.dev, openrouter (default: the config's, else all).",
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Fetch the newest published prices and import each source as a layer (update:SOURCE).

    The only command that uses the network. Each file is fetched over HTTPS
    (with a timeout and a size cap, and only if it changed), checked, and
    imported; any failure keeps that source's previous data and exits 1.

    \b
    Examples:
      llmcompare catalog update
      llmcompare catalog update genai-prices litellm
      llmcompare catalog update --json | jq '.sources[] | {source, status}'
    """
    from .updating import UpdateError, chosen_sources, update_source

    try:
        chosen = chosen_sources(sources or [])
    except UpdateError as exc:
        raise UsageProblem(str(exc)) from None
    results = []
    for source in chosen:
        progress = _progress(source.name) if sys.stderr.isatty() else None
        results.append(update_source(source, progress))
        if progress is not None:
            sys.stderr.write("\r\033[K")
    _emit(json_output, "update", results)
    failed = [result for result in results if result.status == "failed"]
    for result in failed:
        sys.stderr.write(f"llmcompare: error: update {result.source}: {result.message}\n")
    if failed:
        raise typer.Exit(ExitCode.ERROR)


def _progress(name: str) -> "Callable[[int, int | None], None]":
    def show(received: int, total: int | None) -> None:
        size = f"{received / 1e6:.1f} MB" + (f" of {total / 1e6:.1f} MB" if total else "")
        sys.stderr.write(f"\rfetching {name}: {size}")
        sys.stderr.flush()

    return show


@catalog_app.command("changes")
def catalog_changes(
    models: Annotated[
        list[str] | None, typer.Argument(help="Models whose bills to compare (optional).")
    ] = None,
    layer: Annotated[
        str | None,
        typer.Option(
            "--layer",
            metavar="ORIGIN",
            help="What one layer changes (e.g. update:litellm, import:mine, user).",
        ),
    ] = None,
    since: Annotated[
        Any,
        typer.Option(
            "--since",
            parser=_date_option,
            metavar="YYYY-MM-DD",
            help="Prices in force on this date against today's (dated price changes).",
        ),
    ] = None,
    input_tokens: InputTokens = None,
    output_tokens: OutputTokens = None,
    cached_input: CachedInput = None,
    batch: BatchFlag = False,
    json_output: JsonFlag = False,
) -> None:
    """What changed: models added and removed, prices up and down, retirements, and
    scheduled changes ahead; with models, what it does to their bills.

    By default the bundled catalog against the catalog you use (its updates,
    imports, your prices and team folders); --layer for one layer; --since for
    dated changes between a day and today.

    \b
    Examples:
      llmcompare catalog changes
      llmcompare catalog changes --layer update:genai-prices --json | jq '.moves[:5]'
      llmcompare catalog changes gpt-4o claude-sonnet-4-5 --since 2026-06-01 -i 1B -o 200M
    """
    from .catalog import catalog_folders, load_folders
    from .changes import compare_catalogs

    if layer is not None and since is not None:
        raise UsageProblem("give --layer or --since, not both")
    today = dt.date.today()
    folders = catalog_folders()
    after = load_catalog().as_of(today)
    if since is not None:
        before, before_label = load_catalog().as_of(since), f"prices in force on {since}"
    elif layer is not None:
        if layer not in [folder.origin for folder in folders[1:]]:
            origins = ", ".join(folder.origin for folder in folders[1:]) or "none"
            raise UsageProblem(f"no layer {layer!r} (layers above the bundled catalog: {origins})")
        kept = [folder for folder in folders if folder.origin != layer]
        before, before_label = load_folders(kept).as_of(today), f"without {layer}"
    else:
        before, before_label = load_folders(folders[:1]).as_of(today), "the bundled catalog"
    chosen = _resolve(after, models) if models else None
    traffic = _traffic(locals()) if models else None
    result = compare_catalogs(
        before,
        after,
        before_label=before_label,
        after_label="today" if since is not None else "the catalog in use",
        ahead_of=today,
        models=chosen,
        traffic=traffic,
    )
    _emit(json_output, "changes", result)


def _override(change: "Callable[[Catalog], Any]") -> None:
    """Run a change to your overrides; a refused one is bad usage (exit 2), nothing written."""
    from .overrides import OverrideError

    try:
        done = change(load_catalog())
    except OverrideError as exc:
        raise UsageProblem(str(exc)) from None
    sys.stderr.write(f"{done.message} ({done.file})\n")


@catalog_app.command("set-price")
def catalog_set_price(
    model: Annotated[str, typer.Argument(help="A model: id, alias or name.")],
    provider: Annotated[str, typer.Argument(help="A provider: id or name.")],
    input_price: Annotated[
        Decimal | None,
        typer.Option("--input", parser=_usd_option, metavar="USD", help="USD per 1M input tokens."),
    ] = None,
    output_price: Annotated[
        Decimal | None,
        typer.Option(
            "--output", parser=_usd_option, metavar="USD", help="USD per 1M output tokens."
        ),
    ] = None,
    cache_read: Annotated[
        Decimal | None,
        typer.Option(
            "--cache-read", parser=_usd_option, metavar="USD", help="USD per 1M cached input."
        ),
    ] = None,
    discount: Annotated[
        Decimal | None,
        typer.Option(
            "--discount",
            parser=_discount_option,
            metavar="P%",
            help="Percent off the route's published prices (tiers and batch included).",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (a contract, a quote).")] = None,
) -> None:
    """Set your own price for a model on a provider (a negotiated price, a quote).

    Only the prices you name replace the published ones; the route's other
    prices stay. Your prices count for "cheapest" and are marked (user).
    `catalog unset MODEL PROVIDER` restores the published prices.

    \b
    Examples:
      llmcompare catalog set-price gpt-4o-mini openai --input 0.12 --output 0.48 --note "contract"
      llmcompare catalog set-price claude-sonnet-4-5 bedrock --discount 15%
    """
    from .overrides import find_provider, set_price

    prices = {
        key: value
        for key, value in (
            ("input_usd_per_mtok", input_price),
            ("output_usd_per_mtok", output_price),
            ("cache_read_usd_per_mtok", cache_read),
        )
        if value is not None
    }

    def change(catalog: "Catalog") -> Any:
        (found,) = _resolve(catalog, [model])
        where = find_provider(catalog, provider)
        return set_price(
            catalog, found, where, prices, discount=discount, note=note, today=dt.date.today()
        )

    _override(change)


@catalog_app.command("unset")
def catalog_unset(
    model: Annotated[str, typer.Argument(help="A model: id, alias or name.")],
    provider: Annotated[
        str | None, typer.Argument(help="A provider (default: every one of your prices).")
    ] = None,
) -> None:
    """Remove your own prices for a model (on one provider, or all), or a model you added.

    \b
    Examples:
      llmcompare catalog unset gpt-4o-mini openai
      llmcompare catalog unset my-finetune
    """
    from .overrides import find_provider, unset_price

    def change(catalog: "Catalog") -> Any:
        (found,) = _resolve(catalog, [model])
        return unset_price(found, find_provider(catalog, provider) if provider else None)

    _override(change)


@catalog_app.command("set-discount")
def catalog_set_discount(
    provider: Annotated[str, typer.Argument(help="A provider: id or name.")],
    percent: Annotated[
        Decimal, typer.Argument(parser=_discount_option, metavar="P%", help="Percent off.")
    ],
) -> None:
    """Set a contract discount on every route of a provider (a route's own discount wins).

    \b
    Examples:
      llmcompare catalog set-discount bedrock 12%
    """
    from .overrides import find_provider, set_discount

    _override(lambda catalog: set_discount(find_provider(catalog, provider), percent))


@catalog_app.command("unset-discount")
def catalog_unset_discount(
    provider: Annotated[str, typer.Argument(help="A provider: id or name.")],
) -> None:
    """Remove your contract discount on a provider.

    \b
    Examples:
      llmcompare catalog unset-discount bedrock
    """
    from .overrides import find_provider, unset_discount

    _override(lambda catalog: unset_discount(find_provider(catalog, provider)))


@catalog_app.command("add")
def catalog_add(
    file: Annotated[str, typer.Argument(help="A model file in the catalog schema (TOML).")],
) -> None:
    """Add your own model (a fine-tune, a private deployment) from a model file.

    The file follows catalog/README.md's model schema; it is checked with the
    whole catalog before it is copied into your overrides.

    \b
    Examples:
      llmcompare catalog add my-finetune.toml
    """
    from pathlib import Path

    from .overrides import add_model

    _override(lambda catalog: add_model(Path(file)))


config_app = typer.Typer(
    help="Your settings: default traffic, price age limit, update sources, team folders.",
    no_args_is_help=True,
)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(json_output: JsonFlag = False) -> None:
    """Show your settings (config.toml in your config folder) and where the file is.

    \b
    Examples:
      llmcompare config show
      llmcompare config show --json | jq .max_age_days
    """
    from .config import config_path, load_config

    _emit(json_output, "config", config_path(), load_config())


@config_app.command("set")
def config_set(
    key: Annotated[
        str,
        typer.Argument(
            help="defaults.input, defaults.output, defaults.max_age_days, update.sources, "
            "update.urls.SOURCE, catalog.folders"
        ),
    ],
    values: Annotated[list[str], typer.Argument(metavar="VALUE...", help="The value(s).")],
) -> None:
    """Set one of your settings; the value is checked before the file is written.

    \b
    Examples:
      llmcompare config set defaults.input 50M
      llmcompare config set defaults.max_age_days 60
      llmcompare config set update.sources genai-prices litellm
      llmcompare config set catalog.folders ~/team-catalog
    """
    from .config import config_path, set_value

    try:
        stored = set_value(key, values)
    except ValueError as exc:
        raise UsageProblem(f"config {key}: {exc}") from None
    sys.stderr.write(f"{key} = {stored!r} ({config_path()})\n")


@config_app.command("unset")
def config_unset(key: Annotated[str, typer.Argument(help="The setting to remove.")]) -> None:
    """Remove one of your settings (its default applies again).

    \b
    Examples:
      llmcompare config unset defaults.input
    """
    from .config import unset_value

    try:
        unset_value(key)
    except ValueError as exc:
        raise UsageProblem(f"config {key}: {exc}") from None


# Entry point: the one place errors become messages and exit codes.


def _fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"llmcompare: error: {message}\n")
    sys.exit(code)


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command being run, when that is clear from argv.

    Typer builds a Click command for every registered command on each run;
    building just the one in use keeps start-up short. Top-level help, the
    version, and unknown commands get the whole app.
    """
    name = next(
        (arg for i, arg in enumerate(argv) if not arg.startswith("-") and _not_a_value(argv, i)),
        None,
    )
    commands = [c for c in app.registered_commands if (c.name or c.callback.__name__) == name]  # type: ignore[union-attr]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    single = typer.Typer(**_APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = commands
    single.registered_groups = groups
    return single


# Global options that take a value: the word after one is not the command's name.
_VALUED_GLOBALS = ("--catalog",)


def _not_a_value(argv: list[str], index: int) -> bool:
    return index == 0 or argv[index - 1] not in _VALUED_GLOBALS


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _app_for(args)(args=args, prog_name="llmcompare", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        # Bare `llmcompare`: help is what the user needs, on stdout, with success.
        sys.stdout.write(exc.format_message() + "\n")
        code = ExitCode.OK
    except click.ClickException as exc:
        _fail(exc.format_message().replace("\n", " "), ExitCode.USAGE)
    except typer.Abort:
        _fail("aborted", ExitCode.ERROR)
    except UsageProblem as exc:
        _fail(str(exc), ExitCode.USAGE)
    except CatalogError as exc:
        _fail(f"catalog: {exc}", ExitCode.ERROR)
    except Exception as exc:
        from .importing import DataError

        if not isinstance(exc, DataError):
            raise
        _fail(str(exc), ExitCode.ERROR)
    except BrokenPipeError:
        # `llmcompare ... | head`: the reader stopped; end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitCode.OK
    sys.exit(code or ExitCode.OK)
