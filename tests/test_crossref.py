"""The catalog against other public data sets: matching ids, and the cross-check itself.

The cross-check reads ../shared/reference/ (or $LLMCOMPARE_REFERENCE_DIR). Under
CI (CI=true) its absence is a failure; elsewhere the test is skipped, saying why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from llmcompare.catalog import bundled_catalog_root
from llmcompare.crossref import (
    PROVIDER_KEYS,
    ReferenceFact,
    References,
    _price_in_force,
    clause_matches,
    differences,
    explains_difference,
    genai_prices_fact,
    models_dev_fact,
    openrouter_fact,
    reference_facts,
)
from llmcompare.domain import Price, Tier
from llmcompare.loader import load_catalog_dir

from factory import CHECKED
from reference import reference_json

# Matching, on small hand-made data.


@pytest.mark.parametrize(
    ("clause", "model_id", "expected"),
    [
        ({"equals": "gpt-4o"}, "GPT-4o", True),
        ({"equals": "gpt-4o"}, "gpt-4o-mini", False),
        ({"starts_with": "claude-3"}, "claude-3-haiku", True),
        ({"ends_with": "-8b"}, "llama-guard-2-8b", True),
        ({"contains": "guard"}, "llama-guard-2-8b", True),
        ({"regex": r"^o\d"}, "o3-mini", True),
        ({"or": [{"equals": "a"}, {"equals": "b"}]}, "b", True),
        ({"and": [{"starts_with": "a"}, {"ends_with": "z"}]}, "abc", False),
    ],
)
def test_genai_prices_match_clauses(clause: dict[str, Any], model_id: str, expected: bool) -> None:
    assert clause_matches(clause, model_id) is expected


def test_dated_prices_take_the_one_in_force() -> None:
    prices = [
        {"prices": {"input_mtok": 2}},
        {"constraint": {"start_date": "2026-01-01"}, "prices": {"input_mtok": 3}},
        {"constraint": {"start_date": "2099-01-01"}, "prices": {"input_mtok": 9}},
    ]
    assert _price_in_force(prices, dt.date(2026, 8, 21)) == {"input_mtok": 3}
    assert _price_in_force(prices, dt.date(2025, 1, 1)) == {"input_mtok": 2}


def test_lookups_in_each_data_set() -> None:
    models_dev = {
        "togetherai": {
            "models": {
                "m/x": {"cost": {"input": Decimal("0.2"), "output": 1}, "limit": {"context": 8}}
            }
        }
    }
    fact = models_dev_fact(models_dev, "together", "m/x")
    assert fact is not None
    assert (fact.input_usd_per_mtok, fact.output_usd_per_mtok, fact.context_window) == (
        Decimal("0.2"),
        1,
        8,
    )
    assert models_dev_fact(models_dev, "groq", "m/x") is None

    genai = [
        {
            "id": "aws",
            "models": [
                {"match": {"starts_with": "m."}, "prices": {"input_mtok": {"base": 1, "tiers": []}}}
            ],
        }
    ]
    fact = genai_prices_fact(genai, "bedrock", "m.x-v1")
    assert fact is not None and fact.input_usd_per_mtok == 1

    openrouter = {"data": [{"id": "a/b", "pricing": {"prompt": "0.00000018", "completion": "-1"}}]}
    fact = openrouter_fact(openrouter, "a/b")
    assert fact is not None
    assert fact.input_usd_per_mtok == Decimal("0.18") and fact.output_usd_per_mtok is None


def test_cache_prices_are_compared_and_a_missing_one_is_a_difference(catalog_dir: Path) -> None:
    catalog = load_catalog_dir(catalog_dir)
    model = catalog.model("big-chat")  # its alpha route: 1 in, 2 out, cache read 0.5
    route = model.routes[0]
    price = route.price

    def fact(**prices: Any) -> ReferenceFact:
        base = {"input_usd_per_mtok": price.input_usd_per_mtok, "output_usd_per_mtok": 2}
        return ReferenceFact("set", **{**base, **prices}, context_window=None, taken=CHECKED)

    assert differences(model, route, fact(cache_read_usd_per_mtok=Decimal("0.5"))) == []
    assert differences(model, route, fact(cache_read_usd_per_mtok=Decimal("0.25"))) == [
        "cache-read price 0.5 vs 0.25 in set"
    ]
    assert differences(model, route, fact(cache_write_usd_per_mtok=Decimal("1.25"))) == [
        "no cache-write price (it is 1.25 in set)"
    ]
    # A 0 where the catalog has no price means "not offered" as often as "free".
    assert differences(model, route, fact(cache_write_usd_per_mtok=Decimal(0))) == []


def test_a_data_set_rounding_is_not_a_difference(catalog_dir: Path) -> None:
    catalog = load_catalog_dir(catalog_dir)
    model = catalog.model("big-chat")
    route = model.routes[0]._replace(
        price=model.routes[0].price._replace(
            cache_write_usd_per_mtok=Decimal("0.08333333333333334")
        )
    )

    def fact(write: str) -> ReferenceFact:
        return ReferenceFact(
            "set", Decimal(1), Decimal(2), None, CHECKED, Decimal("0.5"), Decimal(write)
        )

    assert differences(model, route, fact("0.083333")) == []
    assert differences(model, route, fact("0.0833333333333333400000")) == []
    assert differences(model, route, fact("0.09")) != []


def test_long_context_tiers_are_read_from_both_data_sets_and_compared(catalog_dir: Path) -> None:
    genai = [
        {
            "id": "anthropic",
            "models": [
                {
                    "match": {"equals": "m"},
                    "prices": {
                        "input_mtok": {"base": 1, "tiers": [{"start": 200000, "price": 2}]},
                        "output_mtok": {"base": 2, "tiers": [{"start": 200000, "price": 3}]},
                        "cache_read_mtok": Decimal("0.1"),
                    },
                }
            ],
        }
    ]
    models_dev = {
        "anthropic": {
            "models": {
                "m": {
                    "cost": {
                        "input": 1,
                        "output": 2,
                        "tiers": [{"tier": {"size": 200000, "type": "context"}, "input": 2}],
                    }
                }
            }
        }
    }
    from_genai = genai_prices_fact(genai, "anthropic", "m")
    from_models_dev = models_dev_fact(models_dev, "anthropic", "m")
    assert from_genai is not None and from_models_dev is not None
    tier = from_genai.tiers[0]
    assert tier.above_input_tokens == 200_000
    assert (tier.price.input_usd_per_mtok, tier.price.output_usd_per_mtok) == (2, 3)
    assert from_models_dev.tiers[0].price.input_usd_per_mtok == 2

    catalog = load_catalog_dir(catalog_dir)
    model = catalog.model("big-chat")
    untiered = model.routes[0]  # 1 in, 2 out, no tiers
    assert "no long-context tier above 200,000 tokens (input 2 in set)" in differences(
        model, untiered, from_genai._replace(dataset="set", cache_read_usd_per_mtok=None)
    )
    tiered = untiered._replace(tiers=(Tier(200_000, Price(input_usd_per_mtok=Decimal(2))),))
    # The tier names only its input price; above the threshold output stays at 2.
    [found] = differences(model, tiered, from_genai._replace(cache_read_usd_per_mtok=None))
    assert found.startswith("output price above 200,000 tokens 2")
    assert found.endswith("vs 3 in genai-prices")
    assert differences(model, tiered, from_models_dev) == []


def test_a_note_must_cite_a_source_to_explain_a_difference(catalog_dir: Path) -> None:
    route = load_catalog_dir(catalog_dir).model("small-guard").routes[0]
    assert not explains_difference(route._replace(note=None))
    assert not explains_difference(route._replace(note="we think this is right"))
    assert explains_difference(route._replace(note="genai-prices 2026-08-21 has 0.40"))
    assert explains_difference(route._replace(note="as on https://example.com/pricing"))


def test_every_provider_of_the_catalog_is_mapped_or_known_absent() -> None:
    catalog = load_catalog_dir(bundled_catalog_root())
    unmapped = set(catalog.providers) - set(PROVIDER_KEYS)
    # Providers no reference data set covers.
    assert unmapped <= {"replicate", "octoai"}, unmapped


# The cross-check over the bundled catalog.


def _references() -> References:
    return References(
        models_dev=reference_json("models.dev_api.json"),
        genai_prices=reference_json("genai-prices_v2_data.json"),
        openrouter=reference_json("openrouter_api_v1_models_sample.json"),
    )


def test_bundled_routes_agree_with_reference_data_or_say_why() -> None:
    refs = _references()
    catalog = load_catalog_dir(bundled_catalog_root())
    unexplained = []
    checked = 0
    for model in catalog.models:
        for i, route in enumerate(model.routes):
            for fact in reference_facts(refs, route):
                checked += 1
                found = differences(model, route, fact)
                if found and not explains_difference(route):
                    where = (
                        f"{model.source_file}: routes[{i}] ({route.provider.id} {route.model_id})"
                    )
                    unexplained.append(f"{where}: {'; '.join(found)}")
    assert checked > 50, "the cross-check matched almost nothing: are the ids right?"
    assert not unexplained, "\n".join(unexplained)


# First-party routes against the late-2026 files (genai-prices 0.2.3, LiteLLM 1.110.2).

# Catalog providers that are their creator's own API.
FIRST_PARTY = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "xai": "xai",
    "mistral": "mistral",
    "deepseek": "deepseek",
    "moonshotai": "moonshotai",
    "zhipuai": "zhipuai",
    "minimax": "minimax",
    "alibaba": "alibaba",
    "cohere": "cohere",
    "perplexity": "perplexity",
    "meta": "meta",
}


def test_first_party_routes_agree_with_the_late_2026_data_or_say_why() -> None:
    refs = References(
        genai_prices_late=reference_json("genai-prices-0.2.3_data.json"),
        litellm=reference_json("litellm-1.110.2_model_prices_and_context_window.json"),
    )
    catalog = load_catalog_dir(bundled_catalog_root())
    unexplained = []
    checked = 0
    for model in catalog.models:
        for i, route in enumerate(model.routes):
            if FIRST_PARTY.get(route.provider.id) != model.creator.id:
                continue
            for fact in reference_facts(refs, route):
                checked += 1
                found = differences(model, route, fact)
                if found and not explains_difference(route):
                    where = f"{model.source_file}: routes[{i}] ({route.provider.id})"
                    unexplained.append(f"{where}: {'; '.join(found)}")
    assert checked > 100, "the late-2026 cross-check matched almost nothing"
    assert not unexplained, f"{len(unexplained)} unexplained:\n" + "\n".join(unexplained)
