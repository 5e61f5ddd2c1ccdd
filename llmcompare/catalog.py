"""Which catalog a run uses, loaded once: a stack of folders, later ones
overriding earlier ones per model and per route (see loader.load_layers).

From the bottom: the bundled catalog (or $LLMCOMPARE_BASE_CATALOG in its place);
each source fetched by `catalog update` (update:SOURCE); each `catalog import`
(import:NAME); the user's own overrides (user); then team folders from the
config file, $LLMCOMPARE_CATALOG and `--catalog DIR` (folder:DIR).
`--bundled-only` or $LLMCOMPARE_BUNDLED_ONLY=1 keeps the bottom layer alone.

Kept apart from the loader so that a run answered from the compiled cache never
imports the TOML parser.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import userdirs
from .cache import load_cached
from .domain import Catalog
from .errors import CatalogError, Problem
from .records import Record

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .loader import Layer, ModelReuse, Reader

# A folder used in place of the bundled catalog (a whole catalog of its own).
BASE_ENV = "LLMCOMPARE_BASE_CATALOG"
# Team catalog folders layered on top of everything else (os.pathsep between them).
CATALOG_ENV = "LLMCOMPARE_CATALOG"
# Set to 1 for the bundled catalog alone: reproducible answers, e.g. in CI.
BUNDLED_ONLY_ENV = "LLMCOMPARE_BUNDLED_ONLY"

BUNDLED = "bundled"
USER = "user"


class CatalogFolder(Record):
    """One layer of the stack, as `catalog where` shows it."""

    origin: str  # bundled | update:SOURCE | import:NAME | user | folder:DIR
    path: Path | None  # None for a bundled catalog that is not a folder on disk (a zip)


# The CLI's global options: --catalog folders (in order) and --bundled-only.
_chosen_folders: tuple[str, ...] = ()
_chosen_bundled_only = False


def choose(folders: tuple[str, ...] = (), bundled_only: bool = False) -> None:
    """The CLI's global options: more folders on top, or the bundled catalog alone."""
    global _chosen_folders, _chosen_bundled_only
    _chosen_folders, _chosen_bundled_only = tuple(folders), bundled_only
    load_catalog.cache_clear()
    load_catalog_on.cache_clear()


def bundled_catalog_root() -> Traversable:
    """The catalog shipped in the package (llmcompare.catalog_data), for reading."""
    from importlib import resources

    try:
        return resources.files("llmcompare.catalog_data")
    except ModuleNotFoundError:
        checkout = _checkout_catalog()
        if checkout is None:
            raise
        return checkout


def _checkout_catalog() -> Path | None:
    """The catalog/ folder beside the package, in a source checkout. The wheel
    maps it to llmcompare.catalog_data; run from the repository's root
    (`python -m llmcompare`), the source package shadows the installed one and
    that name does not exist, so the checkout's own folder stands in."""
    folder = Path(__file__).resolve().parent.parent / "catalog"
    return folder if (folder / "providers.toml").is_file() else None


def _bundled_folder() -> Path | None:
    """The bundled catalog's folder, when it is one on disk, found through the
    package's import spec.

    This is only for fingerprinting the compiled cache on every run; the files
    themselves are read through importlib.resources (on a cache miss), whose
    import costs a few milliseconds that a cache hit need not pay.
    """
    from importlib.util import find_spec

    try:
        spec = find_spec("llmcompare.catalog_data")
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        return _checkout_catalog()
    for location in spec.submodule_search_locations or []:
        if os.path.isfile(os.path.join(location, "providers.toml")):
            return Path(location)
    return None


def _subfolders(parent: Path, prefix: str) -> list[CatalogFolder]:
    try:
        names = sorted(entry.name for entry in os.scandir(parent) if entry.is_dir())
    except OSError:  # none yet
        return []
    return [CatalogFolder(f"{prefix}:{name}", parent / name) for name in names]


def team_folders() -> list[str]:
    """Team catalog folders, in order: the config file's, $LLMCOMPARE_CATALOG's, --catalog's."""
    from_env = [part for part in os.environ.get(CATALOG_ENV, "").split(os.pathsep) if part]
    from .config import load_config

    return [*load_config().catalog_folders, *from_env, *_chosen_folders]


def bundled_only() -> bool:
    return _chosen_bundled_only or os.environ.get(BUNDLED_ONLY_ENV, "") not in ("", "0")


def catalog_folders() -> list[CatalogFolder]:
    """The stack this run uses, bottom first."""
    base_override = os.environ.get(BASE_ENV)
    base = CatalogFolder(BUNDLED, Path(base_override) if base_override else _bundled_folder())
    if bundled_only():
        return [base]
    overrides = userdirs.overrides_dir()
    return [
        base,
        *_subfolders(userdirs.sources_dir(), "update"),
        *_subfolders(userdirs.imports_dir(), "import"),
        *([CatalogFolder(USER, overrides)] if overrides.is_dir() else []),
        *(CatalogFolder(f"folder:{folder}", Path(folder)) for folder in team_folders()),
    ]


def stack_with(origin: str, path: Path) -> list[CatalogFolder]:
    """The stack as it will be once the layer `origin` is in `path`: in its own
    place (update:* and import:* by name, user after them), so that a change is
    checked in the order the catalog will read it."""
    folders = [folder for folder in catalog_folders() if folder.origin != origin]
    new = CatalogFolder(origin, path)
    rank = {"update": 1, "import": 2, USER: 3}

    def place(folder: CatalogFolder) -> tuple[int, str]:
        kind = folder.origin.split(":", 1)[0]
        return (0 if folder.origin == BUNDLED else rank.get(kind, 4), folder.origin)

    position = next((i for i, f in enumerate(folders) if place(f) > place(new)), len(folders))
    if place(new)[0] == 4:  # a team folder: keep the given order, on top
        position = len(folders)
    return [*folders[:position], new, *folders[position:]]


def loader_layers(folders: list[CatalogFolder]) -> list[Layer]:
    """The stack as the loader reads it. Files of layers above the base are named
    by their full path in messages; a named folder that is missing is a problem."""
    from .loader import Layer, as_folder

    layers = []
    for position, folder in enumerate(folders):
        if folder.path is None:
            layers.append(Layer(folder.origin, bundled_catalog_root()))
            continue
        root = as_folder(folder.path)
        label = "" if position == 0 else f"{folder.path}{os.sep}"
        layers.append(Layer(folder.origin, root, label))
    return layers


def _build(
    folders: list[CatalogFolder], read: Reader | None = None, reuse: ModelReuse | None = None
) -> Catalog:
    from .loader import load_layers, read_file

    return load_layers(loader_layers(folders), read or read_file, reuse)


@cache
def load_catalog() -> Catalog:
    """The catalog for this run; cached so every part of a command shares one load."""
    return load_folders(catalog_folders())


@cache
def load_catalog_on(day: dt.date) -> Catalog:
    """The catalog as of `day` (prices in force, retirements applied); today's
    comes ready from the compiled cache."""
    return load_folders(catalog_folders(), day)


def catalogs_to_compare(
    layer: str | None, since: dt.date | None, today: dt.date
) -> tuple[Catalog, str, Catalog, str]:
    """(before, its label, after, its label) for `catalog changes`: the bundled
    catalog against the one in use; the stack without one layer against it; or
    the prices in force on `since` against today's. ValueError for a layer that
    is not in the stack, or both options at once."""
    if layer is not None and since is not None:
        raise ValueError("give --layer or --since, not both")
    after = load_catalog_on(today)
    if since is not None:
        return load_catalog_on(since), f"prices in force on {since}", after, "today"
    folders = catalog_folders()
    if layer is None:
        before = load_folders(folders[:1], today)
        return before, "the bundled catalog", after, "the catalog in use"
    if layer not in [folder.origin for folder in folders[1:]]:
        origins = ", ".join(folder.origin for folder in folders[1:]) or "none"
        raise ValueError(f"no layer {layer!r} (layers above the bundled catalog: {origins})")
    kept = [folder for folder in folders if folder.origin != layer]
    return load_folders(kept, today), f"without {layer}", after, "the catalog in use"


def load_folders(folders: list[CatalogFolder], on: dt.date | None = None) -> Catalog:
    """The catalog of a stack of folders (as of `on`, if given), through the compiled cache."""
    for folder in folders[1:]:
        if not folder.path or not folder.path.is_dir():
            raise CatalogError([Problem(str(folder.path), "", "is not a catalog directory")])
    paths = [folder.path for folder in folders]
    if None in paths:  # e.g. a bundled catalog inside a zip: parse it, uncached
        catalog = _build(folders)
        return catalog if on is None else catalog.as_of(on)
    return load_cached(_on_disk(folders), lambda read, reuse: _build(folders, read, reuse), on)


def _on_disk(folders: list[CatalogFolder]) -> list[tuple[str, Path]]:
    return [(folder.origin, folder.path) for folder in folders if folder.path is not None]


def other_layer_stamps(origin: str) -> Any:
    """What says the layers other than `origin` are as they are now (their files'
    stamps): to tell whether they changed while `origin` was being replaced."""
    from .cache import layer_stamps

    return layer_stamps(
        _on_disk([folder for folder in catalog_folders() if folder.origin != origin])
    )


def store_checked(
    catalog: Catalog, origin: str, others: Any, reuse: ModelReuse | None = None
) -> None:
    """Compile `catalog`, checked from the stack with the layer `origin` as it has
    just been written, into the store a run would build; not where the other
    layers changed meanwhile (`others`: other_layer_stamps before the check).
    `reuse`: what the check took models from (checked_before), whose store's
    parts are then copied for those models, not worked out again."""
    from .cache import compile_checked
    from .loader import model_files

    folders = catalog_folders()
    if any(folder.path is None for folder in folders) or other_layer_stamps(origin) != others:
        return
    compile_checked(_on_disk(folders), catalog, model_files(loader_layers(folders)), reuse)


def load_unstored(folders: list[CatalogFolder]) -> Catalog:
    """The catalog of a stack read once (an import maps its data onto the stack
    without the layer it replaces): checked, with what the cache keeps reused
    (parsed files, models checked before), but not compiled into a store."""
    return _build(folders, reader_for(folders), checked_before())


def checked_before() -> ModelReuse | None:
    """The models the compiled cache checked before, given back where their files
    are unchanged: for a check that loads the whole stack with one layer changed."""
    from .cache import models_checked_before

    return models_checked_before()


def reader_for(folders: list[CatalogFolder]) -> Reader:
    """A reader of these layers' files that takes their parsed tables from the
    cache folder where they are current: for a check that loads the whole stack
    with one layer changed, which would otherwise parse every file again."""
    from .cache import parsed_reader

    return parsed_reader(_on_disk(folders))
