"""JSON written from Decimals exactly, read back the same way.

Money is written as an exact number (`100`, `0.05`), never through a float, by
the C encoder; read back with `parse_float=Decimal`. Dates are ISO strings in
documents for people and scripts; where they must come back as dates (a layer's
copy of its tables, layercopy.py) they are tagged {"$date": "YYYY-MM-DD"}.
"""

import datetime as dt
import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

try:
    # The C encoder that json.dumps uses for compact output, on its own: the json
    # package also loads its decoder and scanner, about a millisecond on every
    # run that writes JSON and reads none.
    from _json import encode_basestring_ascii
    from _json import make_encoder as c_make_encoder
except ImportError:  # another Python implementation: json.dumps does it all
    c_make_encoder = None  # type: ignore[assignment,misc]


def number(value: Decimal) -> str:
    """A Decimal as a JSON number, exactly, without exponent or trailing zeros."""
    text = str(value)  # exact; an exponent only for very large or small values
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class Raw:
    """JSON written beforehand (compact), put in a document as it is: rows the
    compiled store keeps ready to write. Indented output, for a person at a
    terminal, writes `value()` instead, laid out like the rest."""

    __slots__ = ("text", "value")

    def __init__(self, text: str, value: Callable[[], Any]) -> None:
        self.text = text
        self.value = value


def dumps(value: Any, indent: int | None = None, dates: bool = False) -> str:
    """json.dumps that writes Decimal as an exact number and dates as ISO strings
    (with `dates`, as {"$date": "YYYY-MM-DD"}, to be read back as dates), and Raw
    JSON as it is.

    (Vocabulary values are StrEnums, which are strings: they are written as such.)
    """
    return _dumps_each([value], indent, dates)[0]


def dumps_each(values: Iterable[Any]) -> list[str]:
    """Each value written compactly as `dumps` writes it: one encoder for them all
    (thousands of rows written ahead for the compiled store)."""
    return _dumps_each(values, None, False)


def _dumps_each(values: Iterable[Any], indent: int | None, dates: bool) -> list[str]:
    # Decimals pass through the (C) json encoder as strings wrapped in a tag,
    # "<tag>12.5<tag>", and the quotes and tags are cut away afterwards, leaving
    # the number. The tag is random and new on each call, so no other string in
    # the document can hold it.
    tag = os.urandom(8).hex()
    # What each value was written as: documents repeat values (a price of 0, a
    # checked date) far more than they hold different ones. Equal Decimals are
    # written alike (1.0 and 1 as 1), so they may share an entry.
    written: dict[Any, Any] = {}
    raws: list[str] = []  # Raw texts, each stood in for by "<tag>raw<number><tag>"

    def default(obj: Any) -> Any:
        if type(obj) is Raw:
            if indent:
                return obj.value()
            text = obj.text
            # Nothing the encoder would escape: cut out like a number. (A quote
            # ends the test at once for JSON texts, which may be megabytes long.)
            plain = c_make_encoder is not None and '"' not in text
            if plain and encode_basestring_ascii(text)[1:-1] == text:
                return tag + text + tag
            raws.append(text)
            return f"{tag}raw{len(raws) - 1}{tag}"
        if not isinstance(obj, Decimal | dt.date):
            raise TypeError(f"cannot write {type(obj).__name__} as JSON")
        found = written.get(obj)
        if found is None:
            if isinstance(obj, Decimal):
                found = tag + number(obj) + tag
            elif dates and type(obj) is dt.date:  # tagged, to be read back as a date
                found = {"$date": obj.isoformat()}
            else:
                found = obj.isoformat()
            written[obj] = found
        return found

    if indent is None and c_make_encoder is not None:  # compact, for pipes and files
        # (markers, default, encoder, indent, key_separator, item_separator,
        # sort_keys, skipkeys, allow_nan) as json.dumps passes them; no markers
        # for cycles: documents are trees built afresh for each run.
        encode = c_make_encoder(
            None, default, encode_basestring_ascii, None, ":", ",", False, False, True
        )

        def write(value: Any) -> str:
            return "".join(encode(value, 0))
    else:
        import json

        separators = None if indent else (",", ":")

        def write(value: Any) -> str:
            return json.dumps(
                value, default=default, indent=indent, separators=separators, check_circular=False
            )

    texts = []
    for value in values:
        texts.append(_untagged(write(value), tag, raws))
        raws.clear()  # each value's own: numbered from 0 again in the next
    return texts


def _untagged(text: str, tag: str, raws: list[str]) -> str:
    if not raws:
        return text.replace('"' + tag, "").replace(tag + '"', "")
    # The raw texts go in last, between the document's pieces (they stand in the
    # order they were met): only the pieces are searched for tags, not the raw
    # texts too, which may be megabytes of rows.
    pieces = []
    for number, raw in enumerate(raws):
        before, text = text.split(f'"{tag}raw{number}{tag}"', 1)
        pieces += [_untagged(before, tag, []), raw]
    pieces.append(_untagged(text, tag, []))
    return "".join(pieces)


def loads_tagged(text: str) -> Any:
    """JSON written by `dumps(..., dates=True)`: numbers as Decimal, tagged dates as dates."""
    import json

    def tagged(obj: dict[str, Any]) -> Any:
        if len(obj) == 1 and "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        return obj

    return json.loads(text, parse_float=Decimal, object_hook=tagged)
