"""Tests about the bundled catalog itself: it loads, it is sourced, and it is broad enough."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from llmcompare.catalog import bundled_catalog_root
from llmcompare.costing import DEFAULT_TRAFFIC, rank_models
from llmcompare.domain import Catalog
from llmcompare.loader import load_catalog_dir
from llmcompare.names import normalise


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_dir(bundled_catalog_root())


def test_bundled_catalog_is_broad_enough_to_rank(catalog: Catalog) -> None:
    assert len(catalog.models) >= 30
    assert len({m.creator.id for m in catalog.models}) >= 8
    priced = [row for row in rank_models(catalog.models, DEFAULT_TRAFFIC) if row.cost]
    assert len(priced) >= 30


def test_every_route_is_sourced_and_dated(catalog: Catalog) -> None:
    today = dt.date.today()
    for model in catalog.models:
        assert model.sources, model.id
        for route in model.routes:
            assert route.source.startswith("https://"), (model.id, route.provider.id)
            assert route.checked <= today


def test_every_provider_defined_is_used(catalog: Catalog) -> None:
    used = {r.provider.id for m in catalog.models for r in m.routes}
    assert set(catalog.providers) == used


def test_model_ids_are_unique_and_sorted(catalog: Catalog) -> None:
    ids = [m.id for m in catalog.models]
    assert ids == sorted(ids)
    assert not [i for i, n in Counter(ids).items() if n > 1]


def test_top_level_tables_are_sorted() -> None:
    import tomllib

    root = bundled_catalog_root()
    for name in ("creators.toml", "licenses.toml", "providers.toml"):
        keys = list(tomllib.loads((root / name).read_text()).keys())
        assert keys == sorted(keys), name


def test_names_are_unique_after_normalising(catalog: Catalog) -> None:
    owners: dict[str, str] = {}
    for model in catalog.models:
        for name in {normalise(n) for n in (model.id, model.name, *model.aliases)}:
            assert owners.setdefault(name, model.id) == model.id, (name, model.id)


def test_prices_limits_and_dates_are_sane(catalog: Catalog) -> None:
    today = dt.date.today()
    for model in catalog.models:
        assert model.released <= today, model.id
        if model.max_output_tokens:
            assert model.max_output_tokens <= model.context_window, model.id
        for route in model.routes:
            price = route.price
            for value in price:
                assert value is None or 0 <= value <= 1000, (model.id, route.provider.id)
            if price.cache_read_usd_per_mtok is not None and price.input_usd_per_mtok:
                assert price.cache_read_usd_per_mtok <= price.input_usd_per_mtok, model.id
            if route.plan.value == "paid" and price.is_complete:
                # A paid route at $0 in and out would be taken for the cheapest: mark it free.
                assert price.input_usd_per_mtok or price.output_usd_per_mtok, (
                    model.id,
                    route.provider.id,
                )
        for benchmark in model.benchmarks:
            assert benchmark.date <= today and benchmark.source.startswith("http")


def test_coverage_of_the_bundled_catalog(catalog: Catalog) -> None:
    from llmcompare.catalog_report import catalog_stats

    stats = catalog_stats(catalog)
    assert stats.models >= 200
    assert stats.creators >= 20
    assert stats.providers_with_routes >= 30
    assert stats.priced_routes >= 500


@pytest.mark.parametrize(
    "pair", [("gpt-4o-mini", "claude-haiku-4-5"), ("gemini-2.5-pro", "gpt-4.1")]
)
def test_popular_pairs_have_full_diffs_with_shared_benchmarks(
    catalog: Catalog, pair: tuple[str, str]
) -> None:
    from llmcompare.compare import compare
    from llmcompare.costing import DEFAULT_TRAFFIC

    result = compare([catalog.model(model_id) for model_id in pair], DEFAULT_TRAFFIC)
    assert result.shared_benchmarks
    assert all(entry.cost is not None for entry in result.monthly)
    assert all(result.tradeoffs)


def test_catalog_check_fails_on_a_broken_copy_of_the_bundled_catalog(tmp_path, run) -> None:  # type: ignore[no-untyped-def]
    import shutil

    copy = tmp_path / "catalog"
    shutil.copytree(str(bundled_catalog_root()), copy)
    guard = copy / "models" / "meta" / "llama-guard-2-8b.toml"
    guard.write_text(guard.read_text().replace("context_window = 8192", "context_window = 0"))
    result = run("catalog", "check", str(copy))
    assert result.exit_code == 1
    assert result.stdout.startswith("models/meta/llama-guard-2-8b.toml: context_window:")
