"""What the format readers share: exact decimals, dates, modalities, skip reasons.

Prices arrive as Decimal or int (JSON parsed with `parse_float=Decimal`) or as
decimal strings, and leave as Decimal in plain notation without trailing zeros,
so that a price reads the way its pricing page writes it ("0.15", "3", "37.5");
a value with the digits of float arithmetic (0.30000000000000004) is read at 15
significant digits (0.3).
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Context, Decimal, InvalidOperation
from typing import Any

from ..domain import MODALITIES, Price, Tier

# Skip reasons, few and short so that they count well.
EMBEDDING = "embedding model"
IMAGE = "image model"
AUDIO = "audio model"
VIDEO = "video model"
RERANK = "rerank model"
MODERATION = "moderation model"
OTHER = "other"
NO_TOKEN_PRICE = "no token price"
NO_OUTPUT_PRICE = "no output price"
DYNAMIC_PRICE = "dynamic price"
MALFORMED = "malformed entry"

# Wide enough that no arithmetic on a data set's value is ever rounded.
_EXACT = Context(prec=60)
_ONE = Decimal(1)

# Any decimal of up to 15 significant digits survives a trip through a binary
# float; what a data set writes with more is the trace of float arithmetic on
# its side (0.09999999999999999, 1.5000000000000002e-07) and is read at 15.
FLOAT_DIGITS = 15
_FLOAT = Context(prec=FLOAT_DIGITS)


def number(value: Any) -> Decimal | None:
    """A finite number as Decimal: Decimal, int or a decimal string (a float by its
    shortest repr, should one slip through); None for anything else. Negative
    values are returned as they are: to the readers they mean a dynamic price."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        found = value
    elif isinstance(value, int):
        found = Decimal(value)
    elif isinstance(value, float):
        found = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            found = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    # Not a price either: NaN, infinities, and magnitudes no price list has.
    if not found.is_finite() or abs(found.adjusted()) > 40:
        return None
    if len(found.as_tuple().digits) > FLOAT_DIGITS:
        # Binary floating point upstream: 0.1 * 3 is written 0.30000000000000004.
        found = plain(_FLOAT.plus(found))
    return found


def plain(value: Decimal) -> Decimal:
    """`value` without trailing zeros and, from 1e-6 up, without an exponent:
    Decimal("0.150000") -> 0.15, Decimal("3.0E+1") -> 30, Decimal("-0") -> 0."""
    if value == 0:
        return Decimal(0)
    value = value.normalize(_EXACT)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:  # 3E+1: spelt out as 30
        value = value.quantize(_ONE, context=_EXACT)
    return value


def per_mtok(value: Decimal | int) -> Decimal:
    """A USD-per-token price as USD per 1M tokens, exactly: 1.5E-7 -> 0.15."""
    return plain(Decimal(value).scaleb(6, _EXACT))


def per_unit(value: Decimal | int, per: int) -> Decimal:
    """A price quoted per `per` units as a price per unit (per 1,000 requests -> per request)."""
    return plain(_EXACT.divide(Decimal(value), Decimal(per)))


def has_token_price(price: Price) -> bool:
    return price.input_usd_per_mtok is not None or price.output_usd_per_mtok is not None


def input_only(price: Price) -> bool:
    """No output price, or output free while input is paid: what embedding models,
    classifiers and routers charge (bge-m3, model-router), never a text model's
    price (those charge for output too, or nothing at all)."""
    output, input_price = price.output_usd_per_mtok, price.input_usd_per_mtok
    return output is None or (output == 0 and input_price is not None and input_price > 0)


def is_dynamic(prices: Iterable[Decimal | None]) -> bool:
    """A negative price ("-1") stands for a variable price, not a real one."""
    return any(value is not None and value < 0 for value in prices)


def only_changes(base: Price, above: Price) -> Price:
    """The prices of a tier that differ from the base ones (the rest stays the base's)."""
    pairs = zip(base, above, strict=True)
    return Price(*(None if mine == theirs else theirs for mine, theirs in pairs))


def tiers_of(base: Price, found: Mapping[int, Price]) -> tuple[Tier, ...]:
    """Tiers lowest threshold first, each with only what changes; empty ones dropped."""
    tiers = []
    for threshold in sorted(found):
        change = only_changes(base, found[threshold])
        if threshold > 0 and any(value is not None for value in change):
            tiers.append(Tier(threshold, change))
    return tuple(tiers)


def positive_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def http_url(value: Any) -> str | None:
    url = text(value)
    return url if url is not None and re.match(r"https?://\S+$", url) else None


_MONTH_OR_DAY = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def date(value: Any, *, month_start: bool = False) -> dt.date | None:
    """A YYYY-MM-DD date, else None (an impossible date too). With `month_start`, a
    bare YYYY-MM reads as the first of the month: right for a release or review
    date the data set gives to the month, wrong for a date a price changes on."""
    found = _MONTH_OR_DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    year, month, day = found.groups()
    if day is None and not month_start:
        return None
    try:
        return dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return None


def month_or_day(value: Any) -> str | None:
    """A knowledge cutoff as given ("YYYY-MM" or "YYYY-MM-DD"), if it is a real date."""
    return value.strip() if date(value, month_start=True) is not None else None


def modalities(values: Any) -> tuple[str, ...]:
    """Modalities in the catalog's vocabulary and order ("file" is a PDF input)."""
    if not isinstance(values, list):
        return ()
    named = {"pdf" if value == "file" else value for value in values if isinstance(value, str)}
    return tuple(modality for modality in MODALITIES if modality in named)


def non_text_kind(outputs: tuple[str, ...]) -> str | None:
    """Why a model whose outputs are known is not a text model (None if it is)."""
    if "text" in outputs:
        return None
    if "image" in outputs:
        return IMAGE
    if "video" in outputs:
        return VIDEO
    if "audio" in outputs:
        return AUDIO
    return EMBEDDING if not outputs else OTHER


# Families whose name says what they make, whatever mode a data set files them under.
_KIND_BY_WORD = {"whisper": AUDIO, "tts": AUDIO, "flux": IMAGE}
_WORDS = re.compile(r"[a-z]+")


def kind_by_name(*names: Any) -> str | None:
    """The kinds a model's id or name gives away, for data sets that state no mode
    or state it wrong: embedding, rerank and moderation models, speech (Whisper,
    text-to-speech "-tts" models) and image generation (FLUX)."""
    joined = " ".join(name.lower() for name in names if isinstance(name, str))
    if "embed" in joined:
        return EMBEDDING
    if "rerank" in joined:
        return RERANK
    if "moderation" in joined:
        return MODERATION
    return next((_KIND_BY_WORD[w] for w in _WORDS.findall(joined) if w in _KIND_BY_WORD), None)


def input_capabilities(inputs: tuple[str, ...]) -> dict[str, bool]:
    """vision and multimodal, from stated input modalities only."""
    if not inputs:
        return {}
    return {"vision": "image" in inputs, "multimodal": len(inputs) > 1}
