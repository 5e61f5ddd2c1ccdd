"""The ranking's columns find the first models of `cost --top N` exactly as
totalling every model and sorting would, ties by id, whatever the prices and the
traffic (summary.Columns: `first` walks the routes by price and stops early)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from llmcompare.summary import _INT64, _columns

# Few distinct prices: ties between routes and between models are common.
prices = st.sampled_from([0, 1, 2, 3, 5, 150_000_000, 10**12, _INT64])
tokens = st.sampled_from([0, 1, 7, 10**6, 10**9, 2 * 10**8, 10**15])


@st.composite
def models(draw: Any) -> list[tuple[str, list[tuple[int, int]]]]:
    ids = draw(st.lists(st.from_regex(r"[a-z]{1,4}", fullmatch=True), unique=True, max_size=80))
    return [
        (model_id, draw(st.lists(st.tuples(prices, prices), min_size=1, max_size=4)))
        for model_id in ids
    ]


def _plain_first(
    found: list[tuple[str, list[tuple[int, int]]]], count: int, tokens_in: int, tokens_out: int
) -> list[tuple[int, str]]:
    totals = [
        (min(tokens_in * p_in + tokens_out * p_out for p_in, p_out in routes), model_id)
        for model_id, routes in found
    ]
    return sorted(totals)[: max(0, count)]


@settings(max_examples=500, deadline=None)
@given(models(), st.integers(-1, 90), tokens, tokens, st.sampled_from([1, 2, 3, 64]))
def test_the_first_models_are_those_of_every_total_sorted(
    found: list[tuple[str, list[tuple[int, int]]]],
    count: int,
    tokens_in: int,
    tokens_out: int,
    step: int,
) -> None:
    columns = _columns(found)
    expected = _plain_first(found, count, tokens_in, tokens_out)
    # Looking after every route or two, the walk stops as early as it may.
    assert columns.first(count, tokens_in, tokens_out, step) == expected
    assert sorted(columns.lowest(tokens_in, tokens_out))[: max(0, count)] == expected


def test_cheap_input_and_cheap_output_are_both_found_early() -> None:
    # One model cheapest on input, another on output, many dear models between:
    # which comes first depends on the traffic's mix.
    found = [(f"m{n:04}", [(1000 + n, 1000 + n)]) for n in range(2000)]
    found += [("in-cheap", [(1, 5000)]), ("out-cheap", [(5000, 1)])]
    columns = _columns(found)
    assert columns.first(1, 10, 1)[0][1] == "in-cheap"
    assert columns.first(1, 1, 10)[0][1] == "out-cheap"
    assert columns.first(3, 1, 1) == _plain_first(found, 3, 1, 1)


def test_a_model_tied_with_the_prices_reached_is_still_looked_at() -> None:
    # "b" is met first; "a" costs the same and comes first by id, though its
    # route is numbered after b's (a model of several routes, say).
    found = [("b", [(1, 1)]), ("a", [(1, 1), (9, 9)])]
    assert _columns(found).first(1, 1, 1, step=1) == [(2, "a")]
