"""The comparison rules behind `diff`, on a small catalog shaped like the seed pair."""

from decimal import Decimal
from pathlib import Path

import pytest

from llmcompare.compare import Comparison, compare
from llmcompare.costing import Traffic
from llmcompare.domain import Catalog
from llmcompare.loader import load_catalog_dir

from factory import write_catalog

MONTH = Traffic(1_000_000_000, 200_000_000)


@pytest.fixture
def catalog(catalog_dir: Path) -> Catalog:
    return load_catalog_dir(catalog_dir)


def _compare(catalog: Catalog, *ids: str, traffic: Traffic = MONTH) -> Comparison:
    return compare([catalog.model(i) for i in ids], traffic)


def test_verdict_uses_exact_token_counts(catalog: Catalog) -> None:
    result = _compare(catalog, "small-guard", "wide-vision")
    # 262,144 / 8,192 is exactly 32 (a page dividing rounded "262k" by "8k" says 33x).
    assert result.verdict == (
        "Wide Vision 4B fits 32x more tokens; pick it for long-context work "
        "and Small Guard 8B for tighter calls."
    )


def test_verdict_picks_the_largest_difference(catalog: Catalog) -> None:
    # Same context. Cost: $1,400 vs $800 a month (1.75x); routes: 2 vs 1 (2x).
    result = _compare(catalog, "big-chat", "other-chat")
    assert result.verdict.startswith("Big Chat has 2x more provider routes")


def test_verdict_ties_follow_the_documented_order(catalog: Catalog) -> None:
    # Input only: $1,000 vs $500 is 2x, tying with routes (2x); cost comes first.
    result = _compare(catalog, "big-chat", "other-chat", traffic=Traffic(1_000_000_000, 0))
    assert result.verdict.startswith("Other Chat costs 2x less at this traffic")


def test_small_differences_make_no_verdict(tmp_path: Path, models_data: list) -> None:
    twin = dict(models_data[2], id="big-chat-twin", name="Big Chat Twin", aliases=[])
    twin["routes"] = [dict(r, model_id=f"twin-{i}") for i, r in enumerate(twin["routes"])]
    catalog = load_catalog_dir(write_catalog(tmp_path / "c", [models_data[2], twin]))
    result = _compare(catalog, "big-chat", "big-chat-twin")
    assert result.verdict == (
        "Big Chat and Big Chat Twin are close on context, price and provider coverage; "
        "decide on your own evaluation."
    )


def test_best_for_follows_the_documented_order(catalog: Catalog) -> None:
    result = _compare(catalog, "small-guard", "wide-vision")
    assert result.best_for == ("provider-routed production", "multimodal apps")


def test_scorecard_prices_come_from_active_paid_routes(catalog: Catalog) -> None:
    result = _compare(catalog, "small-guard", "wide-vision")
    assert result.cheapest_input == (Decimal("0.05"), None)
    assert result.cheapest_output == (Decimal("0.20"), None)


def test_tradeoffs_state_each_advantage(catalog: Catalog) -> None:
    guard, vision = _compare(catalog, "small-guard", "wide-vision").tradeoffs
    assert guard[0] == (
        "Small Guard 8B has broader tracked provider coverage for fallback and "
        "procurement flexibility."
    )
    assert guard[-1] == "Local decision data tags Small Guard 8B for Classification."
    assert any("larger context window" in line for line in vision)
    assert "Wide Vision 4B uniquely exposes Vision and Multimodal in local model data." in vision
    assert (
        vision[-1]
        == "Local decision data tags Wide Vision 4B for Coding, Agents, and Long context."
    )
    # An unknown max output is no advantage for either side.
    assert not any("output limit" in line for line in guard + vision)


def test_monthly_cost_and_delta(catalog: Catalog) -> None:
    result = _compare(catalog, "small-guard", "wide-vision")
    guard, vision = result.monthly
    assert guard.cost is not None and guard.cost.total_usd == 100
    assert guard.cost.route.provider.id == "alpha"
    assert vision.cost is None and vision.reason == "only free or trial routes are priced"
    assert result.cost_delta_usd is None
    assert "unavailable" in result.cost_summary

    priced = _compare(catalog, "big-chat", "other-chat")
    assert priced.cost_delta_usd == Decimal(1400) - Decimal(800)
    assert priced.cost_summary == "Other Chat saves $600 a month against Big Chat at this traffic."


def test_switch_friction_both_ways(catalog: Catalog) -> None:
    forward, back = _compare(catalog, "small-guard", "wide-vision").switch_friction
    assert (forward.source.id, forward.target.id) == ("small-guard", "wide-vision")
    assert forward.shared_providers == ("Beta Hosting",)  # beta serves both
    assert forward.capabilities_gained == ("vision", "multimodal")
    assert back.capabilities_lost == ("vision", "multimodal")
    assert any("context window is smaller (8k vs 262k)" in note for note in back.notes)
    assert any("Check replacement coverage for Vision and Multimodal" in n for n in back.notes)


def test_no_shared_provider_means_plan_for_changes(catalog: Catalog) -> None:
    forward, _ = _compare(catalog, "other-chat", "wide-vision").switch_friction
    assert forward.shared_providers == ()
    assert "plan for SDK, billing, or endpoint changes" in forward.notes[0]


def test_shared_benchmarks_match_names_loosely(catalog: Catalog) -> None:
    result = _compare(catalog, "big-chat", "other-chat")
    assert [row.name for row in result.shared_benchmarks] == ["MMLU"]  # "MMLU" and "mmlu"
    assert [b.score for b in result.shared_benchmarks[0].scores] == [Decimal("80.5"), 70]
    assert "Big Chat scores higher on MMLU." in result.tradeoffs[0]
    assert _compare(catalog, "small-guard", "wide-vision").shared_benchmarks == ()


def test_a_shared_benchmark_row_compares_like_with_like(tmp_path: Path, models_data) -> None:  # type: ignore[no-untyped-def]
    def score(value: str, source: str, metric: str = "accuracy %") -> dict[str, object]:
        return {"name": "MMLU", "score": Decimal(value), "metric": metric, "source": source,
                "date": models_data[0]["released"]}  # fmt: skip

    lab, board = "https://lab.example/card", "https://board.example/mmlu"
    big = next(model for model in models_data if model["id"] == "big-chat")
    other = next(model for model in models_data if model["id"] == "other-chat")
    big["benchmarks"] = [score("90", lab), score("80", board, "pass@1"), score("81", board)]
    other["benchmarks"] = [score("70", board)]
    catalog = load_catalog_dir(write_catalog(tmp_path / "c", models_data))
    [row] = _compare(catalog, "big-chat", "other-chat").shared_benchmarks
    assert [b.score for b in row.scores] == [81, 70]  # the board's, with the same metric

    other["benchmarks"] = [score("70", board, "accuracy % (5-shot)")]
    catalog = load_catalog_dir(write_catalog(tmp_path / "d", models_data))
    [row] = _compare(catalog, "big-chat", "other-chat").shared_benchmarks
    assert [b.score for b in row.scores] == [80, 70]  # the same board, first of its rows

    other["benchmarks"] = [score("70", "https://elsewhere.example")]
    catalog = load_catalog_dir(write_catalog(tmp_path / "e", models_data))
    [row] = _compare(catalog, "big-chat", "other-chat").shared_benchmarks
    assert [b.score for b in row.scores] == [90, 70]  # nothing alike: each model's first


def test_three_models_compare_against_the_first(catalog: Catalog) -> None:
    result = _compare(catalog, "small-guard", "wide-vision", "big-chat")
    assert len(result.monthly) == 3
    pairs = [(f.source.id, f.target.id) for f in result.switch_friction]
    assert pairs == [
        ("small-guard", "wide-vision"),
        ("wide-vision", "small-guard"),
        ("small-guard", "big-chat"),
        ("big-chat", "small-guard"),
    ]


def test_a_comparison_needs_two_models(catalog: Catalog) -> None:
    with pytest.raises(ValueError):
        _compare(catalog, "small-guard")


def test_near_equal_sizes_are_no_advantage(tmp_path: Path, models_data: list) -> None:
    # 1,048,576 against 1,047,576 tokens: neither "has the larger context window".
    a = dict(models_data[2], context_window=1_048_576, max_output_tokens=None)
    b = dict(models_data[3], context_window=1_047_576, max_output_tokens=None)
    a.pop("max_output_tokens")
    b.pop("max_output_tokens")
    catalog = load_catalog_dir(write_catalog(tmp_path / "c", [a, b]))
    result = _compare(catalog, "big-chat", "other-chat")
    assert not any("context window" in line for side in result.tradeoffs for line in side)
    assert not any("context window" in n for f in result.switch_friction for n in f.notes)
