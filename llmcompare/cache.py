"""The compiled catalog, so a run does not parse every TOML file.

The TOML files stay the single source of truth: the cache folder holds a store
of the loaded catalog (store.py) with a fingerprint of everything it was built
from (see `fingerprint`), used only while that fingerprint still matches, and
each layer's parsed tables (`ParsedFiles`), so that a rebuild parses only the
files that changed. A missing, stale, corrupt or unwritable cache just means
parsing the TOML, as without it. A catalog with problems is never stored.

Where: $LLMCOMPARE_CACHE_DIR if set (empty or "off" disables the cache), else
the user cache directory from platformdirs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .domain import Catalog
from .store import StoredModels, dumps, load, loads, read_header, write_store

if TYPE_CHECKING:
    from .domain import Model
    from .loader import ModelReuse, Reader

CACHE_ENV = "LLMCOMPARE_CACHE_DIR"
# Bump when the pickled shape changes in a way file stamps would not show.
CACHE_FORMAT = 16

# The modules whose code decides what a loaded catalog holds: a change to any of
# them (in a development checkout, where the version does not move) rebuilds.
_PACKAGE_DIR = os.path.dirname(__file__)
_CODE_FILES = tuple(
    os.path.join(_PACKAGE_DIR, name)
    for name in (
        "domain.py",
        "loader.py",
        "cache.py",
        "store.py",
        "names.py",
        "summary.py",
        "listing.py",
        "related.py",
        "costing.py",
        "layercopy.py",
        "exactjson.py",
        "records.py",
    )
)


def cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().casefold() in ("", "off") else Path(configured)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # platformdirs' rule for these systems, without its ~3 ms import on every run
        # (a relative XDG_CACHE_HOME is ignored, as the XDG specification says).
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = base if os.path.isabs(base) else os.path.expanduser("~/.cache")
        return Path(base) / "llmcompare"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("llmcompare", appauthor=False))


def _stamps(folder: Path, suffix: str) -> list[tuple[str, int, int, int]]:
    """(path, size, mtime, ctime) of every file ending in `suffix` in `folder` and
    the two levels below it (models/<creator>/<model>.toml). The change time moves
    with every write and cannot be set back, so an edit that keeps the size and
    restores the modification time is still seen. An entry that cannot be read (a
    broken or looping link) is stamped as such: the loader says why."""
    stamps = []
    pending = [(str(folder), 0)]
    while pending:
        path, depth = pending.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir():
                            if depth < 2:
                                pending.append((entry.path, depth + 1))
                        elif entry.name.endswith(suffix):
                            stamps.append((entry.path, *_stamp(entry.stat())))
                    except OSError:
                        stamps.append((entry.path, -1, -1, -1))
        except OSError:
            stamps.append((path, -1, -1, -1))
    stamps.sort()
    return stamps


# Layers `catalog import` and `catalog update` write: never edited in place.
WHOLE_FOLDER_LAYERS = ("import:", "update:")


def fingerprint(layers: list[tuple[str, Path]]) -> tuple[Any, ...]:
    """Everything the loaded catalog depends on; any change means a rebuild.

    The catalog of an installed wheel changes only with a reinstall, which
    rewrites the package's RECORD: its stamp stands for every file, sparing a
    stat of each. A catalog anywhere else (a checkout, a user's layer) is
    stamped file by file.
    """
    stamps: list[Any] = []
    for origin, root in layers:
        installed = _installed_record(root)
        if installed is not None:
            stamps.append((origin, str(root), "installed", *_size_and_time(installed)))
        elif origin.startswith(WHOLE_FOLDER_LAYERS):
            # Written only by llmcompare, always as a new folder swapped in whole:
            # the folder's own stamp stands for its files (thousands, for an import).
            info = os.stat(root)
            stamps.append((origin, str(root), "whole", info.st_ino, info.st_mtime_ns))
        else:
            stamps.append((origin, str(root.resolve()), _stamps(root, ".toml")))
    code = [(path, *_size_and_time(path)) for path in _CODE_FILES]
    return (CACHE_FORMAT, __version__, [(o, str(r)) for o, r in layers], stamps, code)


def _installed_record(root: Path) -> str | None:
    """The RECORD of the installed wheel whose package holds `root`, if it does."""
    package = root.parent
    if package.name != "llmcompare" or package != Path(_PACKAGE_DIR):
        return None
    record = os.path.join(package.parent, f"llmcompare-{__version__}.dist-info", "RECORD")
    return record if os.path.isfile(record) else None


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    """A file's size, modification and change time: what says it was written."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _size_and_time(path: str) -> tuple[int, int, int]:
    try:
        return _stamp(os.stat(path))
    except OSError:
        return (0, 0, 0)


def load_cached(
    layers: list[tuple[str, Path]],
    build: Callable[[Reader | None, ModelReuse | None], Catalog],
    on: dt.date | None = None,
) -> Catalog:
    """The catalog of these layers (origin, folder), from the compiled store when
    it is current, else built and stored. With `on`, as of that day (prices in
    force, retirements applied); a model is brought to the day as it is read.
    `build` is given a reader of files that re-reads only those that changed, and
    the models an earlier store checked from the same files (`CheckedModels`)."""
    folder = cache_dir()
    if folder is not None:
        key = fingerprint(layers)
        path = _store_path(folder, key)
        stored = _open_store(folder, path, key)
        if stored is None:
            parsed = ParsedFiles(folder, layers)
            checked = CheckedModels(_earlier_store(folder))
            with _told_if_slow():
                try:
                    # CatalogError on problems: nothing is stored
                    catalog = build(parsed.read, checked)
                finally:
                    parsed.save()  # what was parsed is kept either way
                _store(folder, path, key, catalog, checked)
            # Answered from the store just written, as every later run is: its
            # name index is made already, and the models in memory can go.
            stored = _open_store(folder, path, key)
        if stored is not None:
            catalog = stored.catalog()
    else:
        catalog = build(None, None)
    return catalog if on is None else catalog.as_of(on)


# A build that takes longer than this says why the run is waiting, through
# `on_slow_build`: set by the CLI (a note at a terminal); None, nothing is said.
SLOW_BUILD_S = 2.0
on_slow_build: Callable[[], None] | None = None


@contextlib.contextmanager
def _told_if_slow() -> Iterator[None]:
    """Call `on_slow_build` once a build has taken SLOW_BUILD_S (thousands of
    imported models take seconds, once), unless it is over by then."""
    tell = on_slow_build
    if tell is None:
        yield
        return
    import threading

    timer = threading.Timer(SLOW_BUILD_S, tell)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


class CheckedModels:
    """Models an earlier store holds, given back to a rebuild (a loader.ModelReuse)
    where a model comes from the same files, none changed since (by the stamps
    that say a file was written, as for the store itself), with every provider,
    license and creator as they were (compared by a digest of their repr). An
    edit to one file then reads and checks one model, not twenty thousand.

    The earlier store must come from the same code (`_earlier_store`); the files
    and stamps of this build's models are stored with it for the next rebuild."""

    def __init__(self, earlier: StoredModels | None) -> None:
        self.earlier = earlier  # where the models given back come from
        self._before: dict[str, Any] = {}
        self._sources: dict[str, Any] = {}
        self._scope = b""

    def scope(self, parts: tuple[Any, ...]) -> None:
        self._scope = _digest(parts)
        try:
            before = self.earlier.inputs() if self.earlier is not None else None
        except Exception:  # damaged since: every model is checked
            before = None
        if isinstance(before, dict) and before.get("scope") == self._scope:
            self._before = before.get("models", {})

    def model(self, model_id: str, files: tuple[tuple[str, str, Any], ...]) -> Model | None:
        found = self.record(model_id, files)
        if found is None or self.earlier is None or self._before.get(model_id) != found:
            return None
        try:
            return self.earlier.load(model_id)
        except Exception:  # damaged or gone since: check it again
            return None

    def record(self, model_id: str, files: tuple[tuple[str, str, Any], ...]) -> Any:
        """Note a model's files and their stamps for the store built; None (and
        nothing noted) for a file not on disk (a zip: read as it comes)."""
        sources = []
        for origin, name, file in files:
            try:
                stamp = _stamp(os.stat(str(file)))
            except (OSError, TypeError, ValueError):
                return None
            sources.append((origin, name, str(file), stamp))
        found = self._sources[model_id] = tuple(sources)
        return found

    def inputs(self) -> dict[str, Any]:
        """What to store with the catalog built: each model's files and stamps."""
        return {"scope": self._scope, "models": self._sources}


def _digest(value: Any) -> bytes:
    import hashlib

    text = repr(value).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def models_checked_before() -> CheckedModels | None:
    """The models the newest store checked, for a check that loads the whole
    stack with one layer changed (catalog.checked_before); None without a cache."""
    folder = cache_dir()
    return None if folder is None else CheckedModels(_earlier_store(folder))


def _earlier_store(folder: Path) -> StoredModels | None:
    """The newest store in the cache folder that this very code built (whatever
    files and layers it came from), to take unchanged models from."""
    code = _code_key()
    try:
        paths = _stores_newest_first(folder)
    except OSError:
        return None
    for path in paths[:KEPT_STORES]:  # one stack's store, or the bundled one's
        fd = _open_private(folder, path)
        if fd is None:
            continue
        try:
            found = read_header(fd)
            earlier = found[0].get("key") if found is not None else None
            if found is not None and _same_code(earlier, code) and "inputs" in found[0]:
                stored = StoredModels(fd, *found, path=str(path))
                weakref.finalize(stored, os.close, fd)
                return stored
        except Exception:
            pass  # corrupt or of another version: not used
        os.close(fd)
    return None


def _stores_newest_first(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.store"), key=_modified, reverse=True)


def _modified(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _same_code(earlier: Any, code: tuple[Any, ...]) -> bool:
    """Whether a store's key (see `fingerprint`) says it was built by this code
    (format, version and code files), whatever it was built from."""
    return (
        isinstance(earlier, tuple)
        and len(earlier) == 5
        and (earlier[0], earlier[1], earlier[4]) == code
    )


def _code_key() -> tuple[Any, ...]:
    """The parts of `fingerprint`'s key that stand for the code: format,
    version and code files (keep the two in step)."""
    return (CACHE_FORMAT, __version__, [(path, *_size_and_time(path)) for path in _CODE_FILES])


def parsed_reader(layers: list[tuple[str, Path]]) -> Reader:
    """A reader of catalog files that takes these layers' parsed tables from the
    cache folder where they are current (catalog.reader_for says when)."""
    from .loader import read_file

    folder = cache_dir()
    return read_file if folder is None else ParsedFiles(folder, layers).read


# A layer's JSON copy is read once a build needs more than this many of its
# files: parsing a few dozen TOML files costs less than reading the whole copy.
COPY_AFTER = 64


class ParsedFiles:
    """The parsed tables of the layers' files, kept in the cache folder, one part
    per folder of a layer (models/<creator>/ and the layer's own): a rebuild
    re-reads only the files whose size, modification or change time moved (one
    edited price: one file parsed, not twenty thousand), and loads the parts of
    only the folders it reads from (a rebuild that keeps a model reads none of
    its files). A part is a pickle, read and written as the store is (this
    user's alone)."""

    def __init__(self, folder: Path, layers: list[tuple[str, Path]]) -> None:
        self.folder = folder
        # The layer's folder as the loader names its files -> what names its parts.
        self.layers = {str(root): f"{origin}|{root.resolve()}" for origin, root in layers}
        # (layer folder, folder in it) -> its files' tables, for the folders read from
        self.parts: dict[tuple[str, str], dict[str, Any]] = {}
        self.changed: set[tuple[str, str]] = set()
        self.whole = {
            str(root) for origin, root in layers if origin.startswith(WHOLE_FOLDER_LAYERS)
        }
        self.copies: dict[str, dict[str, Any]] = {}
        self.parsed: dict[str, int] = {}  # files of a layer parsed before its copy is read

    def _path(self, part: tuple[str, str]) -> Path:
        root, inside = part
        name = zlib.crc32(f"{self.layers[root]}|{inside}".encode("utf-8", "surrogatepass"))
        return self.folder / f"part{CACHE_FORMAT}-{name:08x}.pickle"

    def _files(self, part: tuple[str, str]) -> dict[str, Any]:
        if part not in self.parts:
            self.parts[part] = self._load(self._path(part))
        return self.parts[part]

    def _load(self, path: Path) -> dict[str, Any]:
        fd = _open_private(self.folder, path)
        if fd is None:
            return {}
        try:
            with os.fdopen(fd, "rb") as handle:
                found = loads(handle.read())
            return found if isinstance(found, dict) else {}
        except Exception:
            return {}  # damaged: parse again

    def read(self, entry: Any, name: str, problems: list[Any]) -> dict[str, Any] | None:
        from .loader import read_file

        path = str(entry)
        root = next((root for root in self.layers if path.startswith(root + os.sep)), None)
        try:
            info = os.stat(path)
        except OSError:
            root = None  # not a file on disk (a zip): read it as it comes
        if root is None:
            return read_file(entry, name, problems)
        stamp = _stamp(info)
        relative = path[len(root) + 1 :]  # below root (checked above): no relpath work
        part = (root, os.path.dirname(relative))
        files = self._files(part)
        known = files.get(path)
        if known is not None and known[0] == stamp:
            return known[1]  # type: ignore[no-any-return]
        copied = self._copied(root).get(relative.replace(os.sep, "/"))
        if (
            isinstance(copied, dict)
            and (copied.get("size"), copied.get("mtime_ns")) == stamp[:2]
            and isinstance(copied.get("table"), dict)
        ):
            # The import's own copy, of this very file: a parsed form kept already,
            # not stored a second time in the parts (28 MB at 20,000 models).
            return copied["table"]  # type: ignore[no-any-return]
        data = read_file(entry, name, problems)
        if data is not None:
            files[path] = (stamp, data)
            self.changed.add(part)
        return data

    def _copied(self, root: str) -> dict[str, Any]:
        """The tables an import or update layer keeps as JSON beside its TOML files
        (layercopy.py), by file; {} for any other layer, or a copy that does not
        read as one (then the TOML is parsed). The copy is read whole (43 MB at
        20,000 models), so only once a run has needed COPY_AFTER of the layer's
        files: a rebuild after one edit parses the few TOML files it needs."""
        if root not in self.copies:
            if root not in self.whole:
                self.copies[root] = {}
            else:
                self.parsed[root] = self.parsed.get(root, 0) + 1
                if self.parsed[root] <= COPY_AFTER:
                    return {}
                from . import layercopy

                self.copies[root] = layercopy.read(Path(root))
        return self.copies[root]

    def save(self) -> None:
        for part in self.changed:
            blob = dumps(self.parts[part], protocol=5)
            _write_private(self.folder, self._path(part), _writer(blob))
        if self.changed:
            self._remove_other_formats()

    def _remove_other_formats(self) -> None:
        """Parts an earlier version wrote, in a shape this one never reads: gone,
        rather than left in the cache folder for good."""
        import re

        ours = re.compile(r"part(\d*)-[0-9a-f]{8}\.pickle")  # what _path names, in any format
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                found = ours.fullmatch(entry.name)
                if found is not None and found.group(1) != str(CACHE_FORMAT):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def beside_store(source: Any, key: str, work_out: Callable[[], Any]) -> Any:
    """What `work_out` gives for `key` (such as a day's ranking), worked out from
    the store once and kept beside it, private like it, for the next runs that ask
    for the same key. Tied to the store file it came from; one key kept per kind
    (the key's first word), so nothing piles up."""
    store = Path(getattr(source, "path", "") or "")
    if not store.name:
        return work_out()
    folder = store.parent
    try:
        stamp = _stamp(os.stat(store))
    except OSError:
        return work_out()
    path = folder / f"{store.name}.{key.split()[0]}.kept"
    fd = _open_private(folder, path)
    if fd is not None:
        try:
            with os.fdopen(fd, "rb") as handle:
                found = load(handle)  # read into its objects: no copy of the whole file
            if isinstance(found, tuple) and found[:2] == (stamp, key):
                return found[2]
        except Exception:  # damaged: work it out again
            pass
    value = work_out()
    _write_private(folder, path, _writer(dumps((stamp, key, value), protocol=5)))
    return value


def _open_private(folder: Path, path: Path) -> int | None:
    """A file descriptor for `path` if only this user can have written it, else
    None. What the cache folder holds is unpickled, which can run code: anything
    else is as if absent. Never through a link."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    if _private_file(folder, os.fstat(fd)):
        return fd
    os.close(fd)
    return None


def _open_store(folder: Path, path: Path, key: tuple[Any, ...]) -> StoredModels | None:
    """The store at `path` if it is current and only this user can have written it."""
    fd = _open_private(folder, path)
    if fd is None:
        return None
    try:
        found = read_header(fd)
        if found is not None and found[0].get("key") == key:
            stored = StoredModels(fd, *found, path=str(path))
            weakref.finalize(stored, os.close, fd)  # read from until dropped
            return stored
    except Exception:
        pass  # corrupt or of another version: a miss
    os.close(fd)
    return None


def _store_path(folder: Path, key: tuple[Any, ...]) -> Path:
    """Where the store of a stack goes: named by its layers (a key's third part)."""
    return folder / f"catalog-{zlib.crc32(str(key[2]).encode()):08x}.store"


def compile_checked(
    layers: list[tuple[str, Path]],
    catalog: Catalog,
    files: dict[str, tuple[tuple[str, str, Any], ...]],
    reused: ModelReuse | None = None,
) -> None:
    """Compile `catalog`, which the caller checked from these very layers (an
    import, from the tables it has just written), into the store a run would
    build from them: the next run answers at once. `files`: each model's files,
    as the loader found them; `reused`, the CheckedModels the check took models
    from (its store's parts are copied for them). Nothing is written where a
    store is current."""
    folder = cache_dir()
    if folder is None:
        return
    key = fingerprint(layers)
    path = _store_path(folder, key)
    if _open_store(folder, path, key) is not None:
        return
    checked = reused if isinstance(reused, CheckedModels) else CheckedModels(_earlier_store(folder))
    checked.scope((catalog.providers, catalog.licenses, catalog.creators))
    for model_id, found in files.items():
        checked.record(model_id, found)
    _store(folder, path, key, catalog, checked)


def layer_stamps(layers: list[tuple[str, Path]]) -> Any:
    """What says these layers' files are as they were (the stamps of `fingerprint`)."""
    return fingerprint(layers)[3]


def _writer(blob: bytes) -> Callable[[Any], Any]:
    return lambda handle: handle.write(blob)


def _store(
    folder: Path, path: Path, key: tuple[Any, ...], catalog: Catalog, checked: CheckedModels
) -> None:
    written = _write_private(
        folder,
        path,
        lambda handle: write_store(handle, key, catalog, checked.inputs(), checked.earlier),
    )
    if written:
        _prune(folder)


# The stores kept in the cache folder, newest first: one per stack a user has run
# lately (with and without a --catalog folder, before and after an import). Older
# ones go when a store is written, rather than piling up (99 MB each at 20,000
# models); one is built again if its stack is ever run again.
KEPT_STORES = 4
# A temporary file this old is one a killed run left (a write takes seconds).
_LEFT_OVER_S = 24 * 3600


def _prune(folder: Path) -> None:
    """Remove the stores beyond the KEPT_STORES newest, with what was kept beside
    them (beside_store), and the temporary files killed runs left."""
    import time

    with contextlib.suppress(OSError):
        stores = _stores_newest_first(folder)
        kept = {path.name for path in stores[:KEPT_STORES]}
        for path in stores[KEPT_STORES:]:
            with contextlib.suppress(OSError):
                path.unlink()
        for path in folder.glob("catalog-*.store.*.kept"):
            if path.name.split(".store.")[0] + ".store" not in kept:
                with contextlib.suppress(OSError):
                    path.unlink()
        left_over = time.time() - _LEFT_OVER_S
        for path in folder.glob("*.tmp"):
            with contextlib.suppress(OSError):
                if os.stat(path).st_mtime < left_over:
                    path.unlink()


def _write_private(folder: Path, path: Path, write: Callable[[Any], Any]) -> bool:
    """Write a file only this user can read or write, atomically, or nothing.
    Whether it was written."""
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    created = False
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(folder):
            return False  # a folder others can write to is no place for code we will load
        # A new file only this user can read or write, never through a link.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(partial, flags, 0o600)
        created = True
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(partial, path)  # atomic: a concurrent run sees old or new, never half
        created = False
        return True
    except OSError:
        return False  # a read-only home still gets answers, just without the cache
    finally:
        # Whatever stopped the write (a full disk, a folder in the way, Ctrl-C),
        # the temporary file this run made goes.
        if created:
            with contextlib.suppress(OSError):
                os.unlink(partial)


def _private_folder(folder: Path) -> bool:
    """The folder is this user's and nobody else can write to it."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return _owned_and_closed(info)


def _private_file(folder: Path, info: os.stat_result) -> bool:
    return _owned_and_closed(info) and _private_folder(folder)


def _owned_and_closed(info: os.stat_result) -> bool:
    if not hasattr(os, "getuid"):  # Windows: the user profile's own permissions apply
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022
