"""The compiled catalog: used while current, rebuilt when anything changes."""

from __future__ import annotations

import os
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from llmcompare import cache, loader
from llmcompare.cache import CACHE_ENV, load_cached
from llmcompare.errors import CatalogError
from llmcompare.loader import Layer, ModelReuse, Reader, load_layers, read_file

from conftest import Runner


class CountingBuild:
    """The real loader, counting how often the TOML is actually parsed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path, read: Reader | None = None, reuse: ModelReuse | None = None):  # type: ignore[no-untyped-def]
        self.calls += 1
        return load_layers([Layer("bundled", root)], read or read_file, reuse)


def cached(root: Path, build: CountingBuild):  # type: ignore[no-untyped-def]
    """The catalog in `root` (a stack of one layer) through the cache."""
    return load_cached([("bundled", root)], lambda read, reuse: build(root, read, reuse))


def _price(catalog, model_id: str = "small-guard") -> Decimal:  # type: ignore[no-untyped-def]
    route = next(r for r in catalog.model(model_id).routes if r.provider.id == "alpha")
    return route.price.input_usd_per_mtok


def test_second_load_comes_from_the_cache_and_is_equal(catalog_dir: Path) -> None:
    build = CountingBuild()
    first = cached(catalog_dir, build)
    second = cached(catalog_dir, build)
    assert build.calls == 1
    assert second == first and second is not first


def test_editing_a_file_rebuilds(catalog_dir: Path) -> None:
    build = CountingBuild()
    assert _price(cached(catalog_dir, build)) == Decimal("0.05")
    path = catalog_dir / "models" / "acme" / "small-guard.toml"
    path.write_text(path.read_text().replace("0.05", "0.07"))
    os.utime(path, ns=(0, 1))  # a different stamp even on a coarse clock
    assert _price(cached(catalog_dir, build)) == Decimal("0.07")
    assert build.calls == 2


def test_adding_a_file_rebuilds(catalog_dir: Path) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    source = catalog_dir / "models" / "zeta" / "other-chat.toml"
    (catalog_dir / "models" / "zeta" / "third-chat.toml").write_text(
        source.read_text()
        .replace('"other-chat"', '"third-chat"')
        .replace("Other Chat", "Third Chat")
        .replace("alpha/model", "alpha/third")
    )
    assert "third-chat" in [m.id for m in cached(catalog_dir, build).models]


def test_a_corrupt_cache_is_only_a_miss(catalog_dir: Path, tmp_path: Path) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    for stored in (tmp_path / "cache").glob("*.store"):
        stored.write_bytes(b"not a store")
    assert _price(cached(catalog_dir, build)) == Decimal("0.05")
    assert build.calls == 2


def test_a_broken_catalog_is_never_cached(catalog_dir: Path, tmp_path: Path) -> None:
    (catalog_dir / "models" / "acme" / "big-chat.toml").write_text("colour = 'blue'\n")
    for _ in range(2):
        with pytest.raises(CatalogError):
            cached(catalog_dir, CountingBuild())
    assert not list((tmp_path / "cache").glob("*.store"))


def test_cache_can_be_turned_off(catalog_dir: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(CACHE_ENV, "off")
    build = CountingBuild()
    cached(catalog_dir, build)
    cached(catalog_dir, build)
    assert build.calls == 2
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_still_answers(catalog_dir: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # cannot be created
    assert _price(cached(catalog_dir, CountingBuild())) == Decimal("0.05")


def test_the_cached_catalog_keeps_decimal_text_and_records(catalog_dir: Path) -> None:
    # Equal values with different text ("0.20", "0.2") stay as written; a route's
    # provider is the catalog's provider.
    model = catalog_dir / "models" / "acme" / "small-guard.toml"
    text = model.read_text()
    assert "output_usd_per_mtok = 0.20\n" in text
    model.write_text(text.replace("output_usd_per_mtok = 0.20\n", "output_usd_per_mtok = 0.2\n", 1))
    build = CountingBuild()
    cached(catalog_dir, build)
    loaded = cached(catalog_dir, build)
    assert build.calls == 1
    prices = [route.price for route in loaded.model("small-guard").routes]
    assert ("0.20", "0.2") in [
        (str(p.input_usd_per_mtok), str(p.output_usd_per_mtok)) for p in prices
    ]
    for model_record in loaded.models:
        for route in model_record.routes:
            assert route.provider == loaded.providers[route.provider.id]


def test_a_looping_link_is_a_catalog_problem_not_a_crash(catalog_dir: Path) -> None:
    folder = catalog_dir / "models" / "acme"
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    (folder / "back").symlink_to(catalog_dir / "models")  # a folder loop, stamped only so deep
    with pytest.raises(CatalogError) as caught:
        cached(catalog_dir, CountingBuild())
    texts = [str(problem) for problem in caught.value.problems]
    assert any(text.startswith("models/acme/loop.toml: cannot be read") for text in texts)


def test_the_cache_keeps_todays_prices_and_works_out_other_days(
    catalog_dir: Path, tmp_path: Path
) -> None:
    import datetime as dt

    import tomli_w

    model = catalog_dir / "models" / "acme" / "big-chat.toml"
    import tomllib

    data = tomllib.loads(model.read_text())
    data["routes"][0]["price_changes"] = [
        {
            "effective": dt.date(2026, 1, 1),
            "input_usd_per_mtok": 0.75,
            "source": "https://a.example",
        }
    ]
    model.write_text(tomli_w.dumps(data))
    build = CountingBuild()
    today = dt.date.today()

    def price_on(day: dt.date) -> Decimal:
        loaded = load_cached(
            [("bundled", catalog_dir)], lambda read, reuse: build(catalog_dir, read, reuse), day
        )
        return _price(loaded, "big-chat")

    assert price_on(today) == Decimal("0.75")  # built, with today's view stored
    assert price_on(today) == Decimal("0.75")  # today's view, from the cache
    assert price_on(dt.date(2025, 6, 1)) == Decimal("1")  # before the change: worked out
    assert price_on(today) == Decimal("0.75")
    assert build.calls == 1


@pytest.mark.parametrize("value", ["OFF", " Off ", ""])
def test_off_in_any_case_turns_the_cache_off(value: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from llmcompare.cache import cache_dir

    monkeypatch.setenv(CACHE_ENV, value)
    assert cache_dir() is None


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from llmcompare.cache import cache_dir

    if not sys.platform.startswith("linux"):
        pytest.skip("the XDG rule is for Linux and the BSDs")
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == Path(os.path.expanduser("~/.cache")) / "llmcompare"


def _pickles(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*.store"))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_the_cache_is_written_for_this_user_alone(catalog_dir: Path, tmp_path: Path) -> None:
    cached(catalog_dir, CountingBuild())
    (stored,) = _pickles(tmp_path)
    assert stored.stat().st_mode & 0o777 == 0o600
    assert not [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".tmp"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_others_could_have_written_is_never_loaded(
    catalog_dir: Path, tmp_path: Path
) -> None:
    # A pickle runs code as it loads: one that another user could have replaced
    # is treated as absent, and the TOML is parsed instead.
    build = CountingBuild()
    cached(catalog_dir, build)
    (stored,) = _pickles(tmp_path)
    stored.chmod(0o666)
    cached(catalog_dir, build)
    assert build.calls == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(catalog_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    build = CountingBuild()
    cached(catalog_dir, build)
    cached(catalog_dir, build)
    assert build.calls == 2 and _pickles(tmp_path) == []


def test_a_link_in_place_of_the_cache_is_not_followed(catalog_dir: Path, tmp_path: Path) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    (stored,) = _pickles(tmp_path)
    elsewhere = tmp_path / "elsewhere.pickle"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    cached(catalog_dir, build)
    assert build.calls == 2


def test_an_edit_that_keeps_size_and_modification_time_still_rebuilds(catalog_dir: Path) -> None:
    # Same length, and the modification time put back (as `touch -r` or a tool
    # restoring times would): the change time still moves.
    build = CountingBuild()
    assert _price(cached(catalog_dir, build)) == Decimal("0.05")
    path = catalog_dir / "models" / "acme" / "small-guard.toml"
    before = path.stat()
    path.write_text(path.read_text().replace("0.05", "0.07"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _price(cached(catalog_dir, build)) == Decimal("0.07")


def _leftovers(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp")]


def test_a_folder_in_place_of_the_cache_file_leaves_no_temporary_file(
    catalog_dir: Path, tmp_path: Path
) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    (stored,) = _pickles(tmp_path)
    stored.unlink()
    stored.mkdir()  # the final rename cannot replace a folder
    assert _price(cached(catalog_dir, build)) == Decimal("0.05")
    assert build.calls == 2 and _leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_no_temporary_file(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "write_store", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cached(catalog_dir, CountingBuild())
    assert _leftovers(tmp_path) == [] and _pickles(tmp_path) == []


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the catalog files parsed from now on, in order."""
    names: list[str] = []
    real = loader.read_toml

    def counting(handle):  # type: ignore[no-untyped-def]
        names.append(handle.name)
        return real(handle)

    monkeypatch.setattr(loader, "read_toml", counting)
    return names


def test_a_rebuild_parses_only_the_files_that_changed(catalog_dir: Path, parsed: list[str]) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    assert len(parsed) == 7  # providers, licenses, creators and four models
    parsed.clear()
    path = catalog_dir / "models" / "acme" / "small-guard.toml"
    path.write_text(path.read_text().replace("0.05", "0.07"))
    assert _price(cached(catalog_dir, build)) == Decimal("0.07")
    assert build.calls == 2 and parsed == [str(path)]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_parsed_files_others_could_have_written_are_parsed_again(
    catalog_dir: Path, tmp_path: Path
) -> None:
    # A part holding a forged table for small-guard, with the right stamp, that
    # anyone could have written: it is not read, and the file is parsed.
    build = CountingBuild()
    cached(catalog_dir, build)
    guard = str(catalog_dir / "models" / "acme" / "small-guard.toml")
    # one part per folder: the one holding small-guard's table
    (part,) = [
        part
        for part in (tmp_path / "cache").glob("part*.pickle")
        if guard in pickle.loads(part.read_bytes())
    ]
    files = pickle.loads(part.read_bytes())
    stamp, table = files[guard]
    forged = pickle.dumps(files | {guard: (stamp, table | {"name": "Forged"})})
    other = catalog_dir / "models" / "zeta" / "other-chat.toml"

    def rebuilt_name(mode: int) -> str:
        part.write_bytes(forged)
        part.chmod(mode)
        other.write_text(other.read_text() + "\n")  # something else changes: a rebuild
        for stored in (tmp_path / "cache").glob("*.store"):  # which reads every file
            stored.unlink()
        return str(cached(catalog_dir, build).model("small-guard").name)

    assert rebuilt_name(0o600) == "Forged"  # a private part is trusted (the test can tell)
    assert rebuilt_name(0o666) == "Small Guard 8B"  # anyone's is not


def test_a_price_of_your_own_is_checked_without_parsing_the_other_layers_again(
    mini: Path, run: Runner, parsed: list[str]
) -> None:
    assert run("cost", "--json").exit_code == 0  # the store and the parsed tables kept
    parsed.clear()
    result = run("catalog", "set-price", "small-guard", "alpha", "--input", "0.04")
    assert result.exit_code == 0, result.stderr
    assert parsed and not [name for name in parsed if name.startswith(str(mini))]
    data = run("show", "small-guard", "--json").json()
    alpha = next(r for r in data["model"]["routes"] if r["provider"] == "alpha")
    assert alpha["input_usd_per_mtok"] == 0.04


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the models the loader checks from their tables (not given back by the cache)."""
    ids: list[str] = []
    real = loader._load_model

    def counting(data, *args, **kwargs):  # type: ignore[no-untyped-def]
        ids.append(data.get("id"))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(loader, "_load_model", counting)
    return ids


def _uncached(root: Path):  # type: ignore[no-untyped-def]
    return load_layers([Layer("bundled", root)])


def test_a_rebuild_checks_only_the_models_whose_tables_changed(
    catalog_dir: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from llmcompare import costrows

    build = CountingBuild()
    cached(catalog_dir, build)
    assert len(checked) == 4
    checked.clear()
    written: list[str] = []  # models whose cost rows are written
    real_entries = costrows.entries

    def counted(models):  # type: ignore[no-untyped-def]
        written.extend(model.id for model in models)
        return real_entries(models)

    monkeypatch.setattr(costrows, "entries", counted)
    path = catalog_dir / "models" / "acme" / "small-guard.toml"
    path.write_text(path.read_text().replace("0.05", "0.07"))
    rebuilt = cached(catalog_dir, build)
    assert build.calls == 2 and checked == ["small-guard"]
    assert written == ["small-guard"]  # the others' are taken from the store before
    assert _price(rebuilt) == Decimal("0.07")
    assert rebuilt == _uncached(catalog_dir)  # the same catalog as a build from nothing
    # ...and so is the store written (unchanged chunks copied from the one before),
    # with the summaries `cost` and `list` read (unchanged models' rows copied too)
    stored = cached(catalog_dir, build)
    assert build.calls == 2 and stored == _uncached(catalog_dir)
    assert _summaries(stored) == _summaries_of(_uncached(catalog_dir))


_PARTS = (
    "ranking",
    "ranking_others",
    "listing",
    "listing_dated",
    "neighbours",
    "cost_rows",
    "cost_engine",
)


def _summaries(catalog):  # type: ignore[no-untyped-def]
    found = {part: _plain(catalog.source.summary(part)) for part in _PARTS}
    text = catalog.source.text("listing_json")
    return {**found, "listing_json": text[0 : len(text)]}


def _summaries_of(catalog):  # type: ignore[no-untyped-def]
    from llmcompare.summary import summarise

    made = summarise(tuple(sorted(catalog.models, key=lambda model: model.id)))
    found = {part: _plain(made[part]) for part in _PARTS}
    return {**found, "listing_json": made["listing_json"].data}


def _plain(value):  # type: ignore[no-untyped-def]
    """A summary part as plain values to compare (its arrays and id blobs as tuples)."""
    if isinstance(value, tuple | list) and not isinstance(value, str):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes):
        return tuple(value)
    return value


def test_a_changed_provider_checks_every_model_again(catalog_dir: Path, checked: list[str]) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    checked.clear()
    providers = catalog_dir / "providers.toml"
    providers.write_text(providers.read_text().replace("Alpha Cloud", "Alpha Compute"))
    rebuilt = cached(catalog_dir, build)
    assert len(checked) == 4
    route = next(r for r in rebuilt.model("small-guard").routes if r.provider.id == "alpha")
    assert route.provider.name == "Alpha Compute"
    assert rebuilt == _uncached(catalog_dir)


def test_models_from_an_earlier_format_are_checked_again(
    catalog_dir: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    checked.clear()
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    cached(catalog_dir, build)
    assert build.calls == 2 and len(checked) == 4


def test_a_damaged_earlier_store_means_checking_again(
    catalog_dir: Path, tmp_path: Path, checked: list[str]
) -> None:
    build = CountingBuild()
    cached(catalog_dir, build)
    (stored,) = (tmp_path / "cache").glob("*.store")
    whole = stored.read_bytes()
    stored.write_bytes(whole[: len(whole) // 2] + bytes(len(whole) - len(whole) // 2))
    checked.clear()
    path = catalog_dir / "models" / "acme" / "small-guard.toml"
    path.write_text(path.read_text().replace("0.05", "0.07"))
    rebuilt = cached(catalog_dir, build)
    assert rebuilt == _uncached(catalog_dir)


def test_a_price_of_your_own_checks_only_its_model(
    mini: Path, run: Runner, checked: list[str]
) -> None:
    assert run("cost", "--json").exit_code == 0
    checked.clear()
    result = run("catalog", "set-price", "small-guard", "alpha", "--input", "0.04")
    assert result.exit_code == 0, result.stderr
    assert checked == ["small-guard"]  # the check of the stack with the new price
    checked.clear()
    data = run("show", "small-guard", "--json").json()  # the rebuild
    assert checked == ["small-guard"]
    alpha = next(r for r in data["model"]["routes"] if r["provider"] == "alpha")
    assert alpha["input_usd_per_mtok"] == 0.04


def test_a_file_added_or_removed_above_a_model_is_read(
    catalog_dir: Path, tmp_path: Path, checked: list[str]
) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "models" / "acme").mkdir(parents=True)

    def stacked():  # type: ignore[no-untyped-def]
        layers = [Layer("bundled", catalog_dir), Layer("user", overlay, f"{overlay}/")]
        return load_cached(
            [("bundled", catalog_dir), ("user", overlay)],
            lambda read, reuse: load_layers(layers, read or read_file, reuse),
        )

    assert _price(stacked()) == Decimal("0.05")
    checked.clear()
    override = overlay / "models" / "acme" / "small-guard.toml"
    override.write_text(
        '[[routes]]\nprovider = "alpha"\nmodel_id = "acme/acme-small-guard-8b"\n'
        "input_usd_per_mtok = 0.01\n"
    )
    assert _price(stacked()) == Decimal("0.01")
    assert checked == ["small-guard"]
    checked.clear()
    override.unlink()
    assert _price(stacked()) == Decimal("0.05")
    assert checked == ["small-guard"]


def test_parsed_tables_of_an_earlier_format_are_removed(catalog_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    old = folder / "part-0123abcd.pickle"  # as a version before the format was in the name
    old.write_bytes(b"old")
    older = folder / f"part{cache.CACHE_FORMAT - 1}-89abcdef.pickle"
    older.write_bytes(b"old")
    unrelated = folder / "partial-notes.pickle"
    unrelated.write_bytes(b"not ours")
    cached(catalog_dir, CountingBuild())
    assert not old.exists() and not older.exists() and unrelated.exists()
    assert list(folder.glob(f"part{cache.CACHE_FORMAT}-*.pickle"))


def test_stores_of_stacks_not_run_lately_are_removed(catalog_dir: Path, tmp_path: Path) -> None:
    # Stores of other stacks (other --catalog folders, before an import), each
    # with a ranking kept beside it, written one after the other long ago.
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    others = [folder / f"catalog-0000000{number}.store" for number in range(cache.KEPT_STORES)]
    for age, path in enumerate(others, start=1):  # others[0] the oldest
        path.write_bytes(b"a store")
        Path(f"{path}.ranking.kept").write_bytes(b"kept beside it")
        os.utime(path, (0, 1_000_000 * age))
    left = folder / "catalog-0000000f.4242.tmp"  # left by a run killed mid-write, long ago
    left.write_bytes(b"half a store")
    os.utime(left, (0, 1_000_000))
    writing = folder / "catalog-0000000e.4343.tmp"  # another run, writing right now
    writing.write_bytes(b"half a store")
    cached(catalog_dir, CountingBuild())
    stores = sorted(folder.glob("catalog-*.store"))
    # The new store and the newest others stay; the oldest goes, with what was kept beside it.
    assert len(stores) == cache.KEPT_STORES and others[0] not in stores
    assert set(others[1:]) < set(stores)
    assert not Path(f"{others[0]}.ranking.kept").exists()
    assert Path(f"{others[1]}.ranking.kept").exists()
    assert not left.exists() and writing.exists()
    assert cached(catalog_dir, CountingBuild()) is not None  # the store written still serves


def test_the_run_that_builds_answers_from_what_it_stored(catalog_dir: Path) -> None:
    # The first run reads the store it has just written, as every later run does:
    # same answers, and the models in memory are let go.
    build = CountingBuild()
    first = cached(catalog_dir, build)
    assert not first.in_memory and first.source is not None
    assert first == cached(catalog_dir, build) and build.calls == 1


def test_an_unwritable_cache_still_answers_from_memory(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    catalog = cached(catalog_dir, CountingBuild())
    assert catalog.in_memory and _price(catalog) == Decimal("0.05")


class _Terminal:
    """stderr, at a terminal or not, noting what is written to it."""

    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_a_slow_build_says_why_the_run_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    told = threading.Event()
    monkeypatch.setattr(cache, "on_slow_build", told.set)
    monkeypatch.setattr(cache, "SLOW_BUILD_S", 0.0)
    with cache._told_if_slow():
        assert told.wait(10)


def test_a_quick_build_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    told = threading.Event()
    monkeypatch.setattr(cache, "on_slow_build", told.set)
    monkeypatch.setattr(cache, "SLOW_BUILD_S", 0.2)
    with cache._told_if_slow():
        pass  # well within SLOW_BUILD_S
    assert not told.wait(0.7)


@pytest.mark.parametrize("tty", [True, False])
def test_the_note_is_for_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tty: bool
) -> None:
    from llmcompare import cli

    terminal = _Terminal(tty)
    monkeypatch.setattr(cache, "on_slow_build", None)  # put back afterwards
    monkeypatch.setattr("sys.stderr", terminal)
    with pytest.raises(SystemExit):
        cli.main(["providers", "--json"])
    assert capsys.readouterr().out  # the answer, on stdout
    note = cache.on_slow_build
    assert (note is not None) == tty
    if note is not None:
        note()
        assert "compiling the catalog" in terminal.text
