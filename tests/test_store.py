"""The compiled store: commands read only what they use, and answer exactly as
if they had read the whole catalog.

`cost --top N` and `list` with filters choose from the store's summaries; each
answer is checked against the same command run with the cache off (the whole
catalog in memory, the ordinary engine over every model), on the bundled
catalog, over traffic drawn by Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcompare.cache import CACHE_ENV
from llmcompare.catalog import BASE_ENV
from llmcompare.store import StoredModels
from llmcompare.userdirs import DATA_ENV

from conftest import Runner
from factory import model, route, write_catalog


def _both(run: Runner, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Any, Any]:
    """The JSON answer through the store, and with the cache off."""
    stored = run(*args, "--json")
    assert stored.exit_code == 0, stored.stderr
    with monkeypatch.context() as off:
        off.setenv(CACHE_ENV, "off")
        whole = run(*args, "--json")
    return stored.json(), whole.json()


@pytest.fixture
def warm(run: Runner) -> None:
    """The store written, so the runs under test read it."""
    assert run("providers", "--json").exit_code == 0


@pytest.fixture
def whole_catalog_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: StoredModels) -> Any:
        raise AssertionError("read every model")

    monkeypatch.setattr(StoredModels, "load_all", refuse)


tokens = st.one_of(st.sampled_from([0, 1, 1000, 10**6, 10**9, 10**12]), st.integers(0, 10**13)).map(
    str
)


# Days around the bundled catalog's dated price changes and retirements.
days = st.sampled_from([[], ["--at", "2025-06-01"], ["--at", "2026-07-25"], ["--at", "2027-03-01"]])


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(inp=tokens, out=tokens, top=st.integers(1, 60), at=days)
def test_top_rows_of_every_model_are_those_of_the_whole_ranking(
    run: Runner,
    monkeypatch: pytest.MonkeyPatch,
    warm: None,
    inp: str,
    out: str,
    top: int,
    at: list[str],
) -> None:
    args = ["cost", "-i", inp, "-o", out, "--top", str(top), *at]
    stored, whole = _both(run, monkeypatch, *args)
    assert stored == whole


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(inp=tokens, out=tokens, at=days, period=st.sampled_from(["day", "month", "year"]))
def test_every_row_of_every_model_is_that_of_the_whole_ranking(
    run: Runner,
    monkeypatch: pytest.MonkeyPatch,
    warm: None,
    inp: str,
    out: str,
    at: list[str],
    period: str,
) -> None:
    # Filled in from the rows written ahead (costrows.py), byte for byte, with
    # the same warning on prices checked long ago.
    args = ["cost", "-i", inp, "-o", out, "--period", period, *at, "--max-age", "0", "--json"]
    stored = run(*args)
    with monkeypatch.context() as off:
        off.setenv(CACHE_ENV, "off")
        whole = run(*args)
    assert stored.exit_code == whole.exit_code == 0, stored.stderr
    assert "warning: " in stored.stderr  # every price is older than no days
    assert (stored.stdout, stored.stderr) == (whole.stdout, whole.stderr)


@pytest.mark.parametrize("fmt", [["--format", "csv"], ["--all"], ["--format", "markdown", "--all"]])
def test_every_row_in_other_formats_is_that_of_the_whole_ranking(
    run: Runner, monkeypatch: pytest.MonkeyPatch, warm: None, fmt: list[str]
) -> None:
    args = ["cost", "-i", "3M", "-o", "1M", *fmt]
    stored = run(*args)
    with monkeypatch.context() as off:
        off.setenv(CACHE_ENV, "off")
        whole = run(*args)
    assert stored.exit_code == whole.exit_code == 0, stored.stderr
    assert stored.stdout.count("\n") > 300  # every model: one line each at least
    assert (stored.stdout, stored.stderr) == (whole.stdout, whole.stderr)


def test_every_row_is_written_without_reading_the_models(
    run: Runner, warm: None, whole_catalog_never_read: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    load = StoredModels.load

    def counted(self: StoredModels, model_id: str) -> Any:
        read.append(model_id)
        return load(self, model_id)

    monkeypatch.setattr(StoredModels, "load", counted)
    rows = run("cost", "-i", "1B", "-o", "200M", "--json").json()["rows"]
    # Models priced by the time of day come from the part that keeps them together;
    # only a model no route bills today may be read alone.
    assert len(rows) > 300 and len(read) < len(rows) / 20
    windowed = {row["model"] for row in rows if row["windows"]}
    assert windowed and windowed.isdisjoint(read)


def test_top_rows_are_chosen_without_reading_every_model(
    run: Runner, warm: None, whole_catalog_never_read: None
) -> None:
    data = run("cost", "--top", "20", "--json").json()
    assert len(data["rows"]) == 20 and data["omitted"] > 300
    table = run("cost")  # a table stops at 50 rows: the same choice
    assert table.exit_code == 0 and "more rows" in table.stdout


@pytest.mark.parametrize(
    "filters",
    [
        ["--capability", "vision", "--min-context", "128k", "--max-input-price", "1"],
        ["--open-weights", "--provider", "groq", "--sort", "input-price"],
        ["--creator", "openai", "--max-output-price", "2"],
        ["-c", "reasoning", "-c", "function_calling", "--sort", "context"],
        ["--max-input-price", "0"],
    ],
)
def test_a_filtered_list_is_that_of_the_whole_catalog(
    run: Runner, monkeypatch: pytest.MonkeyPatch, warm: None, filters: list[str]
) -> None:
    stored, whole = _both(run, monkeypatch, "list", *filters)
    assert stored == whole
    assert stored["count"] > 0 or filters == ["--max-input-price", "0"]  # free models only


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "llama-guard-2-8b", "qwen3.5-4b"],
        ["diff", "gpt-4o", "Claude Haiku 4.5", "--json"],
        ["show", "meta/meta-llama-guard-2-8b", "--json"],
        ["cost", "deepseek-chat", "--at", "2026-05-01", "--json"],  # a moving alias
    ],
)
def test_named_models_are_read_alone(
    run: Runner, warm: None, whole_catalog_never_read: None, args: list[str]
) -> None:
    assert run(*args).exit_code == 0


def test_an_unknown_name_still_gets_suggestions(run: Runner, warm: None) -> None:
    result = run("show", "qwen3.5-4")
    assert result.exit_code == 2 and "did you mean" in result.stderr


def _store_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache").glob("*.store")
    return found


def test_a_cut_off_store_is_only_a_miss(run: Runner, warm: None, tmp_path: Path) -> None:
    store = _store_file(tmp_path)
    os.truncate(store, store.stat().st_size - 100)
    assert run("show", "gpt-4o", "--json").exit_code == 0


def test_a_store_damaged_after_it_was_opened_is_one_line(
    run: Runner, warm: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same size, bytes spoiled past the header: found only when a part is read.
    store = _store_file(tmp_path)
    data = bytearray(store.read_bytes())
    middle = len(data) // 2  # among the chunks of models
    data[middle : middle + 5000] = b"\0" * 5000
    store.write_bytes(bytes(data))
    result = run("cost", "--json")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "compiled catalog is damaged" in result.stderr


def test_a_retirement_or_price_change_moves_a_model_in_the_top_rows(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "retiring" is cheapest until its cheap route retires; "rising" is cheapest
    # until its price rises; "steady" is in between all along.
    retiring = [
        route("alpha", "0.10", "0.10", model_id="retiring", retired=dt.date(2026, 1, 1)),
        route("beta", "5", "5", model_id="retiring"),
    ]
    rising = route("alpha", "0.20", "0.20", model_id="rising")
    rising["price_changes"] = [
        {
            "effective": dt.date(2026, 3, 1),
            "input_usd_per_mtok": Decimal("9"),
            "output_usd_per_mtok": Decimal("9"),
            "source": "https://alpha.example/news",
        }
    ]
    models = [
        model("acme", "retiring", "Retiring", routes=retiring),
        model("acme", "rising", "Rising", routes=[rising]),
        model("acme", "steady", "Steady", routes=[route("alpha", "1", "1", model_id="steady")]),
    ]
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "catalog", models)))
    assert run("providers", "--json").exit_code == 0  # the store written
    for day, first in (
        ("2025-12-01", "retiring"),
        ("2026-02-01", "rising"),
        ("2026-06-01", "steady"),
    ):
        stored, whole = _both(run, monkeypatch, "cost", "--top", "1", "--at", day)
        assert stored == whole
        assert stored["rows"][0]["model"] == first, day


def test_a_model_priced_by_time_of_day_is_ranked_where_its_bill_puts_it(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def windowed(model_id: str, base: str, night: str) -> dict[str, Any]:
        priced = route("alpha", base, base, model_id=model_id)
        priced["time_windows"] = [
            {
                "name": "night",
                "start": "20:00",
                "end": "08:00",  # half the day, past midnight
                "input_usd_per_mtok": Decimal(night),
                "output_usd_per_mtok": Decimal(night),
            }
        ]
        return priced

    # Spread evenly over the day: "split" bills (1.7 + 0.1) / 2 = 0.9 per 1M, below
    # "steady" at 1, and "dear" (3 + 0.1) / 2 = 1.55, above it; each time-of-day
    # route's lowest price (0.1) is below both.
    models = [
        model("acme", "steady", "Steady", routes=[route("alpha", "1", "1", model_id="steady")]),
        model("acme", "split", "Split", routes=[windowed("split", "1.7", "0.1")]),
        model("acme", "dear", "Dear", routes=[windowed("dear", "3", "0.1")]),
    ]
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "catalog", models)))
    assert run("providers", "--json").exit_code == 0  # the store written
    for args, first in (
        (["--top", "1"], "split"),
        (["--top", "2"], "split"),
        (["--top", "1", "--window", "night=10%"], "steady"),  # mostly at the day price
        (["--top", "1", "--window", "night=100%"], "dear"),  # both 0.1: by id
    ):
        stored, whole = _both(run, monkeypatch, "cost", *args)
        assert stored == whole, args
        assert stored["rows"][0]["model"] == first, args


@pytest.fixture
def generated_import(run: Runner) -> None:
    """300 generated models (every kind of price: tiers, peak hours, dated changes,
    retirements, free and trial routes) as an import layer over the bundled
    catalog, and the store written."""
    sys.path.insert(0, str(Path(__file__).parent / "bench"))
    try:
        from generate_catalog import generate
    finally:
        sys.path.pop(0)
    generate(Path(os.environ[DATA_ENV]) / "imports" / "synth", 300, seed=7)
    assert run("providers", "--json").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--top", "5"],
        ["--top", "40", "-i", "0", "-o", "1M"],
        ["--top", "25", "-i", "10B", "-o", "0", "--at", "2026-06-01"],
        ["--top", "3", "-i", "0", "-o", "0"],
        ["--window", "peak-1=80%", "--top", "30"],
    ],
)
def test_top_rows_over_generated_data_are_those_of_the_whole_ranking(
    run: Runner, monkeypatch: pytest.MonkeyPatch, generated_import: None, args: list[str]
) -> None:
    stored, whole = _both(run, monkeypatch, "cost", *args)
    assert stored == whole


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["-i", "0", "-o", "1M", "--period", "year"],
        ["-i", "10B", "-o", "0", "--at", "2026-06-01"],
        ["-i", "0", "-o", "0"],
        ["--at", "2027-09-01"],
    ],
)
def test_every_row_over_generated_data_is_that_of_the_whole_ranking(
    run: Runner, monkeypatch: pytest.MonkeyPatch, generated_import: None, args: list[str]
) -> None:
    stored, whole = _both(run, monkeypatch, "cost", *args)
    assert stored == whole


@pytest.mark.parametrize(
    "filters",
    [
        ["--capability", "vision", "--min-context", "128k", "--max-input-price", "1"],
        ["--max-output-price", "0.5", "--sort", "output-price"],
        ["--provider", "openrouter", "--sort", "input-price"],
        ["--sort", "released"],
    ],
)
def test_a_list_over_generated_data_is_that_of_the_whole_catalog(
    run: Runner, monkeypatch: pytest.MonkeyPatch, generated_import: None, filters: list[str]
) -> None:
    stored, whole = _both(run, monkeypatch, "list", *filters)
    assert stored == whole


def test_a_list_reads_no_model(
    run: Runner, warm: None, whole_catalog_never_read: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: StoredModels, model_id: str) -> Any:
        raise AssertionError(f"read {model_id}")

    monkeypatch.setattr(StoredModels, "load", refuse)
    data = run("list", "--capability", "vision", "--max-input-price", "1", "--json").json()
    assert data["count"] > 10


def test_the_days_ranking_is_worked_out_once_and_kept_beside_its_store(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from llmcompare import summary

    models = [
        model("acme", "steady", "Steady", routes=[route("alpha", "1", "1", model_id="steady")]),
        model("acme", "other", "Other", routes=[route("alpha", "2", "2", model_id="other")]),
    ]
    retiring = route("beta", "0.5", "0.5", model_id="retiring", retired=dt.date(2030, 1, 1))
    models.append(model("acme", "retiring", "Retiring", routes=[retiring]))
    root = write_catalog(tmp_path / "catalog", models)
    monkeypatch.setenv(BASE_ENV, str(root))
    assert run("providers", "--json").exit_code == 0  # the store written
    first = run("cost", "--top", "1", "--json").json()
    assert first["rows"][0]["model"] == "retiring"

    def refuse(*args: Any) -> Any:
        raise AssertionError("worked out again")

    with monkeypatch.context() as kept:
        kept.setattr(summary, "on_day", refuse)
        assert run("cost", "--top", "1", "--json").json() == first
    # Another day is worked out afresh, and so is the same day over a changed catalog.
    assert run("cost", "--top", "1", "--at", "2031-01-01", "--json").json()["rows"][0]["model"] == (
        "steady"
    )
    models[0]["routes"] = [route("alpha", "0.1", "0.1", model_id="steady")]
    write_catalog(root, models)
    assert run("cost", "--top", "1", "--json").json()["rows"][0]["model"] == "steady"


class _Named:
    """Just what chunking looks at: an id."""

    def __init__(self, model_id: str) -> None:
        self.id = model_id


def _ends(chunks: list[tuple[Any, ...]]) -> list[tuple[str, ...]]:
    return [tuple(model.id for model in chunk) for chunk in chunks]


@given(
    st.sets(st.from_regex(r"[a-z][a-z0-9.-]{0,12}", fullmatch=True), min_size=2, max_size=120),
    st.data(),
)
def test_adding_a_model_moves_only_the_chunks_around_it(ids: set[str], data: Any) -> None:
    """What lets a rebuild copy a store's chunks: a model added (or removed) leaves
    every chunk that ends before it, and every chunk after the next one that
    ends where an id says so (not at the size limit), as it was."""
    from llmcompare.store import CHUNK, _bucket_of, _chunked

    ordered = sorted(ids)
    added = data.draw(st.sampled_from(ordered))
    before = _ends(_chunked([_Named(i) for i in ordered if i != added]))
    after = _ends(_chunked([_Named(i) for i in ordered]))
    assert [i for chunk in after for i in chunk] == ordered  # every model, once, in order
    assert all(len(chunk) <= 2 * CHUNK for chunk in after)

    def natural(chunk: tuple[str, ...]) -> bool:
        return _bucket_of(chunk[-1], CHUNK) == 0

    def closed(chunk: tuple[str, ...]) -> bool:  # it ends there whatever follows
        return natural(chunk) or len(chunk) == 2 * CHUNK

    untouched_before = [chunk for chunk in before if chunk[-1] < added and closed(chunk)]
    assert after[: len(untouched_before)] == untouched_before

    # After the first chunk past `added` that ends where its id says, all is as it was.
    def tail(chunks: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        for at, chunk in enumerate(chunks):
            if chunk[-1] > added and natural(chunk):
                return chunks[at + 1 :]
        return []

    assert tail(after) == tail(before)


def test_a_text_part_cut_short_after_it_was_opened_is_one_line(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `list --json` reads the rows it writes from the store's text part, as spans.
    assert run("list", "--json").exit_code == 0  # the store written
    store = _store_file(tmp_path)
    real_open = StoredModels.text

    def then_cut(self: StoredModels, name: str) -> Any:
        found = real_open(self, name)
        assert found is not None
        start = self._base + found._place[0]  # where the text part starts
        os.truncate(store, start + 10)  # all but its first bytes gone
        return found

    monkeypatch.setattr(StoredModels, "text", then_cut)
    result = run("list", "--json")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "compiled catalog is damaged" in result.stderr
