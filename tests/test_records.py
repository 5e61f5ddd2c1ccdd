"""A Record class behaves as the typing.NamedTuple it stands for (records.py):
built by position, by keyword and with defaults, refused alike, and the same in
repr, equality, hashing, _replace, _asdict, _make, pickling, copying and
pattern matching."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llmcompare.records import Record


class Typed(NamedTuple):
    """A route, say."""

    name: str
    price: Decimal | None
    tags: tuple[str, ...] = ()
    note: str | None = None

    @property
    def tagged(self) -> bool:
        return bool(self.tags)

    def shout(self) -> str:
        return self.name.upper()


class Fast(Record):
    """A route, say."""

    name: str
    price: Decimal | None
    tags: tuple[str, ...] = ()
    note: str | None = None

    @property
    def tagged(self) -> bool:
        return bool(self.tags)

    def shout(self) -> str:
        return self.name.upper()


values = st.one_of(st.none(), st.text(max_size=3), st.decimals(allow_nan=False), st.integers())
calls = st.tuples(
    st.lists(values, max_size=5),
    st.dictionaries(st.sampled_from(["name", "price", "tags", "note", "other"]), values),
)


def _outcome(make: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    try:
        return ("made", tuple(make(*args, **kwargs)))
    except TypeError:
        return ("refused",)


@given(calls)
def test_built_or_refused_as_a_named_tuple_is(call: tuple[list[Any], dict[str, Any]]) -> None:
    args, kwargs = call
    assert _outcome(Fast, args, kwargs) == _outcome(Typed, args, kwargs)


@given(st.text(max_size=4), values, st.lists(st.text(max_size=2), max_size=2), values)
def test_a_record_reads_writes_and_compares_as_a_named_tuple(
    name: str, price: Any, tags: list[str], note: Any
) -> None:
    fast, typed = Fast(name, price, tuple(tags), note), Typed(name, price, tuple(tags), note)
    assert fast == typed and hash(fast) == hash(typed) and isinstance(fast, tuple)
    assert repr(fast) == repr(typed).replace("Typed(", "Fast(")
    assert (fast.name, fast.price, fast.tags, fast.note) == (name, price, tuple(tags), note)
    assert fast.tagged == typed.tagged and fast.shout() == typed.shout()
    assert Fast._fields == Typed._fields and Fast._field_defaults == Typed._field_defaults
    assert fast._asdict() == typed._asdict()
    assert fast._replace(note="n", tags=()) == typed._replace(note="n", tags=())
    assert type(fast._replace(name="x")) is Fast
    assert Fast._make([name, price, (), None]) == Fast(name, price)
    for back in (pickle.loads(pickle.dumps(fast, protocol=5)), copy.copy(fast)):
        assert back == fast and type(back) is Fast
    match fast:
        case Fast(matched_name, matched_price):
            assert (matched_name, matched_price) == (name, price)


def test_wrong_changes_are_refused() -> None:
    with pytest.raises(ValueError):
        Fast("a", None)._replace(other=1)
    with pytest.raises(TypeError):
        Fast._make(["a"])
    with pytest.raises(TypeError):

        class Gap(Record):  # a field without a default after one with
            a: int = 0
            b: int
