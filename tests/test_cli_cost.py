"""The cost options from the command line: each works, in the table and in JSON,
and each refuses bad input with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmcompare.catalog import BASE_ENV
from llmcompare.cli import ExitCode

from conftest import Runner
from factory import model, published_price_models, route, write_catalog


@pytest.fixture
def priced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_catalog(tmp_path / "catalog", published_price_models())
    monkeypatch.setenv(BASE_ENV, str(root))
    return root


def _only_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict) -> None:  # type: ignore[type-arg]
    """A catalog of this one model, in place of the bundled one."""
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "c", [data])))


def _row(data: dict, model: str) -> dict:  # type: ignore[type-arg]
    return next(row for row in data["rows"] if row["model"] == model)


def test_the_month_of_1b_input_in_big_and_small_requests(priced: Path, run: Runner) -> None:
    big = run(
        "cost",
        "gemini-2.5-pro",
        "--requests",
        "4000",
        "--request-input",
        "250k",
        "--request-output",
        "2k",
        "--json",
    ).json()
    small = run(
        "cost",
        "gemini-2.5-pro",
        "--requests",
        "1M",
        "--request-input",
        "1k",
        "--request-output",
        "8",
        "--json",
    ).json()
    assert big["traffic"]["input_tokens"] == small["traffic"]["input_tokens"] == 10**9
    assert (big["rows"][0]["total_usd"], small["rows"][0]["total_usd"]) == (2620, 1330)
    assert big["rows"][0]["tier_above_input_tokens"] == 200_000
    assert "exceeds 200,000" in big["rows"][0]["notes"][0]
    assert "4,000 requests" in big["notes"][-1] and "250,000" in big["notes"][-1]
    table = run("cost", "gemini-2.5-pro", "--requests", "4000", "--request-input", "250k")
    assert "[1] long-context price" in table.stdout
    assert "note: each of the 4,000 requests" in table.stderr


def test_without_requests_the_tier_assumption_is_stated(priced: Path, run: Runner) -> None:
    data = run("cost", "gemini-2.5-pro", "-i", "1B", "-o", "8M", "--json").json()
    assert data["rows"][0]["total_usd"] == 1330
    assert "below the long-context tier" in data["rows"][0]["notes"][0]


def test_cache_options_break_the_bill_down(priced: Path, run: Runner) -> None:
    data = run(
        "cost",
        "claude-sonnet-4-5",
        "-i",
        "1M",
        "-o",
        "0",
        "--cached-input",
        "30%",
        "--cache-write",
        "200k",
        "--json",
    ).json()
    row = data["rows"][0]
    assert data["traffic"]["cached_input_tokens"] == 300_000
    assert (row["uncached_input_usd"], row["cached_input_usd"], row["cache_write_usd"]) == (
        1.5,
        0.09,
        0.75,
    )
    assert row["total_usd"] == 2.34
    table = run("cost", "claude-sonnet-4-5", "-i", "1M", "-o", "0", "--cached-input", "30%")
    assert "Cached" in table.stdout


def test_one_hour_writes_reasoning_and_batch(priced: Path, run: Runner) -> None:
    data = run(
        "cost",
        "claude-sonnet-4-5",
        "-i",
        "100k",
        "-o",
        "0",
        "--cache-write-1h",
        "100%",
        "--json",
    ).json()
    assert data["rows"][0]["total_usd"] == 0.6
    data = run("cost", "o4-mini", "-i", "0", "-o", "1M", "--reasoning", "600k", "--json").json()
    assert (data["rows"][0]["reasoning_usd"], data["rows"][0]["total_usd"]) == (2.64, 4.4)
    assert any("reasoning tokens" in note for note in data["notes"])
    data = run("cost", "gpt-4o-mini", "-i", "10M", "-o", "2M", "--batch", "--json").json()
    assert data["traffic"]["batch"] is True and data["rows"][0]["total_usd"] == 1.35
    data = run("cost", "sonar", "-i", "10M", "-o", "2M", "--batch", "--json").json()
    assert "no batch price: list price used" in data["rows"][0]["notes"]


def test_request_fees(priced: Path, run: Runner) -> None:
    data = run("cost", "sonar", "-i", "1M", "-o", "100k", "--requests", "1000", "--json").json()
    assert (data["rows"][0]["request_fees_usd"], data["rows"][0]["total_usd"]) == (12, 13.1)
    assert "Fees" in run("cost", "sonar", "-i", "1M", "-o", "100k", "--requests", "1000").stdout


def test_period_gives_month_and_year_figures(priced: Path, run: Runner) -> None:
    data = run("cost", "gpt-4o-mini", "-i", "30M", "-o", "5M", "--period", "day", "--json").json()
    row = data["rows"][0]
    assert data["traffic"]["period"] == "day"
    assert (row["total_usd"], row["total_usd_per_month"], row["total_usd_per_year"]) == (
        7.5,
        228.125,
        2737.5,
    )
    table = run("cost", "gpt-4o-mini", "-i", "30M", "-o", "5M", "--period", "day").stdout
    assert "a day" in table and "Per month" in table


def test_budget(priced: Path, run: Runner) -> None:
    data = run("cost", "llama-guard-2-8b", "--budget", "50", "--json").json()
    assert data["budget_usd"] == 50
    assert data["rows"][0]["budget"]["input_tokens"] == 500_000_000
    data = run(
        "cost",
        "sonar",
        "-i",
        "1M",
        "-o",
        "100k",
        "--requests",
        "1000",
        "--budget",
        "$100",
        "--json",
    ).json()
    assert data["rows"][0]["budget"]["requests"] == 7633
    assert "Buys" in run("cost", "sonar", "--budget", "100").stdout


def test_at_picks_the_prices_in_force(priced: Path, run: Runner) -> None:
    before = run("cost", "o3", "-i", "1M", "-o", "1M", "--at", "2025-06-09", "--json").json()
    after = run("cost", "o3", "-i", "1M", "-o", "1M", "--at", "2025-06-10", "--json").json()
    assert (before["rows"][0]["total_usd"], after["rows"][0]["total_usd"]) == (50, 10)
    assert after["prices_on"] == "2025-06-10"
    diff = run("diff", "o3", "o4-mini", "-i", "1M", "-o", "1M", "--at", "2025-06-01", "--json")
    assert diff.json()["monthly_cost"][0]["total_usd"] == 50


def test_diff_uses_the_same_engine(priced: Path, run: Runner) -> None:
    data = run(
        "diff",
        "gemini-2.5-pro",
        "claude-sonnet-4-5",
        "--requests",
        "4000",
        "--request-input",
        "250k",
        "--request-output",
        "2k",
        "--json",
    ).json()
    gemini = data["monthly_cost"][0]
    assert gemini["total_usd"] == 2620 and gemini["tier_above_input_tokens"] == 200_000
    table = run(
        "diff",
        "gemini-2.5-pro",
        "claude-sonnet-4-5",
        "--requests",
        "4000",
        "--request-input",
        "250k",
        "--request-output",
        "2k",
    ).stdout
    assert "Gemini 2.5 Pro: long-context price" in table


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--cached-input", "120%"], "--cached-input"),
        (["--cached-input", "lots"], "--cached-input"),
        (["--cache-write", "-5"], "--cache-write"),
        (["--cache-write-1h", "0.5"], "--cache-write-1h"),
        (["--reasoning", "nan"], "--reasoning"),
        (["-o", "1k", "--reasoning", "2k"], "exceeds the output"),
        (["-i", "1k", "--cached-input", "600", "--cache-write", "600"], "exceed the input"),
        (["--requests", "-1"], "--requests"),
        (["--requests", "0"], "at least one request"),
        (["--request-input", "10k"], "need --requests"),
        (["-i", "1M", "--requests", "5", "--request-input", "10k"], "not both"),
        (["--request-output", "1.5"], "--request-output"),
        (["--period", "hour"], "--period"),
        (["--budget", "-5"], "--budget"),
        (["--budget", "five"], "--budget"),
        (["--budget", "1_000_000_000_000_001"], "out of range"),
        (["--requests", "1M", "--request-input", "1_000_000_001"], "out of range"),
        (["--requests", "1e15", "--request-output", "2"], "out of range"),
        (["--at", "2026-13-01"], "--at"),
        (["--at", "yesterday"], "--at"),
    ],
)
def test_bad_cost_options_exit_2_with_one_line(
    priced: Path, run: Runner, args: list[str], says: str
) -> None:
    result = run("cost", *args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr


def test_show_and_list_use_todays_prices(priced: Path, run: Runner) -> None:
    # o3's price cut took effect on 2025-06-10: today's card and list show $2 / $8,
    # and the card lists the change.
    card = run("show", "o3", "--json").json()["model"]["routes"][0]
    assert (card["input_usd_per_mtok"], card["output_usd_per_mtok"]) == (2, 8)
    assert card["price_changes"][0]["effective"] == "2025-06-10"
    listed = next(m for m in run("list", "--json").json()["models"] if m["id"] == "o3")
    assert listed["cheapest_input_usd_per_mtok"] == 2
    assert "from 2025-06-10 $2.00 in / $8.00 out" in run("show", "o3").stdout


def test_routes_on_one_provider_are_told_apart_by_its_model_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    from factory import model, route

    fast = route("alpha", "5", "25", model_id="acme-fast")
    plain = route("alpha", "3", "15", model_id="acme")
    _only_model(tmp_path, monkeypatch, model("acme", "acme-3", "Acme 3", routes=[plain, fast]))
    rows = run("cost", "acme-3", "--json").json()["rows"]
    assert [row["model_id"] for row in rows] == ["acme", "acme-fast"]
    table = run("cost", "acme-3").stdout
    assert "Alpha Cloud acme ·" in table and "Alpha Cloud acme-fast ·" in table


def test_service_tiers_are_priced_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    from decimal import Decimal

    from factory import model, route

    tiered = route("alpha", "2", "8", model_id="m")
    tiered["priority"] = {"input_usd_per_mtok": Decimal("4"), "output_usd_per_mtok": Decimal("16")}
    tiered["flex"] = {"input_usd_per_mtok": Decimal("1"), "output_usd_per_mtok": Decimal("4")}
    plain = route("beta", "2.5", "9", model_id="m")
    _only_model(tmp_path, monkeypatch, model("acme", "m-1", "M One", routes=[tiered, plain]))

    def totals(*extra: str) -> dict[str, object]:
        result = run("cost", "m-1", "--json", *extra)
        assert result.exit_code == 0, result.stderr
        return {row["provider"]: row["total_usd"] for row in result.json()["rows"]}

    # Standard: the flex price is cheaper, but nobody asked for it.
    assert totals() == {"alpha": 3600, "beta": 4300}
    assert totals("--tier", "flex") == {"alpha": 1800, "beta": 4300}
    assert totals("--tier", "priority") == {"alpha": 7200, "beta": 4300}
    document = run("cost", "m-1", "--tier", "priority", "--json").json()
    assert document["traffic"]["service_tier"] == "priority"
    beta = next(row for row in document["rows"] if row["provider"] == "beta")
    assert (
        "no priority price: standard price used" in run("cost", "m-1", "--tier", "priority").stdout
    )
    assert beta["total_usd"] == 4300
    both = run("cost", "m-1", "--tier", "flex", "--batch")
    assert both.exit_code == ExitCode.USAGE and "choose one" in both.stderr
    assert run("cost", "m-1", "--tier", "turbo").exit_code == ExitCode.USAGE
    shown = run("show", "m-1").stdout
    assert "priority tier" in shown and "flex tier" in shown


def test_peak_and_off_peak_hours_split_the_bill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    from decimal import Decimal

    from factory import model, route

    # DeepSeek-style: a discount price, and standard prices from 00:30 to 16:30 UTC.
    windowed = route("alpha", "0.135", "0.55", model_id="chat")
    windowed["time_windows"] = [
        {
            "name": "standard hours",
            "start": "00:30",
            "end": "16:30",
            "input_usd_per_mtok": Decimal("0.27"),
            "output_usd_per_mtok": Decimal("1.1"),
        }
    ]
    _only_model(tmp_path, monkeypatch, model("acme", "w-1", "W One", routes=[windowed]))

    spread = run("cost", "w-1", "--json").json()
    (row,) = spread["rows"]
    # Two thirds of the day at $0.27/$1.10 ($490), a third at $0.135/$0.55 ($245).
    assert round(Decimal(str(row["total_usd"])), 2) == Decimal("408.33")
    split = {part["window"]: part for part in row["windows"]}
    assert split["standard hours"]["span"] == "00:30-16:30 UTC"
    assert round(Decimal(str(split["standard hours"]["share"])), 4) == Decimal("0.6667")
    assert any("spread evenly over the day" in note for note in row["notes"])

    given = run("cost", "w-1", "--window", "standard hours=50%", "--json").json()
    assert given["rows"][0]["total_usd"] == 367.5
    assert given["traffic"]["window_shares"] == [{"window": "standard hours", "share": 0.5}]
    assert "50% in standard hours" in run("cost", "w-1", "--window", "standard hours=50%").stdout
    for bad in ("standard hours", "x=150%", "x=5M"):
        assert run("cost", "w-1", "--window", bad).exit_code == ExitCode.USAGE
    over = run("cost", "w-1", "--window", "a=60%", "--window", "b=60%")
    assert over.exit_code == ExitCode.USAGE and "more than 100%" in over.stderr


def test_requests_a_route_cannot_serve_are_priced_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    small = model("acme", "small", "Small", context_window=8192, max_output_tokens=2048)
    small["routes"] = [route("alpha", "1", "2", model_id="small")]
    _only_model(tmp_path, monkeypatch, small)
    fits = ["--requests", "100", "--request-input", "6k", "--request-output", "2k"]
    assert run("cost", "small", *fits, "--json").json()["rows"][0]["notes"] == []
    too_big = ["--requests", "100", "--request-input", "7k", "--request-output", "3k"]
    notes = run("cost", "small", *too_big, "--json").json()["rows"][0]["notes"]
    assert notes == [
        "the average request (10,000 tokens) does not fit the 8,192-token context window",
        "the average request's output (3,000 tokens) is more than the 2,048 tokens a "
        "response may have",
    ]
    assert "does not fit the 8,192-token" in run("cost", "small", *too_big).stdout
