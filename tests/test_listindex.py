"""The listing in columns answers `list` exactly as the records it was made from.

`list` filters and sorts through listindex.py whether the listing comes from the
compiled store or from models in memory, so the columns are checked here against
a plain filter over the records (listing.Listed), over listings drawn by
Hypothesis; and a stored listing (pickled, as the store keeps it) gives back the
same records and the JSON rows `list --json` writes for them.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from llmcompare.domain import CAPABILITIES, Creator
from llmcompare.exactjson import dumps
from llmcompare.listindex import ChosenEntries, ListingIndex, Wanted
from llmcompare.listing import Listed
from llmcompare.render.jsonout import list_rows_json
from llmcompare.sorting import SortKey
from llmcompare.summary import write_list_rows

CREATORS = {key: Creator(key, key.title(), f"https://{key}.example") for key in ("acme", "zeta")}
PROVIDERS = ("alpha", "beta", "gamma")
prices = st.one_of(st.none(), st.sampled_from(["0", "0.5", "0.50", "1", "1.0", "2.25", "10"]))


@st.composite
def listings(draw: Any) -> list[Listed]:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9.-]{0,8}", fullmatch=True), unique=True))
    entries = [
        Listed(
            id=model_id,
            name=draw(st.sampled_from(["Alpha", "alpha", "Beta", "Été", model_id])),
            creator=CREATORS[draw(st.sampled_from(sorted(CREATORS)))],
            released=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2027, 1, 1)))),
            context_window=draw(st.sampled_from([0, 8_000, 128_000, 1_000_000])),
            max_output_tokens=draw(st.one_of(st.none(), st.integers(1, 10**6))),
            open_weights=draw(st.one_of(st.none(), st.booleans())),
            license=draw(st.sampled_from([None, "mit", "proprietary"])),
            capabilities=tuple(draw(st.one_of(st.none(), st.booleans())) for _ in CAPABILITIES),
            use_cases=tuple(draw(st.lists(st.sampled_from(["chat", "code"]), unique=True))),
            providers=tuple(sorted(draw(st.sets(st.sampled_from(PROVIDERS))))),
            routes=draw(st.integers(0, 5)),
            cheapest_input=_price(draw(prices)),
            cheapest_output=_price(draw(prices)),
        )
        for model_id in ids
    ]
    return sorted(entries, key=lambda entry: entry.id)


def _price(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


LIMITS = [Decimal("0.5"), Decimal(1)]
wanted = st.builds(
    Wanted,
    capabilities=st.lists(st.integers(0, len(CAPABILITIES) - 1), max_size=2).map(tuple),
    min_context=st.sampled_from([0, 8_000, 128_000, 1_000_000]),  # equal to some
    max_input_price=st.one_of(st.none(), st.sampled_from(LIMITS)),
    max_output_price=st.one_of(st.none(), st.sampled_from(LIMITS)),
    open_weights=st.booleans(),
    providers=st.sets(st.sampled_from(PROVIDERS), max_size=2).map(frozenset),
    creators=st.sets(st.sampled_from(sorted(CREATORS)), max_size=1).map(frozenset),
)


def _plain_select(entries: list[Listed], filters: Wanted, sort: SortKey) -> list[str]:
    """The filter and order `list` promises, over the records one by one."""

    def within(price: Decimal | None, limit: Decimal | None) -> bool:
        return limit is None or (price is not None and price <= limit)

    chosen = [
        e
        for e in entries
        if e.context_window >= filters.min_context
        and all(e.capabilities[i] for i in filters.capabilities)
        and (e.open_weights or not filters.open_weights)
        and (not filters.creators or e.creator.id in filters.creators)
        and (not filters.providers or set(e.providers) & filters.providers)
        and within(e.cheapest_input, filters.max_input_price)
        and within(e.cheapest_output, filters.max_output_price)
    ]
    zero = Decimal(0)

    def newest(e: Listed) -> tuple[object, ...]:
        return (e.released is None, -(e.released or dt.date.min).toordinal(), e.id)

    def cheapest(price: Decimal | None, e: Listed) -> tuple[object, ...]:
        return (price is None, price or zero, e.id)

    keys: dict[SortKey, Any] = {
        SortKey.ID: lambda e: e.id,
        SortKey.NAME: lambda e: (e.name.casefold(), e.id),
        SortKey.CREATOR: lambda e: (e.creator.id, e.id),
        SortKey.RELEASED: newest,
        SortKey.CONTEXT: lambda e: (-e.context_window, e.id),
        SortKey.ROUTES: lambda e: (-e.routes, e.id),
        SortKey.INPUT_PRICE: lambda e: cheapest(e.cheapest_input, e),
        SortKey.OUTPUT_PRICE: lambda e: cheapest(e.cheapest_output, e),
    }
    return [e.id for e in sorted(chosen, key=keys[sort])]


def _stored(entries: list[Listed]) -> ListingIndex:
    """The index as the compiled store keeps it: rows written ahead, pickled."""
    made = ListingIndex.of(entries, write_list_rows(entries))
    index = pickle.loads(pickle.dumps(made, protocol=5))
    assert isinstance(index, ListingIndex)
    return index


@settings(max_examples=150, deadline=None)
@given(listings(), wanted, st.sampled_from(list(SortKey)))
def test_the_columns_choose_and_order_as_the_records_would(
    entries: list[Listed], filters: Wanted, sort: SortKey
) -> None:
    expected = _plain_select(entries, filters, sort)
    for index in (ListingIndex.in_memory(entries), _stored(entries)):
        chosen = index.select(filters, sort)
        assert [index.entry(number, CREATORS).id for number in chosen] == expected


@settings(max_examples=60, deadline=None)
@given(listings())
def test_a_stored_listing_gives_back_its_records_and_their_json_rows(
    entries: list[Listed],
) -> None:
    index = _stored(entries)
    chosen = ChosenEntries(index, list(range(len(entries))), CREATORS)
    assert list(chosen) == entries
    for back, entry in zip(chosen, entries, strict=True):  # 1.0 stays 1.0, not 1
        assert str(back.cheapest_input) == str(entry.cheapest_input)
    written = chosen.json_array()
    assert written is not None
    assert written == dumps(list_rows_json(entries))
    assert json.loads(written) == json.loads(dumps(list_rows_json(entries)))


@settings(max_examples=60, deadline=None)
@given(listings(), st.data())
def test_rows_come_back_in_the_order_asked_for(entries: list[Listed], data: st.DataObject) -> None:
    # Rows are read as one span, from the first to the last asked for, in any order.
    index = _stored(entries)
    numbers = data.draw(st.permutations(range(len(entries))))
    numbers = numbers[: data.draw(st.integers(0, len(numbers)))]
    written = ChosenEntries(index, list(numbers), CREATORS).json_array()
    assert written == dumps(list_rows_json([entries[n] for n in numbers]))


@settings(max_examples=100, deadline=None)
@given(listings(), st.data())
def test_prices_changed_for_a_day_change_those_models_rows_only(
    entries: list[Listed], data: st.DataObject
) -> None:
    index = _stored(entries)
    numbers = data.draw(st.sets(st.integers(0, max(0, len(entries) - 1))))
    changed = {
        number: (_price(data.draw(prices)), _price(data.draw(prices)))
        for number in numbers
        if number < len(entries)
    }
    day = index.day_changes(changed, CREATORS, write_list_rows)
    on_day = index.on_day(day)
    expected = [
        e._replace(cheapest_input=changed[n][0], cheapest_output=changed[n][1])
        if n in changed
        else e
        for n, e in enumerate(entries)
    ]
    assert [on_day.entry(n, CREATORS) for n in range(len(entries))] == expected
    whole = ChosenEntries(on_day, list(range(len(entries))), CREATORS).json_array()
    assert whole == dumps(list_rows_json(expected))  # 1.0 written as 1.0, not as 1

    # The day keeps only the models whose prices it changes (by value or in writing):
    # what the store keeps beside it for the day's later runs.
    def written(entry: Listed) -> tuple[str, str]:
        return (str(entry.cheapest_input), str(entry.cheapest_output))

    assert (
        set(day[0])
        == set(day[1])
        == {n for n in changed if written(expected[n]) != written(entries[n])}
    )


def test_a_day_price_written_otherwise_is_kept_as_written() -> None:
    # 1.0 equals 1, but tables and CSV write what the catalog says: the day's record
    # must hold 1.0.
    capabilities = tuple(None for _ in CAPABILITIES)
    entry = Listed(
        "m", "M", CREATORS["acme"], None, 8_000, None, None, None, capabilities, (), (), 1,
        Decimal("1"), Decimal("2"),
    )  # fmt: skip
    index = _stored([entry])
    same = index.day_changes({0: (Decimal("1"), Decimal("2"))}, CREATORS, write_list_rows)
    assert same == ({}, {})
    day = index.day_changes({0: (Decimal("1.0"), Decimal("2"))}, CREATORS, write_list_rows)
    assert str(index.on_day(day).entry(0, CREATORS).cheapest_input) == "1.0"
