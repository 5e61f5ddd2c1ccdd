"""The listing in columns: every model as `list` filters, sorts and writes it.

At tens of thousands of models, making a record for each model and writing
each row's JSON took most of a `list` run. So the listing keeps one column per
field (numbers in arrays, equal tuples and names shared, ids and names as one
text), each pickled apart and read only when a filter, an order or the output
asks for it, and, in the compiled store, each model's `list --json` row written
ahead. A filter then looks at a few arrays, and the output is the chosen rows'
texts joined, or records made for the chosen models only.

The same columns are made in memory from the models when there is no store, so
that every `list` filters and sorts through this one code.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import compress, repeat
from operator import and_, eq, ge
from typing import TYPE_CHECKING, Any, overload

from .sorting import SortKey
from .store import dumps, loads

if TYPE_CHECKING:
    from .domain import Catalog, Creator
    from .listing import Listed

_SEP = "\x00"  # between ids or names in their joined column: never printable

# A day's changes to the listing (ListingIndex.day_changes): models' cheapest
# (input, output) prices, and their JSON rows, by position.
Day = tuple[dict[int, tuple["Decimal | None", "Decimal | None"]], dict[int, bytes]]
# The columns a day changes, and which of a model's (input, output) prices each holds.
_DAY_COLUMNS = {"cheapest_input": 0, "cheapest_output": 1}


class Wanted:
    """A filter with its words resolved to catalog keys (listing.ModelFilter).
    (A plain class: `list` imports this module on every run, and a record class
    costs more to define.)"""

    def __init__(
        self,
        capabilities: tuple[int, ...],  # positions in domain.CAPABILITIES
        min_context: int,
        max_input_price: Decimal | None,
        max_output_price: Decimal | None,
        open_weights: bool,
        providers: frozenset[str],
        creators: frozenset[str],
    ) -> None:
        self.capabilities, self.min_context = capabilities, min_context
        self.max_input_price, self.max_output_price = max_input_price, max_output_price
        self.open_weights, self.providers, self.creators = open_weights, providers, creators


def _columns(entries: Sequence[Listed]) -> dict[str, Any]:
    def shared(values: Iterable[Any]) -> tuple[Any, ...]:
        """Equal values made one object, which pickle then writes once. (Keyed
        with the type and text: 1.0 and 1 are equal but written differently.)"""
        one: dict[Any, Any] = {}
        return tuple(one.setdefault((type(v), str(v)), v) for v in values)

    def mask(flags: tuple[bool | None, ...]) -> int:
        return sum(1 << i for i, flag in enumerate(flags) if flag)

    return {
        "ids": _SEP.join(e.id for e in entries),
        "names": _SEP.join(e.name for e in entries),
        "creators": shared(e.creator.id for e in entries),
        "released": array("q", (e.released.toordinal() if e.released else 0 for e in entries)),
        "context": array("q", (e.context_window for e in entries)),
        "max_output": tuple(e.max_output_tokens for e in entries),
        "open_weights": tuple(e.open_weights for e in entries),
        "license": shared(e.license for e in entries),
        "capabilities": shared(e.capabilities for e in entries),
        "capability_mask": array("q", (mask(e.capabilities) for e in entries)),
        "use_cases": shared(e.use_cases for e in entries),
        "providers": shared(e.providers for e in entries),
        "routes": array("q", (e.routes for e in entries)),
        "cheapest_input": shared(e.cheapest_input for e in entries),
        "cheapest_output": shared(e.cheapest_output for e in entries),
    }


class ListingIndex:
    """Models (sorted by id) as `list` sees them, a column per field, and each
    one's JSON row written ahead (one text, read a span at a time)."""

    def __init__(
        self,
        parts: dict[str, bytes],
        entries: Sequence[Listed] | None = None,
        text: Any = None,
        day: Day | None = None,
    ) -> None:
        self._parts = parts  # each column pickled, read on first use
        self._entries = entries  # the records themselves, when made in memory
        self._columns: dict[str, Any] = {} if entries is None else _columns(entries)
        self._words: dict[str, list[str]] = {}  # ids and names, split when first asked for
        # The JSON rows as one ASCII text (bytes, or the store's part read by
        # spans: store.StoredText), where "json_offsets" says; None: not written.
        self._text = text
        self._day = day  # prices and rows as on a day, over the ones kept (see on_day)

    @classmethod
    def of(cls, entries: Sequence[Listed], json_rows: Sequence[str] | None = None) -> ListingIndex:
        """The index of `entries` (sorted by id), with each one's JSON row if given."""
        columns = _columns(entries)
        text = None
        if json_rows is not None:
            offsets = array("q", [0])
            for row in json_rows:
                offsets.append(offsets[-1] + len(row))
            columns["json_offsets"] = offsets
            text = "".join(json_rows).encode("ascii")  # JSON as written here is ASCII
        # Only the pickled columns are kept: a store is written from them, and
        # the columns themselves go as soon as they are pickled (20,000 models'
        # worth at a build's peak).
        return cls({name: dumps(value, protocol=5) for name, value in columns.items()}, text=text)

    @classmethod
    def in_memory(cls, entries: Sequence[Listed]) -> ListingIndex:
        """For a catalog without a store: the columns made from the records."""
        return cls({}, sorted(entries, key=lambda entry: entry.id))

    def __reduce__(self) -> tuple[Any, ...]:
        text = self._text if isinstance(self._text, bytes) else None
        return (ListingIndex, (self._parts, None, text, self._day))

    def text_apart(self) -> tuple[ListingIndex, bytes | None]:
        """This index without its JSON text, and the text: the store keeps the
        text unpickled, so that a run reads the rows it writes and no others."""
        text = self._text if isinstance(self._text, bytes) else None
        return ListingIndex(self._parts, day=self._day), text

    def with_text(self, text: Any) -> ListingIndex:
        """This index with its JSON text (bytes, or a store.StoredText)."""
        return ListingIndex(self._parts, text=text, day=self._day)

    def _column(self, name: str) -> Any:
        found = self._columns.get(name)
        if found is None:
            found = loads(self._parts[name])
            kind = _DAY_COLUMNS.get(name)
            if kind is not None and self._day is not None:
                patched = list(found)
                for number, prices in self._day[0].items():
                    patched[number] = prices[kind]
                found = tuple(patched)
            self._columns[name] = found
        return found

    def __len__(self) -> int:
        return len(self._column("context"))

    @property
    def has_json(self) -> bool:
        return self._text is not None

    def json_rows(self, numbers: Sequence[int]) -> list[bytes]:
        """The JSON rows of these models, written ahead (ASCII): read in one span
        from the first to the last of them, the day's own rows put in."""
        offsets, text = self._column("json_offsets"), self._text
        own: dict[int, bytes] = self._day[1] if self._day is not None else {}
        kept = [number for number in numbers if number not in own] if own else numbers
        if not kept:
            return [own[n] for n in numbers]
        start, end = offsets[min(kept)], offsets[max(kept) + 1]  # offsets only rise
        span = text[start:end]
        if not own:
            return [span[offsets[n] - start : offsets[n + 1] - start] for n in numbers]
        return [
            own[n] if n in own else span[offsets[n] - start : offsets[n + 1] - start]
            for n in numbers
        ]

    def entry(self, number: int, creators: Mapping[str, Creator]) -> Listed:
        """The record of model `number`, as listing.listed made it."""
        if self._entries is not None:
            return self._entries[number]
        from .listing import Listed

        column = self._column
        released = column("released")[number]
        return Listed(
            id=self._split("ids")[number],
            name=self._split("names")[number],
            creator=creators[column("creators")[number]],
            released=dt.date.fromordinal(released) if released else None,
            context_window=column("context")[number],
            max_output_tokens=column("max_output")[number],
            open_weights=column("open_weights")[number],
            license=column("license")[number],
            capabilities=column("capabilities")[number],
            use_cases=column("use_cases")[number],
            providers=column("providers")[number],
            routes=column("routes")[number],
            cheapest_input=column("cheapest_input")[number],
            cheapest_output=column("cheapest_output")[number],
        )

    def ids(self) -> list[str]:
        """Every model's id, in order."""
        return self._split("ids")

    def _split(self, name: str) -> list[str]:
        found = self._words.get(name)
        if found is None:
            found = self._words[name] = self._column(name).split(_SEP)
        return found

    def day_changes(
        self,
        prices: Mapping[int, tuple[Decimal | None, Decimal | None]],
        creators: Mapping[str, Creator],
        write_rows: Callable[[list[Listed]], list[str]],
    ) -> Day:
        """What a day changes: the models whose cheapest (input, output) prices
        on it differ from these (by value or by how they are written), with their
        JSON rows written again by `write_rows`. Small, so kept beside the store
        for the day's later runs (listindex.stored_listing)."""
        cheapest_in, cheapest_out = self._column("cheapest_input"), self._column("cheapest_output")
        moved = {
            number: (price_in, price_out)
            for number, (price_in, price_out) in prices.items()
            if str(price_in) != str(cheapest_in[number])
            or str(price_out) != str(cheapest_out[number])
        }
        rows: dict[int, bytes] = {}
        if self.has_json and moved:
            numbers = sorted(moved)
            entries = [
                self.entry(number, creators)._replace(
                    cheapest_input=moved[number][0], cheapest_output=moved[number][1]
                )
                for number in numbers
            ]
            written = write_rows(entries)
            rows = {n: row.encode("ascii") for n, row in zip(numbers, written, strict=True)}
        return (moved, rows)

    def on_day(self, day: Day) -> ListingIndex:
        """This index as on a day (see day_changes); the other columns as they are."""
        return ListingIndex(self._parts, text=self._text, day=day)

    def with_prices(
        self,
        changed: Mapping[int, tuple[Decimal | None, Decimal | None]],
        creators: Mapping[str, Creator],
        write_rows: Callable[[list[Listed]], list[str]],
    ) -> ListingIndex:
        """This index with some models' cheapest (input, output) prices changed,
        as on a given day, and their JSON rows written again by `write_rows`."""
        return self.on_day(self.day_changes(changed, creators, write_rows))

    def columns(self) -> dict[str, Any]:
        """Every column, read (to compare two indexes)."""
        return {name: self._column(name) for name in self._parts or self._columns}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ListingIndex) and self.columns() == other.columns()

    __hash__ = None  # type: ignore[assignment]

    def select(self, wanted: Wanted, sort: SortKey) -> list[int]:
        """The models passing every filter, in the chosen order (ties by id)."""
        column = self._column
        chosen: Sequence[int] = range(len(self))
        # Narrowed one filter at a time, each a loop over one column (a filter that
        # looks at every model, a pass of `map`).
        if wanted.min_context:
            context = column("context")
            chosen = list(compress(chosen, map(ge, context, repeat(wanted.min_context))))
        if wanted.capabilities:
            # Each capability once: `-c vision -c vision` asks for vision alone.
            masks, need = column("capability_mask"), sum(1 << i for i in set(wanted.capabilities))
            if len(chosen) == len(masks):  # every model still
                held = map(and_, masks, repeat(need))
                chosen = list(compress(chosen, map(eq, held, repeat(need))))
            else:
                chosen = [i for i in chosen if masks[i] & need == need]
        if wanted.open_weights:
            open_weights = column("open_weights")
            chosen = [i for i in chosen if open_weights[i]]
        if wanted.creators:
            creators, among = column("creators"), wanted.creators
            chosen = [i for i in chosen if creators[i] in among]
        if wanted.providers:
            providers, served = column("providers"), wanted.providers
            chosen = [i for i in chosen if not served.isdisjoint(providers[i])]
        # With a limit, a model must have a price at or under it; unpriced models fail.
        for kind, limit in (("input", wanted.max_input_price), ("output", wanted.max_output_price)):
            if limit is not None:
                prices = column(f"cheapest_{kind}")
                chosen = [i for i in chosen if (p := prices[i]) is not None and p <= limit]
        return list(chosen) if sort is SortKey.ID else sorted(chosen, key=self._sort_key(sort))

    def _sort_key(self, sort: SortKey) -> Callable[[int], Any]:
        # Positions follow the ids' order, so a position breaks ties by id.
        column = self._column
        if sort is SortKey.NAME:
            names = self._split("names")
            return lambda i: (names[i].casefold(), i)
        if sort is SortKey.CREATOR:
            creators = column("creators")
            return lambda i: (creators[i], i)
        if sort is SortKey.RELEASED:  # newest first; an unknown release date last
            released = column("released")
            return lambda i: (-released[i] if released[i] else 1, i)
        if sort in (SortKey.CONTEXT, SortKey.ROUTES):  # largest first
            numbers = column("context" if sort is SortKey.CONTEXT else "routes")
            return lambda i: (-numbers[i], i)
        # By price, cheapest first; unpriced models last.
        prices = column("cheapest_input" if sort is SortKey.INPUT_PRICE else "cheapest_output")
        zero = Decimal(0)
        return lambda i: (prices[i] is None, prices[i] or zero, i)


class ChosenEntries(Sequence["Listed"]):
    """The chosen models' records, made as they are read (a table shows 50 of
    thousands; JSON reads none when its rows were written ahead)."""

    def __init__(self, index: ListingIndex, chosen: list[int], creators: Mapping[str, Creator]):
        self._index, self._chosen, self._creators = index, chosen, creators

    def __len__(self) -> int:
        return len(self._chosen)

    @overload
    def __getitem__(self, at: int) -> Listed: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[Listed]: ...
    def __getitem__(self, at: int | slice) -> Listed | Sequence[Listed]:
        if isinstance(at, slice):
            return ChosenEntries(self._index, self._chosen[at], self._creators)
        return self._index.entry(self._chosen[at], self._creators)

    def json_array(self) -> str | None:
        """The chosen models' JSON rows as written ahead, as one JSON array; None
        when they were not written ahead."""
        if not self._index.has_json:
            return None
        return "[" + b",".join(self._index.json_rows(self._chosen)).decode("ascii") + "]"


def stored_listing(catalog: Catalog) -> ListingIndex | None:
    """The compiled store's listing, cheapest prices as on the catalog's day,
    without reading a model; None when there is no store."""
    source = catalog.store
    if source is None:
        return None
    listing: ListingIndex = source.summary("listing").with_text(source.text("listing_json"))
    day = catalog.day
    if day is None or not source.summary("listing_by_day"):
        return listing
    from .cache import beside_store

    def on_the_day() -> Day:
        from .summary import cheapest_on, write_list_rows

        prices = {
            number: (cheapest_on(dated, day, 0), cheapest_on(dated, day, 1))
            for number, dated in source.summary("listing_dated")
        }
        return listing.day_changes(prices, catalog.creators, write_list_rows)

    # Worked out by the day's first `list`, kept beside the store for the others.
    return listing.on_day(beside_store(source, f"listing on {day}", on_the_day))
