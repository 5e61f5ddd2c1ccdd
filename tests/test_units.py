"""How figures read in tables and sentences."""

from decimal import Decimal

import pytest

from llmcompare import units


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (8_192, "8k"),  # the seed page's "8k"
        (262_144, "262k"),  # and its "262k"
        (65_536, "65k"),  # rounded down: never claim room that is not there
        (1_048_576, "1M"),
        (1_500, "1.5k"),
        (200_000_000, "200M"),
        (1_000_000_000, "1B"),
        (512, "512"),
    ],
)
def test_token_counts(count: int, text: str) -> None:
    assert units.tokens(count) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [("100", "$100"), ("103.5", "$103.50"), ("1234.567", "$1,234.57"), ("0.0042", "$0.0042")],
)
def test_money(amount: str, text: str) -> None:
    assert units.usd(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("price", "text"), [("0.05", "$0.05"), ("0.25", "$0.25"), ("15", "$15.00"), ("0.075", "$0.075")]
)
def test_prices_per_million_keep_every_digit(price: str, text: str) -> None:
    assert units.usd_per_mtok(Decimal(price)) == text


def test_ratios_and_word_lists() -> None:
    assert units.ratio(Decimal(262_144) / Decimal(8_192)) == "32x"
    assert units.ratio(Decimal("2.5")) == "2.5x"
    assert units.join_words(["Vision", "Multimodal"]) == "Vision and Multimodal"
    assert (
        units.join_words(["Coding", "Agents", "Long context"]) == "Coding, Agents, and Long context"
    )


def test_tiny_amounts_are_written_out_not_as_exponents() -> None:
    from decimal import Decimal

    from llmcompare import units

    assert units.usd(Decimal("5E-9")) == "$0.0000000050"
    assert "E" not in units.usd(Decimal("1.234E-12"))
