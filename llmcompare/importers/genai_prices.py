"""pydantic/genai-prices data (`data.json`, both the v2 and the 0.2.x shape).

A list of providers, each with models `{id, name?, match, context_window?,
prices, deprecated?}`. Prices are USD per 1M tokens (`requests_kcount` per 1,000
requests); a value may be tiered (`{base, tiers: [{start, price}]}`, a tier
applying above `start` input tokens). `prices` is one table or a list of
`{constraint?, prices}`: the unconstrained one is the base, `start_date` ones
are dated changes, time-of-day ones are peak/off-peak windows (not imported).

The data set states no model kind, so embedding, rerank and moderation models
are told by their id or name, and an entry priced for input but not output
(embeddings, classifiers, legacy base models) is not taken for a text model.
Match clauses are passed on as given (`Offer.match`), not read here: the model
key is the entry's `id`.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..domain import Price, Tier
from ..records import Record
from . import Offer, ReadResult, Skip
from ._common import (
    DYNAMIC_PRICE,
    MALFORMED,
    NO_OUTPUT_PRICE,
    NO_TOKEN_PRICE,
    date,
    has_token_price,
    http_url,
    input_only,
    is_dynamic,
    kind_by_name,
    number,
    only_changes,
    per_unit,
    plain,
    positive_int,
    text,
    tiers_of,
)

DATASET = "genai-prices"

# price keys -> Price fields; the other keys (audio, images, searches...) are not
# catalog prices.
_FIELDS = {
    "input_mtok": "input_usd_per_mtok",
    "output_mtok": "output_usd_per_mtok",
    "cache_read_mtok": "cache_read_usd_per_mtok",
    "cache_write_mtok": "cache_write_usd_per_mtok",
    "cache_write_1h_mtok": "cache_write_1h_usd_per_mtok",
    "output_reasoning_mtok": "reasoning_usd_per_mtok",
    "requests_kcount": "request_usd",
}


class _Table(Record):
    """One price table: base prices and, by threshold, the tier prices."""

    price: Price
    tiers: dict[int, Price]
    dynamic: bool


class _Malformed(Exception):
    pass


def read(data: Any) -> ReadResult:
    """Offers of every entry priced for output tokens, from the parsed data.json."""
    if not isinstance(data, list):
        raise ValueError("genai-prices: expected a list of providers")
    offers: list[Offer] = []
    skipped: list[Skip] = []
    for provider in data:
        if not isinstance(provider, dict) or not isinstance(provider.get("models"), list):
            skipped.append(Skip(str(_get(provider, "id")), "", MALFORMED))
            continue
        for model in provider["models"]:
            found = _offer(provider, model)
            if isinstance(found, Offer):
                offers.append(found)
            else:
                skipped.append(found)
    return ReadResult(offers, skipped, [])


def _get(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _offer(provider: Mapping[str, Any], model: Any) -> Offer | Skip:
    provider_key = str(provider.get("id"))
    key = str(_get(model, "id"))
    if not isinstance(model, dict):
        return Skip(provider_key, key, MALFORMED)
    kind = kind_by_name(key, model.get("name"))
    if kind is not None:
        return Skip(provider_key, key, kind)
    try:
        base, changes, timed = _options(model.get("prices"))
    except _Malformed:
        return Skip(provider_key, key, MALFORMED)
    tables = [base, *(table for _, table in changes)]
    if any(table.dynamic for table in tables):
        return Skip(provider_key, key, DYNAMIC_PRICE)
    if not any(has_token_price(table.price) for table in tables):
        return Skip(provider_key, key, NO_TOKEN_PRICE)
    if all(input_only(table.price) for table in tables):
        return Skip(provider_key, key, NO_OUTPUT_PRICE)

    notes = []
    windows = _windows(base.price, timed)
    if len(windows) != len(timed):
        notes.append("time-of-day prices not in UTC: not imported")
    tiers = tiers_of(base.price, base.tiers)
    price_changes = []
    in_force = base.price
    for day, table in changes:
        after = in_force.overridden_by(table.price)
        if after != in_force:
            price_changes.append((day, only_changes(in_force, after)))
        in_force = after
        if _above(in_force, tiers) != _above(table.price, table.tiers):
            notes.append(f"long-context prices from {day.isoformat()} on not imported")
    variants = _variants(model.get("price_variants"))
    if variants:
        notes.append(f"price variants not imported ({', '.join(variants)})")

    urls = provider.get("pricing_urls")
    return Offer(
        dataset=DATASET,
        provider_key=provider_key,
        model_key=key,
        price=base.price,
        provider_name=text(provider.get("name")),
        provider_url=http_url(urls[0]) if isinstance(urls, list) and urls else None,
        model_name=text(model.get("name")),
        tiers=tiers,
        price_changes=tuple(price_changes),
        context_window=positive_int(model.get("context_window")),
        deprecated=model.get("deprecated") is True,
        notes=tuple(notes),
        time_windows=windows,
        match=match if isinstance(match := model.get("match"), dict) else None,
    )


def _options(
    prices: Any,
) -> tuple[_Table, list[tuple[dt.date, _Table]], list[tuple[str, str, _Table]]]:
    """The base table, the dated ones (oldest first) and the time-of-day windows.

    With no unconstrained option, the oldest dated one stands as the base."""
    if isinstance(prices, dict):
        return _table(prices), [], []
    if not isinstance(prices, list):
        raise _Malformed
    base: _Table | None = None
    dated: list[tuple[dt.date, _Table]] = []
    timed: list[tuple[str, str, _Table]] = []
    for option in prices:
        if not isinstance(option, dict) or not isinstance(option.get("prices"), dict):
            raise _Malformed
        constraint = option.get("constraint")
        constraint = constraint if isinstance(constraint, dict) else {}
        if "start_time" in constraint or "end_time" in constraint:
            start, end = constraint.get("start_time", ""), constraint.get("end_time", "")
            timed.append((str(start), str(end), _table(option["prices"])))
        elif "start_date" in constraint:
            day = date(constraint["start_date"])
            if day is None:
                raise _Malformed
            dated.append((day, _table(option["prices"])))
        elif base is None:
            base = _table(option["prices"])
    dated.sort(key=lambda item: item[0])
    if base is None:
        if not dated:
            raise _Malformed
        base = dated.pop(0)[1]
    return base, dated, timed


def _windows(base: Price, timed: list[tuple[str, str, _Table]]) -> tuple[Any, ...]:
    """Time-of-day options as (name, start, end, prices that change) in UTC; a window
    dearer than the base is "peak", a cheaper one "off-peak"."""
    found = []
    for start, end, table in timed:
        try:
            first, last = dt.time.fromisoformat(start), dt.time.fromisoformat(end)
        except ValueError:
            continue
        if first.utcoffset() not in (None, dt.timedelta(0)):
            continue  # the catalog keeps windows in UTC
        inside = only_changes(base, base.overridden_by(table.price))
        if not any(value is not None for value in inside):
            continue
        dearer = (inside.input_usd_per_mtok or base.input_usd_per_mtok or 0) > (
            base.input_usd_per_mtok or 0
        )
        name = "peak" if dearer else "off-peak"
        found.append((name, first.replace(tzinfo=None), last.replace(tzinfo=None), inside))
    # Several peak windows in a day (DeepSeek V4) are told apart by number.
    kinds = [window[0] for window in found]
    return tuple(
        (f"{kind}-{kinds[:i].count(kind) + 1}" if kinds.count(kind) > 1 else kind, *rest)
        for i, (kind, *rest) in enumerate(found)
    )


def _table(prices: Mapping[str, Any]) -> _Table:
    base: dict[str, Decimal | None] = {}
    tiers: dict[int, dict[str, Decimal | None]] = {}
    found: list[Decimal | None] = []
    for name, field in _FIELDS.items():
        value = prices.get(name)
        if isinstance(value, dict):  # {base, tiers: [{start, price}]}
            for tier in value.get("tiers") or []:
                start = positive_int(_get(tier, "start"))
                amount = number(_get(tier, "price"))
                if start is not None and amount is not None:
                    tiers.setdefault(start, {})[field] = amount
                    found.append(amount)
            value = value.get("base")
        base[field] = number(value)
        found.append(base[field])
    if is_dynamic(found):
        return _Table(Price(), {}, dynamic=True)
    return _Table(
        _price(base), {start: _price(fields) for start, fields in tiers.items()}, dynamic=False
    )


def _price(values: Mapping[str, Decimal | None]) -> Price:
    converted = {
        field: None
        if value is None
        else per_unit(value, 1000)
        if field == "request_usd"
        else plain(value)
        for field, value in values.items()
    }
    return Price(**converted)


def _above(price: Price, tiers: dict[int, Price] | tuple[Tier, ...]) -> dict[int, Price]:
    """The prices in force above each threshold, in full."""
    pairs = tiers.items() if isinstance(tiers, dict) else tiers
    return {threshold: price.overridden_by(tier) for threshold, tier in pairs}


def _variants(variants: Any) -> list[str]:
    """What each price variant is for ("processing=batch", "service_tier=flex")."""
    if not isinstance(variants, list):
        return []
    named = []
    for variant in variants:
        when = _get(variant, "when")
        if isinstance(when, dict):
            label = ", ".join(f"{key}={value}" for key, value in when.items())
            if label and label not in named:
                named.append(label)
    return named
