"""The comparison rules behind `diff`, on a small catalog shaped like the seed pair."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Deep dive, FAQ and Continue comparing (explain.py, related.py).


def test_deep_dive_states_a_saving_as_a_share_and_a_multiple_with_its_blend(
    catalog: Catalog,
) -> None:
    from llmcompare.costing import Blend

    # Blended 3:1: big-chat's alpha (1 in, 2 out) = $1.25; other-chat's (0.5, 1.5) = $0.75.
    result = _compare(catalog, "big-chat", "other-chat")
    (price,) = [p for p in result.deep_dive if "blend" in p]
    assert "At a 3:1 input:output blend" in price
    assert "Other Chat costs 40% less than Big Chat (Big Chat is 1.7x the price)." in price
    assert "%" in price and "cheaper" not in price
    # An even blend: $1.50 against $1.00.
    even = compare(
        [catalog.model("big-chat"), catalog.model("other-chat")], MONTH, blend=Blend(1, 1)
    )
    (price,) = [p for p in even.deep_dive if "blend" in p]
    assert "At a 1:1 input:output blend" in price and "33% less" in price
    assert [b.usd_per_mtok if b else None for b in even.blended] == [Decimal("1.5"), Decimal(1)]


def test_deep_dive_names_only_the_capabilities_that_differ(catalog: Catalog) -> None:
    result = _compare(catalog, "small-guard", "wide-vision")
    assert result.deep_dive[0] == (
        "The capabilities differ on vision (only Wide Vision 4B) and multimodal "
        "(only Wide Vision 4B)."
    )
    same = _compare(catalog, "other-chat", "small-guard")
    assert same.deep_dive[0].startswith("The capabilities differ on function calling")


def test_faq_asks_about_vision_only_when_a_model_records_it(catalog: Catalog) -> None:
    with_vision = [q.question for q in _compare(catalog, "small-guard", "wide-vision").faq]
    assert "Which is better for vision, Small Guard 8B or Wide Vision 4B?" in with_vision
    without = [q.question for q in _compare(catalog, "big-chat", "other-chat").faq]
    assert not any("vision" in question for question in without)
    answers = {q.question: q.answer for q in _compare(catalog, "small-guard", "wide-vision").faq}
    assert answers["Which has a larger context window, Small Guard 8B or Wide Vision 4B?"] == (
        "Wide Vision 4B: 262k tokens, against Small Guard 8B's 8k."
    )
    where = answers["Where can I run Small Guard 8B and Wide Vision 4B?"]
    assert (
        "Small Guard 8B runs on Alpha Cloud and Beta Hosting (Gone AI: deprecated or retired)."
        in where
    )
    assert "Wide Vision 4B runs on Beta Hosting (free)." in where


@pytest.mark.parametrize(
    "low,high,words",
    [("1", "3", "67% less"), ("1", "1.005", "<1% less"), ("0.001", "1000", ">99% less")],
)
def test_a_saving_is_never_more_than_all_of_the_price(low: str, high: str, words: str) -> None:
    from llmcompare import units

    assert units.less(Decimal(low), Decimal(high)) == words


def test_continue_comparing_pairs_come_from_the_catalog(tmp_path: Path) -> None:
    import datetime as dt

    from factory import model, route

    def made(model_id: str, year: int, **fields: object) -> dict[str, object]:
        return model("acme", model_id, model_id.title(), released=dt.date(year, 1, 1), **fields)

    models = [
        made("line-1", 2023, context_window=128_000, routes=[route("alpha", "1", "1")]),
        made("line-2", 2024, routes=[route("alpha", "2", "2")]),
        made("line-3", 2025, context_window=128_000, routes=[route("alpha", "9", "9")]),
        made("solo-x", 2026, context_window=262_144, routes=[route("alpha", "2.2", "2.2")]),
        model("zeta", "far-off", "Far Off", context_window=8_000),
    ]
    catalog = load_catalog_dir(write_catalog(tmp_path / "c", models))
    from llmcompare.related import neighbours_of, related_pairs

    pairs = related_pairs(["line-2"], neighbours_of(catalog.models))
    assert [(p.other, p.reason) for p in pairs] == [
        ("line-3", "newer in family"),
        ("line-1", "older in family"),
        ("solo-x", "same creator"),
        ("far-off", "nearest context"),
    ]  # nearest price (solo-x, 2.2 against 2) is already listed as the same creator
    # The models compared are never offered again.
    both = related_pairs(["line-2", "line-3"], neighbours_of(catalog.models))
    assert not any({p.model, p.other} == {"line-2", "line-3"} for p in both)


def _related_by_scanning(compared: list[str], facts: Any) -> list[tuple[str, str, str]]:
    """The rules of related.py read literally: every row looked at, for each pair."""
    rows = [i for i, model_id in enumerate(facts.ids) if model_id not in compared]
    found: dict[frozenset[str], tuple[str, str, str]] = {}

    def newest_first(i: int) -> tuple[int, str]:
        return (-facts.released[i], facts.ids[i])

    def add(model_id: str, keyed: list[tuple[Any, ...]], reason: str) -> None:
        if keyed:
            other = facts.ids[min(keyed)[-1]]
            found.setdefault(frozenset((model_id, other)), (model_id, other, reason))

    for model_id in compared:
        mine = list(facts.ids).index(model_id)
        day, family = facts.released[mine], facts.families[mine]
        kin = [i for i in rows if family is not None and day and facts.families[i] == family]
        kin = [i for i in kin if facts.released[i]]
        newer = [(facts.released[i], facts.ids[i], i) for i in kin if facts.released[i] > day]
        add(model_id, newer, "newer in family")
        older = [(*newest_first(i), i) for i in kin if facts.released[i] < day]
        add(model_id, older, "older in family")
        same = [(*newest_first(i), i) for i in rows if facts.creators[i] == facts.creators[mine]]
        add(model_id, same, "same creator")
        for reason, column in (
            ("nearest price", facts.prices),
            ("nearest context", facts.contexts),
        ):
            if column[mine] > 0:
                near = [
                    (max(column[mine], v) * 10**6 // min(column[mine], v), *newest_first(i), i)
                    for i in rows
                    if (v := column[i]) > 0
                ]
                add(model_id, near, reason)
    return list(found.values())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "a", "b"]),  # family
            st.sampled_from(["x", "y"]),  # creator
            st.integers(0, 4),  # released (0: not known)
            st.sampled_from([0, 8, 16, 32, 33, 64]),  # context (0: none)
            st.sampled_from([0, 1, 2, 3, 4, 9]),  # price (0: none)
        ),
        min_size=2,
        max_size=14,
    ),
    st.data(),
)
def test_related_pairs_by_index_match_a_full_scan(rows: list[Any], data: Any) -> None:
    from llmcompare.related import indexed, related_pairs

    ids = tuple(f"m{i}" for i in range(len(rows)))
    facts = indexed(
        ids=ids,
        families=tuple(r[0] for r in rows),
        creators=tuple(r[1] for r in rows),
        released=tuple(r[2] for r in rows),
        contexts=tuple(r[3] for r in rows),
        prices=tuple(r[4] for r in rows),
    )
    compared = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    assert list(related_pairs(compared, facts)) == _related_by_scanning(compared, facts)
