"""How quantities read in text: token counts, parameter counts, money, ratios.

Shared by the analysis (sentences such as the verdict) and the renderers, so
that "262k" and "$0.25/1M" read the same everywhere. Display only: exact
values stay in the result objects and in JSON.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Context, Decimal

# Rounding never fails for want of digits: the ratio of a huge bill to a tiny one
# needs more than the default context's 28.
_WIDE = Context(prec=200)


def rounded(value: Decimal, places: int, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """`value` to `places` decimal places, however large it is."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding, context=_WIDE)


def _trim(text: str) -> str:
    """Drop a trailing zero fraction: "2.50" stays, "2.0" becomes "2"."""
    if "." in text:
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0")
        return f"{head}.{tail}" if tail else head
    return text


def _scaled(value: Decimal, places: int, rounding: str = ROUND_HALF_EVEN) -> str:
    return _trim(str(rounded(value, places, rounding)))


def tokens(count: int | Decimal) -> str:
    """8192 -> "8k", 262144 -> "262k", 65536 -> "65k", 1500 -> "1.5k", 512 -> "512".

    Whole units rounded down, as model pages write context windows (never
    claiming more room than there is), except a figure below ten that is an
    exact tenth (1.5k, 2.5M), which would otherwise read wrongly.
    """
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "k")):
        if count >= size:
            exact_tenth = count % (size // 10) == 0
            places = 1 if count < 10 * size and exact_tenth else 0
            return _scaled(Decimal(count) / size, places, ROUND_DOWN) + suffix
    return _scaled(Decimal(count), 0, ROUND_DOWN)


def parameters(count: int) -> str:
    """8_000_000_000 -> "8B", 1_700_000_000 -> "1.7B", 22_000_000 -> "22M"."""
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if count >= size:
            return _scaled(Decimal(count) / size, 1) + suffix
    return str(count)


def usd(amount: Decimal) -> str:
    """A money total: "$100", "$1,234.56", "$0.0042"; exact values stay in JSON."""
    if amount == 0:
        return "$0"
    if amount >= 1:
        text = f"{rounded(amount, 2):,}"
        return "$" + (text[:-3] if text.endswith(".00") else text)
    # Below a dollar, keep two significant digits so small bills do not read as $0.
    digits = max(2, -amount.adjusted() + 1)
    # Written out in full, never as an exponent ("$0.000000005", not "$5.0E-9").
    return "$" + format(rounded(amount, digits), "f")


def usd_per_mtok(price: Decimal) -> str:
    """A list price per 1M tokens, exact and with at least two decimals: "$0.25", "$15.00"."""
    text = format(price.normalize(), "f")
    head, _, tail = text.partition(".")
    return f"${head}.{tail.ljust(2, '0')}"


def list_price(price: Decimal | None) -> str:
    """A list price per 1M tokens, or "-" where there is none."""
    return "-" if price is None else usd_per_mtok(price)


def ratio(value: Decimal) -> str:
    """A multiple such as "32x" or "2.5x": whole from 10x up, one decimal below."""
    return _scaled(value, 0 if value >= 10 else 1) + "x"


def join_words(items: list[str]) -> str:
    """["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b, and c"."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def score(value: Decimal) -> str:
    """A benchmark score as published: 88.70 -> "88.7"."""
    return format(value.normalize(), "f")


def percent(value: Decimal) -> str:
    """15 -> "15%", 12.50 -> "12.5%"."""
    return _trim(str(value)) + "%"


def less(low: Decimal, high: Decimal) -> str:
    """How much less `low` is than `high`, as a share of `high`: "67% less".

    Never "150% cheaper": a saving is a share of the dearer figure, at most 100%.
    """
    if high <= 0 or low >= high:
        return "0% less"
    share = rounded((high - low) / high * 100, 0)
    if low > 0 and share >= 100:
        return ">99% less"
    if share < 1:
        return "<1% less"
    return f"{share}% less"
