"""Domain objects: what the catalog says, as immutable records.

They are NamedTuples (as records.Record: the same tuples, defined at import
for a fraction of typing.NamedTuple's cost) rather than frozen dataclasses for
start-up time: a dataclass costs about 0.7 ms at import (it generates and
compiles its methods), and records unpickle from the compiled catalog cache
fast. Treat them as records: compare fields, not tuples.

Units are in the names (`input_usd_per_mtok`, `context_window` in tokens).
Money is always `Decimal`. Nothing here reads files or prints.
"""

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from .records import Record

if TYPE_CHECKING:
    from .names import NameIndex

# The ten capability flags of the seed page, in display order.
CAPABILITIES: dict[str, str] = {
    "vision": "Vision",
    "multimodal": "Multimodal",
    "reasoning": "Reasoning",
    "function_calling": "Function calling",
    "tool_use": "Tool use",
    "structured_outputs": "Structured outputs",
    "code_execution": "Code execution",
    "ide_integration": "IDE integration",
    "computer_use": "Computer use",
    "parallel_agents": "Parallel agents",
}

# Use-case tags ("Decision fit" on the seed page) and how they read.
USE_CASES: dict[str, str] = {
    "classification": "Classification",
    "coding": "Coding",
    "agents": "Agents",
    "long-context": "Long context",
    "chat": "Chat",
    "reasoning": "Reasoning",
    "multimodal": "Multimodal",
    "summarization": "Summarization",
    "extraction": "Extraction",
    "translation": "Translation",
    "math": "Math",
    "creative-writing": "Creative writing",
    "rag": "RAG",
    "on-device": "On-device",
    "low-latency": "Low latency",
    "high-volume": "High volume",
    "research": "Research",
}

ARCHITECTURES: dict[str, str] = {
    "decoder-only": "decoder only",
    "mixture-of-experts": "mixture of experts",
    "hybrid": "hybrid",
    "encoder-decoder": "encoder-decoder",
}

MODALITIES = ("text", "image", "audio", "video", "pdf")


class _Choice(StrEnum):
    """A fixed vocabulary. Pickled by name (one memoised lookup per member)
    rather than by calling the class for every occurrence, which keeps the
    compiled catalog quick to load."""

    def __reduce_ex__(self, protocol: object) -> str:  # type: ignore[override]
        return f"{type(self).__qualname__}.{self.name}"


class ProviderStatus(_Choice):
    ACTIVE = "active"
    DEPRECATED = "deprecated"


class RouteStatus(_Choice):
    ACTIVE = "active"
    DEPRECATED = "deprecated"


class Plan(_Choice):
    """How a route is paid for: only `paid` routes can be the cheapest."""

    PAID = "paid"
    FREE = "free"
    TRIAL = "trial"


class CommercialUse(_Choice):
    ALLOWED = "allowed"
    CONDITIONAL = "conditional"
    NONE = "none"


# What a license says of commercial use, in words (tables, sentences).
COMMERCIAL_USE: dict[CommercialUse, str] = {
    CommercialUse.ALLOWED: "Commercial use allowed",
    CommercialUse.CONDITIONAL: "Commercial use with conditions",
    CommercialUse.NONE: "No commercial use",
}


class Openness(_Choice):
    OPEN_SOURCE = "open-source"
    OPEN_WEIGHTS = "open-weights"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # an imported model whose data set does not say


class Provider(Record):
    id: str
    name: str
    homepage: str
    pricing_url: str
    status: ProviderStatus
    # A contract discount the user set on all of this provider's routes (percent off).
    discount_percent: Decimal | None = None


class License(Record):
    id: str
    name: str
    osi_approved: bool
    commercial_use: CommercialUse
    url: str | None = None


class Creator(Record):
    id: str
    name: str
    homepage: str


class Price(Record):
    """List prices of one route, USD per 1M tokens (and per request); None where
    not published."""

    input_usd_per_mtok: Decimal | None = None
    output_usd_per_mtok: Decimal | None = None
    cache_read_usd_per_mtok: Decimal | None = None
    cache_write_usd_per_mtok: Decimal | None = None  # the default (5-minute) cache
    cache_write_1h_usd_per_mtok: Decimal | None = None  # longer-lived cache writes
    reasoning_usd_per_mtok: Decimal | None = None  # where reasoning is not billed as output
    request_usd: Decimal | None = None  # a fee per request, on top of tokens

    @property
    def is_complete(self) -> bool:
        """Both input and output are priced, so a token volume can be costed."""
        return self.input_usd_per_mtok is not None and self.output_usd_per_mtok is not None

    def overridden_by(self, other: "Price") -> "Price":
        """These prices with every price `other` names put in their place."""
        pairs = zip(self, other, strict=True)
        return Price(*(mine if theirs is None else theirs for mine, theirs in pairs))


class Tier(Record):
    """Prices for requests whose input exceeds a threshold (long-context pricing)."""

    above_input_tokens: int
    price: Price  # only what changes above the threshold; the rest is the route's


class TimeWindow(Record):
    """Hours of the day (UTC) in which other prices apply: peak or off-peak pricing.
    A window may wrap past midnight (16:30 to 00:30)."""

    name: str
    start: dt.time
    end: dt.time
    price: Price  # only what changes inside the window; the rest is the route's
    weekdays_only: bool = False  # Monday to Friday (UTC) only: weekends keep the route's price

    @property
    def week_share(self) -> Decimal:
        """The window's share of the week's hours: its share of traffic spread evenly."""
        share = self.hours / 24
        return share * 5 / 7 if self.weekdays_only else share

    @property
    def hours(self) -> Decimal:
        """How many hours of the day the window covers (24 when start equals end)."""
        minutes = (self.end.hour * 60 + self.end.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        return Decimal(minutes % (24 * 60) or 24 * 60) / 60

    @property
    def span(self) -> str:
        days = ", weekdays" if self.weekdays_only else ""
        return f"{self.start:%H:%M}-{self.end:%H:%M} UTC{days}"


class PriceChange(Record):
    """A dated change: from `effective` on, the prices it names replace the route's."""

    effective: dt.date
    price: Price
    source: str
    note: str | None = None


class Route(Record):
    """One provider's offer of one model."""

    provider: Provider
    model_id: str | None
    status: RouteStatus
    plan: Plan
    price: Price
    source: str
    checked: dt.date
    note: str | None = None
    # The provider's own limits, where they differ from the model's.
    context_window: int | None = None
    max_output_tokens: int | None = None
    batch: Price | None = None  # batch-API prices (only what differs)
    tiers: tuple[Tier, ...] = ()  # long-context tiers, lowest threshold first
    price_changes: tuple[PriceChange, ...] = ()  # oldest first
    # Which layer of the catalog stack the route's facts came from: bundled,
    # update:SOURCE, import:NAME, user or folder:PATH.
    origin: str = "bundled"
    # Percent off the published prices (already applied to every price above),
    # from the user's overrides; None when the prices are as published.
    discount_percent: Decimal | None = None
    # The day the provider stops serving the route (from then on it is not
    # active), and the day that retirement was announced.
    retired: dt.date | None = None
    deprecation_announced: dt.date | None = None
    # Service tiers (OpenAI's priority and flex processing): only what differs.
    priority: Price | None = None
    flex: Price | None = None
    time_windows: tuple[TimeWindow, ...] = ()  # peak/off-peak hours, priced apart

    @property
    def is_active(self) -> bool:
        return self.status is RouteStatus.ACTIVE and self.provider.status is ProviderStatus.ACTIVE

    @property
    def is_billable(self) -> bool:
        """Can stand as the cheapest route: active, paid, and fully priced."""
        return self.is_active and self.plan is Plan.PAID and self.price.is_complete

    def as_of(self, day: dt.date) -> "Route":
        """This route as it stands on `day`: the prices then in force (dated changes
        applied), and deprecated from its retirement day on. The route itself when
        neither changes anything (most routes, on most days: no new record)."""
        price = self.price
        for change in self.price_changes:
            if change.effective <= day:
                price = price.overridden_by(change.price)
        retired = self.retired is not None and self.retired <= day
        if not retired:
            return self if price == self.price else self._replace(price=price)
        return self._replace(price=price, status=RouteStatus.DEPRECATED)


class MovingAlias(Record):
    """A provider's alias that points at different models over time
    (`deepseek-chat`, `mistral-medium-latest`): this model answers to it from
    `since`, until the day before `until`."""

    alias: str
    provider: str  # whose alias it is (a provider id)
    since: dt.date
    source: str
    until: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)


class Benchmark(Record):
    name: str
    score: Decimal
    metric: str
    source: str
    date: dt.date


class Model(Record):
    id: str
    name: str
    creator: Creator
    family: str | None  # None only for models imported from data that does not say
    released: dt.date | None
    context_window: int
    license: License | None
    open_weights: bool | None  # None only for imported models whose data does not say
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    capabilities: dict[str, bool]  # a flag left out is not known (imported models only)
    use_cases: tuple[str, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    knowledge_cutoff: str | None = None
    max_output_tokens: int | None = None
    parameters: int | None = None
    active_parameters: int | None = None
    architecture: str | None = None
    benchmarks: tuple[Benchmark, ...] = ()
    routes: tuple[Route, ...] = ()
    note: str | None = None
    source_file: str = ""  # where it was read from, for messages
    origin: str = "bundled"  # the layer that first defined the model (see Route.origin)
    moving_aliases: tuple[MovingAlias, ...] = ()  # aliases that move between models

    @property
    def openness(self) -> Openness:
        if self.open_weights is None:
            return Openness.UNKNOWN
        if not self.open_weights:
            return Openness.CLOSED
        osi = self.license is not None and self.license.osi_approved
        return Openness.OPEN_SOURCE if osi else Openness.OPEN_WEIGHTS

    @property
    def capability_names(self) -> tuple[str, ...]:
        """The capability keys this model has, in display order."""
        return tuple(key for key in CAPABILITIES if self.capabilities.get(key))

    @property
    def active_routes(self) -> tuple[Route, ...]:
        return tuple(route for route in self.routes if route.is_active)


class ModelSource(Protocol):
    """Where a catalog's models come from when they are not all in memory: the
    compiled store (store.py), which loads a model only when it is asked for."""

    def load(self, model_id: str) -> "Model": ...  # KeyError if there is none

    def load_all(self) -> tuple["Model", ...]: ...

    def names(self) -> "NameIndex": ...

    def summary(self, name: str) -> Any: ...  # a part summary.py wrote

    def text(self, name: str) -> Any: ...  # a text part summary.py wrote, read by spans


class Catalog:
    """Every model, provider, license and creator; prices as listed, or as in force
    on `day`.

    The models are either given (a catalog just loaded from TOML) or read from a
    `source` as they are asked for: `model()` loads one, `models` all of them.
    Either way a caller sees the same catalog.
    """

    __slots__ = ("_models", "creators", "day", "licenses", "providers", "source")

    def __init__(
        self,
        models: tuple[Model, ...] | None,
        providers: dict[str, Provider],
        licenses: dict[str, License],
        creators: dict[str, Creator],
        *,
        source: ModelSource | None = None,
        day: dt.date | None = None,
    ) -> None:
        self._models = models
        self.providers = providers
        self.licenses = licenses
        self.creators = creators
        self.source = source
        self.day = day

    @property
    def models(self) -> tuple[Model, ...]:
        if self._models is None:
            assert self.source is not None  # one of the two is always given
            loaded = self.source.load_all()
            day = self.day
            self._models = loaded if day is None else tuple(model_as_of(m, day) for m in loaded)
        return self._models

    @property
    def in_memory(self) -> bool:
        """Whether every model is loaded (or given) already."""
        return self._models is not None

    @property
    def store(self) -> ModelSource | None:
        """The compiled store to read summaries from (summary.py); None when the
        models are all in memory (nothing to spare by reading one) or there is
        no store."""
        return None if self.in_memory else self.source

    def stored_summary(self, part: str) -> Any:
        """A part of the compiled store's summary, or None (see `store`)."""
        store = self.store
        return None if store is None else store.summary(part)

    def model(self, model_id: str) -> Model:
        if self._models is None and self.source is not None:
            found = self.source.load(model_id)
            return found if self.day is None else model_as_of(found, self.day)
        for model in self.models:
            if model.id == model_id:
                return model
        raise KeyError(model_id)

    def names(self) -> "NameIndex":
        """Every model's names, to resolve what a user typed (from the store when
        there is one)."""
        if self._models is None and self.source is not None:
            return self.source.names()
        from .names import NameIndex

        return NameIndex.build(self)

    def as_of(self, day: dt.date) -> "Catalog":
        """The catalog with every route's prices as in force on `day`."""
        if self._models is None:
            parts = (self.providers, self.licenses, self.creators)
            return Catalog(None, *parts, source=self.source, day=day)
        models = tuple(model_as_of(model, day) for model in self._models)
        return Catalog(models, self.providers, self.licenses, self.creators, day=day)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.models, self.providers, self.licenses, self.creators) == (
            other.models,
            other.providers,
            other.licenses,
            other.creators,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable cache inside: not hashable


def model_as_of(model: Model, day: dt.date) -> Model:
    """The model itself unless a route changes on `day` (most do not): a run pays
    for rebuilding only what a dated change or a retirement touches."""
    changed: list[Route] | None = None
    for i, route in enumerate(model.routes):
        if route.price_changes or route.retired:
            new = route.as_of(day)
            if new is not route:
                changed = changed or list(model.routes)
                changed[i] = new
    return model if changed is None else model._replace(routes=tuple(changed))


def reduce_record(record: tuple[Any, ...]) -> tuple[Any, ...]:
    """Pickle a record as `tuple.__new__(cls, values)`: rebuilt in C when the
    compiled catalog loads, instead of through the record's Python-level
    `__new__`, once for each of thousands of records."""
    return (tuple.__new__, (type(record), tuple(record)))


for _record in (
    Provider,
    License,
    Creator,
    Price,
    Tier,
    TimeWindow,
    PriceChange,
    Route,
    Benchmark,
    MovingAlias,
    Model,
):
    _record.__reduce__ = reduce_record  # type: ignore[assignment,method-assign]
