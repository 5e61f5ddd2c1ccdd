"""Cost arithmetic and the choice of the cheapest route."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcompare.costing import (
    Traffic,
    cheapest_route,
    rank_models,
    rank_routes,
    route_cost,
    unavailable_reason,
)
from llmcompare.domain import Catalog
from llmcompare.loader import load_catalog_dir

MONTH = Traffic(input_tokens=1_000_000_000, output_tokens=200_000_000)


@pytest.fixture
def catalog(catalog_dir: Path) -> Catalog:
    return load_catalog_dir(catalog_dir)


def test_cost_is_tokens_times_price_per_million(catalog: Catalog) -> None:
    guard = catalog.model("small-guard")
    # $0.05 in / $0.25 out per 1M: 1B in = $50, 200M out = $50.
    cost = cheapest_route(guard, MONTH)
    assert cost is not None
    assert cost.route.provider.id == "alpha"
    assert (cost.input_cost_usd, cost.output_cost_usd, cost.total_usd) == (50, 50, 100)
    assert isinstance(cost.total_usd, Decimal)


def test_free_and_deprecated_routes_never_count_as_cheapest(catalog: Catalog) -> None:
    vision = catalog.model("wide-vision")  # only a free $0 route
    assert cheapest_route(vision, MONTH) is None
    assert unavailable_reason(vision) == "only free or trial routes are priced"


def test_unavailable_reasons_say_what_is_missing(catalog: Catalog) -> None:
    guard = catalog.model("small-guard")
    no_routes = guard._replace(routes=())
    assert unavailable_reason(no_routes) == "no provider route in the catalog"
    unpriced = guard._replace(routes=(guard.routes[1],))
    assert unavailable_reason(unpriced) == "no complete token price in the catalog"


def test_rank_models_puts_cheapest_first_and_unpriced_last(catalog: Catalog) -> None:
    rows = rank_models(catalog.models, MONTH)
    totals = [row.total_usd for row in rows]
    assert [row.model.id for row in rows] == [
        "small-guard",
        "other-chat",
        "big-chat",
        "wide-vision",
    ]
    priced = [t for t in totals if t is not None]
    assert priced == sorted(priced)
    assert totals[-1] is None and rows[-1].reason


def test_rank_routes_lists_every_route_and_marks_exclusions(catalog: Catalog) -> None:
    rows = rank_routes([catalog.model("small-guard")], MONTH)
    assert [(r.route.provider.id if r.route else None) for r in rows] == ["alpha", "beta", "gone"]
    assert rows[0].counts_as_cheapest and rows[1].counts_as_cheapest
    assert rows[2].cost is None and rows[2].reason == "deprecated; no price"


def test_zero_traffic_costs_nothing(catalog: Catalog) -> None:
    for model in catalog.models:
        for route in model.routes:
            cost = route_cost(model, route, Traffic(0, 0))
            assert cost is None or cost.total_usd == 0


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # catalog is read-only
@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=1000),
)
def test_cost_is_linear_and_monotone_in_traffic(
    catalog: Catalog, inp: int, out: int, k: int
) -> None:
    model = catalog.model("big-chat")
    base = cheapest_route(model, Traffic(inp, out))
    scaled = cheapest_route(model, Traffic(k * inp, k * out))
    more = cheapest_route(model, Traffic(inp + 1, out + 1))
    assert base is not None and scaled is not None and more is not None
    assert scaled.total_usd == k * base.total_usd
    assert more.total_usd > base.total_usd
