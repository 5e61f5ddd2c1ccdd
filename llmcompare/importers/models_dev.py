"""models.dev (`https://models.dev/api.json`): providers, each with its models.

Prices are already USD per 1M tokens. Long-context prices come as `cost.tiers`
(`{tier: {type: "context", size}, input, output, ...}`), or in older files only
as `cost.context_over_200k`. The entry's `last_updated` is its `checked` date.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..domain import Price
from . import Offer, ReadResult, Skip
from ._common import (
    DYNAMIC_PRICE,
    MALFORMED,
    NO_OUTPUT_PRICE,
    NO_TOKEN_PRICE,
    date,
    flag,
    has_token_price,
    http_url,
    input_capabilities,
    input_only,
    is_dynamic,
    kind_by_name,
    modalities,
    month_or_day,
    non_text_kind,
    number,
    plain,
    positive_int,
    text,
    tiers_of,
)

DATASET = "models.dev"

# cost keys -> Price fields (the rest, audio prices, are not catalog prices)
_COST_FIELDS = {
    "input": "input_usd_per_mtok",
    "output": "output_usd_per_mtok",
    "cache_read": "cache_read_usd_per_mtok",
    "cache_write": "cache_write_usd_per_mtok",
    "reasoning": "reasoning_usd_per_mtok",
}


def read(data: Any) -> ReadResult:
    """Offers of every text model with a token price, from the parsed api.json."""
    if not isinstance(data, dict):
        raise ValueError("models.dev: expected an object of providers")
    offers: list[Offer] = []
    skipped: list[Skip] = []
    for provider_key, provider in data.items():
        if not isinstance(provider, dict) or not isinstance(provider.get("models"), dict):
            skipped.append(Skip(str(provider_key), "", MALFORMED))
            continue
        for model_key, model in provider["models"].items():
            found = _offer(str(provider_key), provider, str(model_key), model)
            if isinstance(found, Offer):
                offers.append(found)
            else:
                skipped.append(found)
    return ReadResult(offers, skipped, [])


def _offer(provider_key: str, provider: Mapping[str, Any], key: str, model: Any) -> Offer | Skip:
    if not isinstance(model, dict):
        return Skip(provider_key, key, MALFORMED)
    stated = model.get("modalities")
    stated = stated if isinstance(stated, dict) else {}
    inputs, outputs = modalities(stated.get("input")), modalities(stated.get("output"))
    kind = kind_by_name(model.get("family"), model.get("name"), key) or (
        non_text_kind(outputs) if "output" in stated else None
    )
    if kind is not None:
        return Skip(provider_key, key, kind)

    cost = model.get("cost")
    cost = cost if isinstance(cost, dict) else {}
    values = {field: number(cost.get(name)) for name, field in _COST_FIELDS.items()}
    tier_values = _tier_values(cost)
    every = [*values.values(), *(v for tier in tier_values.values() for v in tier.values())]
    if is_dynamic(every):
        return Skip(provider_key, key, DYNAMIC_PRICE)
    price = Price(**{field: _price(value) for field, value in values.items()})
    if not has_token_price(price):
        return Skip(provider_key, key, NO_TOKEN_PRICE)
    if input_only(price):
        return Skip(provider_key, key, NO_OUTPUT_PRICE)
    tiers = {
        size: Price(**{field: _price(value) for field, value in fields.items()})
        for size, fields in tier_values.items()
    }

    limit = model.get("limit")
    limit = limit if isinstance(limit, dict) else {}
    return Offer(
        dataset=DATASET,
        provider_key=provider_key,
        model_key=key,
        price=price,
        provider_name=text(provider.get("name")),
        provider_url=http_url(provider.get("doc")),
        model_name=text(model.get("name")),
        checked=date(model.get("last_updated"), month_start=True),
        tiers=tiers_of(price, tiers),
        context_window=positive_int(limit.get("context")),
        max_output_tokens=positive_int(limit.get("output")),
        released=date(model.get("release_date"), month_start=True),
        knowledge_cutoff=month_or_day(model.get("knowledge")),
        open_weights=flag(model.get("open_weights")),
        family=text(model.get("family")),
        input_modalities=inputs,
        output_modalities=outputs,
        capabilities=_capabilities(model, inputs),
        deprecated=model.get("status") == "deprecated",
        notes=_notes(model),
    )


def _price(value: Decimal | None) -> Decimal | None:
    return None if value is None else plain(value)


def _tier_values(cost: Mapping[str, Any]) -> dict[int, dict[str, Decimal | None]]:
    """Context tiers by size; `context_over_200k` only where `tiers` is absent (it
    repeats the 200k tier)."""
    found: dict[int, dict[str, Decimal | None]] = {}
    tiers = cost.get("tiers")
    if isinstance(tiers, list):
        for tier in tiers:
            about = tier.get("tier") if isinstance(tier, dict) else None
            if not isinstance(about, dict) or about.get("type") != "context":
                continue
            size = positive_int(about.get("size"))
            if size is not None:
                found[size] = {f: number(tier.get(name)) for name, f in _COST_FIELDS.items()}
    elif isinstance(cost.get("context_over_200k"), dict):
        over = cost["context_over_200k"]
        found[200_000] = {f: number(over.get(name)) for name, f in _COST_FIELDS.items()}
    return found


def _capabilities(model: Mapping[str, Any], inputs: tuple[str, ...]) -> dict[str, bool]:
    stated = {
        "reasoning": flag(model.get("reasoning")),
        "function_calling": flag(model.get("tool_call")),
        "structured_outputs": flag(model.get("structured_output")),
    }
    found = {name: value for name, value in stated.items() if value is not None}
    return {**input_capabilities(inputs), **found}


def _notes(model: Mapping[str, Any]) -> tuple[str, ...]:
    """Prices of experimental modes (e.g. a fast mode) are not the model's list price."""
    experimental = model.get("experimental")
    modes = experimental.get("modes") if isinstance(experimental, dict) else None
    if isinstance(modes, dict) and modes:
        return (f"experimental mode prices not imported ({', '.join(map(str, modes))})",)
    return ()
