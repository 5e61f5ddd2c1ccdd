"""Reading the numbers people type: token volumes (`1B`, `1.5k`, `1e9`) and money.

Pure functions that return an exact value or raise QuantityError with a
reason short enough to follow "invalid value for --input: ".
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from .records import Record

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
# The same for money: a quadrillion dollars. Keeping every figure this small
# keeps exact Decimal arithmetic within its 28 digits.
MAX_USD = 10**15
# Characters a number may be written with; Decimal does the rest of the checking.
# Signs, nan and inf never get that far; `_` must stand between two digits.
_NUMBER_CHARS = frozenset("0123456789._e")
_MONEY_CHARS = frozenset("0123456789._")


def _decimal(text: str, allowed: frozenset[str]) -> Decimal | None:
    """`text` as a finite Decimal written only with `allowed` characters, else None."""
    if not text or not set(text) <= allowed:
        return None
    for i, char in enumerate(text):
        if char == "_" and not (0 < i < len(text) - 1 and (text[i - 1] + text[i + 1]).isdigit()):
            return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


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
    number = _decimal(lowered, _NUMBER_CHARS)
    if number is None:
        raise QuantityError(
            f"{text!r} is not a token count (examples: 1000, 1_000, 1.5k, 200M, 1B, 1e9)"
        )
    if number.adjusted() > 30:  # checked before scaling, so 1e999999 costs nothing
        raise QuantityError(f"{text!r} is out of range")
    value = number * multiplier
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
    amount = _decimal(raw, _MONEY_CHARS)
    if amount is None:
        raise QuantityError(f"{text!r} is not an amount in USD (examples: 0.5, 2, $10)")
    if amount > MAX_USD:
        raise QuantityError(f"{text!r} is out of range (at most ${MAX_USD:.0e})")
    return amount


class Percent(Record):
    """A share of a whole, as typed: `--cached-input 40%`."""

    value: Decimal  # 0 to 100

    def of(self, whole: int | Decimal) -> Decimal:
        return whole * self.value / 100


def parse_tokens_or_percent(text: str) -> int | Percent:
    """A token count, or a percentage of the whole such as `40%` or `12.5%`."""
    raw = text.strip()
    if raw.endswith("%"):
        value = _decimal(raw[:-1].strip(), _MONEY_CHARS)
        if value is None or value > 100:
            raise QuantityError(f"{text!r} is not a percentage from 0% to 100%")
        return Percent(value)
    return parse_tokens(text)


def parse_date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise QuantityError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def parse_discount(text: str) -> Decimal:
    """A discount such as `15%` or `15` (percent off): more than 0, less than 100."""
    raw = text.strip().removesuffix("%").strip()
    value = _decimal(raw, _MONEY_CHARS) if raw else None
    if value is None or not 0 < value < 100:
        raise QuantityError(f"{text!r} is not a discount (more than 0% and less than 100%)")
    return value


def parse_window_share(text: str) -> tuple[str, Decimal]:
    """`off-peak=30%`: the share of the traffic sent in a named time window."""
    name, sep, share = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise QuantityError(f"{text!r} is not WINDOW=P% (e.g. off-peak=30%)")
    value = parse_tokens_or_percent(share)
    if not isinstance(value, Percent):
        raise QuantityError(f"{text!r}: give the share as a percentage, e.g. {name}=30%")
    return name, value.value / 100


# A blend's parts are small whole numbers: 3:1, 1:1, 10:1.
MAX_BLEND_PART = 1000


def parse_blend(text: str) -> tuple[int, int]:
    """`3:1`: how many parts input to parts output a blended price weighs."""
    head, sep, tail = text.strip().partition(":")
    parts = (head.strip(), tail.strip())
    if not sep or not all(part.isascii() and part.isdigit() for part in parts):
        raise QuantityError(f"{text!r} is not INPUT:OUTPUT in whole parts (e.g. 3:1)")
    inp, out = (int(part) for part in parts)
    if inp + out == 0 or max(inp, out) > MAX_BLEND_PART:
        raise QuantityError(
            f"{text!r}: give parts from 0 to {MAX_BLEND_PART}, not both 0 (e.g. 3:1)"
        )
    return inp, out
