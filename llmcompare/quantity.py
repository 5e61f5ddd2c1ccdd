"""Reading the numbers people type: token volumes (`1B`, `1.5k`, `1e9`) and money.

Pure functions that return an exact value or raise QuantityError with a
reason short enough to follow "invalid value for --input: ".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Suffixes are case-insensitive; G is accepted as a synonym of B (giga).
TOKEN_SUFFIXES: dict[str, int] = {
    "k": 10**3,
    "m": 10**6,
    "b": 10**9,
    "g": 10**9,
    "t": 10**12,
}

# A quadrillion tokens is far past any bill; a bigger figure is a typo.
MAX_TOKEN_COUNT = 10**15
# A number: digits with optional `_` between them, an optional fraction, an
# optional exponent. Anything else (signs, nan, inf, commas) is refused.
_NUMBER = re.compile(
    r"^(?P<mantissa>\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)"
    r"(?P<exponent>e[+-]?\d+)?$"
)
_MONEY = re.compile(r"^\d(?:_?\d)*(?:\.\d+)?$|^\.\d+$")


class QuantityError(ValueError):
    """A value that is not a quantity; the message says why."""


def parse_tokens(text: str) -> int:
    """A whole, non-negative number of tokens from `1B`, `200M`, `1.5k`, `1e9`, `1_000`."""
    raw = text.strip()
    if not raw:
        raise QuantityError("empty value: expected a token count such as 200M")
    if raw.startswith("-"):
        raise QuantityError(f"{text!r} is negative: token counts are zero or more")
    lowered = raw.casefold()
    multiplier = 1
    if lowered[-1] in TOKEN_SUFFIXES:
        multiplier = TOKEN_SUFFIXES[lowered[-1]]
        lowered = lowered[:-1].rstrip()
    match = _NUMBER.match(lowered)
    if not match:
        raise QuantityError(
            f"{text!r} is not a token count (examples: 1000, 1_000, 1.5k, 200M, 1B, 1e9)"
        )
    exponent = match.group("exponent")
    if exponent and abs(int(exponent[1:])) > 30:
        raise QuantityError(f"{text!r} is out of range")
    value = Decimal(match.group("mantissa").replace("_", "") + (exponent or "")) * multiplier
    if value != value.to_integral_value():
        raise QuantityError(f"{text!r} is not a whole number of tokens")
    if value > MAX_TOKEN_COUNT:
        raise QuantityError(f"{text!r} is out of range (at most {MAX_TOKEN_COUNT:.0e} tokens)")
    return int(value)


def parse_usd(text: str) -> Decimal:
    """A non-negative amount of US dollars, such as `0.50`, `$2` or `1_000`."""
    raw = text.strip().removeprefix("$").strip()
    if not raw:
        raise QuantityError("empty value: expected an amount in USD such as 0.50")
    if raw.startswith("-"):
        raise QuantityError(f"{text!r} is negative: amounts are zero or more")
    if not _MONEY.match(raw):
        raise QuantityError(f"{text!r} is not an amount in USD (examples: 0.5, 2, $10)")
    try:
        return Decimal(raw.replace("_", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise QuantityError(f"{text!r} is not an amount in USD") from None
