"""`catalog update`: fetch the chosen sources' published data and import each as
the layer update:SOURCE.

Per source: the file is fetched (fetch.py: HTTPS, timeout, size cap, JSON
checked, conditional request), and must read as its format, with prices, before
it is stored; then it is mapped onto the catalog and validated by the strict
loader with the whole stack, and only then is the layer folder swapped in. Any
failure keeps the source's previous layer as it was (an import that fails after
the download was stored forgets the download's validators, so the next update
fetches it again). An unchanged file (HTTP 304) with its layer in place is "up to
date". Never called implicitly: no other command touches the network.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from . import userdirs
from .records import Record
from .sources import SOURCES, Source

if TYPE_CHECKING:
    from .importers import ReadResult
    from .importing import ImportReport

TIMEOUT_SECONDS = 60.0
MAX_BYTES = 256 * 1024 * 1024  # the largest of these files is a few MB today


class UpdateResult(Record):
    source: str
    url: str
    status: str  # updated | up to date | failed
    message: str  # one line: what changed, or what failed
    report: ImportReport | None = None  # what an update imported


class UpdateError(Exception):
    """Bad usage of `catalog update` (an unknown source)."""


def chosen_sources(names: Sequence[str]) -> list[Source]:
    """The sources named, else the config file's, else every known one."""
    from .config import load_config

    wanted = list(names) or list(load_config().update_sources) or list(SOURCES)
    unknown = [name for name in wanted if name not in SOURCES]
    if unknown:
        raise UpdateError(f"unknown source {unknown[0]!r} (sources: {', '.join(SOURCES)})")
    return [SOURCES[name] for name in dict.fromkeys(wanted)]


def source_url(source: Source) -> str:
    from .config import load_config

    return load_config().update_urls.get(source.name, source.url)


def update_source(
    source: Source, progress: Callable[[int, int | None], None] | None = None
) -> UpdateResult:
    from .fetch import FetchError, fetch, meta_path
    from .importers import reader

    url = source_url(source)
    dest = userdirs.downloads_dir() / f"{source.name}.json"
    folder = userdirs.sources_dir() / source.name
    read: list[ReadResult] = []  # what the check read, so it is read once

    def check(body: bytes) -> None:
        """The download must read as the source's format, with prices in it."""
        try:
            result = reader(source.format)(json.loads(body, parse_float=Decimal))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not {source.format} data ({type(exc).__name__}: {exc})") from None
        if not result.offers:
            raise ValueError(f"no prices in it as {source.format} data")
        read.append(result)

    try:
        fetched = fetch(
            url, dest, timeout=TIMEOUT_SECONDS, max_bytes=MAX_BYTES, check=check, progress=progress
        )
    except FetchError as exc:
        return UpdateResult(source.name, url, "failed", str(exc))
    if not fetched.changed and folder.is_dir():
        return UpdateResult(source.name, url, "up to date", f"unchanged since {fetched.date}")
    try:
        result = read[0] if read else _read_stored(source, fetched.path)
        report = _import(source, url, result, fetched.date, fetched.last_modified, folder)
    except Exception as exc:  # any failure keeps the old layer, told in one line
        # The download is kept but forgotten, so the next update fetches it again.
        meta_path(dest).unlink(missing_ok=True)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return UpdateResult(source.name, url, "failed", f"cannot import: {reason}")
    plan = report.plan
    message = (
        f"{len(plan.added_models)} models added, {len(plan.changed_routes)} prices changed, "
        f"{len(plan.added_routes)} routes added, {plan.unchanged_routes} unchanged"
    )
    return UpdateResult(source.name, url, "updated", message, report)


def compile_updated(results: Sequence[UpdateResult]) -> None:
    """Once every source is through, compile the catalog when any was updated:
    its next run answers at once instead of building (once for all the layers
    replaced, not once each). A catalog that does not load is left for the next
    run to report."""
    if not any(result.status == "updated" for result in results):
        return
    from .catalog import load_catalog
    from .errors import CatalogError

    load_catalog.cache_clear()  # the layers changed since any earlier load
    with contextlib.suppress(CatalogError):
        load_catalog()


def _read_stored(source: Source, path: Path) -> ReadResult:
    from .importing import read_data_file

    return read_data_file(path, source.format)


def _import(
    source: Source,
    url: str,
    result: ReadResult,
    day: dt.date,
    last_modified: str | None,
    folder: Path,
) -> ImportReport:
    """Validate and write the layer (import_layer swaps it in whole, or not at all)."""
    from .importing import import_layer

    return import_layer(
        source.format,
        result,
        origin=f"update:{source.name}",
        folder=folder,
        data_file=url,
        data_date=day,
        date_basis="the server's Last-Modified date" if last_modified else "read today",
        dry_run=False,
    )
