"""Which catalog a run uses, loaded once: $LLMCOMPARE_CATALOG or the bundled one.

Kept apart from the loader so that a run answered from the compiled cache never
imports the TOML parser.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import load_cached
from .domain import Catalog

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# Environment variable naming a catalog directory to use instead of the bundled one.
CATALOG_ENV = "LLMCOMPARE_CATALOG"


def bundled_catalog_root() -> Traversable:
    """The catalog shipped in the package (llmcompare.catalog_data), for reading."""
    from importlib import resources

    return resources.files("llmcompare.catalog_data")


def _bundled_folder() -> Path | None:
    """The bundled catalog's folder, when it is one on disk, found through the
    package's import spec.

    This is only for fingerprinting the compiled cache on every run; the files
    themselves are read through importlib.resources (on a cache miss), whose
    import costs a few milliseconds that a cache hit need not pay.
    """
    from importlib.util import find_spec

    spec = find_spec("llmcompare.catalog_data")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if os.path.isfile(os.path.join(location, "providers.toml")):
            return Path(location)
    return None


def _build(root: Traversable | Path) -> Catalog:
    from .loader import load_catalog_dir

    return load_catalog_dir(root)


@cache
def load_catalog() -> Catalog:
    """The catalog for this run; cached so every part of a command shares one load."""
    override = os.environ.get(CATALOG_ENV)
    if override:
        folder = Path(override)
        return load_cached(folder, _build) if folder.is_dir() else _build(folder)
    folder_on_disk = _bundled_folder()
    if folder_on_disk is None:  # e.g. inside a zip: parse it, uncached
        return _build(bundled_catalog_root())
    return load_cached(folder_on_disk, lambda _: _build(bundled_catalog_root()))
