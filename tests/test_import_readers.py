"""The four data-set readers: exact prices, what is skipped and why, on small
hand-made entries and on the real reference files.

The reference files are in ../shared/reference/ (or $LLMCOMPARE_REFERENCE_DIR), as
for the cross-check in test_crossref.py: under CI (CI=true) their absence is a
failure; elsewhere the tests that need them are skipped, saying why.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from llmcompare.domain import CAPABILITIES, MODALITIES, Price, Tier
from llmcompare.importers import (
    FORMATS,
    Offer,
    ReadResult,
    genai_prices,
    litellm,
    models_dev,
    openrouter,
    reader,
    skip_counts,
)
from llmcompare.importers._common import number, per_mtok, plain

from reference import reference_json


def parsed(text: str) -> Any:
    """JSON read the way the importer reads a data file."""
    return json.loads(text, parse_float=Decimal)


def offers_by_key(result: ReadResult) -> dict[tuple[str, str], Offer]:
    return {(offer.provider_key, offer.model_key): offer for offer in result.offers}


def reasons(result: ReadResult) -> dict[str, str]:
    return {skip.model_key: skip.reason for skip in result.skipped}


def shown(price: Price) -> dict[str, str]:
    """The prices given, as they print ("input": "0.15"), by short field name."""
    return {
        field.removesuffix("_usd_per_mtok"): str(value)
        for field, value in zip(Price._fields, price, strict=True)
        if value is not None
    }


# Exact decimals.


@pytest.mark.parametrize(
    ("per_token", "expected"),
    [
        ("1.5e-07", "0.15"),  # 0.15000000000000002 in float arithmetic
        ("1e-06", "1"),
        ("3.75e-05", "37.5"),
        ("0.0000375", "37.5"),
        ("2.5e-06", "2.5"),
        ("1e-05", "10"),
        ("3e-06", "3"),
        ("7.5e-08", "0.075"),
        ("6e-09", "0.006"),
        ("1.25e-06", "1.25"),
        ("0.000015", "15"),
        ("0", "0"),
        ("0.0", "0"),
    ],
)
def test_per_mtok_is_exact_and_reads_plainly(per_token: str, expected: str) -> None:
    value = parsed(per_token)
    result = per_mtok(value)
    assert isinstance(result, Decimal)
    assert str(result) == expected
    assert result == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.150000"), "0.15"),
        (Decimal("3.0E+1"), "30"),
        (Decimal("25.0"), "25"),
        (Decimal("-0"), "0"),
        (Decimal("1E+3"), "1000"),
    ],
)
def test_plain_drops_trailing_zeros_and_exponents(value: Decimal, expected: str) -> None:
    assert str(plain(value)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0.00003", Decimal("0.00003")),
        (Decimal("2.5"), Decimal("2.5")),
        (3, Decimal(3)),
        ("-1", Decimal(-1)),  # kept negative: the reader decides it means "dynamic"
        ("abc", None),
        ("NaN", None),
        ("Infinity", None),
        (True, None),
        (None, None),
        ([1], None),
        ({"base": 1}, None),
    ],
)
def test_number_accepts_numbers_and_decimal_strings_only(raw: Any, expected: Any) -> None:
    assert number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Data sets that compute prices in binary floating point write these.
        (Decimal("0.09999999999999999"), "0.1"),
        (Decimal("0.30000000000000004"), "0.3"),
        ("0.49299999999999994", "0.493"),  # genai-prices and OpenRouter write strings
        (Decimal("14.993999999999998"), "14.994"),
        (Decimal("2.9999900000000002E-6"), "0.00000299999"),  # LiteLLM, per token
        # Up to 15 significant digits a value is as the data writes it.
        (Decimal("0.123456789012345"), "0.123456789012345"),
        (Decimal("0.700000007"), "0.700000007"),
        (Decimal("0.15"), "0.15"),
    ],
)
def test_number_reads_float_arithmetic_at_15_digits(raw: Any, expected: str) -> None:
    assert str(number(raw)) == expected


def test_each_format_name_finds_its_reader() -> None:
    modules = {
        "models.dev": models_dev,
        "genai-prices": genai_prices,
        "openrouter": openrouter,
        "litellm": litellm,
    }
    assert set(modules) == set(FORMATS)
    for name, module in modules.items():
        assert reader(name) is module.read


@pytest.mark.parametrize("module", [models_dev, genai_prices, openrouter, litellm])
def test_a_file_of_the_wrong_shape_is_refused(module: Any) -> None:
    with pytest.raises(ValueError, match="expected"):
        module.read("not a data set")


# LiteLLM, on hand-made entries.

LITELLM = """{
  "sample_spec": {"mode": "one of: chat, embedding", "input_cost_per_token": 0.0},
  "mini": {
    "litellm_provider": "openai", "mode": "chat",
    "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07,
    "cache_read_input_token_cost": 7.5e-08, "cache_creation_input_token_cost": 3.75e-06,
    "cache_creation_input_token_cost_above_1hr": 6e-06,
    "input_cost_per_token_batches": 7.5e-08, "output_cost_per_token_batches": 3e-07,
    "input_cost_per_token_above_200k_tokens": 3e-07,
    "output_cost_per_token_above_200k_tokens": 6e-07,
    "input_cost_per_token_above_128k_tokens": 2e-07,
    "input_cost_per_token_priority": 2.5e-07,
    "max_input_tokens": 128000, "max_output_tokens": 0,
    "supports_vision": true, "supports_pdf_input": true, "supports_reasoning": false,
    "supports_parallel_function_calling": true, "supports_prompt_caching": true,
    "deprecation_date": "2027-01-14", "source": "https://example.com/pricing"
  },
  "free-chat": {"litellm_provider": "x", "mode": "completion",
                "input_cost_per_token": 0, "output_cost_per_token": 0.0, "source": "see docs",
                "deprecation_date": "2027-01"},
  "per-request": {"litellm_provider": "perplexity", "mode": "chat",
                  "input_cost_per_token": 0.0, "output_cost_per_token": 2.8e-06,
                  "input_cost_per_request": 0.005},
  "tiered": {"litellm_provider": "dashscope", "mode": "chat",
             "tiered_pricing": [
               {"input_cost_per_token": 1.2e-06, "output_cost_per_token": 6e-06,
                "range": [0, 32000.0]},
               {"input_cost_per_token": 2.4e-06, "output_cost_per_token": 1.2e-05,
                "range": [32000.0, 128000.0]}]},
  "text-embedding-x": {"litellm_provider": "openai", "mode": "embedding",
                       "input_cost_per_token": 2e-08, "output_cost_per_token": 0.0},
  "dall-e-x": {"litellm_provider": "openai", "mode": "image_generation"},
  "whisper-x": {"litellm_provider": "openai", "mode": "audio_transcription"},
  "realtime-x": {"litellm_provider": "openai", "mode": "realtime",
                 "input_cost_per_token": 5e-06, "output_cost_per_token": 2e-05},
  "tts-in-chat": {"litellm_provider": "gemini", "mode": "chat",
                  "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-05,
                  "supported_output_modalities": ["audio"]},
  "web-search": {"litellm_provider": "exa_ai", "mode": "search"},
  "no-mode-bucket": {"litellm_provider": "fireworks_ai",
                     "input_cost_per_token": 2e-07, "output_cost_per_token": 2e-07},
  "latest": {"alias_of": "mini"},
  "unpriced": {"litellm_provider": "bedrock", "mode": "chat"},
  "garbled": {"litellm_provider": "x", "mode": "chat",
              "input_cost_per_token": "about a dollar", "output_cost_per_token": null},
  "negative": {"litellm_provider": "x", "mode": "chat",
               "input_cost_per_token": -1, "output_cost_per_token": 1e-06}
}"""


@pytest.fixture(scope="module")
def litellm_fixture() -> ReadResult:
    return litellm.read(parsed(LITELLM))


def test_litellm_per_token_prices_become_exact_per_mtok_prices(
    litellm_fixture: ReadResult,
) -> None:
    offer = offers_by_key(litellm_fixture)["openai", "mini"]
    assert offer.price == Price(
        input_usd_per_mtok=Decimal("0.15"),
        output_usd_per_mtok=Decimal("0.6"),
        cache_read_usd_per_mtok=Decimal("0.075"),
        cache_write_usd_per_mtok=Decimal("3.75"),
        cache_write_1h_usd_per_mtok=Decimal("6"),
    )
    assert [str(value) for value in offer.price if value is not None] == [
        "0.15",
        "0.6",
        "0.075",
        "3.75",
        "6",
    ]
    assert offer.batch == Price(
        input_usd_per_mtok=Decimal("0.075"), output_usd_per_mtok=Decimal("0.3")
    )


def test_litellm_long_context_keys_become_tiers_with_only_what_changes(
    litellm_fixture: ReadResult,
) -> None:
    offer = offers_by_key(litellm_fixture)["openai", "mini"]
    assert offer.tiers == (
        Tier(128_000, Price(input_usd_per_mtok=Decimal("0.2"))),
        Tier(200_000, Price(input_usd_per_mtok=Decimal("0.3"))),  # output is unchanged
    )


def test_litellm_tiered_pricing_ranges_become_base_and_tiers(litellm_fixture: ReadResult) -> None:
    offer = offers_by_key(litellm_fixture)["dashscope", "tiered"]
    assert offer.price == Price(input_usd_per_mtok=Decimal("1.2"), output_usd_per_mtok=Decimal("6"))
    assert offer.tiers == (
        Tier(32_000, Price(input_usd_per_mtok=Decimal("2.4"), output_usd_per_mtok=Decimal("12"))),
    )


def test_litellm_facts_other_than_prices(litellm_fixture: ReadResult) -> None:
    offer = offers_by_key(litellm_fixture)["openai", "mini"]
    assert offer.dataset == "litellm"
    assert offer.source == "https://example.com/pricing"
    assert offer.retires == dt.date(2027, 1, 14)
    assert offer.context_window == 128_000
    assert offer.max_output_tokens is None  # 0 is not a limit
    assert offer.input_modalities == ("text", "image", "pdf")
    assert offer.output_modalities == ("text",)
    # parallel function calling is not "parallel agents"; a stated False is kept
    assert offer.capabilities == {"vision": True, "reasoning": False}
    assert offer.notes == ()
    # Service-tier prices come along (0.25 per 1M from 2.5e-07 per token).
    assert offer.priority == Price(input_usd_per_mtok=Decimal("0.25"))
    assert offer.flex is None
    assert offer.checked is None and offer.released is None


def test_litellm_free_is_a_price_and_a_request_fee_is_per_request(
    litellm_fixture: ReadResult,
) -> None:
    found = offers_by_key(litellm_fixture)
    free = found["x", "free-chat"]
    assert free.price == Price(input_usd_per_mtok=Decimal(0), output_usd_per_mtok=Decimal(0))
    assert free.source is None  # not a URL
    assert free.retires is None  # a month is not a day to retire on
    per_request = found["perplexity", "per-request"]
    assert per_request.price.request_usd == Decimal("0.005")
    assert per_request.price.output_usd_per_mtok == Decimal("2.8")


def test_litellm_skips_what_is_not_a_priced_text_model(litellm_fixture: ReadResult) -> None:
    assert reasons(litellm_fixture) == {
        "text-embedding-x": "embedding model",
        "dall-e-x": "image model",
        "whisper-x": "audio model",
        "realtime-x": "audio model",
        "tts-in-chat": "audio model",
        "web-search": "other",
        "no-mode-bucket": "other",
        "latest": "alias",
        "unpriced": "no token price",
        "garbled": "no token price",
        "negative": "dynamic price",
    }
    assert "sample_spec" not in {o.model_key for o in litellm_fixture.offers}


# genai-prices, on hand-made entries.

GENAI_PRICES = """[
  {"id": "acme", "name": "Acme", "pricing_urls": ["https://acme.example/pricing", "https://x"],
   "models": [
    {"id": "acme-large", "name": "Acme Large", "match": {"or_": [{"equals": "acme-large"}]},
     "context_window": 200000,
     "prices": {"input_mtok": "3", "output_mtok": "15.0", "cache_read_mtok": 0.30,
                "cache_write_mtok": "3.75", "cache_write_1h_mtok": "6", "requests_kcount": "5",
                "input_audio_mtok": "40", "__type__": "ModelPrice",
                "output_reasoning_mtok": {"base": "1", "tiers": []}}},
    {"id": "acme-long", "match": {"equals": "acme-long"},
     "prices": {"input_mtok": {"base": "1.25", "tiers": [{"start": 200000, "price": "2.5"}]},
                "output_mtok": {"base": "10", "tiers": [{"start": 200000, "price": "15"}]},
                "cache_read_mtok": {"base": "0.125",
                                    "tiers": [{"start": 200000, "price": "0.125"}]}}},
    {"id": "acme-dated", "match": {"equals": "acme-dated"}, "deprecated": true,
     "prices": [
       {"prices": {"input_mtok": "2", "output_mtok": "8"}},
       {"constraint": {"start_date": "2027-01-01"},
        "prices": {"input_mtok": "1", "output_mtok": "8"}},
       {"constraint": {"start_date": "2026-04-30"},
        "prices": {"input_mtok": "1.5", "output_mtok": "6"}},
       {"constraint": {"start_time": "00:30:00Z", "end_time": "16:30:00Z"},
        "prices": {"input_mtok": "4", "output_mtok": "16"}}]},
    {"id": "acme-cheap-hours", "match": {"equals": "acme-cheap-hours"},
     "prices": [
       {"prices": {"input_mtok": "0.135", "output_mtok": "0.55"}},
       {"constraint": {"start_time": "00:30:00+00:00", "end_time": "16:30:00+00:00"},
        "prices": {"input_mtok": "0.27", "output_mtok": "1.1"}}]},
    {"id": "acme-variants", "match": {"equals": "acme-variants"},
     "prices": {"input_mtok": "1", "output_mtok": "2"},
     "price_variants": [{"when": {"processing": "batch"}, "prices": {"input_mtok": "0.5"}}]},
    {"id": "acme-free", "match": {"equals": "acme-free"},
     "prices": {"input_mtok": 0, "output_mtok": 0}},
    {"id": "acme-embed-3", "match": {"equals": "acme-embed-3"}, "prices": {"input_mtok": "0.02"}},
    {"id": "acme-classifier", "match": {"equals": "acme-classifier"},
     "prices": {"input_mtok": "0.1"}},
    {"id": "acme-chat:free", "match": {"equals": "acme-chat:free"}, "prices": {}},
    {"id": "acme-moderation", "match": {"equals": "acme-moderation"}, "prices": {}},
    {"id": "acme-variable", "match": {"equals": "acme-variable"},
     "prices": {"input_mtok": "-1", "output_mtok": "2"}},
    {"id": "acme-broken", "match": {"equals": "acme-broken"}, "prices": "five dollars"}
  ]}
]"""


def test_litellm_regional_prices_are_skipped_cross_region_profiles_kept() -> None:
    def entry(provider: str) -> dict[str, Any]:
        return {
            "litellm_provider": provider,
            "mode": "chat",
            "input_cost_per_token": 3e-07,
            "output_cost_per_token": 1.5e-06,
        }

    result = litellm.read(
        parsed(
            json.dumps(
                {
                    "bedrock/us-gov-east-1/anthropic.claude-x-v1:0": entry("bedrock"),
                    "bedrock/ap-northeast-1/anthropic.claude-x-v1:0": entry("bedrock"),
                    "azure/eu/gpt-x-2026-01-01": entry("azure"),
                    "azure/us/gpt-x-2026-01-01": entry("azure"),
                    "azure/gpt-x": entry("azure"),
                    "azure/global/gpt-x-2026-01-01": entry("azure"),
                    "global.anthropic.claude-x-v1:0": entry("bedrock"),
                    "us.anthropic.claude-x-v1:0": entry("bedrock"),
                }
            )
        )
    )
    assert {offer.model_key for offer in result.offers} == {
        "azure/gpt-x",
        "azure/global/gpt-x-2026-01-01",
        "global.anthropic.claude-x-v1:0",
        "us.anthropic.claude-x-v1:0",
    }
    assert set(reasons(result).values()) == {"regional price"} and len(result.skipped) == 4


@pytest.fixture(scope="module")
def genai_fixture() -> ReadResult:
    return genai_prices.read(parsed(GENAI_PRICES))


def test_genai_prices_price_table(genai_fixture: ReadResult) -> None:
    offer = offers_by_key(genai_fixture)["acme", "acme-large"]
    assert offer.price == Price(
        input_usd_per_mtok=Decimal("3"),
        output_usd_per_mtok=Decimal("15"),
        cache_read_usd_per_mtok=Decimal("0.3"),
        cache_write_usd_per_mtok=Decimal("3.75"),
        cache_write_1h_usd_per_mtok=Decimal("6"),
        reasoning_usd_per_mtok=Decimal("1"),
        request_usd=Decimal("0.005"),  # 5 per 1,000 requests
    )
    assert str(offer.price.output_usd_per_mtok) == "15"
    assert offer.provider_name == "Acme"
    assert offer.provider_url == "https://acme.example/pricing"
    assert offer.model_name == "Acme Large"
    assert offer.match == {"or_": [{"equals": "acme-large"}]}  # as given, for the importer
    assert offer.context_window == 200_000
    assert offer.checked is None  # genai-prices dates no entry
    assert offer.source is None
    assert not offer.deprecated


def test_genai_prices_tiered_values_group_into_tiers(genai_fixture: ReadResult) -> None:
    offer = offers_by_key(genai_fixture)["acme", "acme-long"]
    assert offer.price.input_usd_per_mtok == Decimal("1.25")
    assert offer.tiers == (
        Tier(200_000, Price(input_usd_per_mtok=Decimal("2.5"), output_usd_per_mtok=Decimal("15"))),
    )


def test_genai_prices_dated_changes_oldest_first_and_windows_noted(
    genai_fixture: ReadResult,
) -> None:
    offer = offers_by_key(genai_fixture)["acme", "acme-dated"]
    assert offer.price == Price(input_usd_per_mtok=Decimal("2"), output_usd_per_mtok=Decimal("8"))
    assert offer.price_changes == (
        (
            dt.date(2026, 4, 30),
            Price(input_usd_per_mtok=Decimal("1.5"), output_usd_per_mtok=Decimal("6")),
        ),
        (
            dt.date(2027, 1, 1),
            Price(input_usd_per_mtok=Decimal("1"), output_usd_per_mtok=Decimal("8")),
        ),
    )
    assert offer.deprecated
    (window,) = offer.time_windows
    assert window[0] == "peak" and window[3].input_usd_per_mtok == Decimal("4")


def test_genai_prices_time_of_day_prices_become_time_windows(genai_fixture: ReadResult) -> None:
    # DeepSeek-style: the unconstrained price is the off-peak discount, and the
    # 00:30-16:30 UTC window holds the dearer standard price: a "peak" window.
    offer = offers_by_key(genai_fixture)["acme", "acme-cheap-hours"]
    assert offer.price.input_usd_per_mtok == Decimal("0.135")
    assert offer.price_changes == ()
    ((name, start, end, price),) = offer.time_windows
    assert (name, start, end) == ("peak", dt.time(0, 30), dt.time(16, 30))
    assert price == Price(input_usd_per_mtok=Decimal("0.27"), output_usd_per_mtok=Decimal("1.1"))
    assert offer.notes == ()


def test_genai_prices_variants_are_noted_not_imported(genai_fixture: ReadResult) -> None:
    offer = offers_by_key(genai_fixture)["acme", "acme-variants"]
    assert offer.batch is None
    assert offer.notes == ("price variants not imported (processing=batch)",)


def test_genai_prices_skips(genai_fixture: ReadResult) -> None:
    assert offers_by_key(genai_fixture)["acme", "acme-free"].price == Price(Decimal(0), Decimal(0))
    assert reasons(genai_fixture) == {
        "acme-embed-3": "embedding model",
        "acme-classifier": "no output price",
        "acme-chat:free": "no token price",
        "acme-moderation": "moderation model",
        "acme-variable": "dynamic price",
        "acme-broken": "malformed entry",
    }


# OpenRouter, on hand-made entries.

OPENROUTER = """{"data": [
  {"id": "acme/large", "name": "Acme: Large", "created": 1778613011, "context_length": 200000,
   "architecture": {"input_modalities": ["text", "image", "file"], "output_modalities": ["text"]},
   "pricing": {"prompt": "0.0000025", "completion": "0.00001", "input_cache_read": "0.00000125",
               "input_cache_write": "0.0000375", "internal_reasoning": "0.00000015",
               "request": "0.005", "image": "0.001", "web_search": "0.01"},
   "supported_parameters": ["tools", "response_format", "include_reasoning", "temperature"],
   "top_provider": {"context_length": 200000, "max_completion_tokens": 64000},
   "knowledge_cutoff": "2025-03-31", "expiration_date": "2026-06-01"},
  {"id": "acme/free:free", "name": "Acme: Free", "context_length": 32768,
   "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
   "pricing": {"prompt": "0", "completion": "0"}, "supported_parameters": [],
   "top_provider": {"context_length": null, "max_completion_tokens": null}},
  {"id": "openrouter/auto", "name": "Auto Router", "context_length": 2000000,
   "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
   "pricing": {"prompt": "-1", "completion": "-1"}, "top_provider": {}},
  {"id": "acme/painter", "name": "Acme: Painter", "context_length": 8000,
   "architecture": {"input_modalities": ["text"], "output_modalities": ["image"]},
   "pricing": {"prompt": "0.000001", "completion": "0.00004"}, "top_provider": {}}
]}"""


@pytest.fixture(scope="module")
def openrouter_fixture() -> ReadResult:
    return openrouter.read(parsed(OPENROUTER))


def test_openrouter_per_token_strings_become_exact_per_mtok_prices(
    openrouter_fixture: ReadResult,
) -> None:
    offer = offers_by_key(openrouter_fixture)["openrouter", "acme/large"]
    assert offer.price == Price(
        input_usd_per_mtok=Decimal("2.5"),
        output_usd_per_mtok=Decimal("10"),
        cache_read_usd_per_mtok=Decimal("1.25"),
        cache_write_usd_per_mtok=Decimal("37.5"),
        reasoning_usd_per_mtok=Decimal("0.15"),
        request_usd=Decimal("0.005"),
    )
    assert [str(value) for value in offer.price if value is not None] == [
        "2.5",
        "10",
        "1.25",
        "37.5",
        "0.15",
        "0.005",
    ]


def test_openrouter_facts_other_than_prices(openrouter_fixture: ReadResult) -> None:
    offer = offers_by_key(openrouter_fixture)["openrouter", "acme/large"]
    assert offer.input_modalities == ("text", "image", "pdf")  # "file" is a PDF input
    assert offer.capabilities == {
        "vision": True,
        "multimodal": True,
        "function_calling": True,
        "structured_outputs": True,
        "reasoning": True,
    }
    assert offer.context_window == 200_000
    assert offer.max_output_tokens == 64_000
    assert offer.knowledge_cutoff == "2025-03-31"
    assert offer.retires == dt.date(2026, 6, 1)
    assert offer.released is None and offer.checked is None  # `created` is neither


def test_openrouter_free_kept_dynamic_and_image_models_skipped(
    openrouter_fixture: ReadResult,
) -> None:
    free = offers_by_key(openrouter_fixture)["openrouter", "acme/free:free"]
    assert free.price == Price(input_usd_per_mtok=Decimal(0), output_usd_per_mtok=Decimal(0))
    assert free.capabilities == {"vision": False, "multimodal": False}
    assert reasons(openrouter_fixture) == {
        "openrouter/auto": "dynamic price",
        "acme/painter": "image model",
    }


# models.dev, on hand-made entries.

MODELS_DEV = """{
  "acme": {"id": "acme", "name": "Acme", "doc": "https://acme.example/docs", "models": {
    "acme-large": {"id": "acme-large", "name": "Acme Large", "family": "acme",
      "release_date": "2025-02", "last_updated": "2025-03-04", "knowledge": "2024-10",
      "attachment": true, "reasoning": true, "tool_call": false, "structured_output": true,
      "open_weights": false,
      "cost": {"input": 3, "output": 15.00, "cache_read": 0.3, "cache_write": 3.75,
               "input_audio": 40,
               "tiers": [{"tier": {"type": "context", "size": 200000},
                          "input": 6, "output": 22.5, "cache_read": 0.3}],
               "context_over_200k": {"input": 6, "output": 22.5}},
      "limit": {"context": 1000000, "output": 0},
      "modalities": {"input": ["text", "image", "pdf"], "output": ["text"]}},
    "acme-old": {"id": "acme-old", "name": "Acme Old", "release_date": "2023-02-30",
      "last_updated": "soon", "knowledge": "2023-13", "status": "deprecated",
      "reasoning": false, "tool_call": true, "open_weights": true,
      "cost": {"input": 0.5, "output": 1.5,
               "context_over_200k": {"input": 1, "output": 1.5}},
      "limit": {"context": 128000, "output": 4096},
      "modalities": {"input": ["text"], "output": ["text"]}},
    "acme-vectors": {"id": "acme-vectors", "name": "Acme Vectors", "family": "acme-embed",
      "cost": {"input": 0.1, "output": 0}, "limit": {"context": 8192, "output": 1},
      "modalities": {"input": ["text"], "output": ["text"]}},
    "acme-nothing-out": {"id": "acme-nothing-out", "name": "Acme NO",
      "cost": {"input": 0.1, "output": 0}, "limit": {"context": 8192, "output": 0},
      "modalities": {"input": ["text"], "output": []}},
    "acme-painter": {"id": "acme-painter", "name": "Acme Painter",
      "cost": {"input": 1, "output": 40}, "limit": {"context": 8192, "output": 0},
      "modalities": {"input": ["text"], "output": ["image"]}},
    "acme-unpriced": {"id": "acme-unpriced", "name": "Acme Unpriced",
      "limit": {"context": 8192, "output": 0},
      "modalities": {"input": ["text"], "output": ["text"]}},
    "acme-variable": {"id": "acme-variable", "name": "Acme Variable",
      "cost": {"input": -1, "output": 2}, "limit": {"context": 8192, "output": 0},
      "modalities": {"input": ["text"], "output": ["text"]}}
  }}
}"""


@pytest.fixture(scope="module")
def models_dev_fixture() -> ReadResult:
    return models_dev.read(parsed(MODELS_DEV))


def test_models_dev_offer(models_dev_fixture: ReadResult) -> None:
    offer = offers_by_key(models_dev_fixture)["acme", "acme-large"]
    assert offer.price == Price(
        input_usd_per_mtok=Decimal("3"),
        output_usd_per_mtok=Decimal("15"),
        cache_read_usd_per_mtok=Decimal("0.3"),
        cache_write_usd_per_mtok=Decimal("3.75"),
    )
    assert str(offer.price.output_usd_per_mtok) == "15"
    # the tier states cache_read unchanged: only what changes is kept
    assert offer.tiers == (
        Tier(200_000, Price(input_usd_per_mtok=Decimal("6"), output_usd_per_mtok=Decimal("22.5"))),
    )
    assert offer.released == dt.date(2025, 2, 1)
    assert offer.checked == dt.date(2025, 3, 4)
    assert offer.knowledge_cutoff == "2024-10"
    assert offer.context_window == 1_000_000
    assert offer.max_output_tokens is None
    assert offer.open_weights is False
    assert offer.family == "acme"
    assert offer.provider_url == "https://acme.example/docs"
    assert offer.capabilities == {
        "vision": True,
        "multimodal": True,
        "reasoning": True,
        "function_calling": False,
        "structured_outputs": True,
    }


def test_models_dev_bad_dates_are_dropped_and_status_read(models_dev_fixture: ReadResult) -> None:
    offer = offers_by_key(models_dev_fixture)["acme", "acme-old"]
    assert offer.released is None  # 30 February
    assert offer.checked is None
    assert offer.knowledge_cutoff is None
    assert offer.deprecated
    assert offer.open_weights is True
    assert offer.capabilities == {
        "vision": False,
        "multimodal": False,
        "reasoning": False,
        "function_calling": True,
    }
    # no `tiers` list: the older context_over_200k field stands in
    assert offer.tiers == (Tier(200_000, Price(input_usd_per_mtok=Decimal("1"))),)


def test_models_dev_skips(models_dev_fixture: ReadResult) -> None:
    assert reasons(models_dev_fixture) == {
        "acme-vectors": "embedding model",
        "acme-nothing-out": "embedding model",
        "acme-painter": "image model",
        "acme-unpriced": "no token price",
        "acme-variable": "dynamic price",
    }


# The real reference files.


def _data_file(fmt: str, entries: list[tuple[str, str, str]]) -> Any:
    """A data file of format `fmt` with one provider and these (id, input, output)
    entries, prices per 1M tokens, written as the format writes them."""

    def per_token(price: str) -> str:
        return str(Decimal(price) / 1_000_000)

    if fmt == "models.dev":
        models = {
            key: {
                "id": key,
                "name": key,
                "cost": {"input": i, "output": o},
                "limit": {"context": 8000},
            }
            for key, i, o in entries
        }
        return parsed(json.dumps({"lab": {"name": "Lab", "models": models}}))
    if fmt == "genai-prices":
        models = [
            {"id": key, "prices": {"input_mtok": i, "output_mtok": o}} for key, i, o in entries
        ]
        return parsed(json.dumps([{"id": "lab", "name": "Lab", "models": models}]))
    if fmt == "openrouter":
        data = [
            {
                "id": key,
                "name": key,
                "context_length": 8000,
                "pricing": {"prompt": per_token(i), "completion": per_token(o)},
            }
            for key, i, o in entries
        ]
        return parsed(json.dumps({"data": data}))
    return parsed(
        json.dumps(
            {
                key: {
                    "litellm_provider": "lab",
                    "mode": "chat",
                    "input_cost_per_token": float(per_token(i)),
                    "output_cost_per_token": float(per_token(o)),
                }
                for key, i, o in entries
            }
        )
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_skips_input_only_prices_and_models_named_for_speech_or_images(
    fmt: str,
) -> None:
    result = reader(fmt)(
        _data_file(
            fmt,
            [
                ("lab/chat-1", "0.1", "0.4"),
                ("lab/free-chat", "0", "0"),  # free: a price (a free route), kept
                ("lab/vector-small", "0.02", "0"),  # input only: an embedding's price
                ("lab/model-router", "0.14", "0"),
                ("lab/kb-whisper-large", "2.3", "0.46"),  # speech to text
                ("lab/gemini-9-flash-tts", "0.5", "10"),  # text to speech
                ("lab/flux-1-dev", "1", "1"),  # image generation
            ],
        )
    )
    assert {offer.model_key for offer in result.offers} == {"lab/chat-1", "lab/free-chat"}
    assert reasons(result) == {
        "lab/vector-small": "no output price",
        "lab/model-router": "no output price",
        "lab/kb-whisper-large": "audio model",
        "lab/gemini-9-flash-tts": "audio model",
        "lab/flux-1-dev": "image model",
    }


def _reference(name: str) -> Any:
    return reference_json(name)


@pytest.fixture(scope="module")
def real_litellm() -> ReadResult:
    return litellm.read(_reference("litellm-1.110.2_model_prices_and_context_window.json"))


@pytest.fixture(scope="module")
def real_genai_v2() -> ReadResult:
    return genai_prices.read(_reference("genai-prices_v2_data.json"))


@pytest.fixture(scope="module")
def real_genai() -> ReadResult:
    return genai_prices.read(_reference("genai-prices-0.2.3_data.json"))


@pytest.fixture(scope="module")
def real_openrouter() -> ReadResult:
    return openrouter.read(_reference("openrouter_api_v1_models_sample.json"))


@pytest.fixture(scope="module")
def real_models_dev() -> ReadResult:
    return models_dev.read(_reference("models.dev_api.json"))


REAL = ["real_litellm", "real_genai_v2", "real_genai", "real_openrouter", "real_models_dev"]


@pytest.mark.parametrize("fixture", REAL)
def test_every_real_offer_is_well_formed(fixture: str, request: pytest.FixtureRequest) -> None:
    result: ReadResult = request.getfixturevalue(fixture)
    assert len(result.offers) > 300
    for offer in result.offers:
        assert offer.dataset in FORMATS
        prices = [
            offer.price,
            *(t.price for t in offer.tiers),
            *(p for _, p in offer.price_changes),
        ]
        prices += [offer.batch] if offer.batch is not None else []
        for price in prices:
            for value in price:
                if value is not None:
                    assert isinstance(value, Decimal), offer
                    assert value.is_finite() and value >= 0, offer
                    assert "E" not in str(value) and str(value) == str(plain(value)), offer
        assert (
            offer.price.input_usd_per_mtok is not None
            or offer.price.output_usd_per_mtok is not None
        )
        days = [day for day, _ in offer.price_changes]
        assert days == sorted(set(days)), offer
        thresholds = [tier.above_input_tokens for tier in offer.tiers]
        assert thresholds == sorted(set(thresholds)) and all(n > 0 for n in thresholds), offer
        assert set(offer.capabilities) <= set(CAPABILITIES), offer
        assert set(offer.input_modalities) <= set(MODALITIES), offer
        assert set(offer.output_modalities) <= set(MODALITIES), offer
        if offer.output_modalities:
            assert "text" in offer.output_modalities, offer
        for limit in (offer.context_window, offer.max_output_tokens):
            assert limit is None or (isinstance(limit, int) and limit > 0), offer
    assert skip_counts(result.skipped)  # each file has entries that are not text offers


def test_real_litellm_known_prices(real_litellm: ReadResult) -> None:
    found = {offer.model_key: offer for offer in real_litellm.offers}
    gpt_4o = found["gpt-4o"]
    assert gpt_4o.provider_key == "openai"
    assert shown(gpt_4o.price) == {"input": "2.5", "output": "10", "cache_read": "1.25"}
    assert gpt_4o.batch is not None
    assert shown(gpt_4o.batch) == {"input": "1.25", "output": "5"}
    # 1.5e-07 and 6e-07 per token in the file
    assert shown(found["gpt-4o-mini"].price) == {
        "input": "0.15",
        "output": "0.6",
        "cache_read": "0.075",
    }
    assert shown(found["claude-sonnet-4-5"].price) == {
        "input": "3",
        "output": "15",
        "cache_read": "0.3",
        "cache_write": "3.75",
        "cache_write_1h": "6",
    }
    assert shown(found["claude-opus-4-7"].price)["output"] == "25"
    bedrock = found["anthropic.claude-3-5-sonnet-20240620-v1:0"]
    assert bedrock.provider_key == "bedrock"
    assert shown(bedrock.price)["input"] == "3"
    gemini = found["gemini-2.5-pro"]
    assert gemini.tiers[0].above_input_tokens == 200_000
    assert shown(gemini.tiers[0].price)["input"] == "2.5"


def test_real_litellm_skips(real_litellm: ReadResult) -> None:
    counts = skip_counts(real_litellm.skipped)
    assert counts["embedding model"] >= 100
    assert counts["image model"] >= 100
    assert counts["audio model"] >= 50
    assert reasons(real_litellm)["text-embedding-3-small"] == "embedding model"
    assert len(real_litellm.offers) > 3000


def test_real_genai_prices_latest(real_genai: ReadResult) -> None:
    found = offers_by_key(real_genai)
    opus = found["anthropic", "claude-opus-5"]
    assert shown(opus.price) == {
        "input": "5",
        "output": "25",
        "cache_read": "0.5",
        "cache_write": "6.25",
        "cache_write_1h": "10",
    }
    assert opus.checked is None

    grok = found["x-ai", "grok-4.20"]
    assert shown(grok.price) == {"input": "2", "output": "6", "cache_read": "0.2"}
    changes = {day: shown(price) for day, price in grok.price_changes}
    assert changes[dt.date(2026, 4, 30)] == {"input": "1.25", "output": "2.5"}

    deepseek = found["deepseek", "deepseek-chat"]
    assert shown(deepseek.price)["input"] == "0.135"  # the off-peak price, unconstrained
    assert [window[0] for window in deepseek.time_windows] == ["peak"]

    assert skip_counts(real_genai.skipped)["embedding model"] >= 10
    assert len(real_genai.offers) > 1500


def test_real_genai_prices_v2(real_genai_v2: ReadResult) -> None:
    gpt_4o = offers_by_key(real_genai_v2)["openai", "gpt-4o"]
    assert shown(gpt_4o.price) == {"input": "2.5", "output": "10", "cache_read": "1.25"}
    assert len(real_genai_v2.offers) > 1000


def test_real_openrouter(real_openrouter: ReadResult) -> None:
    found = {offer.model_key: offer for offer in real_openrouter.offers}
    assert shown(found["anthropic/claude-sonnet-4.5"].price) == {
        "input": "3",
        "output": "15",
        "cache_read": "0.3",
        "cache_write": "3.75",
    }
    assert shown(found["openai/gpt-4o-mini"].price)["input"] == "0.15"
    assert all(offer.provider_key == "openrouter" for offer in real_openrouter.offers)
    assert reasons(real_openrouter)["openrouter/auto"] == "dynamic price"
    assert skip_counts(real_openrouter.skipped)["dynamic price"] >= 1


def test_real_models_dev(real_models_dev: ReadResult) -> None:
    found = offers_by_key(real_models_dev)
    opus = found["anthropic", "claude-opus-4-7"]
    assert shown(opus.price) == {
        "input": "5",
        "output": "25",
        "cache_read": "0.5",
        "cache_write": "6.25",
    }
    assert opus.released == dt.date(2026, 4, 16)
    tiered = found["302ai", "claude-opus-4-7"]
    assert [tier.above_input_tokens for tier in tiered.tiers] == [200_000]
    assert shown(tiered.tiers[0].price) == {
        "input": "10",
        "output": "37.5",
        "cache_read": "1",
        "cache_write": "12.5",
    }
    skipped = {(skip.provider_key, skip.model_key): skip.reason for skip in real_models_dev.skipped}
    assert skipped["openai", "text-embedding-3-small"] == "embedding model"
    assert len(real_models_dev.offers) > 4000
