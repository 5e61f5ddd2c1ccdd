"""The command line: parse, call the core, pick a renderer, write, exit.

Each command body does those five steps and nothing else. Errors a user can
cause end in one line on stderr and a named exit code (see ExitCode); data
goes to stdout, everything else to stderr.
"""

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer import _click as click

from . import __version__
from .catalog import load_catalog, load_catalog_on
from .clock import ClockError, today
from .config import load_config
from .costing import Period, ServiceTier
from .errors import CatalogError, escaped
from .quantity import (
    QuantityError,
    parse_blend,
    parse_date,
    parse_discount,
    parse_tokens,
    parse_tokens_or_percent,
    parse_usd,
    parse_window_share,
)
from .render import OutputFormat
from .sorting import SortKey

# Modules a command needs are imported inside it, so each run loads only what it
# uses: start-up time is most of what a user waits for.

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .costing import Traffic
    from .domain import Catalog, Model


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
_window_option = _option(parse_window_share)
_blend_option = _option(parse_blend)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"llmcompare {__version__}\n")
        raise typer.Exit()


# A table stops at this many rows unless asked for more: beyond it a terminal
# scrolls past what matters, and drawing it takes longer than the answer. JSON
# always has every row.
TABLE_ROWS = 50

JsonFlag = Annotated[bool, typer.Option("--json", help="Write JSON (the same as --format json).")]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="table (default), json, markdown, csv (row outputs: cost, list, providers, "
        "show's routes) or html (a self-contained page).",
    ),
]
AllFlag = Annotated[
    bool,
    typer.Option("--all", help=f"Tables: every row (they stop at {TABLE_ROWS} otherwise)."),
]


def _rows_to_show(top: int | None, show_all: bool, fmt: OutputFormat) -> int | None:
    """How many rows to show: --top if given, else a terminal table's default
    length unless --all; files (JSON, CSV, documents) have every row."""
    if top is not None:
        return top
    return TABLE_ROWS if fmt is OutputFormat.TABLE and not show_all else None


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
WindowShares = Annotated[
    list[Any] | None,
    typer.Option(
        "--window",
        parser=_window_option,
        metavar="NAME=P%",
        help="Share of traffic in a peak/off-peak window (repeatable; default: spread evenly).",
    ),
]
TierOption = Annotated[
    ServiceTier,
    typer.Option(
        "--tier",
        help="Service tier: priority or flex prices where a route has them (default standard).",
    ),
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
    from . import cache, catalog

    catalog.choose(tuple(catalog_folders or ()), bundled_only)
    # A person at a terminal is told why a first run waits; pipes and files are not.
    cache.on_slow_build = _compiling_note if sys.stderr.isatty() else None


def _compiling_note() -> None:
    sys.stderr.write("llmcompare: compiling the catalog (once, until its files change)...\n")
    sys.stderr.flush()


# Writing output.


def _write_json(document: dict[str, Any]) -> None:
    from .exactjson import dumps

    # Indented for a person at a terminal; one compact line for pipes and files.
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(dumps(document, indent=indent) + "\n")


# Narrower than this, a table would cut its figures ("$13…"): it is refused instead.
MIN_TABLE_WIDTH = 40


class OutputProblem(Exception):
    """Output that cannot be written as asked (a terminal too narrow for a table)."""


def _write_table(renderable: "RenderableType | str") -> None:
    if isinstance(renderable, str):  # plain lines, written as they are (never markup)
        sys.stdout.write(renderable)
        return
    from rich.console import Console

    columns = os.environ.get("COLUMNS", "")
    if columns and not (columns.strip().isdigit() and int(columns) > 0):
        del os.environ["COLUMNS"]  # not a width: the terminal's own (or 80) applies
    console = Console(soft_wrap=False, highlight=False, emoji=False)
    if console.width < MIN_TABLE_WIDTH:
        raise OutputProblem(
            f"the terminal is {console.width} columns wide and tables need "
            f"{MIN_TABLE_WIDTH}: widen it, set COLUMNS, or use --json"
        )
    console.print(renderable)


# The views each format can write beyond the pages (table, Markdown, HTML) every
# command has; CSV is for outputs made of rows.
_CSV_VIEWS = ("cost", "list", "providers", "show")


def _format(json_output: bool, chosen: OutputFormat | None, view: str) -> OutputFormat:
    """The format asked for (--json or --format), checked before any work is done."""
    if json_output and chosen not in (None, OutputFormat.JSON):
        raise UsageProblem(f"--json and --format {chosen} ask for two formats: choose one")
    fmt = OutputFormat.JSON if json_output else chosen or OutputFormat.TABLE
    if fmt is OutputFormat.CSV and view not in _CSV_VIEWS:
        raise UsageProblem(
            "--format csv is for outputs made of rows (cost, list, providers, show's "
            "routes): use table, json, markdown or html here"
        )
    return fmt


def _emit(fmt: OutputFormat, view: str, *result: Any) -> None:
    """Write a result in the chosen format, through that format's writer.

    JSON and CSV are written from the result (`{view}_document` in jsonout,
    `{view}_csv` in csvout); table, Markdown and HTML lay out the same page
    (views.`{view}_page`). Only the table path imports Rich.
    """
    if fmt is OutputFormat.JSON:
        from .render import jsonout

        _write_json(getattr(jsonout, f"{view}_document")(*result))
        return
    if fmt is OutputFormat.CSV:
        from .render import csvout

        sys.stdout.write(getattr(csvout, f"{view}_csv")(*result))
        return
    from .render import views

    page = getattr(views, f"{view}_page")(*result)
    if fmt is OutputFormat.TABLE:
        from .render import tables

        _write_table(tables.write(page))
    elif fmt is OutputFormat.MARKDOWN:
        from .render import markdown

        sys.stdout.write(markdown.write(page))
    else:
        from .render import html

        sys.stdout.write(html.write(page))


def _traffic(
    *,
    input_tokens: int | None = None,
    output_tokens: int | None = None,
    request_input: int | None = None,
    request_output: int | None = None,
    window_shares: list[Any] | None = None,
    **parts: Any,
) -> "Traffic":
    """The traffic the options describe, with your default traffic (config
    defaults.input/output) where no volume is given; a part larger than its whole
    is bad usage."""
    from .costing import TrafficError, build_traffic

    if request_input is None and request_output is None:
        config = load_config()
        if input_tokens is None:
            input_tokens = config.default_input
        if output_tokens is None:
            output_tokens = config.default_output
    try:
        return build_traffic(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            request_input=request_input,
            request_output=request_output,
            window_shares=tuple(window_shares or ()),
            **parts,
        )
    except TrafficError as exc:
        raise UsageProblem(str(exc)) from None


def _catalog(at: dt.date | None) -> "Catalog":
    """The catalog with prices as in force on `at` (default: today)."""
    return load_catalog_on(at or today())


def _models_as_of(catalog: "Catalog", queries: list[str], at: dt.date | None) -> "list[Model]":
    """The named models with prices as in force on `at` (default: today): only
    they are brought to the day, not the whole catalog."""
    from .domain import model_as_of

    day = at or today()
    return [model_as_of(model, day) for model in _resolve(catalog, queries, day)]


def _warn_if_stale(checked: Iterable[dt.date], max_age: int | None) -> None:
    """One warning on stderr when a price an answer used (given by the day it was
    checked) is older than the limit."""
    from .freshness import stale_warning

    limit = load_config().max_age_days if max_age is None else max_age
    warning = stale_warning(checked, today(), limit)
    if warning:
        sys.stderr.write(f"warning: {warning}\n")


def _resolve(catalog: "Catalog", queries: list[str], on: dt.date | None = None) -> "list[Model]":
    """The named models; a name that fits none or several is bad usage."""
    from .names import ResolveError, resolve_models

    try:
        return resolve_models(catalog, queries, on)
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
    service_tier: TierOption = ServiceTier.STANDARD,
    window_shares: WindowShares = None,
    at: AtDate = None,
    max_age: MaxAge = None,
    blend: Annotated[
        Any,
        typer.Option(
            "--blend",
            parser=_blend_option,
            metavar="IN:OUT",
            help="How blended prices weigh input to output tokens (default 3:1).",
        ),
    ] = None,
    json_output: JsonFlag = False,
    output_format: FormatOption = None,
) -> None:
    """Compare models side by side: verdict, scorecard, tradeoffs, cost, switch friction,
    specs, pricing, capabilities, shared benchmarks, deep dive, FAQ, what to compare next.

    The monthly cost uses the same engine and traffic options as `cost`.
    `--format html` writes a self-contained page with a cost chart.

    \b
    Examples:
      llmcompare diff llama-guard-2-8b qwen3.5-4b
      llmcompare diff "Llama Guard 2 8B" Qwen3.5-4B --input 50M --output 10M
      llmcompare diff llama-guard-2-8b qwen3.5-4b --format html > page.html
      llmcompare diff gpt-4o-mini claude-haiku-4-5 --json | jq .monthly_cost
    """
    from .compare import compare
    from .costing import Blend
    from .related import catalog_neighbours

    fmt = _format(json_output, output_format, "diff")
    if len(models) < 2:
        raise UsageProblem("diff needs at least two models")
    traffic = _traffic(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cached_input=cached_input,
        cache_write=cache_write,
        cache_write_1h=cache_write_1h,
        reasoning=reasoning,
        requests=requests,
        request_input=request_input,
        request_output=request_output,
        batch=batch,
        service_tier=service_tier,
        window_shares=window_shares,
    )
    catalog = load_catalog()
    chosen = _models_as_of(catalog, models, at)
    if len({model.id for model in chosen}) < len(chosen):
        raise UsageProblem("diff needs different models; two names refer to the same one")
    comparison = compare(
        chosen,
        traffic,
        blend=Blend(*blend) if blend else Blend(),
        neighbours=catalog_neighbours(catalog),
    )
    _emit(fmt, "diff", comparison)
    _warn_if_stale(comparison.prices_checked, max_age)


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
    service_tier: TierOption = ServiceTier.STANDARD,
    window_shares: WindowShares = None,
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
    output_format: FormatOption = None,
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
      llmcompare cost -i 1B -o 200M --format csv > cost.csv
    """
    from .costing import catalog_cost_report

    fmt = _format(json_output, output_format, "cost")
    traffic = _traffic(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cached_input=cached_input,
        cache_write=cache_write,
        cache_write_1h=cache_write_1h,
        reasoning=reasoning,
        requests=requests,
        request_input=request_input,
        request_output=request_output,
        batch=batch,
        service_tier=service_tier,
        window_shares=window_shares,
        period=period,
    )
    on = at or today()
    catalog = _catalog(on)
    named = _resolve(catalog, models, on) if models else None
    shown = _rows_to_show(top, show_all, fmt)
    report = catalog_cost_report(
        catalog, named, traffic, prices_on=on, budget_usd=budget, rows=shown
    )
    _emit(fmt, "cost", report)
    _warn_if_stale(report.checked, max_age)
    if fmt is not OutputFormat.JSON:
        for note in report.notes:  # assumptions, not data: stderr
            sys.stderr.write(f"note: {note}\n")


@app.command()
def show(
    model: Annotated[str, typer.Argument(help="A model: id, alias, name or provider model id.")],
    json_output: JsonFlag = False,
    output_format: FormatOption = None,
) -> None:
    """Show one model's full card: specs, capabilities, every route, benchmarks, sources.

    \b
    Examples:
      llmcompare show llama-guard-2-8b
      llmcompare show qwen3.5-4b --format markdown
      llmcompare show meta/meta-llama-guard-2-8b --json | jq .model.routes
    """
    from .card import model_card

    fmt = _format(json_output, output_format, "show")
    (found,) = _models_as_of(load_catalog(), [model], None)  # prices in force today
    # The cost chart (HTML) is drawn around your default traffic (config defaults).
    _emit(fmt, "show", model_card(found, today(), _traffic()))


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
    output_format: FormatOption = None,
) -> None:
    """List models, filtered by what matters when choosing.

    \b
    Examples:
      llmcompare list --capability vision --min-context 128k
      llmcompare list --open-weights --provider groq --sort input-price
      llmcompare list --max-output-price 1 --sort output-price --json | jq '.models[].id'
    """
    from .listing import FilterError, ModelFilter, select_models

    fmt = _format(json_output, output_format, "list")
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
        chosen = select_models(catalog, wanted, sort, _rows_to_show(None, show_all, fmt))
    except FilterError as exc:
        raise UsageProblem(str(exc)) from None
    _emit(fmt, "list", chosen)


@app.command()
def providers(json_output: JsonFlag = False, output_format: FormatOption = None) -> None:
    """List providers with their number of routes (deprecated providers included).

    \b
    Examples:
      llmcompare providers
      llmcompare providers --json | jq '.providers[] | select(.status == "active") | .id'
    """
    from .listing import summarise_providers

    fmt = _format(json_output, output_format, "providers")
    summaries = summarise_providers(_catalog(None))
    _emit(fmt, "providers", summaries)


# The `catalog` and `config` groups live in cli_manage.py, loaded only when needed.
GROUPS = ("catalog", "config")


def register_groups() -> None:
    """Add the `catalog` and `config` groups to the app (once)."""
    if app.registered_groups:
        return
    from . import cli_manage

    app.add_typer(cli_manage.catalog_app, name="catalog")
    app.add_typer(cli_manage.config_app, name="config")


# Entry point: the one place errors become messages and exit codes.


def _tell(line: str) -> None:
    """One line on stderr, with anything that could restyle the terminal or
    forge another line (from a file name, from what was typed) escaped."""
    sys.stderr.write(escaped(line) + "\n")


def _fail(message: str, code: ExitCode) -> NoReturn:
    _tell(f"llmcompare: error: {message}")
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
    if not commands:  # a group, the full help, or an unknown command
        register_groups()
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
    if sys.stdout is None:  # started with stdout closed (`llmcompare ... >&-`)
        _fail("standard output is closed: nowhere to write the answer", ExitCode.ERROR)
    if args == ["--version"]:  # what the root option prints, without building the app
        sys.stdout.write(f"llmcompare {__version__}\n")
        sys.exit(ExitCode.OK)
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
    except (UsageProblem, ClockError) as exc:
        _fail(str(exc), ExitCode.USAGE)
    except CatalogError as exc:
        _fail(f"catalog: {exc}", ExitCode.ERROR)
    except OutputProblem as exc:
        _fail(str(exc), ExitCode.ERROR)
    except BrokenPipeError:
        code = _reader_gone()
    except SystemExit as exc:
        # Click turns a broken pipe into exit 1; the reader stopping (`| head -n 0`)
        # is no failure of ours.
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        code = _reader_gone()
    except OSError as exc:  # e.g. stdout on a full disk (`> /dev/full`)
        _fail(f"cannot write the output: {exc.strerror or exc}", ExitCode.ERROR)
    except Exception as exc:
        from .importing import DataError

        if not isinstance(exc, DataError):
            raise
        _fail(str(exc), ExitCode.ERROR)
    sys.exit(code or ExitCode.OK)


def _reader_gone() -> ExitCode:
    """`llmcompare ... | head`: the reader stopped; end quietly, writing nothing more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return ExitCode.OK
