"""Importers: public price data sets read into catalog terms.

Each format module (`models_dev`, `genai_prices`, `openrouter`, `litellm`) has
one function, `read(data) -> ReadResult`, from the data set's parsed JSON
(loaded with `parse_float=Decimal`, so prices stay exact) to neutral `Offer`
records in catalog units (USD per 1M tokens). Readers are pure: no files, no
catalog, no guessing which catalog model an entry is; mapping offers onto the
catalog and writing a layer folder happen in `llmcompare.importing`.
"""

import datetime as dt
from typing import Any

from ..domain import Price, Tier
from ..records import Record

# The formats `catalog import` and `catalog update` understand, by name.
FORMATS = ("models.dev", "genai-prices", "openrouter", "litellm")


class Offer(Record):
    """What one data set says of one model on one provider."""

    dataset: str  # one of FORMATS
    provider_key: str  # the data set's own provider id ("fireworks-ai", "fireworks_ai")
    model_key: str  # the data set's own model id, as given ("meta-llama/Llama-3.3-70B")
    price: Price  # the prices in force before the first dated change (USD per 1M tokens)
    provider_name: str | None = None
    provider_url: str | None = None  # the provider's pricing (or docs) page, where given
    model_name: str | None = None
    source: str | None = None  # the pricing page this entry cites, where given
    checked: dt.date | None = None  # the entry's own date, where the data set has one
    batch: Price | None = None  # batch-API prices, only those given
    priority: Price | None = None  # service-tier prices (OpenAI's priority and flex)
    flex: Price | None = None
    tiers: tuple[Tier, ...] = ()  # long-context tiers (only what changes above each)
    price_changes: tuple[tuple[dt.date, Price], ...] = ()  # dated changes, oldest first
    context_window: int | None = None
    max_output_tokens: int | None = None
    released: dt.date | None = None
    knowledge_cutoff: str | None = None  # "YYYY-MM" or "YYYY-MM-DD"
    open_weights: bool | None = None
    family: str | None = None
    input_modalities: tuple[str, ...] = ()  # catalog vocabulary: text image audio video pdf
    output_modalities: tuple[str, ...] = ()
    # Only the flags the data set states (catalog keys). The default is shared:
    # readers build a new dict, never change this one.
    capabilities: dict[str, bool] = {}  # noqa: RUF012
    deprecated: bool = False
    retires: dt.date | None = None  # a stated deprecation or retirement date
    notes: tuple[str, ...] = ()  # what was left out of this entry, e.g. peak-hour prices
    # Peak/off-peak hours: (name, start, end, the prices that change), UTC.
    time_windows: tuple[tuple[str, dt.time, dt.time, Price], ...] = ()
    # genai-prices only: the entry's model-id match clause, which the importer
    # tries on the catalog's provider model ids.
    match: Any = None


class Skip(Record):
    """An entry not imported, and why (reasons are short and countable)."""

    provider_key: str
    model_key: str
    reason: str  # e.g. "embedding model", "image model", "dynamic price", "no token price"


class ReadResult(Record):
    offers: list[Offer]
    skipped: list[Skip]
    notes: list[str]  # about the file as a whole


def skip_counts(skipped: list[Skip]) -> dict[str, int]:
    """How many entries were skipped for each reason, most common first."""
    counts: dict[str, int] = {}
    for skip in skipped:
        counts[skip.reason] = counts.get(skip.reason, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def reader(name: str) -> Any:
    """The `read` function of a format, by its name in FORMATS."""
    from importlib import import_module

    module = {"models.dev": "models_dev", "genai-prices": "genai_prices"}.get(name, name)
    return import_module(f"{__name__}.{module}").read
