"""The catalog a run uses is a stack of folders: later ones override earlier ones
per model and per route, and every route says where it came from."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from llmcompare.catalog import BUNDLED_ONLY_ENV, CATALOG_ENV
from llmcompare.loader import Layer, load_layers, merge_routes
from llmcompare.userdirs import DATA_ENV

from conftest import Runner
from factory import CHECKED, route


def _overlay(root: Path, models: dict[str, dict[str, Any]], **tables: dict[str, Any]) -> Path:
    """A layer folder: model files by "creator/id", and optional providers/creators tables."""
    for where, data in models.items():
        path = root / "models" / f"{where}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tomli_w.dumps(data))
    for name, table in tables.items():
        (root / f"{name}.toml").write_text(tomli_w.dumps(table))
    return root


def _row(result: Any, model: str, provider: str) -> dict[str, Any]:
    rows = [r for r in result.json()["rows"] if r["model"] == model and r["provider"] == provider]
    assert len(rows) == 1, rows
    return rows[0]


def test_an_override_naming_input_and_output_keeps_the_routes_other_prices(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    team = _overlay(
        tmp_path / "team",
        {
            "acme/big-chat": {
                "routes": [
                    {
                        "provider": "alpha",
                        "input_usd_per_mtok": Decimal("0.8"),
                        "output_usd_per_mtok": Decimal("1.6"),
                        "source": "https://alpha.example/contract",
                        "checked": CHECKED,
                    }
                ]
            }
        },
    )
    result = run("--catalog", str(team), "cost", "big-chat", "--json")
    assert result.exit_code == 0, result.stderr
    alpha = _row(result, "big-chat", "alpha")
    assert (alpha["input_usd_per_mtok"], alpha["output_usd_per_mtok"]) == (0.8, 1.6)
    assert alpha["origin"] == f"folder:{team}"
    assert alpha["source"] == "https://alpha.example/contract"
    # Untouched: the cache price of the same route, and the other route.
    shown = run("--catalog", str(team), "show", "big-chat", "--json").json()["model"]
    routes = {r["provider"]: r for r in shown["routes"]}
    assert routes["alpha"]["cache_read_usd_per_mtok"] == 0.5
    assert routes["beta"]["origin"] == "bundled"
    assert isinstance(routes["alpha"]["age_days"], int)


def test_team_folders_come_from_the_environment_too_and_bundled_only_ignores_them(
    mini: Path, tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = _overlay(
        tmp_path / "team",
        {"zeta/other-chat": {"routes": [route("alpha", "0.25", "1.5", model_id="alpha/model")]}},
    )
    monkeypatch.setenv(CATALOG_ENV, str(team))
    layered = _row(run("cost", "other-chat", "--json"), "other-chat", "alpha")
    assert layered["input_usd_per_mtok"] == 0.25
    alone = _row(run("--bundled-only", "cost", "other-chat", "--json"), "other-chat", "alpha")
    assert alone["input_usd_per_mtok"] == 0.5 and alone["origin"] == "bundled"
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")
    assert _row(run("cost", "other-chat", "--json"), "other-chat", "alpha")["origin"] == "bundled"


def test_a_layer_can_add_a_model_that_states_only_what_its_data_says(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    team = _overlay(
        tmp_path / "team",
        {
            "newlab/fresh-model": {
                "id": "fresh-model",
                "name": "Fresh Model",
                "creator": "newlab",
                "context_window": 200_000,
                "sources": ["https://newlab.example/fresh"],
                "capabilities": {"reasoning": True},
                "routes": [route("alpha", "2", "8", model_id="newlab/fresh")],
            }
        },
        creators={"newlab": {"name": "New Lab", "homepage": "https://newlab.example"}},
    )
    shown = run("--catalog", str(team), "show", "fresh-model")
    assert shown.exit_code == 0, shown.stderr
    assert "Fresh Model" in shown.stdout and "New Lab" in shown.stdout
    document = run("--catalog", str(team), "show", "fresh-model", "--json").json()["model"]
    # Not stated is not false: only the flag the data gave is there.
    assert document["capabilities"] == {"reasoning": True}
    assert document["released"] is None and document["license"] is None
    assert document["origin"] == f"folder:{team}"
    cost = run("--catalog", str(team), "cost", "--json")
    assert "fresh-model" in [row["model"] for row in cost.json()["rows"]]


def test_the_bundled_layer_stays_strict(mini: Path, tmp_path: Path, run: Runner) -> None:
    """A model in the base catalog must state every key, even if overlays may not."""
    broken = mini / "models" / "acme" / "half.toml"
    broken.write_text('id = "half"\nname = "Half"\ncreator = "acme"\ncontext_window = 10\n')
    result = run("catalog", "check", str(mini))
    assert result.exit_code == 1
    assert "models/acme/half.toml: released: required key is missing" in result.stdout


def test_a_broken_layer_is_one_line_naming_its_file(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    team = tmp_path / "team"
    (team / "models" / "acme").mkdir(parents=True)
    (team / "models" / "acme" / "big-chat.toml").write_text("routes = [ {")
    result = run("--catalog", str(team), "cost")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(team / "models" / "acme" / "big-chat.toml") in result.stderr


def test_a_missing_team_folder_is_an_error(mini: Path, tmp_path: Path, run: Runner) -> None:
    result = run("--catalog", str(tmp_path / "nowhere"), "cost")
    assert result.exit_code == 1
    assert "nowhere: is not a catalog directory" in result.stderr


def test_an_override_in_another_creator_folder_is_refused(mini: Path, tmp_path: Path) -> None:
    from llmcompare.errors import CatalogError

    team = _overlay(tmp_path / "team", {"zeta/big-chat": {"note": "misplaced"}})
    with pytest.raises(CatalogError, match="whose file is in models/acme/"):
        load_layers([Layer("bundled", mini), Layer("folder:team", team, f"{team}{os.sep}")])


def test_catalog_where_lists_the_stack_bottom_first(
    mini: Path, tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = Path(os.environ[DATA_ENV])
    for folder in ("sources/litellm", "imports/mine", "overrides"):
        (data / folder).mkdir(parents=True)
    team = tmp_path / "team"
    team.mkdir()
    result = run("--catalog", str(team), "catalog", "where", "--json")
    layers = [(layer["origin"], layer["path"]) for layer in result.json()["layers"]]
    assert layers == [
        ("bundled", str(mini)),
        ("update:litellm", str(data / "sources" / "litellm")),
        ("import:mine", str(data / "imports" / "mine")),
        ("user", str(data / "overrides")),
        (f"folder:{team}", str(team)),
    ]
    table = run("--catalog", str(team), "catalog", "where")
    assert "update:litellm" in table.stdout and "user" in table.stdout


def test_routes_merge_by_provider_and_model_id() -> None:
    earlier = [
        {"provider": "a", "model_id": "x", "input_usd_per_mtok": 1, "batch": {"input": 1}},
        {"provider": "b", "model_id": "y", "input_usd_per_mtok": 2},
        {"provider": "b", "model_id": "z", "input_usd_per_mtok": 3},
    ]
    later = [
        # a's only route, though the id differs: the provider has one route.
        {"provider": "a", "model_id": "x2", "output_usd_per_mtok": 9, "batch": {"output": 4}},
        # b has two routes: the one with the same model id.
        {"provider": "b", "model_id": "z", "input_usd_per_mtok": 5},
        # b with an unknown id is a new route (it cannot say which it overrides).
        {"provider": "b", "model_id": "w", "input_usd_per_mtok": 7},
    ]
    merged = merge_routes(earlier, later)
    assert merged[0] == {
        "provider": "a",
        "model_id": "x2",
        "input_usd_per_mtok": 1,
        "output_usd_per_mtok": 9,
        "batch": {"input": 1, "output": 4},
    }
    assert merged[1]["input_usd_per_mtok"] == 2
    assert merged[2]["input_usd_per_mtok"] == 5
    assert merged[3]["model_id"] == "w" and len(merged) == 4
