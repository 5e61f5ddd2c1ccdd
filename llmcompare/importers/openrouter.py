"""OpenRouter's model list (`GET /api/v1/models`): `{"data": [model, ...]}`.

Prices are USD per token (per request for `request`) as decimal strings; "-1"
marks a variable price (routers such as `openrouter/auto`). Every offer is on
the provider "openrouter". `created` is when OpenRouter listed the model, not a
release or review date, so it is not read.
"""

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
    has_token_price,
    input_capabilities,
    input_only,
    is_dynamic,
    kind_by_name,
    modalities,
    month_or_day,
    non_text_kind,
    number,
    per_mtok,
    plain,
    positive_int,
    text,
)

DATASET = "openrouter"
PROVIDER_KEY = "openrouter"

# pricing keys (USD per token) -> Price fields; image, audio and web search prices
# are not catalog prices.
_TOKEN_FIELDS = {
    "prompt": "input_usd_per_mtok",
    "completion": "output_usd_per_mtok",
    "input_cache_read": "cache_read_usd_per_mtok",
    "input_cache_write": "cache_write_usd_per_mtok",
    "internal_reasoning": "reasoning_usd_per_mtok",
}

# supported_parameters -> capability flags (only ever set, never denied: a missing
# parameter is not a statement that the model lacks the feature)
_PARAMETERS = {
    "tools": "function_calling",
    "structured_outputs": "structured_outputs",
    "response_format": "structured_outputs",
    "reasoning": "reasoning",
    "include_reasoning": "reasoning",
}


def read(data: Any) -> ReadResult:
    """Offers of every text model with a fixed token price, from the parsed response."""
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list):
        raise ValueError('openrouter: expected {"data": [models]}')
    offers: list[Offer] = []
    skipped: list[Skip] = []
    for model in models:
        found = _offer(model)
        if isinstance(found, Offer):
            offers.append(found)
        else:
            skipped.append(found)
    return ReadResult(offers, skipped, [])


def _offer(model: Any) -> Offer | Skip:
    key = model.get("id") if isinstance(model, dict) else None
    if not isinstance(model, dict) or not isinstance(key, str):
        return Skip(PROVIDER_KEY, str(key or ""), MALFORMED)
    architecture = model.get("architecture")
    architecture = architecture if isinstance(architecture, dict) else {}
    inputs = modalities(architecture.get("input_modalities"))
    outputs = modalities(architecture.get("output_modalities"))
    stated_outputs = isinstance(architecture.get("output_modalities"), list)
    kind = kind_by_name(key, model.get("name")) or (
        non_text_kind(outputs) if stated_outputs else None
    )
    if kind is not None:
        return Skip(PROVIDER_KEY, key, kind)

    pricing = model.get("pricing")
    pricing = pricing if isinstance(pricing, dict) else {}
    values = {field: number(pricing.get(name)) for name, field in _TOKEN_FIELDS.items()}
    request = number(pricing.get("request"))
    if is_dynamic([*values.values(), request]):
        return Skip(PROVIDER_KEY, key, DYNAMIC_PRICE)
    price = Price(
        **{field: _per_mtok(value) for field, value in values.items()},
        request_usd=None if request is None else plain(request),
    )
    if not has_token_price(price):
        return Skip(PROVIDER_KEY, key, NO_TOKEN_PRICE)
    if input_only(price):
        return Skip(PROVIDER_KEY, key, NO_OUTPUT_PRICE)

    top = model.get("top_provider")
    top = top if isinstance(top, dict) else {}
    return Offer(
        dataset=DATASET,
        provider_key=PROVIDER_KEY,
        model_key=key,
        price=price,
        provider_name="OpenRouter",
        model_name=text(model.get("name")),
        context_window=positive_int(model.get("context_length"))
        or positive_int(top.get("context_length")),
        max_output_tokens=positive_int(top.get("max_completion_tokens")),
        knowledge_cutoff=month_or_day(model.get("knowledge_cutoff")),
        input_modalities=inputs,
        output_modalities=outputs,
        capabilities=_capabilities(model.get("supported_parameters"), inputs),
        retires=date(model.get("expiration_date")),
    )


def _per_mtok(value: Decimal | None) -> Decimal | None:
    return None if value is None else per_mtok(value)


def _capabilities(parameters: Any, inputs: tuple[str, ...]) -> dict[str, bool]:
    found = input_capabilities(inputs)
    if isinstance(parameters, list):
        for parameter in parameters:
            if isinstance(parameter, str) and parameter in _PARAMETERS:
                found[_PARAMETERS[parameter]] = True
    return found
