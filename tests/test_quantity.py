"""Reading token volumes and money as users type them."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llmcompare.quantity import QuantityError, parse_tokens, parse_usd


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("1B", 1_000_000_000),
        ("1b", 1_000_000_000),
        ("1G", 1_000_000_000),
        ("200M", 200_000_000),
        ("200m", 200_000_000),
        ("1.5k", 1_500),
        ("1.5K", 1_500),
        ("2T", 2_000_000_000_000),
        ("1e9", 1_000_000_000),
        ("1E6", 1_000_000),
        ("2.5e3", 2_500),
        ("1_000_000", 1_000_000),
        ("1000", 1_000),
        ("0", 0),
        (" 50M ", 50_000_000),
        (".5k", 500),
    ],
)
def test_token_forms_people_type(text: str, tokens: int) -> None:
    assert parse_tokens(text) == tokens


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "negative"),
        ("-1B", "negative"),
        ("0.5", "whole"),
        ("1.0001k", "whole"),
        ("", "empty"),
        ("   ", "empty"),
        ("nan", "not a token count"),
        ("inf", "not a token count"),
        ("Infinity", "not a token count"),
        ("abc", "not a token count"),
        ("1,000", "not a token count"),
        ("1..5k", "not a token count"),
        ("1_", "not a token count"),
        ("1e99999", "out of range"),
        ("1e20", "out of range"),
        ("5X", "not a token count"),
    ],
)
def test_bad_token_counts_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(QuantityError, match=reason):
        parse_tokens(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_any_plain_count_reads_back(count: int) -> None:
    assert parse_tokens(str(count)) == count
    assert parse_tokens(f"{count:_}") == count


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["k", "M", "B"]))
def test_suffix_multiplies_exactly(count: int, suffix: str) -> None:
    scale = {"k": 10**3, "M": 10**6, "B": 10**9}[suffix]
    assert parse_tokens(f"{count}{suffix}") == count * scale
    assert parse_tokens(f"{count}{suffix.lower()}") == count * scale


@given(st.text(max_size=12))
def test_parser_never_crashes(text: str) -> None:
    try:
        value = parse_tokens(text)
    except QuantityError:
        return
    assert isinstance(value, int) and value >= 0


@pytest.mark.parametrize(
    ("text", "amount"), [("0.5", "0.5"), ("$2", "2"), ("1_000", "1000"), (".25", "0.25")]
)
def test_money_reads_exactly(text: str, amount: str) -> None:
    assert parse_usd(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "-1", "nan", "inf", "1e3", "abc", "$"])
def test_bad_money_is_refused(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_usd(text)
