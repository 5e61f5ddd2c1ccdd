"""The JSON writer: exact Decimal numbers, ISO dates, and nothing else changed."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from llmcompare import exactjson
from llmcompare.exactjson import dumps, number

finite_decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None)


@given(finite_decimals)
def test_number_is_the_exact_value_in_plain_notation(value: Decimal) -> None:
    text = number(value)
    assert Decimal(text) == value
    assert "E" not in text and "e" not in text
    assert not (("." in text) and text.endswith(("0", ".")))  # no trailing zeros
    assert text != "-0"


@given(st.lists(st.one_of(finite_decimals, st.text(), st.integers(), st.none()), max_size=8))
def test_dumps_round_trips_exactly(values: list[object]) -> None:
    document = {"values": values, "nested": [{"v": values}]}
    for indent in (None, 2):
        parsed = json.loads(dumps(document, indent=indent), parse_float=Decimal)
        assert parsed == document


def test_money_and_dates_as_a_script_reads_them() -> None:
    document = {
        "total_usd": Decimal("100.000"),
        "price": Decimal("0.050"),
        "day": dt.date(2026, 1, 2),
    }
    assert dumps(document) == '{"total_usd":100,"price":0.05,"day":"2026-01-02"}'


def test_without_the_c_encoder_the_output_is_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    document = {"a": [Decimal("1.50"), "é", None, True, dt.date(2026, 1, 2)], "b": {"c": 3}}
    expected = dumps(document)
    monkeypatch.setattr(exactjson, "c_make_encoder", None)
    assert dumps(document) == expected


@given(st.lists(st.one_of(finite_decimals, st.dates(), st.integers()), max_size=12))
def test_tagged_dumps_round_trips_decimals_and_dates_exactly(values: list[object]) -> None:
    document = {"values": values + values, "nested": [{"v": values}]}  # repeats, as documents have
    parsed = exactjson.loads_tagged(dumps(document, dates=True))
    assert parsed == document
    for back, value in zip(parsed["values"], document["values"], strict=True):
        assert isinstance(back, dt.date) == isinstance(value, dt.date)


@given(st.lists(st.one_of(finite_decimals, st.text(), st.integers(), st.none()), max_size=8))
def test_raw_json_is_put_in_as_written_and_laid_out_when_indented(values: list[object]) -> None:
    inner = {"values": values}
    document = {"before": values, "raw": exactjson.Raw(dumps(inner), lambda: inner), "after": 1}
    compact = dumps(document)
    assert dumps(inner) in compact  # the written text itself
    expected = {"before": values, "raw": inner, "after": 1}
    assert json.loads(compact, parse_float=Decimal) == expected
    indented = dumps(document, indent=2)
    assert json.loads(indented, parse_float=Decimal) == expected
    assert '\n    "values"' in indented  # laid out with the rest, not one line


@given(st.lists(st.text(), max_size=6))
def test_raw_texts_of_any_characters_go_in_as_they_are(texts: list[str]) -> None:
    # Plain ones ("%s", a blank in a row written ahead) and ones with quotes,
    # escapes or non-ASCII alike, several in one document and one per document.
    document = {"raws": [exactjson.Raw(text, lambda: None) for text in texts], "n": Decimal("1.50")}
    expected = '{"raws":[' + ",".join(texts) + '],"n":1.5}'
    assert dumps(document) == expected
    assert exactjson.dumps_each([document, document]) == [expected, expected]


@given(st.lists(st.lists(st.one_of(finite_decimals, st.dates(), st.text()), max_size=4)))
def test_each_value_written_alone_is_as_dumps_writes_it(values: list[object]) -> None:
    assert exactjson.dumps_each(values) == [dumps(value) for value in values]
