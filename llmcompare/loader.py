"""Read a catalog directory of TOML files into domain objects, strictly.

Every problem names the file and the key. Unknown keys are errors (no silent
data loss), prices are read as Decimal, and cross-file references (creator,
license, provider) must resolve. Stdlib only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .domain import (
    ARCHITECTURES,
    CAPABILITIES,
    MODALITIES,
    USE_CASES,
    Benchmark,
    Catalog,
    CommercialUse,
    Creator,
    License,
    Model,
    MovingAlias,
    Plan,
    Price,
    PriceChange,
    Provider,
    ProviderStatus,
    Route,
    RouteStatus,
    Tier,
    TimeWindow,
)
from .errors import CatalogError, Problem, printable
from .names import normalise
from .records import Record
from .tomlfile import TomlFileError, read_toml

# No per-1M-token list price has come near this; a larger one is a typo.
MAX_USD_PER_MTOK = Decimal(1000)
# Larger than any context window announced so far, by a wide margin.
MAX_TOKENS = 100_000_000
MAX_PARAMETERS = 100_000_000_000_000

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
CUTOFF_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class _Invalid(Exception):
    """One bad value; turned into a Problem by the table reader."""


class _Table:
    """Reads keys from one TOML table, remembering where it is for messages."""

    def __init__(self, data: dict[str, Any], file: str, path: str, problems: list[Problem]):
        self.data = dict(data)
        self.file = file
        self.path = path
        self.problems = problems

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self._key(key), message))

    # req and opt run a few million times for a catalog of 20,000 models: each
    # does its whole work itself.
    def req(self, key: str, convert: Any) -> Any:
        data = self.data
        if key not in data:
            self.problem(key, "required key is missing")
            return None
        try:
            return convert(data.pop(key))
        except _Invalid as exc:
            self.problem(key, str(exc))
            return None

    def opt(self, key: str, convert: Any, default: Any = None) -> Any:
        data = self.data
        if key not in data:  # most optional keys are left out
            return default
        try:
            value = convert(data.pop(key))
        except _Invalid as exc:
            self.problem(key, str(exc))
            return default
        return default if value is None else value

    def sub(self, key: str, index: int | None = None, value: Any = None) -> _Table:
        path = self._key(key) + (f"[{index}]" if index is not None else "")
        return _Table(value if value is not None else {}, self.file, path, self.problems)

    def finish(self) -> None:
        """Every key must have been read: anything left is unknown."""
        for key in self.data:
            self.problem(key, "unknown key")


_V = TypeVar("_V")

# Converters: each returns the value or raises _Invalid with a short reason.

# One object for each value that repeats across thousands of routes (a provider's
# URL, a checked date, a price of $0.15, a whole set of prices): the compiled
# store writes each once per chunk, and a run unpickles fewer objects. Text goes
# through sys.intern; the rest through _one, keyed by kind.
_ONE: dict[tuple[Any, ...], Any] = {}


def _one(key: tuple[Any, ...], value: _V) -> _V:
    return _ONE.setdefault(key, value)  # type: ignore[no-any-return]


# Text that passed _str, as interned: most text repeats (a provider's URL, a
# status, a date of evidence), and a hit costs one lookup.
_CHECKED_TEXT: dict[str, str] = {}


def _str(value: Any) -> str:
    if value.__class__ is str:
        known = _CHECKED_TEXT.get(value)
        if known is not None:
            return known
    if not isinstance(value, str) or not value.strip():
        raise _Invalid("must be a non-empty string")
    if not printable(value):
        raise _Invalid("must not contain control or invisible formatting characters")
    text = sys.intern(value)  # one object per text: see _one
    _CHECKED_TEXT[text] = text
    return text


def _ident(value: Any) -> str:
    text = _str(value)
    if not ID_PATTERN.match(text):
        raise _Invalid(f"{text!r} is not an id (lowercase letters, digits, '.', '-', '_')")
    return text


def _url(value: Any) -> str:
    text = _str(value)
    if not text.startswith(("https://", "http://")):
        raise _Invalid(f"{text!r} is not an http(s) URL")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("must be true or false")
    return value


def _tokens(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid("must be a whole number of tokens")
    if not 0 < value <= MAX_TOKENS:
        raise _Invalid(f"{value} is out of range (1 to {MAX_TOKENS:,})")
    return value


def _parameters(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid("must be a whole number of parameters")
    if not 0 < value <= MAX_PARAMETERS:
        raise _Invalid(f"{value} is out of range")
    return value


# Prices that passed _usd_per_mtok, by how they are written ("0.20" is not "0.2"):
# a catalog of 20,000 models has some 270,000 prices and a few thousand values.
_CHECKED_PRICES: dict[str, Decimal] = {}


def _usd_per_mtok(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Invalid("must be a number (USD per 1M tokens)")
    written = str(value)
    known = _CHECKED_PRICES.get(written)
    if known is not None:
        return known
    price = _checked_price(value)
    _CHECKED_PRICES[written] = price
    return price


def _checked_price(value: int | Decimal) -> Decimal:
    price = Decimal(value)
    if not price.is_finite() or price < 0:
        raise _Invalid(f"{value} is not a price: must be zero or more")
    if price > MAX_USD_PER_MTOK:
        raise _Invalid(f"{value} USD per 1M tokens is absurd (more than {MAX_USD_PER_MTOK})")
    price = price.copy_abs() if price == 0 else price  # -0 is 0, and prints so
    return _one(("price", price, price.as_tuple().exponent), price)  # "0.20" is not "0.2"


def _percent(value: Any) -> Decimal:
    """A discount in percent: more than 0, less than 100."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Invalid("must be a number (percent off)")
    percent = Decimal(value)
    if not percent.is_finite() or not 0 < percent < 100:
        raise _Invalid(f"{value} is not a discount: must be more than 0 and less than 100")
    return percent


def _score(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Invalid("must be a number")
    score = Decimal(value)
    if not score.is_finite():
        raise _Invalid("must be a finite number")
    return score


def _date(value: Any) -> dt.date:
    """A TOML date. Any day is accepted: scheduled changes and retirements lie
    ahead by nature, and a date of evidence ahead of this computer's clock (a
    clock or time zone a day behind) must not break the catalog; `catalog check`
    reports those (catalog_report.future_dates)."""
    # tomllib returns datetime for date-times; datetime is a subclass of date.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _Invalid("must be a TOML date such as 2024-04-18 (no quotes)")
    return _one(("date", value), value)


def _cutoff(value: Any) -> str:
    text = _str(value)
    match = CUTOFF_PATTERN.match(text)
    if not match:
        raise _Invalid(f"{text!r} is not YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        raise _Invalid(f"{text!r} is not a real date") from None
    return text


def _choice(options: Any) -> Any:
    def convert(value: Any) -> str:
        text = _str(value)
        if text not in options:
            raise _Invalid(f"{text!r} is not one of: {', '.join(options)}")
        return text

    return convert


# Converters of the choices routes make, made once: a catalog has ~100,000 routes.
_ROUTE_STATUS = _choice(tuple(RouteStatus))
_PLAN = _choice(tuple(Plan))


def _list_of(convert: Any) -> Any:
    def convert_list(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Invalid("must be a list")
        items = tuple(convert(item) for item in value)
        if len(set(items)) != len(items):
            raise _Invalid("has a repeated entry")
        return items

    return convert_list


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid("must be a table")
    return value


def _array_of_tables(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _Invalid("must be an array of tables ([[...]])")
    return value


# Reading files.


def read_file(entry: Traversable, name: str, problems: list[Problem]) -> dict[str, Any] | None:
    """A catalog file's table, or None with the problem recorded."""
    try:
        with entry.open("rb") as handle:
            return read_toml(handle)
    except TomlFileError as exc:
        problems.append(Problem(name, "", str(exc)))
    except OSError as exc:
        problems.append(Problem(name, "", f"cannot be read: {exc.strerror or exc}"))
    return None


# How a file's table is read: `read_file`, or the compiled store's memo of
# parsed files (cache.py), which re-reads only the files that changed.
Reader = Callable[[Traversable, str, list[Problem]], "dict[str, Any] | None"]


class ModelReuse(Protocol):
    """Models an earlier build checked, given back while the files they are read
    from are the same (cache.py keeps them): a rebuild reads and checks only the
    models whose files changed."""

    def scope(
        self, parts: tuple[dict[str, Provider], dict[str, License], dict[str, Creator]]
    ) -> None:
        """The providers, licenses and creators models refer to in this build."""

    def model(self, model_id: str, files: tuple[tuple[str, str, Traversable], ...]) -> Model | None:
        """The model checked before from these very files (each with its layer's
        origin and the name messages give it), none changed since; or None."""


class Layer(Record):
    """One folder of the catalog stack: the bundled catalog, a source's data, the
    user's overrides or a team folder. Later layers override earlier ones."""

    origin: str  # what routes from it say they came from: bundled, update:X, import:X, user
    root: Traversable
    label: str = ""  # how its files are named in messages ("" for the base: relative names)


# A key no TOML file can hold (TOML keys are strings): where a merged route or
# model records the layer it came from.
ORIGIN: Any = ("origin",)


def _keyed_tables(
    layers: Sequence[Layer], filename: str, problems: list[Problem], read: Reader = read_file
) -> Iterator[tuple[str, _Table]]:
    """Yield (id, reader) for each top-level table of a file such as providers.toml,
    merged across layers: a later layer's table replaces the keys it names."""
    merged: dict[str, tuple[dict[str, Any], str]] = {}
    for position, layer in enumerate(layers):
        entry = layer.root / filename
        name = layer.label + filename
        if not entry.is_file():
            if position == 0:  # the base must be whole; overlays add what they need
                problems.append(Problem(name, "", "file is missing"))
            continue
        data = read(entry, name, problems)
        for key, value in (data or {}).items():
            if not isinstance(value, dict):
                problems.append(Problem(name, key, "must be a table"))
                continue
            if not ID_PATTERN.match(key):
                problems.append(Problem(name, key, "is not an id (lowercase, digits, '.-_')"))
            earlier = merged.get(key, ({}, name))[0]
            merged[key] = ({**earlier, **value}, name)
    for key, (value, name) in merged.items():
        yield key, _Table(value, name, key, problems)


def _load_providers(
    layers: Sequence[Layer], problems: list[Problem], read: Reader = read_file
) -> dict[str, Provider]:
    providers = {}
    for key, table in _keyed_tables(layers, "providers.toml", problems, read):
        providers[key] = Provider(
            id=key,
            name=table.req("name", _str),
            homepage=table.req("homepage", _url),
            pricing_url=table.req("pricing_url", _url),
            status=ProviderStatus(table.req("status", _choice(list(ProviderStatus))) or "active"),
            discount_percent=table.opt("discount_percent", _percent),
        )
        table.finish()
    return providers


def _load_licenses(
    layers: Sequence[Layer], problems: list[Problem], read: Reader = read_file
) -> dict[str, License]:
    licenses = {}
    for key, table in _keyed_tables(layers, "licenses.toml", problems, read):
        licenses[key] = License(
            id=key,
            name=table.req("name", _str),
            url=table.opt("url", _url),
            osi_approved=bool(table.req("osi_approved", _bool)),
            commercial_use=CommercialUse(
                table.req("commercial_use", _choice(list(CommercialUse))) or "none"
            ),
        )
        table.finish()
    return licenses


def _load_creators(
    layers: Sequence[Layer], problems: list[Problem], read: Reader = read_file
) -> dict[str, Creator]:
    creators = {}
    for key, table in _keyed_tables(layers, "creators.toml", problems, read):
        creators[key] = Creator(
            id=key, name=table.req("name", _str), homepage=table.req("homepage", _url)
        )
        table.finish()
    return creators


def _reference(mapping: dict[str, Any], kind: str) -> Any:
    def convert(value: Any) -> Any:
        key = _ident(value)
        if key not in mapping:
            raise _Invalid(f"unknown {kind} {key!r}")
        return mapping[key]

    return convert


def _price(table: _Table) -> Price:
    """The price keys of a table (a route, its batch table, a tier or a price change)."""
    # Every Price field is a TOML key of the same name, read the same way.
    data = table.data
    if data.keys().isdisjoint(Price._fields):
        return _NO_PRICE  # a tier or a change that names no price: told by the caller
    fields = tuple(
        table.opt(field, _usd_per_mtok) if field in data else None for field in Price._fields
    )
    # Its values are one object each (_usd_per_mtok), so their ids name the record.
    key = tuple(map(id, fields))
    found = _PRICES.get(key)
    if found is None:
        found = _PRICES[key] = Price(*fields)
    return found


_NO_PRICE = Price()
_PRICES: dict[tuple[int, ...], Price] = {}


def _some_price(table: _Table, where: str) -> Price:
    price = _price(table)
    if not any(value is not None for value in price):
        table.problem(where, "names no price")
    return price


def _price_table(table: _Table, key: str) -> Price | None:
    """An optional table of prices that differ (batch, a service tier)."""
    if key not in table.data:  # most routes have none: no call made
        return None
    data = table.opt(key, _table)
    if data is None:
        return None
    sub = table.sub(key, value=data)
    price = _some_price(sub, "input_usd_per_mtok")
    sub.finish()
    return price


def _time_of_day(value: Any) -> dt.time:
    """A time of day, UTC: "16:30" or a TOML local time (16:30:00)."""
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = _str(value)
    try:
        parsed = dt.time.fromisoformat(text)
    except ValueError:
        raise _Invalid(f"{text!r} is not a time of day such as 16:30 (UTC)") from None
    if parsed.tzinfo is not None and parsed.utcoffset() != dt.timedelta(0):
        raise _Invalid(f"{text!r}: give the time in UTC")
    return parsed.replace(tzinfo=None, second=0, microsecond=0)


def _load_window(table: _Table) -> TimeWindow:
    window = TimeWindow(
        name=table.req("name", _str),
        start=table.req("start", _time_of_day),
        end=table.req("end", _time_of_day),
        price=_some_price(table, "input_usd_per_mtok"),
        weekdays_only=table.opt("weekdays_only", _bool, False),
    )
    table.finish()
    return window


def _load_tier(table: _Table) -> Tier:
    tier = Tier(
        above_input_tokens=table.req("above_input_tokens", _tokens),
        price=_some_price(table, "input_usd_per_mtok"),
    )
    table.finish()
    return tier


def _load_change(table: _Table) -> PriceChange:
    change = PriceChange(
        effective=table.req("effective", _date),  # may be scheduled, so in the future
        price=_some_price(table, "input_usd_per_mtok"),
        source=table.req("source", _url),
        note=table.opt("note", _str),
    )
    table.finish()
    return change


def _records(table: _Table, key: str, load: Callable[[_Table], _V]) -> tuple[_V, ...]:
    """An array of tables under `key`, each loaded by `load`; () when left out."""
    if key not in table.data:  # most routes have none: no call made
        return ()
    rows = table.opt(key, _array_of_tables, [])
    return tuple(load(table.sub(key, i, row)) for i, row in enumerate(rows))


def _load_route(table: _Table, providers: dict[str, Provider]) -> Route | None:
    origin = table.data.pop(ORIGIN, "bundled")
    provider = table.req("provider", _reference(providers, "provider"))
    batch = _price_table(table, "batch")
    priority = _price_table(table, "priority")
    flex = _price_table(table, "flex")
    tiers = _records(table, "tiers", _load_tier)
    changes = _records(table, "price_changes", _load_change)
    windows = _records(table, "time_windows", _load_window)
    route = Route(
        provider=provider,
        model_id=table.opt("model_id", _str),
        status=RouteStatus(table.req("status", _ROUTE_STATUS) or "active"),
        plan=Plan(table.opt("plan", _PLAN, "paid")),
        price=_price(table),
        source=table.req("source", _url),
        checked=table.req("checked", _date),
        note=table.opt("note", _str),
        context_window=table.opt("context_window", _tokens),
        max_output_tokens=table.opt("max_output_tokens", _tokens),
        batch=batch,
        tiers=tiers,
        price_changes=changes,
        origin=origin,
        priority=priority,
        flex=flex,
        time_windows=windows,
        retired=table.opt("retired", _date),  # often scheduled, so may be ahead
        deprecation_announced=table.opt("deprecation_announced", _date),
    )
    discount = table.opt("discount_percent", _percent)
    table.finish()
    _check_route_schedules(route, table)
    if provider is None:
        return None
    discount = discount or provider.discount_percent
    return _discounted(route, discount) if discount is not None else route


def _discounted(route: Route, percent: Decimal) -> Route:
    """The route with `percent` off every published price: base, batch, service
    tiers, long-context tiers, time windows and dated changes alike, so the
    discount holds whatever the traffic."""
    factor = (100 - percent) / 100

    def off(price: Price) -> Price:
        return Price(*(None if value is None else value * factor for value in price))

    def off_or_none(price: Price | None) -> Price | None:
        return None if price is None else off(price)

    return route._replace(
        price=off(route.price),
        batch=off_or_none(route.batch),
        priority=off_or_none(route.priority),
        flex=off_or_none(route.flex),
        tiers=tuple(tier._replace(price=off(tier.price)) for tier in route.tiers),
        time_windows=tuple(w._replace(price=off(w.price)) for w in route.time_windows),
        price_changes=tuple(c._replace(price=off(c.price)) for c in route.price_changes),
        discount_percent=percent,
    )


def _check_route_schedules(route: Route, table: _Table) -> None:
    """Tiers rise in threshold and changes in date, each once."""
    if not (route.tiers or route.price_changes or route.time_windows):
        return  # nothing scheduled (most routes)
    thresholds = [tier.above_input_tokens for tier in route.tiers]
    if None not in thresholds and thresholds != sorted(set(thresholds)):
        table.problem("tiers", "thresholds must rise, each once")
    dates = [change.effective for change in route.price_changes]
    if None not in dates and dates != sorted(set(dates)):
        table.problem("price_changes", "must be in date order, one per date")
    windows = route.time_windows
    if None not in [w.start for w in windows] + [w.end for w in windows]:
        if sum(window.hours for window in windows) > 24:
            table.problem("time_windows", "cover more than a day between them")
        names = [window.name for window in windows]
        if len(set(names)) != len(names):
            table.problem("time_windows", "each needs a name of its own")


def _load_moving_alias(table: _Table, providers: dict[str, Provider]) -> MovingAlias:
    provider = table.req("provider", _reference(providers, "provider"))
    alias = MovingAlias(
        alias=table.req("alias", _str),
        provider=provider.id if provider is not None else "",
        since=table.req("since", _date),
        source=table.req("source", _url),
        until=table.opt("until", _date),
    )
    if alias.until is not None and alias.since is not None and alias.until <= alias.since:
        table.problem("until", "must be after since")
    table.finish()
    return alias


def _load_benchmark(table: _Table) -> Benchmark:
    benchmark = Benchmark(
        name=table.req("name", _str),
        score=table.req("score", _score),
        metric=table.req("metric", _str),
        source=table.req("source", _url),
        date=table.req("date", _date),
    )
    top = _score_ceiling(benchmark.metric)
    if benchmark.score < 0:
        table.problem("score", "must not be negative")
    elif top is not None and benchmark.score > top:
        message = f"{benchmark.score} is more than {top}, the most a {benchmark.metric!r} can be"
        table.problem("score", message)
    table.finish()
    return benchmark


def _score_ceiling(metric: str) -> Decimal | None:
    """The highest score a metric allows, where it says: a percentage is at most 100,
    a fraction "(0-1)" at most 1, a mark "out of 10" at most 10. Others (an Elo
    rating, an index) have none."""
    lowered = metric.casefold()
    if "(0-1)" in lowered:
        return Decimal(1)
    if "out of 10)" in lowered:
        return Decimal(10)
    if "%" in lowered or "percent" in lowered:
        return Decimal(100)
    return None


def _load_model(
    data: dict[str, Any],
    name: str,
    stem: str,
    folder: str,
    catalog_parts: tuple[dict[str, Provider], dict[str, License], dict[str, Creator]],
    problems: list[Problem],
    origin: str = "bundled",
    strict: bool = True,
) -> Model | None:
    """One model from its (merged) table. `strict` holds for models the base
    catalog defines; a model an overlay adds (an import) may leave out what its
    data set does not say: release date, family, license, modalities, use cases
    and capability flags (a flag left out is unknown, never taken as false)."""
    providers, licenses, creators = catalog_parts
    before = len(problems)
    table = _Table(data, name, "", problems)
    known = table.req if strict else table.opt
    model_id = table.req("id", _ident)
    if model_id is not None and model_id != stem:
        table.problem("id", f"{model_id!r} does not match the file name {stem!r}")
    creator = table.req("creator", _reference(creators, "creator"))
    if creator is not None and creator.id != folder:
        table.problem("creator", f"{creator.id!r} does not match the folder {folder!r}")

    capabilities_data = known("capabilities", _table) or {}
    capabilities_table = table.sub("capabilities", value=capabilities_data)
    flag = capabilities_table.req if strict else capabilities_table.opt
    capabilities = {key: value for key in CAPABILITIES if (value := flag(key, _bool)) is not None}
    capabilities_table.finish()

    benchmarks = tuple(
        _load_benchmark(table.sub("benchmarks", i, row))
        for i, row in enumerate(table.opt("benchmarks", _array_of_tables, []))
    )
    moving = tuple(
        _load_moving_alias(table.sub("moving_aliases", i, row), providers)
        for i, row in enumerate(table.opt("moving_aliases", _array_of_tables, []))
    )
    routes = tuple(
        route
        for i, row in enumerate(table.opt("routes", _array_of_tables, []))
        if (route := _load_route(table.sub("routes", i, row), providers)) is not None
    )

    model = Model(
        id=model_id,
        name=table.req("name", _str),
        creator=creator,
        family=known("family", _str),
        aliases=table.opt("aliases", _list_of(_str), ()),
        released=known("released", _date),
        knowledge_cutoff=table.opt("knowledge_cutoff", _cutoff),
        context_window=table.req("context_window", _tokens),
        max_output_tokens=table.opt("max_output_tokens", _tokens),
        parameters=table.opt("parameters", _parameters),
        active_parameters=table.opt("active_parameters", _parameters),
        architecture=table.opt("architecture", _choice(ARCHITECTURES)),
        license=known("license", _reference(licenses, "license")),
        open_weights=known("open_weights", _bool),
        input_modalities=known("input_modalities", _list_of(_choice(MODALITIES))) or (),
        output_modalities=known("output_modalities", _list_of(_choice(MODALITIES))) or (),
        use_cases=known("use_cases", _list_of(_choice(USE_CASES))) or (),
        sources=table.req("sources", _list_of(_url)),
        note=table.opt("note", _str),
        capabilities=capabilities,
        benchmarks=benchmarks,
        routes=routes,
        source_file=name,
        origin=origin,
        moving_aliases=moving,
    )
    table.finish()
    _check_model_invariants(model, table)
    return model if len(problems) == before else None


def _check_model_invariants(model: Model, table: _Table) -> None:
    """Rules that relate one key to another."""
    context, output = model.context_window, model.max_output_tokens
    if context and output and output > context:
        table.problem("max_output_tokens", f"{output:,} is above the context window ({context:,})")
    active, total = model.active_parameters, model.parameters
    if active is not None and (total is None or active >= total):
        table.problem("active_parameters", "must be below parameters")
    modalities = model.input_modalities
    if modalities is not None and model.capabilities.get("vision") and "image" not in modalities:
        table.problem("capabilities.vision", "is true but input_modalities has no 'image'")
    if model.sources is not None and not model.sources:
        table.problem("sources", "must list at least one source for the specs")
    for i, route in enumerate(model.routes):
        limit, most = route.context_window, route.max_output_tokens
        if limit and most and most > limit:
            table.problem(f"routes[{i}].max_output_tokens", "is above the route's context window")
        price = route.price
        if (
            price.cache_read_usd_per_mtok is not None
            and price.input_usd_per_mtok is not None
            and price.cache_read_usd_per_mtok > price.input_usd_per_mtok
        ):
            table.problem(f"routes[{i}].cache_read_usd_per_mtok", "is above the input price")
    seen_providers: set[tuple[str, str | None]] = set()
    for i, route in enumerate(model.routes):
        key = (route.provider.id, route.model_id)
        if key in seen_providers:
            table.problem(f"routes[{i}]", f"repeats the route {route.provider.id}")
        seen_providers.add(key)


def _model_files(
    layer: Layer, problems: list[Problem], required: bool
) -> Iterator[tuple[str, Traversable]]:
    """(creator folder, file) of every model file in a layer, in order. A TOML
    file anywhere else under models/ would be silently ignored, so it is a problem."""
    models_dir = layer.root / "models"
    if not models_dir.is_dir():
        if required:
            problems.append(Problem(layer.label + "models", "", "folder is missing"))
        return
    for name, is_dir, folder in _entries(models_dir):
        if not is_dir:
            if name.endswith(".toml"):
                where = f"{layer.label}models/{name}"
                problems.append(Problem(where, "", "must be in a creator folder (models/CREATOR/)"))
            continue
        for entry_name, entry_is_dir, entry in _entries(folder):
            if entry_is_dir and not entry_name.startswith("."):
                where = f"{layer.label}models/{name}/{entry_name}"
                message = "model files go directly in models/CREATOR/, not in a folder below"
                problems.append(Problem(where, "", message))
            elif entry_name.endswith(".toml"):
                yield name, entry


def _entries(folder: Traversable) -> list[tuple[str, bool, Traversable]]:
    """(name, is a folder, entry) of what a folder holds, by name. On disk through
    os.scandir, which knows folders from files without a stat call for each of
    twenty thousand model files."""
    if isinstance(folder, Path):
        with os.scandir(folder) as found:
            listed = [(entry.name, _is_dir(entry), entry.path) for entry in found]
        return [(name, is_dir, Path(path)) for name, is_dir, path in sorted(listed)]
    entries = [(entry.name, entry.is_dir(), entry) for entry in folder.iterdir()]
    return sorted(entries, key=lambda entry: entry[0])


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """As Path.is_dir: False for a link that loops (its file is then told as unreadable)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _names_of(model: Model) -> list[tuple[str, str]]:
    """(field, text) of every name a model answers to."""
    return [("id", model.id), ("name", model.name)] + [("aliases", a) for a in model.aliases]


def _check_unique_names(
    models: list[Model], problems: list[Problem], placed: dict[str, tuple[int, Traversable]]
) -> None:
    """Ids, aliases and names must not collide across models after normalising.

    A collision is told at the file to change: the one in the higher layer, or
    in the same layer the one written last (most likely the edit that caused it),
    never the untouched file. `placed` gives each file's layer and path."""

    def newness(model: Model) -> tuple[int, int]:
        position, file = placed.get(model.source_file, (0, None))
        try:
            return (position, os.stat(str(file)).st_mtime_ns)
        except (OSError, TypeError, ValueError):
            return (position, 0)

    owner: dict[str, Model] = {}
    for model in models:
        for _field, key in _names_of(model):
            norm = normalise(key)
            other = owner.get(norm)
            if other is not None and other is not model:
                blamed, kept = (other, model) if newness(other) > newness(model) else (model, other)
                field, text = next((f, t) for f, t in _names_of(blamed) if normalise(t) == norm)
                message = f"{text!r} collides with {kept.id!r} ({kept.source_file})"
                problem = Problem(blamed.source_file, field, message)
                if problem not in problems:  # an id and a name that read alike: said once
                    problems.append(problem)
            owner.setdefault(norm, model)
    for model in models:  # a model's own name must not hide a moving alias
        for i, moving in enumerate(model.moving_aliases):
            other = owner.get(normalise(moving.alias))
            if other is not None:
                # Named at the model whose own name takes the alias (often one a
                # later layer added), which is where it is to be renamed.
                problems.append(
                    Problem(
                        other.source_file,
                        "",
                        f"a name of {other.id!r} is {moving.alias!r}, a moving alias of "
                        f"{model.id!r} (moving_aliases[{i}] in {model.source_file})",
                    )
                )


class _ModelEntry(Record):
    data: dict[str, Any]  # merged across layers
    name: str  # the file named in messages: the topmost layer's
    folder: str  # the creator folder of the first definition
    origin: str  # the layer that first defined the model
    strict: bool
    position: int  # the topmost layer's place in the stack
    file: Traversable  # the topmost layer's file


def merge_model(earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """A model's table with a later layer's on top. The merge rule (README):
    a key the later file names replaces the earlier value, except that
    `capabilities` merge flag by flag and `routes` merge route by route (see
    merge_routes); keys it does not name are kept."""
    merged = dict(earlier)
    for key, value in later.items():
        before = merged.get(key)
        if key == "routes" and isinstance(value, list) and isinstance(before, list):
            merged[key] = merge_routes(before, value)
        elif key == "capabilities" and isinstance(value, dict) and isinstance(before, dict):
            merged[key] = {**before, **value}
        else:
            merged[key] = value
    return merged


def merge_routes(earlier: list[Any], later: list[Any]) -> list[Any]:
    """Routes with a later layer's on top. A later route is the same route as an
    earlier one on the same provider with the same `model_id`, or, where either
    leaves `model_id` out or none has the same one, the provider's only route
    (unless one of the two is a free variant: see `_free_variant`).
    It replaces the keys it names (its price tables, `batch`, `priority` and
    `flex`, key by key; `tiers`, `time_windows` and `price_changes` whole) and
    keeps the rest: an override that names only input and output keeps the
    route's cache prices. Any other route is added. A published data layer's
    route checked before the one it would replace leaves that one standing
    (see `_older_evidence`)."""
    merged = list(earlier)
    for route in later:
        if not isinstance(route, dict):
            merged.append(route)  # the loader reports it
            continue
        index = same_route(merged, route)
        if index is None:
            merged.append(route)
            continue
        if _older_evidence(route, merged[index]):
            continue
        combined = dict(merged[index])
        for key, value in route.items():
            before = combined.get(key)
            if isinstance(value, dict) and isinstance(before, dict):  # a price table
                combined[key] = {**before, **value}
            else:
                combined[key] = value
        merged[index] = combined
    return merged


# Layers of published data (the bundled catalog, imports and updates), and those
# whose routes may be set aside for newer evidence (imports and updates).
PUBLISHED_LAYERS = ("bundled", "import:", "update:")
DATA_LAYERS = ("import:", "update:")


def _older_evidence(route: dict[str, Any], standing: dict[str, Any]) -> bool:
    """Whether `route`, from an import or an update, was checked before the route
    it would replace (the bundled catalog's, or another data layer's, as these sit
    below your own layers): then the newer evidence stands.
    Data layers are stacked by name, not by the age of their data (a May snapshot
    imported as "openrouter" sits above December's "litellm"), and a snapshot
    older than the bundled catalog's own check must not set its prices back. Your
    own layers (user, team folders) always win."""
    if not str(route.get(ORIGIN, "")).startswith(DATA_LAYERS):
        return False  # your own layers, which sit above every data layer
    checked, standing_checked = route.get("checked"), standing.get("checked")
    # Dates only: a datetime (which the loader refuses) is not compared with a date.
    return (
        type(checked) is dt.date
        and type(standing_checked) is dt.date
        and (checked < standing_checked)
    )


def same_route(routes: list[Any], route: dict[str, Any]) -> int | None:
    """Where in `routes` the route `route` overrides is, as merge_routes says;
    None for a route of its own. Imports map their offers by it too."""
    provider, model_id = route.get("provider"), route.get("model_id")
    on_provider = [
        i for i, r in enumerate(routes) if isinstance(r, dict) and r.get("provider") == provider
    ]
    exact = [i for i in on_provider if routes[i].get("model_id") == model_id]
    if exact:
        return exact[0]
    if len(on_provider) != 1:
        return None
    only = on_provider[0]
    return only if _free_variant(routes[only].get("model_id")) == _free_variant(model_id) else None


def _free_variant(model_id: Any) -> bool:
    """A provider's free variant of a model, a route of its own beside the paid
    one, never the same route under another id (OpenRouter's "…:free")."""
    return isinstance(model_id, str) and model_id.endswith(":free")


def _tag_routes(data: dict[str, Any], origin: str) -> None:
    """Mark each route table of a file with the layer it comes from."""
    routes = data.get("routes")
    if isinstance(routes, list):
        for route in routes:
            if isinstance(route, dict):
                route[ORIGIN] = origin


class _ModelFile(Record):
    """One layer's file for a model."""

    position: int  # the layer's place in the stack
    origin: str  # the layer's
    folder: str  # the creator folder it is in
    name: str  # as messages name it
    file: Traversable


def _files_by_model(
    layers: Sequence[Layer], problems: list[Problem]
) -> dict[str, list[_ModelFile]]:
    """Every model's files, lowest layer first, keyed by id (the file stem)."""
    found: dict[str, list[_ModelFile]] = {}
    for position, layer in enumerate(layers):
        for folder, entry in _model_files(layer, problems, required=position == 0):
            name = f"{layer.label}models/{folder}/{entry.name}"
            stem = entry.name.removesuffix(".toml")
            found.setdefault(stem, []).append(
                _ModelFile(position, layer.origin, folder, name, entry)
            )
    return found


def model_files(layers: Sequence[Layer]) -> dict[str, tuple[tuple[str, str, Traversable], ...]]:
    """Each model's files, lowest layer first, as (layer origin, name in messages,
    file): what load_layers reads a model from."""
    return {stem: _sources(files) for stem, files in _files_by_model(layers, []).items()}


def _sources(files: list[_ModelFile]) -> tuple[tuple[str, str, Traversable], ...]:
    return tuple((found.origin, found.name, found.file) for found in files)


def _model_entry(
    stem: str, files: list[_ModelFile], problems: list[Problem], read: Reader
) -> _ModelEntry | None:
    """A model's table, merged across its files (lowest layer first)."""
    merged: _ModelEntry | None = None
    for found in files:
        data = read(found.file, found.name, problems)
        if data is None:
            continue
        _tag_routes(data, found.origin)
        if merged is None:
            merged = _ModelEntry(
                data,
                found.name,
                found.folder,
                found.origin,
                found.position == 0,
                found.position,
                found.file,
            )
            continue
        if found.folder != merged.folder:
            message = f"overrides {stem!r}, whose file is in models/{merged.folder}/"
            problems.append(Problem(found.name, "", message))
            continue
        merged = merged._replace(
            data=merge_model(merged.data, data),
            name=found.name,
            position=found.position,
            file=found.file,
        )
    return merged


def load_layers(
    layers: Sequence[Layer], read: Reader = read_file, reuse: ModelReuse | None = None
) -> Catalog:
    """Load a stack of catalog folders, later ones overriding earlier ones per
    model and per route; raise CatalogError listing every problem. The first
    layer (the bundled catalog, as a rule) must be a whole catalog. `read`
    reads each file's table; `reuse` gives back models checked before from the
    same files, which are then not read at all."""
    problems: list[Problem] = []
    providers = _load_providers(layers, problems, read)
    licenses = _load_licenses(layers, problems, read)
    creators = _load_creators(layers, problems, read)
    parts = (providers, licenses, creators)
    if reuse is not None:
        reuse.scope(parts)
    models: list[Model] = []
    # Each model's topmost file and its layer: where a name collision is blamed.
    placed: dict[str, tuple[int, Traversable]] = {}
    for stem, files in _files_by_model(layers, problems).items():
        model = reuse.model(stem, _sources(files)) if reuse is not None else None
        if model is not None:
            top = files[-1]
            placed[top.name] = (top.position, top.file)
            models.append(model)
            continue
        entry = _model_entry(stem, files, problems, read)
        if entry is None:
            continue
        placed[entry.name] = (entry.position, entry.file)
        model = _load_model(
            entry.data,
            entry.name,
            stem,
            entry.folder,
            parts,
            problems,
            entry.origin,
            entry.strict,
        )
        if model is not None:
            models.append(model)
    _check_unique_names(sorted(models, key=lambda model: model.source_file), problems, placed)
    if problems:
        raise CatalogError(problems)
    models.sort(key=lambda model: model.id)
    return Catalog(models=tuple(models), providers=providers, licenses=licenses, creators=creators)


def load_catalog_dir(root: Traversable | str | os.PathLike[str]) -> Catalog:
    """Load and validate one catalog directory; raise CatalogError listing every problem."""
    return load_layers([Layer("bundled", as_folder(root))])


def as_folder(root: Traversable | str | os.PathLike[str]) -> Traversable:
    """A folder given as a path is checked to be one."""
    if isinstance(root, str | os.PathLike):
        path = Path(root)
        if not path.is_dir():
            raise CatalogError([Problem(str(path), "", "is not a catalog directory")])
        return path
    return root
