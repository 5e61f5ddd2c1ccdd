"""LiteLLM's model map (`model_prices_and_context_window.json`): `{key: entry}`.

Prices are USD per token (read exactly: the JSON is parsed with Decimal floats,
so 1.5e-07 is 0.15 per 1M tokens, never 0.15000000000000002). The key is the
model key and `litellm_provider` the provider key. Long-context prices are keys
with an `_above_<N>k_tokens` suffix (or, for some providers, `tiered_pricing`
ranges); `_batches` keys are batch prices. Service-tier prices (priority, flex,
...) and off-peak prices are not imported yet: the offer says so in a note.
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..domain import Price
from . import Offer, ReadResult, Skip
from ._common import (
    AUDIO,
    DYNAMIC_PRICE,
    EMBEDDING,
    IMAGE,
    MALFORMED,
    MODERATION,
    NO_OUTPUT_PRICE,
    NO_TOKEN_PRICE,
    OTHER,
    RERANK,
    VIDEO,
    date,
    flag,
    has_token_price,
    http_url,
    input_only,
    is_dynamic,
    kind_by_name,
    modalities,
    non_text_kind,
    number,
    per_mtok,
    plain,
    positive_int,
    text,
    tiers_of,
)

DATASET = "litellm"
ALIAS = "alias"
REGIONAL = "regional price"

# A price for one cloud region or data zone, beside the global one: an AWS region
# ("bedrock/us-gov-east-1/...", GovCloud's higher price) or an Azure data zone
# ("azure/eu/gpt-4o-2024-08-06", 10% over global). The catalog prices routes
# globally: such an entry would replace the global price. Cross-region
# inference profiles ("global.anthropic...", "us.anthropic...") are routes.
_REGIONAL = re.compile(r"^(bedrock(_converse)?/[a-z]{2}(-gov)?-[a-z]+-\d/|azure(_ai)?/(eu|us)/)")

_TEXT_MODES = {"chat", "completion", "responses"}
_SKIPPED_MODES = {
    "embedding": EMBEDDING,
    "image_generation": IMAGE,
    "image_edit": IMAGE,
    "audio_transcription": AUDIO,
    "audio_speech": AUDIO,
    "realtime": AUDIO,
    "video_generation": VIDEO,
    "rerank": RERANK,
    "moderation": MODERATION,
}

# per-token keys -> Price fields
_TOKEN_FIELDS = {
    "input_cost_per_token": "input_usd_per_mtok",
    "output_cost_per_token": "output_usd_per_mtok",
    "cache_read_input_token_cost": "cache_read_usd_per_mtok",
    "cache_creation_input_token_cost": "cache_write_usd_per_mtok",
    "cache_creation_input_token_cost_above_1hr": "cache_write_1h_usd_per_mtok",
    "output_cost_per_reasoning_token": "reasoning_usd_per_mtok",
}
_REQUEST_KEY = "input_cost_per_request"  # USD per request, not per token

# e.g. input_cost_per_token_above_200k_tokens, ..._above_272k_tokens_priority
_FIELD_NAMES = "|".join(sorted(_TOKEN_FIELDS, key=len, reverse=True))
_TIER_KEY = re.compile(rf"({_FIELD_NAMES})_above_(\d+)k_tokens(?:_(\w+))?")
_SERVICE_TIER_KEY = re.compile(r".*cost.*_(priority|flex|balanced|ultrafast|decisions)")

_CAPABILITIES = {
    "supports_vision": "vision",
    "supports_function_calling": "function_calling",
    "supports_reasoning": "reasoning",
    "supports_response_schema": "structured_outputs",
    "supports_computer_use": "computer_use",
}

# input flags -> modalities, on top of any `supported_modalities` list
_INPUT_FLAGS = {
    "supports_vision": "image",
    "supports_audio_input": "audio",
    "supports_video_input": "video",
    "supports_pdf_input": "pdf",
}


def read(data: Any) -> ReadResult:
    """Offers of every chat/completion/responses entry with a token price."""
    if not isinstance(data, dict):
        raise ValueError("litellm: expected an object of models")
    offers: list[Offer] = []
    skipped: list[Skip] = []
    for key, entry in data.items():
        if key == "sample_spec":  # documents the keys; not a model
            continue
        found = _offer(str(key), entry)
        if isinstance(found, Offer):
            offers.append(found)
        else:
            skipped.append(found)
    return ReadResult(offers, skipped, [])


def _offer(key: str, entry: Any) -> Offer | Skip:
    if not isinstance(entry, dict):
        return Skip("", key, MALFORMED)
    provider_key = text(entry.get("litellm_provider")) or ""
    if "alias_of" in entry:
        return Skip(provider_key, key, ALIAS)
    if _REGIONAL.match(key):
        return Skip(provider_key, key, REGIONAL)
    mode = entry.get("mode")
    if not isinstance(mode, str) or mode not in _TEXT_MODES:
        return Skip(provider_key, key, _SKIPPED_MODES.get(str(mode), OTHER))
    inputs, outputs = _modalities(entry)
    kind = non_text_kind(outputs) or kind_by_name(key)
    if kind is not None:  # e.g. a speech model under mode "chat"
        return Skip(provider_key, key, kind)
    if not provider_key:
        return Skip(provider_key, key, MALFORMED)

    values = {field: number(entry.get(name)) for name, field in _TOKEN_FIELDS.items()}
    request = number(entry.get(_REQUEST_KEY))
    batch_values = {f: number(entry.get(f"{name}_batches")) for name, f in _TOKEN_FIELDS.items()}
    tier_values, notes = _tier_values(entry)
    if not any(value is not None for value in values.values()):
        values = tier_values.pop(0, values)  # tiered_pricing: the range from 0 is the base
    every = [
        *values.values(),
        request,
        *batch_values.values(),
        *(value for tier in tier_values.values() for value in tier.values()),
    ]
    if is_dynamic(every):
        return Skip(provider_key, key, DYNAMIC_PRICE)
    price = Price(
        **{field: _per_mtok(value) for field, value in values.items()},
        request_usd=None if request is None else plain(request),
    )
    if not has_token_price(price):
        return Skip(provider_key, key, NO_TOKEN_PRICE)
    if input_only(price):
        return Skip(provider_key, key, NO_OUTPUT_PRICE)
    batch = Price(**{field: _per_mtok(value) for field, value in batch_values.items()})
    priority, flex = (
        Price(
            **{
                f: _per_mtok(number(entry.get(f"{name}_{tier}")))
                for name, f in _TOKEN_FIELDS.items()
            }
        )
        for tier in ("priority", "flex")
    )
    tiers = {
        threshold: Price(**{field: _per_mtok(value) for field, value in fields.items()})
        for threshold, fields in tier_values.items()
    }

    return Offer(
        dataset=DATASET,
        provider_key=provider_key,
        model_key=key,
        price=price,
        source=http_url(entry.get("source")),
        batch=batch if any(value is not None for value in batch) else None,
        priority=priority if any(value is not None for value in priority) else None,
        flex=flex if any(value is not None for value in flex) else None,
        tiers=tiers_of(price, tiers),
        context_window=positive_int(entry.get("max_input_tokens")),
        max_output_tokens=positive_int(entry.get("max_output_tokens")),
        input_modalities=inputs,
        output_modalities=outputs,
        capabilities={
            name: value
            for flag_key, name in _CAPABILITIES.items()
            if (value := flag(entry.get(flag_key))) is not None
        },
        retires=date(entry.get("deprecation_date")),
        notes=(*notes, *_left_out(entry)),
    )


def _per_mtok(value: Decimal | None) -> Decimal | None:
    return None if value is None else per_mtok(value)


def _modalities(entry: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Inputs: the stated list (else text, the mode says so) and the support flags.
    Outputs: the stated list, else text."""
    stated = entry.get("supported_modalities")
    named = list(stated) if isinstance(stated, list) else ["text"]
    named += [modality for name, modality in _INPUT_FLAGS.items() if entry.get(name) is True]
    outputs = entry.get("supported_output_modalities")
    return modalities(named), modalities(outputs if isinstance(outputs, list) else ["text"])


def _tier_values(
    entry: Mapping[str, Any],
) -> tuple[dict[int, dict[str, Decimal | None]], list[str]]:
    """Per-token prices above each threshold, from `_above_<N>k_tokens` keys and
    `tiered_pricing` ranges; and notes on what could not be imported."""
    found: dict[int, dict[str, Decimal | None]] = {}
    notes: list[str] = []
    for name, value in entry.items():
        match = _TIER_KEY.fullmatch(name)
        if match is None:
            continue
        field_key, thousands, suffix = match.groups()
        if suffix is None:
            threshold = int(thousands) * 1000
            found.setdefault(threshold, {})[_TOKEN_FIELDS[field_key]] = number(value)
        elif suffix == "batches" and "batch long-context prices not imported" not in notes:
            notes.append("batch long-context prices not imported")
    ranges = entry.get("tiered_pricing")
    if isinstance(ranges, list):
        for tier in ranges:
            bounds = tier.get("range") if isinstance(tier, dict) else None
            start = number(bounds[0]) if isinstance(bounds, list) and bounds else None
            if start is None or start < 0 or start != start.to_integral_value():
                continue
            prices = found.setdefault(int(start), {})
            for name, field in _TOKEN_FIELDS.items():
                if (value := number(tier.get(name))) is not None:
                    prices[field] = value
    return found, notes


def _left_out(entry: Mapping[str, Any]) -> list[str]:
    """Notes on the prices other than the list price that the entry gives."""
    tiers = {match.group(1) for name in entry if (match := _SERVICE_TIER_KEY.fullmatch(name))}
    notes = []
    if any(_SERVICE_TIER_KEY.fullmatch(name) and "_above_" in name for name in entry):
        notes.append("long-context priority and flex prices not imported")
    notes += [f"{tier} prices not imported" for tier in sorted(tiers - {"priority", "flex"})]
    if "off_peak_pricing" in entry:
        notes.append("off-peak prices not imported")
    return notes
