"""Routes carry their retirement day: from then on they are not priced as current
or as the cheapest, `--at` an earlier day still sees them, and they say when."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from llmcompare.catalog import BASE_ENV

from conftest import Runner
from factory import model, route, write_catalog


@pytest.fixture
def retiring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    models = [
        model(
            "acme",
            "old-chat",
            "Old Chat",
            routes=[
                route("alpha", "1", "2", retired=dt.date(2026, 6, 1)),  # cheaper, but gone
                route("beta", "3", "4", retired=dt.date(2999, 1, 1)),  # retires later
            ],
        )
    ]
    root = write_catalog(tmp_path / "catalog", models)
    monkeypatch.setenv(BASE_ENV, str(root))
    return root


def test_a_retired_route_is_not_the_cheapest_and_says_when(retiring: Path, run: Runner) -> None:
    rows = {r["provider"]: r for r in run("cost", "old-chat", "--json").json()["rows"]}
    assert rows["alpha"]["counts_as_cheapest"] is False
    assert rows["alpha"]["retired"] == "2026-06-01" and rows["alpha"]["status"] == "deprecated"
    assert rows["beta"]["counts_as_cheapest"] is True
    table = run("cost", "old-chat")
    assert "retired 2026-06-01" in " ".join(table.stdout.split())
    ranked = run("cost", "--json").json()["rows"]
    assert ranked[0]["provider"] == "beta"
    shown = run("show", "old-chat")
    assert "retired 2026-06-01" in shown.stdout and "retires 2999-01-01" in shown.stdout


def test_at_a_day_before_retirement_the_route_is_current(retiring: Path, run: Runner) -> None:
    ranked = run("cost", "--at", "2026-05-31", "--json").json()["rows"]
    assert ranked[0]["provider"] == "alpha" and ranked[0]["total_usd"] == 1400
