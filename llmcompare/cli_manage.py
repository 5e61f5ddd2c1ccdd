"""The commands that manage the catalog and your settings: `catalog ...` and
`config ...`.

Apart from cli.py so that the everyday commands (diff, cost, show, list,
providers) do not pay, on every run, for building these many signatures; cli.py
loads this module only when one of these groups runs, or for the full help.
Same shape as cli.py: parse, call the core, pick a renderer, write, exit.
"""

import sys
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .catalog import load_catalog
from .cli import (
    BatchFlag,
    CachedInput,
    ExitCode,
    FormatOption,
    InputTokens,
    JsonFlag,
    OutputTokens,
    UsageProblem,
    _date_option,
    _discount_option,
    _emit,
    _format,
    _resolve,
    _tell,
    _traffic,
    _usd_option,
)
from .clock import today

if TYPE_CHECKING:
    from .domain import Catalog


catalog_app = typer.Typer(
    help="The catalog: its layers, checks and counts; imports, updates and your own prices.",
    no_args_is_help=True,
)


@catalog_app.command("check")
def catalog_check(
    directory: Annotated[
        str | None,
        typer.Argument(help="A catalog directory (default: the catalog in use, every layer)."),
    ] = None,
    json_output: JsonFlag = False,
    output_format: FormatOption = None,
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

    fmt = _format(json_output, output_format, "check")
    if directory is not None:
        if not directory.strip():
            raise UsageProblem("catalog check: give a folder, or nothing for the catalog in use")
        result = check_catalog(directory, directory)
    else:
        layers = len(catalog_folders())
        label = "bundled catalog" if layers == 1 else f"catalog in use ({layers} layers)"
        result = check_stack(label)
    _emit(fmt, "check", result)
    if result.problems:
        count = len(result.problems)
        _tell(f"{count} problem{'s' if count != 1 else ''} in {result.catalog}")
        raise typer.Exit(ExitCode.ERROR)
    _tell(f"{result.catalog}: ok ({result.models} models)")


@catalog_app.command("stats")
def catalog_stats(json_output: JsonFlag = False, output_format: FormatOption = None) -> None:
    """Count models, creators, providers and routes, and the range of `checked` dates.

    \b
    Examples:
      llmcompare catalog stats
      llmcompare catalog stats --json | jq '{models, providers_with_routes, priced_routes}'
    """
    from .catalog_report import catalog_stats as compute

    fmt = _format(json_output, output_format, "stats")
    _emit(fmt, "stats", compute(load_catalog()))


@catalog_app.command("where")
def catalog_where(json_output: JsonFlag = False, output_format: FormatOption = None) -> None:
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

    fmt = _format(json_output, output_format, "where")
    _emit(fmt, "where", catalog_folders())


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
    output_format: FormatOption = None,
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

    fmt = _format(json_output, output_format, "import")
    layer = name if name is not None else data_format.value
    report = run_import(data_format.value, Path(file), layer, data_date, dry_run)
    _emit(fmt, "import", report)


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
    output_format: FormatOption = None,
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
    from .updating import UpdateError, chosen_sources, compile_updated, update_source

    fmt = _format(json_output, output_format, "update")
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
    compile_updated(results)
    _emit(fmt, "update", results)
    failed = [result for result in results if result.status == "failed"]
    for result in failed:
        _tell(f"llmcompare: error: update {result.source}: {result.message}")
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
    output_format: FormatOption = None,
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
    from .catalog import catalogs_to_compare
    from .changes import compare_catalogs

    fmt = _format(json_output, output_format, "changes")
    day = today()
    try:
        before, before_label, after, after_label = catalogs_to_compare(layer, since, day)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    chosen = _resolve(after, models) if models else None
    traffic = None
    if models:
        traffic = _traffic(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cached_input=cached_input,
            batch=batch,
        )
    result = compare_catalogs(
        before,
        after,
        before_label=before_label,
        after_label=after_label,
        ahead_of=day,
        models=chosen,
        traffic=traffic,
    )
    _emit(fmt, "changes", result)


def _override(change: "Callable[[Catalog], Any]") -> None:
    """Run a change to your overrides; a refused one is bad usage (exit 2), nothing written."""
    from .overrides import OverrideError

    try:
        done = change(load_catalog())
    except OverrideError as exc:
        raise UsageProblem(str(exc)) from None
    _tell(f"{done.message} ({done.file})")


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
        return set_price(catalog, found, where, prices, discount=discount, note=note, today=today())

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


@config_app.command("show")
def config_show(json_output: JsonFlag = False, output_format: FormatOption = None) -> None:
    """Show your settings (config.toml in your config folder) and where the file is.

    \b
    Examples:
      llmcompare config show
      llmcompare config show --json | jq .max_age_days
    """
    from .config import config_path, load_config

    fmt = _format(json_output, output_format, "config")
    _emit(fmt, "config", config_path(), load_config())


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
    _tell(f"{key} = {stored!r} ({config_path()})")


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
