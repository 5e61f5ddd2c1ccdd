"""The seed page's pair, from the bundled catalog: it comes out as the page says,
apart from the differences the README's data notes cite."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import Runner

SEED = ("llama-guard-2-8b", "qwen3.5-4b")


def test_seed_pair_json(run: Runner) -> None:
    data = run("diff", *SEED, "--json").json()
    guard, qwen = data["models"]
    assert (guard["name"], qwen["name"]) == ("Llama Guard 2 8B", "Qwen3.5-4B")
    assert (guard["released"], qwen["released"]) == ("2024-04-18", "2026-03-02")
    assert (guard["context_window"], qwen["context_window"]) == (8192, 262144)
    assert (guard["parameters"], qwen["parameters"]) == (8_000_000_000, 4_000_000_000)
    assert guard["architecture"] == "decoder-only"
    assert guard["knowledge_cutoff"] == "2023-03"
    assert (guard["openness"], qwen["openness"]) == ("open-weights", "open-source")
    assert guard["license"]["commercial_use"] == "conditional"
    assert qwen["license"]["name"] == "Apache 2.0" and qwen["license"]["osi_approved"]
    flags = [k for k, v in qwen["capabilities"].items() if v]
    # The seed page lists vision and multimodal; Qwen's card adds thinking and tool
    # calls (README, Data notes).
    assert flags == ["vision", "multimodal", "reasoning", "function_calling"]
    assert not any(guard["capabilities"].values())
    assert {r["provider"] for r in guard["routes"]} == {"fireworks", "octoai", "replicate"}
    octo = next(r for r in guard["routes"] if r["provider"] == "octoai")
    assert octo["status"] == "deprecated"
    replicate = next(r for r in guard["routes"] if r["provider"] == "replicate")
    assert (replicate["input_usd_per_mtok"], replicate["output_usd_per_mtok"]) == (0.05, 0.25)

    assert data["verdict"] == (
        "Qwen3.5-4B fits 32x more tokens; pick it for long-context work and "
        "Llama Guard 2 8B for tighter calls."
    )
    scorecard = {row["model"]: row for row in data["scorecard"]}
    assert scorecard["llama-guard-2-8b"]["best_for"] == "provider-routed production"
    assert scorecard["qwen3.5-4b"]["best_for"] == "multimodal apps"
    assert scorecard["llama-guard-2-8b"]["decision_fit"] == ["classification"]
    assert scorecard["qwen3.5-4b"]["decision_fit"] == ["coding", "agents", "long-context"]
    assert scorecard["llama-guard-2-8b"]["provider_routes"] == 3
    assert scorecard["qwen3.5-4b"]["cheapest_output_usd_per_mtok"] is None

    monthly = {row["model"]: row for row in data["monthly_cost"]}
    assert monthly["llama-guard-2-8b"]["provider"] == "replicate"
    assert monthly["llama-guard-2-8b"]["total_usd"] == 100
    assert monthly["qwen3.5-4b"]["total_usd"] is None
    assert data["cost_delta_usd"] is None
    assert data["shared_benchmarks"] == []

    to_qwen, to_guard = data["switch_friction"]
    gained = ["vision", "multimodal", "reasoning", "function_calling"]
    assert to_qwen["capabilities_gained"] == gained
    assert to_guard["capabilities_lost"] == gained
    assert to_qwen["shared_providers"] == []


def test_seed_pair_table(run: Runner) -> None:
    result = run("diff", *SEED)
    assert result.exit_code == 0
    out = result.stdout
    for text in [
        "Qwen3.5-4B fits 32x more tokens",
        "provider-routed production",
        "multimodal apps",
        "Coding, Agents, and Long context",
        "3 tracked",
        "$100",
        "Replicate API",
        "Unavailable",
        "OctoAI API (deprecated)",
        "Commercial use with conditions",
        "Apache 2.0 (OSI)",
        "No shared benchmark rows are currently sourced for this pair.",
        "Check replacement coverage for Vision, Multimodal, Reasoning, and Function",
    ]:
        assert text in out, text


def test_cost_ranks_the_catalog_with_llama_guard_at_100_via_replicate(run: Runner) -> None:
    data = run("cost", "--input", "1B", "--output", "200M", "--json").json()
    priced = [row for row in data["rows"] if row["total_usd"] is not None]
    assert len(priced) >= 30
    guard = next(row for row in data["rows"] if row["model"] == "llama-guard-2-8b")
    assert guard["provider"] == "replicate"
    assert Decimal(str(guard["total_usd"])) == 100


def test_readme_quotes_the_seed_verdict() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "Qwen3.5-4B fits 32x more tokens" in readme


def test_long_tables_stop_at_50_rows_and_say_so(run: Runner) -> None:
    every = len(run("cost", "--json").json()["rows"])
    assert every > 50
    table = run("cost").stdout
    assert f"... and {every - 50} more rows (--all to show them" in table
    assert "more rows" not in run("cost", "--all").stdout
    assert len(run("cost", "--top", "40", "--json").json()["rows"]) == 40
    listed = run("list").stdout
    assert "more models (--all to show them" in listed
    models = run("list", "--json").json()["models"]
    assert len(models) > 50 and f"{len(models)} models" in listed
