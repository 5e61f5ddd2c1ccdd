"""The cost engine against hand-computed bills from published price pages.

The routes copy providers' published prices (factory.published_price_models):
- gpt-4o-mini, o3, o4-mini: https://platform.openai.com/docs/pricing (o3's cut to
  $2/$8 on 2025-06-10 as dated there and in genai-prices 2026-08-21);
- Claude Sonnet 4.5: https://www.anthropic.com/pricing#api, batch prices from
  https://docs.anthropic.com/en/docs/build-with-claude/batch-processing;
- Claude Sonnet 5's change to $3/$15 on 2026-09-01: genai-prices 2026-08-21;
- Gemini 2.5 Pro: https://ai.google.dev/gemini-api/docs/pricing;
- Sonar, Sonar Deep Research: https://docs.perplexity.ai/getting-started/pricing;
- Llama Guard 2 8B on Replicate: https://replicate.com/meta/meta-llama-guard-2-8b.
Each expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcompare.costing import (
    Period,
    Traffic,
    TrafficError,
    affordable,
    build_traffic,
    cheapest_route,
    per_period,
    route_cost,
)
from llmcompare.domain import Catalog
from llmcompare.loader import load_catalog_dir
from llmcompare.quantity import Percent

from factory import published_price_models, write_catalog

D = Decimal
M = 1_000_000


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog_dir(
        write_catalog(tmp_path_factory.mktemp("engine") / "c", published_price_models())
    )


def _bill(catalog: Catalog, model_id: str, traffic: Traffic, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    chosen = catalog.as_of(on).model(model_id) if on else catalog.model(model_id)
    cost = route_cost(chosen, chosen.routes[0], traffic.checked())
    assert cost is not None
    return cost


# Regression cases: published prices, bills worked out by hand.


def test_01_plain_input_and_output(catalog: Catalog) -> None:
    # gpt-4o-mini: 1M x $0.15 + 1M x $0.60 = $0.75.
    assert _bill(catalog, "gpt-4o-mini", Traffic(M, M)).total_usd == D("0.75")


def test_02_cached_input_at_the_cache_read_price(catalog: Catalog) -> None:
    # gpt-4o-mini, 1M input of which half cached: 0.5 x 0.15 + 0.5 x 0.075 = $0.1125.
    cost = _bill(catalog, "gpt-4o-mini", Traffic(M, 0, cached_input_tokens=M // 2))
    assert (cost.uncached_input_usd, cost.cached_input_usd) == (D("0.075"), D("0.0375"))
    assert cost.total_usd == D("0.1125") and not cost.notes


def test_03_batch_prices_only_when_asked(catalog: Catalog) -> None:
    # gpt-4o-mini batch: 10M x $0.075 + 2M x $0.30 = $0.75 + $0.60 = $1.35.
    assert _bill(catalog, "gpt-4o-mini", Traffic(10 * M, 2 * M, batch=True)).total_usd == D("1.35")
    # The same without --batch: 10 x 0.15 + 2 x 0.60 = $2.70.
    assert _bill(catalog, "gpt-4o-mini", Traffic(10 * M, 2 * M)).total_usd == D("2.70")


def test_04_cache_reads_and_writes(catalog: Catalog) -> None:
    # Sonnet 4.5, 1M input: 200k 5-minute writes, 300k reads, 500k uncached:
    # 0.5 x 3 + 0.3 x 0.30 + 0.2 x 3.75 = 1.50 + 0.09 + 0.75 = $2.34.
    traffic = Traffic(M, 0, cached_input_tokens=300_000, cache_write_tokens=200_000)
    cost = _bill(catalog, "claude-sonnet-4-5", traffic)
    assert (cost.uncached_input_usd, cost.cached_input_usd, cost.cache_write_usd) == (
        D("1.5"),
        D("0.09"),
        D("0.75"),
    )
    assert cost.total_usd == D("2.34")


def test_05_one_hour_cache_writes(catalog: Catalog) -> None:
    # Sonnet 4.5: 100k 1-hour writes x $6 = $0.60 (+ nothing else).
    traffic = Traffic(100_000, 0, cache_write_1h_tokens=100_000)
    assert _bill(catalog, "claude-sonnet-4-5", traffic).total_usd == D("0.6")


def test_06_long_context_tier_applies_per_request(catalog: Catalog) -> None:
    # Sonnet 4.5, 10 requests of 250k input and 1k output: over 200K, so
    # 2.5M x $6 + 10k x $22.50 = $15 + $0.225 = $15.225.
    cost = _bill(catalog, "claude-sonnet-4-5", Traffic(2_500_000, 10_000, requests=10))
    assert cost.tier is not None and cost.tier.above_input_tokens == 200_000
    assert cost.total_usd == D("15.225")
    assert any("exceeds 200,000" in note for note in cost.notes)


def test_07_same_tokens_in_small_requests_stay_at_base_price(catalog: Catalog) -> None:
    # The same 2.5M input and 10k output as 2,500 requests of 1k input:
    # 2.5 x $3 + 0.01 x $15 = $7.50 + $0.15 = $7.65.
    cost = _bill(catalog, "claude-sonnet-4-5", Traffic(2_500_000, 10_000, requests=2_500))
    assert cost.tier is None and cost.total_usd == D("7.65")


def test_08_without_requests_base_prices_and_a_note(catalog: Catalog) -> None:
    # 2.5M input, 10k output, request size unknown: base prices, $7.65, said so.
    cost = _bill(catalog, "claude-sonnet-4-5", Traffic(2_500_000, 10_000))
    assert cost.total_usd == D("7.65")
    assert any("assumed each request's input is at most 200,000" in n for n in cost.notes)


def test_09_batch_on_anthropic(catalog: Catalog) -> None:
    # Sonnet 4.5 batch (ANTHROPIC_BATCH): 1M x $1.50 + 1M x $7.50 = $9.
    assert _bill(catalog, "claude-sonnet-4-5", Traffic(M, M, batch=True)).total_usd == D("9")


def test_10_and_11_a_month_of_1b_input_as_big_or_small_requests(catalog: Catalog) -> None:
    # Gemini 2.5 Pro, 1B input and 8M output in a month:
    # as 4,000 requests of 250k: 1,000 x $2.50 + 8 x $15 = $2,500 + $120 = $2,620;
    # as 1,000,000 requests of 1k: 1,000 x $1.25 + 8 x $10 = $1,250 + $80 = $1,330.
    big = _bill(catalog, "gemini-2.5-pro", Traffic(10**9, 8 * M, requests=4_000))
    small = _bill(catalog, "gemini-2.5-pro", Traffic(10**9, 8 * M, requests=1_000_000))
    assert (big.total_usd, small.total_usd) == (D("2620"), D("1330"))
    assert any("250,000" in note for note in big.notes)  # explained
    assert small.tier is None


def test_12_per_request_fees(catalog: Catalog) -> None:
    # Sonar, 1,000 requests, 1M in, 100k out: $1 + $0.10 + 1,000 x $0.012 = $13.10.
    cost = _bill(catalog, "sonar", Traffic(M, 100_000, requests=1_000))
    assert cost.request_fees_usd == D("12") and cost.total_usd == D("13.1")


def test_13_fees_need_a_request_count(catalog: Catalog) -> None:
    cost = _bill(catalog, "sonar", Traffic(M, 100_000))
    assert cost.total_usd == D("1.1")
    assert any("per-request fee not included" in note for note in cost.notes)


def test_14_a_past_price_cut(catalog: Catalog) -> None:
    # o3, 1M in + 1M out: $10 + $40 = $50 before 2025-06-10, $2 + $8 = $10 from then.
    traffic = Traffic(M, M)
    assert _bill(catalog, "o3", traffic, dt.date(2025, 6, 9)).total_usd == D("50")
    assert _bill(catalog, "o3", traffic, dt.date(2025, 6, 10)).total_usd == D("10")


def test_15_a_scheduled_price_change(catalog: Catalog) -> None:
    # Sonnet 5, 1M in + 1M out: $2 + $10 = $12 on 2026-08-31, $3 + $15 = $18 from 2026-09-01,
    # and the cache-write price the change does not name stays $2.50.
    traffic = Traffic(M, M)
    assert _bill(catalog, "claude-sonnet-5", traffic, dt.date(2026, 8, 31)).total_usd == D("12")
    later = _bill(catalog, "claude-sonnet-5", traffic, dt.date(2026, 9, 1))
    assert later.total_usd == D("18")
    assert later.route.price.cache_write_usd_per_mtok == D("2.5")


def test_16_reasoning_billed_as_output(catalog: Catalog) -> None:
    # o4-mini, 1M output of which 600k reasoning: all at $4.40 = $4.40.
    cost = _bill(catalog, "o4-mini", Traffic(0, M, reasoning_tokens=600_000))
    assert (cost.output_usd, cost.reasoning_usd) == (D("1.76"), D("2.64"))
    assert cost.total_usd == D("4.4")


def test_17_reasoning_at_its_own_price(catalog: Catalog) -> None:
    # Deep Research, 1M output of which half reasoning: 0.5 x $8 + 0.5 x $3 = $5.50.
    cost = _bill(catalog, "sonar-deep-research", Traffic(0, M, reasoning_tokens=M // 2))
    assert cost.total_usd == D("5.5")


def test_18_missing_cache_price_falls_back_with_a_note(catalog: Catalog) -> None:
    # Replicate has no cache price: 1M input, half "cached", all at $0.05 = $0.05.
    cost = _bill(catalog, "llama-guard-2-8b", Traffic(M, 0, cached_input_tokens=M // 2))
    assert cost.total_usd == D("0.05")
    assert cost.notes == ("no cache-read price: cached input at the input price",)


def test_19_missing_one_hour_price_uses_the_cache_write_price(catalog: Catalog) -> None:
    # Sonnet 5 lists only 5-minute writes ($2.50): 1M 1-hour writes at $2.50, noted.
    cost = _bill(catalog, "claude-sonnet-5", Traffic(M, 0, cache_write_1h_tokens=M))
    assert cost.total_usd == D("2.5")
    assert any("1-hour cache-write price" in note for note in cost.notes)


def test_20_a_day_as_a_month_and_a_year(catalog: Catalog) -> None:
    # gpt-4o-mini, 30M in + 5M out a day: $4.50 + $3 = $7.50 a day;
    # a month is 365/12 days: $228.125; a year 365 days: $2,737.50.
    day = _bill(catalog, "gpt-4o-mini", Traffic(30 * M, 5 * M, period=Period.DAY)).total_usd
    assert day == D("7.5")
    assert per_period(day, Period.DAY, Period.MONTH) == D("228.125")
    assert per_period(day, Period.DAY, Period.YEAR) == D("2737.5")
    assert per_period(D("100"), Period.MONTH, Period.YEAR) == D("1200")


def test_21_what_a_budget_buys(catalog: Catalog) -> None:
    # Llama Guard 2 8B: 1B in + 200M out cost $50 + $50 = $100, so $50 buys half of it.
    traffic = Traffic(10**9, 200 * M)
    bought = affordable(D("50"), _bill(catalog, "llama-guard-2-8b", traffic), traffic)
    assert bought is not None
    assert (bought.input_tokens, bought.output_tokens) == (500 * M, 100 * M)


def test_22_what_a_budget_buys_in_requests(catalog: Catalog) -> None:
    # Sonar: 1,000 requests cost $13.10 (case 12); $100 buys 100 / 13.1 x 1,000 = 7,633.6,
    # so 7,633 whole requests.
    traffic = Traffic(M, 100_000, requests=1_000)
    bought = affordable(D("100"), _bill(catalog, "sonar", traffic), traffic)
    assert bought is not None and bought.requests == 7_633


def test_23_zero_traffic_costs_zero(catalog: Catalog) -> None:
    for chosen in catalog.models:
        cost = route_cost(chosen, chosen.routes[0], Traffic(0, 0))
        assert cost is not None and cost.total_usd == 0


# Traffic as users state it.


def test_percentages_and_per_request_sizes() -> None:
    traffic = build_traffic(
        input_tokens=None,
        output_tokens=None,
        cached_input=Percent(D("40")),
        requests=4_000,
        request_input=250_000,
        request_output=2_000,
    )
    assert (traffic.input_tokens, traffic.output_tokens) == (10**9, 8 * M)
    assert traffic.cached_input_tokens == 400 * M
    assert traffic.average_request_input == 250_000


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"input_tokens": 100, "cached_input": 101}, "exceed the input"),
        ({"input_tokens": 100, "cached_input": 60, "cache_write": 60}, "exceed the input"),
        ({"output_tokens": 10, "reasoning": 11}, "exceeds the output"),
        ({"input_tokens": 1, "requests": 0}, "at least one request"),
        ({"request_input": 10}, "need --requests"),
        ({"input_tokens": 5, "requests": 2, "request_input": 10}, "not both"),
    ],
)
def test_parts_larger_than_wholes_are_refused(options: dict[str, Any], message: str) -> None:
    options = {"input_tokens": None, "output_tokens": None, **options}
    with pytest.raises(TrafficError, match=message):
        build_traffic(**options)


# Properties.

_counts = st.integers(min_value=0, max_value=10**10)


@st.composite
def _traffic(draw: st.DrawFn) -> Traffic:
    input_tokens, output_tokens = draw(_counts), draw(_counts)
    cached = draw(st.integers(0, input_tokens))
    writes = draw(st.integers(0, input_tokens - cached))
    reasoning = draw(st.integers(0, output_tokens))
    requests = draw(st.one_of(st.none(), st.integers(1, 10**7)))
    return Traffic(
        input_tokens,
        output_tokens,
        cached_input_tokens=cached,
        cache_write_tokens=writes,
        reasoning_tokens=reasoning,
        requests=requests,
        batch=draw(st.booleans()),
    )


_models_ids = st.sampled_from(
    ["gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-pro", "sonar", "sonar-deep-research"]
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(_traffic(), st.integers(min_value=0, max_value=1000), _models_ids)
def test_scaling_every_volume_scales_the_bill(
    catalog: Catalog, traffic: Traffic, k: int, model_id: str
) -> None:
    chosen = catalog.model(model_id)
    if k == 0 and traffic.requests is not None:
        traffic = traffic._replace(requests=None)  # zero requests carry no tokens
    base = cheapest_route(chosen, traffic)
    scaled = cheapest_route(chosen, traffic.scaled(D(k)) if k else traffic.scaled(D(0)))
    assert base is not None and scaled is not None
    assert scaled.total_usd == k * base.total_usd


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(_traffic(), _counts, _models_ids)
def test_more_tokens_never_cost_less(
    catalog: Catalog, traffic: Traffic, extra: int, model_id: str
) -> None:
    chosen = catalog.model(model_id)
    base = cheapest_route(chosen, traffic)
    more_in = cheapest_route(chosen, traffic._replace(input_tokens=traffic.input_tokens + extra))
    more_out = cheapest_route(chosen, traffic._replace(output_tokens=traffic.output_tokens + extra))
    assert base is not None and more_in is not None and more_out is not None
    assert more_in.total_usd >= base.total_usd and more_out.total_usd >= base.total_usd


@given(_counts, _counts, _counts)
def test_a_part_is_never_larger_than_its_whole(whole: int, part: int, other: int) -> None:
    checked_ok = part <= whole
    try:
        build_traffic(input_tokens=whole, output_tokens=other, cached_input=part)
    except TrafficError:
        assert not checked_ok
    else:
        assert checked_ok


def test_catalog_fixture_is_built_from_files(tmp_path: Path) -> None:
    # The engine's fixtures go through the real loader (tiers, batch, dated changes).
    catalog = load_catalog_dir(write_catalog(tmp_path / "c", published_price_models()[:2]))
    sonnet = catalog.model("claude-sonnet-4-5").routes[0]
    assert sonnet.tiers[0].above_input_tokens == 200_000
    assert sonnet.batch is not None and sonnet.batch.input_usd_per_mtok == D("1.5")


def test_the_ranking_shortcut_agrees_with_billing_every_route() -> None:
    # cheapest_route skips billing every route for plain traffic; it must pick the
    # same route, at the same total, as billing them all would.
    from llmcompare.catalog import bundled_catalog_root

    bundled = load_catalog_dir(bundled_catalog_root())
    traffic = Traffic(10**9, 200 * M)
    for chosen in bundled.models:
        costs = [
            cost
            for r in chosen.routes
            if r.is_billable and (cost := route_cost(chosen, r, traffic)) is not None
        ]
        expected = min(costs, key=lambda c: (c.total_usd, c.route.provider.id), default=None)
        found = cheapest_route(chosen, traffic)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert (found.route, found.total_usd) == (expected.route, expected.total_usd)
