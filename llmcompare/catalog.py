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
    """The catalog shipped in the package (llmcompare.catalog_data).

    For an ordinary install this is a folder on disk (a Path), which the
    compiled-catalog cache can fingerprint; from a zip it is any Traversable.
    """
    from importlib import resources

    return resources.files("llmcompare.catalog_data")


def _build(root: Traversable | Path) -> Catalog:
    from .loader import load_catalog_dir

    return load_catalog_dir(root)


@cache
def load_catalog() -> Catalog:
    """The catalog for this run; cached so every part of a command shares one load."""
    override = os.environ.get(CATALOG_ENV)
    root: Traversable | Path = Path(override) if override else bundled_catalog_root()
    if isinstance(root, Path) and root.is_dir():
        return load_cached(root, _build)
    return _build(root)  # not a plain folder (e.g. inside a zip): parse it, uncached
