"""Your own prices: set-price, set-discount, unset and add change what cost and
diff answer, are marked as yours, and never leave a broken or half-written file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tomli_w

from llmcompare.userdirs import DATA_ENV

from conftest import Runner


def _overrides() -> Path:
    return Path(os.environ[DATA_ENV]) / "overrides"


def _files() -> dict[str, bytes]:
    root = _overrides()
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _row(run: Runner, model: str, provider: str, *extra: str) -> dict[str, Any]:
    result = run("cost", model, "--json", *extra)
    assert result.exit_code == 0, result.stderr
    (row,) = [r for r in result.json()["rows"] if r["provider"] == provider]
    return row  # type: ignore[no-any-return]


def test_set_price_changes_cost_and_diff_and_unset_restores_them(mini: Path, run: Runner) -> None:
    before = _row(run, "big-chat", "alpha")
    assert before["total_usd"] == 1400  # 1B x $1 + 200M x $2
    done = run("catalog", "set-price", "Big Chat", "Alpha Cloud", "--input", "0.5", "--output", "1")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "" and "big-chat on alpha" in done.stderr

    mine = _row(run, "big-chat", "alpha")
    assert (mine["input_usd_per_mtok"], mine["output_usd_per_mtok"]) == (0.5, 1)
    assert mine["total_usd"] == 700 and mine["origin"] == "user"
    # Your price counts for "cheapest", and diff prices the model with it.
    diff = run("diff", "big-chat", "other-chat", "--json").json()
    monthly = {entry["model"]: entry for entry in diff["monthly_cost"]}
    assert monthly["big-chat"]["total_usd"] == 700
    assert monthly["big-chat"]["provider"] == "alpha"
    assert monthly["big-chat"]["origin"] == "user"
    table = run("cost", "big-chat")
    assert "Alpha Cloud (user)" in table.stdout
    # The route's other prices are the published ones still.
    shown = run("show", "big-chat", "--json").json()["model"]
    alpha = next(r for r in shown["routes"] if r["provider"] == "alpha")
    assert alpha["cache_read_usd_per_mtok"] == 0.5

    assert run("catalog", "unset", "big-chat", "alpha").exit_code == 0
    assert _row(run, "big-chat", "alpha") == before


def test_a_later_set_price_keeps_what_you_set_before(mini: Path, run: Runner) -> None:
    run("catalog", "set-price", "big-chat", "alpha", "--input", "0.6", "--output", "1.2")
    run("catalog", "set-price", "big-chat", "alpha", "--output", "1.1")
    row = _row(run, "big-chat", "alpha")
    assert (row["input_usd_per_mtok"], row["output_usd_per_mtok"]) == (0.6, 1.1)


def test_a_price_the_catalog_would_refuse_writes_nothing(mini: Path, run: Runner) -> None:
    run("catalog", "set-price", "big-chat", "alpha", "--input", "0.9", "--output", "1.8")
    kept = _files()
    # Input below the route's cached-input price ($0.50) breaks a catalog rule.
    result = run("catalog", "set-price", "big-chat", "alpha", "--input", "0.1")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cache_read_usd_per_mtok" in result.stderr
    assert "give --cache-read too" in result.stderr  # what mends it
    assert _files() == kept
    mended = ("--input", "0.1", "--cache-read", "0.05")
    assert run("catalog", "set-price", "big-chat", "alpha", *mended).exit_code == 0
    assert _row(run, "big-chat", "alpha")["input_usd_per_mtok"] == 0.1
    assert not [p for p in _overrides().rglob("*.tmp")]


def test_bad_input_is_usage_and_writes_nothing(mini: Path, run: Runner) -> None:
    cases = [
        ("catalog", "set-price", "big-chat", "alpha", "--input", "-1"),
        ("catalog", "set-price", "big-chat", "alpha", "--input", "lots"),
        ("catalog", "set-price", "nope", "alpha", "--input", "1"),
        ("catalog", "set-price", "big-chat", "nowhere", "--input", "1"),
        ("catalog", "set-price", "big-chat", "alpha"),
        ("catalog", "set-price", "big-chat", "alpha", "--discount", "120%"),
        # A provider the model has no route on needs both prices.
        ("catalog", "set-price", "other-chat", "beta", "--input", "1"),
        ("catalog", "set-discount", "alpha", "0%"),
        ("catalog", "unset", "big-chat", "alpha"),  # nothing set
        ("catalog", "unset-discount", "alpha"),
    ]
    for args in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stdout == "", args
    assert _files() == {}


def test_a_route_the_catalog_lacks_is_added_as_yours(mini: Path, run: Runner) -> None:
    result = run("catalog", "set-price", "other-chat", "beta", "--input", "0.4", "--output", "1")
    assert result.exit_code == 0, result.stderr
    row = _row(run, "other-chat", "beta")
    assert row["total_usd"] == 600 and row["origin"] == "user"


def test_discounts_apply_to_every_published_price(mini: Path, run: Runner) -> None:
    assert run("catalog", "set-discount", "alpha", "10%").exit_code == 0
    row = _row(run, "big-chat", "alpha")
    assert row["total_usd"] == 1260 and row["discount_percent"] == 10
    # A route's own discount wins over the provider's.
    run("catalog", "set-price", "big-chat", "alpha", "--discount", "25")
    assert _row(run, "big-chat", "alpha")["total_usd"] == 1050
    shown = run("show", "big-chat", "--json").json()["model"]
    alpha = next(r for r in shown["routes"] if r["provider"] == "alpha")
    assert alpha["cache_read_usd_per_mtok"] == 0.375  # 0.5 less 25%
    assert "25% off" in run("cost", "big-chat").stdout
    run("catalog", "unset", "big-chat", "alpha")
    run("catalog", "unset-discount", "alpha")
    assert _row(run, "big-chat", "alpha")["total_usd"] == 1400


def test_discounts_reach_batch_and_long_context_prices(mini: Path, run: Runner) -> None:
    from factory import route, write_catalog

    models = [
        {
            **_chat("tiered"),
            "routes": [
                {
                    **route("alpha", "1", "4"),
                    "batch": {"input_usd_per_mtok": 0.5, "output_usd_per_mtok": 2},
                    "tiers": [{"above_input_tokens": 1000, "input_usd_per_mtok": 2}],
                }
            ],
        }
    ]
    write_catalog(mini, models)
    (mini / "models" / "acme" / "big-chat.toml").unlink()
    for stale in ("small-guard", "other-chat", "wide-vision"):
        for path in mini.rglob(f"{stale}.toml"):
            path.unlink()
    run("catalog", "set-discount", "alpha", "50%")
    batch = _row(run, "tiered", "alpha", "--batch")
    assert batch["total_usd"] == 450  # 1B x $0.25 + 200M x $1
    tier = _row(run, "tiered", "alpha", "--requests", "1000", "--request-input", "2000")
    assert tier["input_usd_per_mtok"] == 0.5 and tier["total_usd"] == 2  # 2M x $1 (tier, halved)


def _chat(model_id: str) -> dict[str, Any]:
    from factory import model

    return model("acme", model_id, model_id.title())


def test_add_your_own_model(mini: Path, tmp_path: Path, run: Runner) -> None:
    from factory import route

    own = {
        **_chat("my-finetune"),
        "routes": [route("alpha", "3", "6", model_id="ft:my-finetune")],
    }
    path = tmp_path / "my-finetune.toml"
    path.write_text(tomli_w.dumps(own))
    assert run("catalog", "add", str(path)).exit_code == 0
    row = _row(run, "my-finetune", "alpha")
    assert row["total_usd"] == 4200 and row["origin"] == "user"
    # A model file the catalog refuses is not added.
    path.write_text(tomli_w.dumps({**own, "id": "other-ft", "context_window": -1}))
    refused = run("catalog", "add", str(path))
    assert refused.exit_code == 2 and "context_window" in refused.stderr
    assert run("catalog", "unset", "my-finetune").exit_code == 0
    assert run("show", "my-finetune").exit_code == 2


def test_discounts_reach_service_tiers_and_time_windows(mini: Path, run: Runner) -> None:
    from decimal import Decimal

    from factory import route, write_catalog

    tiered = route("alpha", "2", "8")
    tiered["priority"] = {"input_usd_per_mtok": Decimal("4"), "output_usd_per_mtok": Decimal("16")}
    tiered["time_windows"] = [
        {"name": "peak", "start": "00:00", "end": "12:00", "input_usd_per_mtok": Decimal("4")}
    ]
    write_catalog(mini, [{**_chat("tiered"), "routes": [tiered]}])
    for stale in ("small-guard", "other-chat", "wide-vision", "big-chat"):
        for path in mini.rglob(f"{stale}.toml"):
            path.unlink()
    run("catalog", "set-discount", "alpha", "50%")
    priority = _row(run, "tiered", "alpha", "--tier", "priority")
    assert priority["total_usd"] == 3600  # 1B x $2 + 200M x $8: half of 4 and 16
    # Half the day at the peak's $2 (half of 4), half at $1 (half of 2); output $4.
    assert _row(run, "tiered", "alpha")["total_usd"] == 2300
