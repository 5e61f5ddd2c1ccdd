"""A compiled copy of the catalog, so a run does not parse every TOML file.

The TOML files stay the single source of truth: the cache holds the loaded
`Catalog` together with a fingerprint of everything it was built from (each
catalog file's path, size and modification time, and the package's own
modules), and is used only while that fingerprint still matches. A missing,
stale, corrupt or unwritable cache just means parsing the TOML, as without it.
A catalog with problems is never cached.

Where: $LLMCOMPARE_CACHE_DIR if set (empty or "off" disables the cache), else
the user cache directory from platformdirs.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__
from .domain import Catalog

CACHE_ENV = "LLMCOMPARE_CACHE_DIR"
# Bump when the pickled shape changes in a way file stamps would not show.
CACHE_FORMAT = 1

_PACKAGE_DIR = Path(__file__).parent  # our own modules, whose changes invalidate the cache


def cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip() in ("", "off") else Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("llmcompare", appauthor=False))


def _stamps(folder: Path, suffix: str) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime) of every file ending in `suffix` below `folder`."""
    stamps = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir():
                    pending.append(Path(entry.path))
                elif entry.name.endswith(suffix):
                    info = entry.stat()
                    relative = os.path.relpath(entry.path, folder)
                    stamps.append((relative, info.st_size, info.st_mtime_ns))
    return sorted(stamps)


def fingerprint(root: Path) -> tuple[Any, ...]:
    """Everything the loaded catalog depends on; any change means a rebuild."""
    return (
        CACHE_FORMAT,
        __version__,
        str(root.resolve()),
        _stamps(root, ".toml"),
        _stamps(_PACKAGE_DIR, ".py"),
    )


def load_cached(root: Path, build: Callable[[Path], Catalog]) -> Catalog:
    """The catalog in `root`, from the cache when it is current, else built and cached."""
    folder = cache_dir()
    if folder is None:
        return build(root)
    key = fingerprint(root)
    path = folder / f"catalog-{zlib.crc32(str(key[2]).encode()):08x}.pickle"
    try:
        with open(path, "rb") as handle:
            stored_key, catalog = pickle.load(handle)
        if stored_key == key and isinstance(catalog, Catalog):
            return catalog
    except Exception:
        pass
    catalog = build(root)  # raises CatalogError on problems: nothing is cached then
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            pickle.dump((key, catalog), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # atomic: a concurrent run sees old or new, never half
    except OSError:
        pass  # a read-only home still gets answers, just without the cache
    return catalog
