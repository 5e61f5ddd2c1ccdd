"""The compiled catalog on disk, laid out so a run reads only what it uses.

A command that names two models should not pay for twenty thousand. The store
keeps the models in small chunks, sorted by id, behind an index that finds a
model by any of its names; `diff` and `show` read the header, one bucket of the
index per name and one chunk per model. Commands over every model (`cost`,
`list`) read every chunk, or first the summaries (see summary.py) to choose
which models they need.

Layout, every part a pickle (protocol 5) but the texts:

    MAGIC, then the header's length (8 bytes, little-endian), the header, then
    the parts the header points at by (offset, length) from the header's end:
    header   the fingerprint it was built from, providers, licenses, creators,
             moving aliases, and where the buckets, chunks and summaries are
    bucket   for the names whose crc32 falls in it: "n" + normalised name and
             "p" + normalised provider model id -> model ids, "i" + id -> chunk
    chunk    models in id order, CHUNK on average (see _chunked)
    summary  what whole-catalog commands choose by (summary.py): the
             "ranking" (and its "ranking_others"), the "cost_rows" written
             ahead (costrows.py) with the "cost_engine" models, the "listing"
             (columns, listindex.py; with "listing_dated" and
             "listing_by_day") and the "neighbours", each a part of its own
    text     a summary kept as it is, not pickled (Text): the "listing_json"
             rows, of which a run reads the span it writes (StoredText)
    rows     what the summaries were made from, per model (summary.ModelRow,
             without what the listing and the cost rows hold already)
    inputs   the files (and their stamps) each model was read from: a rebuild
             keeps the models whose files did not change (cache.py), copying
             their chunks and rows from the store before

Reading trusts the file as much as the cache folder it is in (cache.py checks
who owns it before anything here runs).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator, Mapping
from typing import IO, Any

from .domain import Catalog, Model
from .errors import CatalogError, Problem
from .names import NameIndex

try:
    from _pickle import dumps, loads
    from _pickle import load as load  # for cache.py
except ImportError:  # another Python implementation
    from pickle import dumps, loads
    from pickle import load as load

MAGIC = b"llmcompare-store-1\n"
# Models per chunk: small enough that a model read alone costs little, large
# enough that equal values (a provider, a date) are stored once per chunk.
CHUNK = 8
# Models per bucket of the name index, on average.
PER_BUCKET = 16
_LENGTH = 8


def write_store(
    handle: IO[bytes],
    key: Any,
    catalog: Catalog,
    inputs: dict[str, Any] | None = None,
    earlier: StoredModels | None = None,
) -> None:
    """Write `catalog` (its models in memory) to an open binary file, with what
    its models were read from (`inputs`, cache.CheckedModels).
    A chunk of models all taken from the `earlier` store is copied from it as it
    is, not written again."""
    from .summary import rows_before, summarise

    models = sorted(catalog.models, key=lambda model: model.id)
    summaries = summarise(tuple(models), rows_before(earlier) if earlier else None)
    rows = summaries.pop("rows")
    chunks = _chunked(models)
    index = NameIndex.build(Catalog(tuple(models), {}, {}, {}))
    count = max(1, len(models) // PER_BUCKET)
    buckets: list[dict[str, Any]] = [{} for _ in range(count)]

    def put(entry: str, value: Any) -> None:
        buckets[_bucket_of(entry[1:], count)][entry] = value

    for name, ids in index.by_name.items():
        put("n" + name, ids)
    for name, ids in index.by_provider_id.items():
        put("p" + name, ids)
    for number, chunk in enumerate(chunks):
        for model in chunk:
            put("i" + model.id, number)

    body: list[bytes] = []
    offset = 0

    def place(value: Any, blob: bytes | None = None) -> tuple[int, int]:
        nonlocal offset
        blob = blob if blob is not None else dumps(value, protocol=5)
        body.append(blob)
        offset += len(blob)
        return (offset - len(blob), len(blob))

    texts = {name: part for name, part in summaries.items() if isinstance(part, Text)}
    places: dict[str, Any] = {
        "buckets": [place(bucket) for bucket in buckets],
        "chunks": [
            place(chunk, earlier.chunk_bytes(chunk) if earlier else None) for chunk in chunks
        ],
        "summaries": {name: place(part) for name, part in summaries.items() if name not in texts},
        "texts": {name: place(None, part.data) for name, part in texts.items()},
    }
    places["rows"] = place(rows)
    if inputs is not None:
        places["inputs"] = place(inputs)
    header = {
        "key": key,
        "size": offset,  # of the parts: a shorter file was cut off
        "providers": catalog.providers,
        "licenses": catalog.licenses,
        "creators": catalog.creators,
        "moving": dict(index.moving),
        **places,
    }
    head = dumps(header, protocol=5)
    handle.write(MAGIC + len(head).to_bytes(_LENGTH, "little") + head)
    for blob in body:
        handle.write(blob)


class Text:
    """A summary part kept as it is, not pickled: read a span at a time (StoredText)."""

    def __init__(self, data: bytes) -> None:
        self.data = data


def _chunked(models: list[Model]) -> list[tuple[Model, ...]]:
    """The models (in id order) in chunks of CHUNK on average. A chunk ends after
    a model whose id hashes to a multiple of CHUNK (or at twice CHUNK): where the
    chunks end does not move when a model is added or removed elsewhere, so a
    rebuild copies every chunk but the one that changed."""
    chunks: list[tuple[Model, ...]] = []
    chunk: list[Model] = []
    for model in models:
        chunk.append(model)
        if len(chunk) == 2 * CHUNK or _bucket_of(model.id, CHUNK) == 0:
            chunks.append(tuple(chunk))
            chunk = []
    if chunk:
        chunks.append(tuple(chunk))
    return chunks


def read_header(fd: int) -> tuple[dict[str, Any], int] | None:
    """The header of the store open at `fd`, and where its parts start; None
    when the file is not a store (or a truncated one)."""
    start = os.pread(fd, len(MAGIC) + _LENGTH, 0)
    if len(start) != len(MAGIC) + _LENGTH or not start.startswith(MAGIC):
        return None
    length = int.from_bytes(start[len(MAGIC) :], "little")
    head = os.pread(fd, length, len(MAGIC) + _LENGTH)
    if len(head) != length:
        return None
    header = loads(head)
    base = len(MAGIC) + _LENGTH + length
    if not isinstance(header, dict) or os.fstat(fd).st_size != base + header.get("size", -1):
        return None
    return header, base


def _bucket_of(name: str, count: int) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) % count


class StoredModels:
    """The models of a store, read as they are asked for (a domain.ModelSource)."""

    def __init__(self, fd: int, header: dict[str, Any], base: int, path: str = "") -> None:
        self.path = path
        self._fd = fd
        self._header = header
        self._base = base
        self._buckets: dict[int, dict[str, Any]] = {}
        self._chunks: dict[int, dict[str, Model]] = {}
        self._rows: dict[str, Any] | None = None

    def catalog(self) -> Catalog:
        header = self._header
        return Catalog(
            None, header["providers"], header["licenses"], header["creators"], source=self
        )

    def _part(self, place: tuple[int, int]) -> Any:
        offset, length = place
        try:
            blob = os.pread(self._fd, length, self._base + offset)
            if len(blob) != length:
                raise ValueError("truncated")
            return loads(blob)
        except Exception as exc:
            # The header was whole and current when the file was opened, so this
            # is damage after the fact (a disk error, a hand edit): say where.
            problem = Problem(str(self.path), "", f"compiled catalog is damaged ({exc}): delete it")
            raise CatalogError([problem]) from None

    def _bucket(self, number: int) -> dict[str, Any]:
        found = self._buckets.get(number)
        if found is None:
            found = self._buckets[number] = self._part(self._header["buckets"][number])
        return found

    def _chunk(self, number: int) -> dict[str, Model]:
        found = self._chunks.get(number)
        if found is None:
            models = self._part(self._header["chunks"][number])
            found = self._chunks[number] = {model.id: model for model in models}
        return found

    def _from_here(self, model: Model) -> bool:
        """Whether `model` is the very object read from this store."""
        number = self.lookup("i" + model.id)
        chunk = self._chunks.get(number) if number is not None else None
        return chunk is not None and chunk.get(model.id) is model

    def row_before(self, model: Model) -> Any:
        """The summaries' row of a model read from this store (summary.ModelRow),
        or None for any other model."""
        if not self._from_here(model):
            return None
        if self._rows is None:
            place = self._header.get("rows")
            try:
                self._rows = self._part(place) if place is not None else {}
            except CatalogError:  # damaged since: the rows are worked out again
                self._rows = {}
        return self._rows.get(model.id)

    def chunk_bytes(self, models: tuple[Model, ...]) -> bytes | None:
        """The stored bytes of a chunk read from this store that holds exactly
        these model objects, in this order; None for any other chunk."""
        number = self.lookup("i" + models[0].id) if models else None
        chunk = self._chunks.get(number) if number is not None else None
        if chunk is None or len(chunk) != len(models):
            return None
        if not all(a is b for a, b in zip(chunk.values(), models, strict=True)):
            return None
        offset, length = self._header["chunks"][number]
        blob = os.pread(self._fd, length, self._base + offset)
        return blob if len(blob) == length else None

    def lookup(self, entry: str) -> Any:
        """An index entry ("n"/"p" + normalised name, "i" + id), or None."""
        count = len(self._header["buckets"])
        return self._bucket(_bucket_of(entry[1:], count)).get(entry)

    def load(self, model_id: str) -> Model:
        number = self.lookup("i" + model_id)
        if number is None:
            raise KeyError(model_id)
        return self._chunk(number)[model_id]

    def load_all(self) -> tuple[Model, ...]:
        models: list[Model] = []
        for number in range(len(self._header["chunks"])):
            models += self._chunk(number).values()
        return tuple(models)

    def inputs(self) -> Any:
        """What the models were read from (cache.CheckedModels), or None."""
        place = self._header.get("inputs")
        return None if place is None else self._part(place)

    def summary(self, name: str) -> Any:
        """A part summary.py wrote ("ranking", "listing", "neighbours"... see above)."""
        return self._part(self._header["summaries"][name])

    def text(self, name: str) -> StoredText | None:
        """A text part (see Text), to read spans of; None if the store has none."""
        place = self._header.get("texts", {}).get(name)
        return None if place is None else StoredText(self, place)

    def span(self, place: tuple[int, int], start: int, end: int) -> bytes:
        """Bytes `start` to `end` of the part at `place`."""
        offset, length = place
        start, end = max(0, start), min(end, length)
        if start >= end:
            return b""
        blob = os.pread(self._fd, end - start, self._base + offset + start)
        if len(blob) != end - start:
            message = "compiled catalog is damaged (cut short): delete it"
            raise CatalogError([Problem(str(self.path), "", message)])
        return blob

    def names(self) -> NameIndex:
        return NameIndex(
            _Names(self, "n"),
            _Names(self, "p"),
            self._header["moving"],
        )

    def every_entry(self, kind: str) -> dict[str, Any]:
        """Every index entry of one kind: for suggestions, on the error path."""
        found: dict[str, Any] = {}
        for number in range(len(self._header["buckets"])):
            for entry, value in self._bucket(number).items():
                if entry.startswith(kind):
                    found[entry[1:]] = value
        return found


class StoredText:
    """A text part of a store, sliced like bytes (`text[start:end]`): each slice
    is one read of those bytes alone."""

    __slots__ = ("_place", "_store")

    def __init__(self, store: StoredModels, place: tuple[int, int]) -> None:
        self._store, self._place = store, place  # the store keeps its file open

    def __getitem__(self, span: slice) -> bytes:
        length = self._place[1]
        start, end, _ = span.indices(length)
        return self._store.span(self._place, start, end)

    def __len__(self) -> int:
        return self._place[1]


class _Names(Mapping[str, tuple[str, ...]]):
    """One kind of name in the store's index, as the mapping NameIndex reads:
    a lookup reads one bucket; going through them all (suggestions for an
    unknown name) reads every bucket."""

    def __init__(self, store: StoredModels, kind: str) -> None:
        self._store = store
        self._kind = kind

    def __getitem__(self, name: str) -> tuple[str, ...]:
        found = self._store.lookup(self._kind + name) if name else None
        if found is None:
            raise KeyError(name)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.every_entry(self._kind))

    def __len__(self) -> int:
        return len(self._store.every_entry(self._kind))


__all__ = ["StoredModels", "StoredText", "Text", "dumps", "loads", "read_header", "write_store"]
