"""`catalog import`: a data set mapped onto catalog models, written as a layer that
`show`, `cost` and `diff` read, with its origin and the data's date.

Small fixtures over the test catalog show the mapping rules; the real files in
../shared/reference show it works on what the projects publish (required under
CI, skipped elsewhere when absent).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from llmcompare import cache, catalog, loader
from llmcompare.cache import CACHE_ENV
from llmcompare.catalog import BASE_ENV
from llmcompare.userdirs import DATA_ENV

from conftest import Runner
from factory import write_catalog
from reference import reference_file


def _reference(name: str) -> Path:
    return reference_file(name)


def _layer(name: str) -> Path:
    return Path(os.environ[DATA_ENV]) / "imports" / name


def _genai(tmp_path: Path, models: list[dict[str, Any]], provider: str = "openrouter") -> Path:
    """A genai-prices data file with one provider."""
    data = [
        {
            "id": provider,
            "name": provider.title(),
            "pricing_urls": [f"https://{provider}.example/pricing"],
            "models": models,
        }
    ]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    return path


def test_an_import_maps_onto_catalog_models_and_adds_the_rest(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # The test catalog has no openrouter provider: the import brings it.
    data = _genai(
        tmp_path,
        [
            # By name: "Big Chat" is a catalog model.
            {
                "id": "acme/big-chat",
                "name": "Big Chat",
                "prices": {"input_mtok": "0.9", "output_mtok": "1.8"},
            },
            # A model the catalog lacks, with its context window: added.
            {
                "id": "newlab/fresh-1",
                "name": "Fresh One",
                "context_window": 64000,
                "prices": {"input_mtok": "0.3", "output_mtok": "0.6"},
            },
            # Without a context window, a new model cannot be added.
            {"id": "newlab/nameless", "prices": {"input_mtok": "1", "output_mtok": "1"}},
            # Not a text model.
            {"id": "acme/embed-small", "prices": {"input_mtok": "0.02"}},
        ],
    )
    result = run("catalog", "import", "genai-prices", str(data), "--date", "2026-11-02", "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert report["origin"] == "import:genai-prices" and report["written"] is True
    assert report["added_models"] == ["fresh-1"]
    assert {(r["model"], r["provider"]) for r in report["added_routes"]} == {
        ("big-chat", "openrouter"),
        ("fresh-1", "openrouter"),
    }
    assert report["skipped"]["new model without a context window"] == 1
    assert report["skipped"]["embedding model"] == 1

    shown = run("show", "Fresh One", "--json").json()["model"]
    (route,) = shown["routes"]
    assert route["origin"] == "import:genai-prices"
    assert route["checked"] == "2026-11-02"
    assert route["source"] == "https://openrouter.example/pricing"
    assert route["input_usd_per_mtok"] == 0.3
    table = run("show", "fresh-1")
    words = " ".join(table.stdout.split())  # a narrow column may wrap the mark
    assert "Openrouter (via genai-prices)" in words and "newlab" in words
    cost = run("cost", "big-chat", "--json").json()
    providers = {row["provider"]: row for row in cost["rows"]}
    assert providers["openrouter"]["total_usd"] == 1260  # 1B x 0.9 + 200M x 1.8


def test_a_route_the_catalog_has_is_overridden_and_counted_as_changed(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # The catalog's own provider ids are mapped through the data set's: alpha is not
    # a genai-prices provider, so the test points a known id at it.
    from llmcompare import importing

    importing.PROVIDERS["genai-prices"]["alpha-cloud"] = "alpha"
    try:
        data = _genai(
            tmp_path,
            [
                {
                    "id": "acme/acme-small-guard-8b",
                    "prices": {"input_mtok": "0.04", "output_mtok": "0.25"},
                },  # alpha's model id for small-guard
                {"id": "other-chat", "prices": {"input_mtok": "0.5", "output_mtok": "1.5"}},
            ],
            provider="alpha-cloud",
        )
        report = run("catalog", "import", "genai-prices", str(data), "--json").json()
    finally:
        del importing.PROVIDERS["genai-prices"]["alpha-cloud"]
    assert report["added_models"] == [] and report["added_routes"] == []
    (changed,) = report["changed_routes"]
    assert (changed["model"], changed["provider"]) == ("small-guard", "alpha")
    assert changed["before"]["input_usd_per_mtok"] == 0.05
    assert changed["after"]["input_usd_per_mtok"] == 0.04
    assert report["unchanged_routes"] == 1
    # Without --date, the file's modification date is the data's date.
    assert report["date_basis"] == "the file's modification date"
    row = next(
        r for r in run("cost", "small-guard", "--json").json()["rows"] if r["provider"] == "alpha"
    )
    assert row["input_usd_per_mtok"] == 0.04 and row["origin"] == "import:genai-prices"


def _import_as(
    run: Runner, data: Path, provider: str, catalog_id: str, *options: str
) -> dict[str, Any]:
    """Import genai-prices data whose provider `provider` is the catalog's `catalog_id`."""
    from llmcompare import importing

    importing.PROVIDERS["genai-prices"][provider] = catalog_id
    try:
        result = run("catalog", "import", "genai-prices", str(data), *options, "--json")
    finally:
        del importing.PROVIDERS["genai-prices"][provider]
    assert result.exit_code == 0, result.stderr
    return result.json()  # type: ignore[no-any-return]


def _route_of(run: Runner, model: str, provider: str) -> dict[str, Any]:
    routes = run("show", model, "--json").json()["model"]["routes"]
    return next(route for route in routes if route["provider"] == provider)  # type: ignore[no-any-return]


def test_routes_the_data_prices_at_zero_are_free_never_the_cheapest(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    zero = {"input_mtok": "0", "output_mtok": "0"}
    data = _genai(
        tmp_path,
        [
            {"id": "beta/small-guard", "prices": zero},  # a paid route of the catalog
            {"id": "zeta/wide-vision", "prices": zero},  # a free route of the catalog
            {"id": "newlab/free-1", "name": "Free One", "context_window": 8000, "prices": zero},
        ],
        provider="beta-cloud",
    )
    _import_as(run, data, "beta-cloud", "beta", "--date", "2026-11-02")
    assert _route_of(run, "small-guard", "beta")["plan"] == "free"
    assert _route_of(run, "wide-vision", "beta")["plan"] == "free"
    assert _route_of(run, "free-1", "beta")["plan"] == "free"
    # The layer says so itself: it stands on the bundled catalog alone, and its
    # route may stand where the one beneath is set aside (newer evidence).
    written = (_layer("genai-prices") / "models" / "zeta" / "wide-vision.toml").read_text()
    assert 'plan = "free"' in written
    # A free route is listed, but the cheapest is a paid one, and a model with
    # only free routes has no bill: it comes last, saying why.
    rows = run("cost", "--json").json()["rows"]
    by_model = {row["model"]: row for row in rows}
    assert by_model["small-guard"]["provider"] == "alpha"
    assert by_model["free-1"]["total_usd"] is None
    assert by_model["free-1"]["note"] == "only free or trial routes are priced"
    assert rows[0]["total_usd"] > 0 and rows[-1]["total_usd"] is None

    # Data that prices a free route makes it paid.
    priced = _genai(
        tmp_path,
        [{"id": "zeta/wide-vision", "prices": {"input_mtok": "0.1", "output_mtok": "0.2"}}],
        provider="beta-cloud",
    )
    _import_as(run, priced, "beta-cloud", "beta", "--date", "2026-11-03", "--name", "priced")
    route = _route_of(run, "wide-vision", "beta")
    assert route["plan"] == "paid" and route["input_usd_per_mtok"] == 0.1
    assert by_model["wide-vision"]["total_usd"] is None  # before: free only
    assert run("cost", "wide-vision", "--json").json()["rows"][0]["total_usd"] == 140


def test_a_trial_route_the_data_has_at_zero_stays_a_trial(
    tmp_path: Path, run: Runner, models_data: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    vision = next(model for model in models_data if model["id"] == "wide-vision")
    vision["routes"][0]["plan"] = "trial"
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "catalog", models_data)))
    zero = {"input_mtok": "0", "output_mtok": "0"}
    data = _genai(tmp_path, [{"id": "zeta/wide-vision", "prices": zero}], provider="beta-cloud")
    _import_as(run, data, "beta-cloud", "beta", "--date", "2026-11-02")
    route = _route_of(run, "wide-vision", "beta")
    assert (route["plan"], route["origin"]) == ("trial", "import:genai-prices")


def test_an_entry_older_than_the_bundled_evidence_leaves_its_route(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # The test catalog's routes were checked on 2026-05-19; this data is older.
    data = _genai(
        tmp_path,
        [
            {"id": "acme/acme-small-guard-8b", "prices": {"input_mtok": "0.9", "output_mtok": "1"}},
            {"id": "other-chat", "prices": {"input_mtok": "0.5", "output_mtok": "1.5"}},
            {"id": "zeta/wide-vision", "prices": {"input_mtok": "0.3", "output_mtok": "0.6"}},
        ],
        provider="alpha-cloud",
    )
    report = _import_as(run, data, "alpha-cloud", "alpha", "--date", "2026-01-10")
    assert report["changed_routes"] == [] and report["unchanged_routes"] == 1
    assert report["skipped"] == {"price older than the catalog's (not in force)": 1}
    # A route the catalog lacks is added, with the data's date.
    (added,) = report["added_routes"]
    assert (added["model"], added["provider"]) == ("wide-vision", "alpha")
    assert _route_of(run, "wide-vision", "alpha")["checked"] == "2026-01-10"
    # The newer evidence stands: price, date and origin.
    kept = _route_of(run, "small-guard", "alpha")
    assert kept["input_usd_per_mtok"] == 0.05 and kept["checked"] == "2026-05-19"
    assert kept["origin"] == "bundled"
    confirmed = _route_of(run, "other-chat", "alpha")
    assert confirmed["checked"] == "2026-05-19" and confirmed["origin"] == "bundled"


def test_a_paid_route_beside_a_free_variant_is_a_route_of_its_own(
    tmp_path: Path, run: Runner
) -> None:
    # The bundled catalog has only OpenRouter's free variant of this model.
    model = "nemotron-3.5-content-safety"
    assert _route_of(run, model, "openrouter")["model_id"].endswith(":free")
    prices = {"input_mtok": "0.2", "output_mtok": "0.2"}
    data = _genai(tmp_path, [{"id": f"nvidia/{model}", "prices": prices}])
    result = run("catalog", "import", "genai-prices", str(data), "--date", "2026-11-26", "--json")
    assert [(r["model"], r["provider"]) for r in result.json()["added_routes"]] == [
        (model, "openrouter")
    ]
    routes = run("show", model, "--json").json()["model"]["routes"]
    on_openrouter = {r["model_id"]: r for r in routes if r["provider"] == "openrouter"}
    free = on_openrouter[f"nvidia/{model}:free"]
    paid = on_openrouter[f"nvidia/{model}"]
    assert (free["plan"], free["input_usd_per_mtok"]) == ("free", 0)
    assert (paid["plan"], paid["input_usd_per_mtok"]) == ("paid", 0.2)


def test_google_model_as_a_service_ids_are_vertex_routes(tmp_path: Path, run: Runner) -> None:
    # genai-prices lists Vertex AI's MaaS ids under "google"; the Gemini API's own
    # route for this model is free, and stays so.
    prices = {"input_mtok": "0.16", "output_mtok": "0.6"}
    data = _genai(tmp_path, [{"id": "gemma-4-26b-a4b-it-maas", "prices": prices}], "google")
    result = run("catalog", "import", "genai-prices", str(data), "--date", "2026-11-26", "--json")
    (changed,) = result.json()["changed_routes"]
    assert (changed["model"], changed["provider"]) == ("gemma-4-26b-a4b", "vertex")
    assert _route_of(run, "gemma-4-26b-a4b", "vertex")["input_usd_per_mtok"] == 0.16
    gemini = _route_of(run, "gemma-4-26b-a4b", "google")
    assert (gemini["plan"], gemini["input_usd_per_mtok"]) == ("free", 0)


def test_of_several_entries_for_a_route_the_one_with_its_own_id_stands(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # A regional entry first in the data (as LiteLLM lists "azure/eu/gpt-4o-..."
    # before "azure/gpt-4o"), then the catalog route's own id.
    data = _genai(
        tmp_path,
        [
            {
                "id": "eu/acme-small-guard-8b",
                "name": "Small Guard 8B",
                "prices": {"input_mtok": "0.09", "output_mtok": "0.3"},
            },
            # The same id but for case and punctuation: its own id still comes first.
            {
                "id": "acme/ACME_small_guard_8b",
                "prices": {"input_mtok": "0.08", "output_mtok": "0.3"},
            },
            {
                "id": "acme/acme-small-guard-8b",
                "prices": {"input_mtok": "0.04", "output_mtok": "0.25"},
            },
        ],
        provider="alpha-cloud",
    )
    report = _import_as(run, data, "alpha-cloud", "alpha", "--date", "2026-11-02")
    (changed,) = report["changed_routes"]
    assert changed["after"]["input_usd_per_mtok"] == 0.04
    assert _route_of(run, "small-guard", "alpha")["input_usd_per_mtok"] == 0.04


def test_a_price_with_a_history_is_compared_and_shown_as_in_force_today(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # genai-prices keeps a price's history: its first price, then dated changes.
    def history(first: str, then: str, output: str) -> list[dict[str, Any]]:
        return [
            {"prices": {"input_mtok": first, "output_mtok": output}},
            {"constraint": {"start_date": "2026-10-01"}, "prices": {"input_mtok": then}},
        ]

    data = _genai(
        tmp_path,
        [
            {"id": "acme/acme-small-guard-8b", "prices": history("0.05", "0.04", "0.25")},
            {"id": "other-chat", "prices": history("0.9", "0.5", "1.5")},
        ],
        provider="alpha-cloud",
    )
    report = _import_as(run, data, "alpha-cloud", "alpha", "--date", "2026-11-02")
    # small-guard's first price is the catalog's, but today's is not: changed.
    (changed,) = report["changed_routes"]
    assert changed["model"] == "small-guard"
    assert (changed["before"]["input_usd_per_mtok"], changed["after"]["input_usd_per_mtok"]) == (
        0.05,
        0.04,
    )
    # other-chat's first price differs, but today's is the catalog's: unchanged.
    assert report["unchanged_routes"] == 1


def test_between_data_layers_the_newer_evidence_stands(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # Layers are stacked by name: "z-snapshot" sits above "a-feed" whatever their dates.
    def data(price: str) -> Path:
        (tmp_path / price).mkdir()
        prices = {"input_mtok": price, "output_mtok": "1"}
        return _genai(tmp_path / price, [{"id": "acme/acme-small-guard-8b", "prices": prices}])

    newer = data("0.07")
    _import_as(run, newer, "openrouter", "alpha", "--date", "2026-11-02", "--name", "a-feed")
    older = data("0.06")
    report = _import_as(
        run, older, "openrouter", "alpha", "--date", "2026-08-01", "--name", "z-snapshot"
    )
    assert report["changed_routes"] == []
    assert report["skipped"] == {"price older than the catalog's (not in force)": 1}
    route = _route_of(run, "small-guard", "alpha")
    assert route["input_usd_per_mtok"] == 0.07 and route["origin"] == "import:a-feed"
    # The older snapshot still beats the bundled catalog's 2026-05-19 check...
    shutil.rmtree(_layer("a-feed"))
    route = _route_of(run, "small-guard", "alpha")
    assert route["input_usd_per_mtok"] == 0.06 and route["checked"] == "2026-08-01"
    # ...and your own price beats any evidence, however old.
    own = Path(os.environ[DATA_ENV]) / "overrides" / "models" / "acme" / "small-guard.toml"
    own.parent.mkdir(parents=True)
    own.write_text(
        '[[routes]]\nprovider = "alpha"\nmodel_id = "acme/acme-small-guard-8b"\n'
        "input_usd_per_mtok = 0.01\nchecked = 2025-01-01\n"
    )
    route = _route_of(run, "small-guard", "alpha")
    assert route["input_usd_per_mtok"] == 0.01 and route["origin"] == "user"


def test_importing_again_replaces_the_layer_and_dry_run_writes_nothing(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    first = _genai(
        tmp_path,
        [
            {
                "id": "x/solo",
                "context_window": 1000,
                "prices": {"input_mtok": "1", "output_mtok": "2"},
            }
        ],
    )
    run("catalog", "import", "genai-prices", str(first), "--name", "mine")
    assert (_layer("mine") / "models").is_dir()
    snapshot = {p: p.read_bytes() for p in _layer("mine").rglob("*") if p.is_file()}
    second = _genai(
        tmp_path,
        [
            {
                "id": "x/duo",
                "context_window": 1000,
                "prices": {"input_mtok": "3", "output_mtok": "4"},
            }
        ],
    )
    dry = run("catalog", "import", "genai-prices", str(second), "--name", "mine", "--dry-run")
    assert dry.exit_code == 0 and "dry run" in dry.stdout
    assert {p: p.read_bytes() for p in _layer("mine").rglob("*") if p.is_file()} == snapshot
    run("catalog", "import", "genai-prices", str(second), "--name", "mine")
    assert run("show", "duo").exit_code == 0
    assert run("show", "solo").exit_code == 2  # the old layer is gone, not merged
    assert not [p.name for p in _layer("mine").parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        ("{not json", "not valid JSON"),
        ('{"data": 5}', "not genai-prices data"),
    ],
)
def test_a_file_that_cannot_be_imported_is_one_line(
    mini: Path, tmp_path: Path, run: Runner, content: str | None, message: str
) -> None:
    path = tmp_path / "data.json"
    if content is not None:
        path.write_text(content)
    result = run("catalog", "import", "genai-prices", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not _layer("genai-prices").exists()


def test_bad_usage_of_import(mini: Path, tmp_path: Path, run: Runner) -> None:
    path = _genai(tmp_path, [])
    assert run("catalog", "import", "csv", str(path)).exit_code == 2
    assert run("catalog", "import", "genai-prices", str(path), "--date", "someday").exit_code == 2
    future = run("catalog", "import", "genai-prices", str(path), "--date", "2999-01-01")
    assert future.exit_code == 1 and "in the future" in future.stderr
    bad_name = run("catalog", "import", "genai-prices", str(path), "--name", "../up")
    assert bad_name.exit_code == 1 and "layer name" in bad_name.stderr


def test_litellm_per_token_floats_become_exact_prices(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    path = tmp_path / "litellm.json"
    path.write_text(
        '{"newlab/tiny": {"litellm_provider": "openrouter", "mode": "chat",'
        ' "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07,'
        ' "max_input_tokens": 32000}}'
    )
    report = run("catalog", "import", "litellm", str(path), "--date", "2026-11-20", "--json")
    assert report.exit_code == 0, report.stderr
    text = next(_layer("litellm").rglob("tiny.toml")).read_text()
    assert "input_usd_per_mtok = 0.15\n" in text and "output_usd_per_mtok = 0.6\n" in text
    row = run("cost", "tiny", "--json").json()["rows"][0]
    assert row["input_usd_per_mtok"] == 0.15 and row["total_usd"] == 270


# The real files, over the bundled catalog.


def test_real_genai_prices_import_brings_models_the_bundled_catalog_lacks(run: Runner) -> None:
    path = _reference("genai-prices_v2_data.json")
    result = run("catalog", "import", "genai-prices", str(path), "--date", "2026-08-21", "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert len(report["added_models"]) > 20
    assert len(report["changed_routes"]) > 0 and report["unchanged_routes"] > 100
    # A model only that file has: shown with the route's origin and the data's date.
    added = next(c for c in report["added_routes"] if c["after"]["input_usd_per_mtok"])
    shown = run("show", added["model"], "--json").json()["model"]
    assert shown["origin"] == "import:genai-prices"
    route = next(r for r in shown["routes"] if r["provider"] == added["provider"])
    assert route["origin"] == "import:genai-prices" and route["checked"] == "2026-08-21"
    assert route["input_usd_per_mtok"] == added["after"]["input_usd_per_mtok"]
    table = run("show", added["model"]).stdout  # the mark may wrap in a narrow column
    assert "(via" in table and "genai-prices)" in table
    assert run("cost", added["model"]).exit_code == 0
    diff = run("diff", added["model"], "gpt-4o", "--json")
    assert diff.exit_code == 0
    monthly = {entry["model"]: entry for entry in diff.json()["monthly_cost"]}
    assert monthly["gpt-4o"]["total_usd"] is not None
    assert run("catalog", "stats").exit_code == 0
    # The layer's JSON copy of its tables is what its TOML gives, file for file.
    import tomllib

    from llmcompare import layercopy

    layer = _layer("genai-prices")
    copy = layercopy.read(layer)
    written = {p.relative_to(layer).as_posix() for p in layer.rglob("*.toml")} - {"IMPORT.toml"}
    assert set(copy) == written and len(written) > 20
    for name, entry in copy.items():
        assert entry["table"] == tomllib.loads((layer / name).read_text(), parse_float=Decimal), (
            name
        )


@pytest.mark.parametrize(
    ("fmt", "name", "model"),
    [
        ("genai-prices", "genai-prices-0.2.3_data.json", "claude-opus-5-5"),
        ("litellm", "litellm-1.110.2_model_prices_and_context_window.json", "gpt-6.1-sol"),
        ("openrouter", "openrouter_api_v1_models_sample.json", None),
        ("models.dev", "models.dev_api.json", None),
    ],
)
def test_real_files_of_every_format_import_cleanly(
    run: Runner, fmt: str, name: str, model: str | None
) -> None:
    path = _reference(name)
    result = run("catalog", "import", fmt, str(path), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert report["written"] is False
    touched_routes = report["added_routes"] + report["changed_routes"]
    touched = len(touched_routes)
    assert touched + report["unchanged_routes"] > 300
    # Refused entries are rare: the mapping writes what the strict loader accepts.
    assert report["skipped"].get("refused by the catalog checks", 0) <= 5
    for change in report["changed_routes"] + report["added_routes"]:
        for price in change["after"].values():
            assert price is None or Decimal(str(price)) >= 0
    if fmt == "litellm":
        # "azure/eu/gpt-4o-2024-08-06" (an EU price, first in the file) never
        # stands for the catalog's global Azure route, whose own id LiteLLM lists too.
        assert ("gpt-4o", "azure") not in {(c["model"], c["provider"]) for c in touched_routes}
    if model is not None:  # a late-2026 model: added, or already in the bundled catalog
        touched_models = {c["model"] for c in report["added_routes"] + report["changed_routes"]}
        assert (
            model in report["added_models"]
            or model in touched_models
            or (run("show", model).exit_code == 0)
        )


def test_an_import_keeps_its_tables_as_json_read_in_place_of_its_toml(
    mini: Path, tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import tomllib

    from llmcompare import layercopy, loader
    from llmcompare.cache import CACHE_ENV

    models = [
        {
            "id": f"newlab/fresh-{n}",
            "name": f"Fresh {n}",
            "context_window": 64000,
            "prices": {"input_mtok": f"0.{n}", "output_mtok": "0.000075"},
        }
        for n in range(1, 4)
    ]
    data = _genai(tmp_path, models)
    assert (
        run("catalog", "import", "genai-prices", str(data), "--date", "2026-11-02").exit_code == 0
    )
    layer = _layer("genai-prices")
    copy = layercopy.read(layer)
    written = {
        path.relative_to(layer).as_posix()
        for path in layer.rglob("*.toml")
        if path.name != "IMPORT.toml"
    }
    assert set(copy) == written and written
    for name, entry in copy.items():  # the same tables as the TOML gives, to the type
        assert entry["table"] == tomllib.loads((layer / name).read_text(), parse_float=Decimal)

    parsed: list[str] = []
    real = loader.read_file

    def counting(entry: Any, name: str, problems: list[Any]) -> Any:
        parsed.append(str(entry))
        return real(entry, name, problems)

    with monkeypatch.context() as patched:
        patched.setattr(loader, "read_file", counting)
        # A build that needs many of the layer's files (here: more than none)
        # reads the copy rather than parsing them.
        patched.setattr(cache, "COPY_AFTER", 0)
        shutil.rmtree(os.environ[CACHE_ENV], ignore_errors=True)  # a cold build
        stored = run("cost", "--json").json()
        assert not [path for path in parsed if path.startswith(str(layer))]
        # Nor is what the copy holds kept a second time, in the parsed parts.
        parts = Path(os.environ[CACHE_ENV]).glob("part*.pickle")
        kept = [path for part in parts for path in pickle.loads(part.read_bytes())]
        assert kept and not [path for path in kept if path.startswith(str(layer))]
        patched.setenv(CACHE_ENV, "off")
        assert run("cost", "--json").json() == stored  # as from the TOML itself

    # A build that needs a few of them parses those, and never reads the whole copy.
    copies: list[Path] = []
    with monkeypatch.context() as patched:
        patched.setattr(loader, "read_file", counting)
        patched.setattr(layercopy, "read", lambda folder: copies.append(folder) or {})
        parsed.clear()
        shutil.rmtree(os.environ[CACHE_ENV], ignore_errors=True)
        assert run("cost", "--json").json() == stored
        from_layer = {path for path in parsed if path.startswith(str(layer))}
        assert from_layer == {str(layer / name) for name in written}
        assert copies == []

    # A TOML file changed after the import is read as it is, not from the copy.
    edited = next(layer.rglob("fresh-2.toml"))
    edited.write_text(edited.read_text().replace("0.2", "0.25"))
    shutil.rmtree(os.environ[CACHE_ENV], ignore_errors=True)
    (row,) = run("cost", "fresh-2", "--json").json()["rows"]
    assert row["input_usd_per_mtok"] == 0.25


# A model and a provider the test catalog lacks, as a data set of one entry brings them.
_FRESH = {"id": "newlab/fresh-1", "name": "Fresh One", "context_window": 64000}


def _import_fresh(run: Runner, folder: Path, name: str, prices: tuple[str, str]) -> None:
    """Import, as import:NAME, neocloud's price for Fresh One."""
    folder.mkdir(exist_ok=True)
    entry = {**_FRESH, "prices": {"input_mtok": prices[0], "output_mtok": prices[1]}}
    data = _genai(folder, [entry], provider="neocloud")
    result = run("catalog", "import", "genai-prices", str(data), "--name", name)
    assert result.exit_code == 0, result.stderr


def test_each_import_layer_stands_alone_so_any_can_be_imported_again_or_removed(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # "zeta" is imported first; "alpha", imported next, lies beneath it in the
    # stack (layers go by name) but maps its offers onto what zeta brought: a
    # provider and a model the catalog lacks. Neither layer may depend on the
    # other, or importing zeta again (over the stack without it) breaks.
    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.3", "0.6"))
    alpha = tmp_path / "alpha"
    alpha.mkdir()
    offer = {"id": "newlab/fresh-1", "prices": {"input_mtok": "0.25", "output_mtok": "0.5"}}
    data = _genai(alpha, [offer], provider="neocloud")
    imported = run("catalog", "import", "genai-prices", str(data), "--name", "alpha", "--json")
    assert imported.exit_code == 0, imported.stderr
    assert imported.json()["added_models"] == []  # mapped onto zeta's model, not added again

    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.35", "0.7"))
    routes = run("show", "fresh-1", "--json").json()["model"]["routes"]
    assert {(r["origin"], r["input_usd_per_mtok"]) for r in routes} == {("import:zeta", 0.35)}

    # Without zeta, alpha still holds the model, its provider and its route.
    shutil.rmtree(_layer("zeta"))
    shown = run("show", "Fresh One", "--json")
    assert shown.exit_code == 0, shown.stderr
    (route,) = shown.json()["model"]["routes"]
    assert (route["origin"], route["provider"], route["input_usd_per_mtok"]) == (
        "import:alpha", "neocloud", 0.25,
    )  # fmt: skip
    assert shown.json()["model"]["context_window"] == 64000


def test_a_layer_that_leans_on_the_one_imported_again_does_not_block_it(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # A layer written before layers stood alone: its route is on zeta's model,
    # which it does not define. Without zeta the stack does not load, so zeta is
    # mapped over the stack as it is.
    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.3", "0.6"))
    (model_file,) = (_layer("zeta") / "models").rglob("fresh-1.toml")
    leaning = _layer("alpha") / model_file.relative_to(_layer("zeta"))
    leaning.parent.mkdir(parents=True)
    leaning.write_text(
        '[[routes]]\nprovider = "beta"\nmodel_id = "other/fresh-1"\nstatus = "active"\n'
        "input_usd_per_mtok = 0.2\noutput_usd_per_mtok = 0.4\n"
        'source = "https://beta.example/pricing"\nchecked = 2026-11-01\n'
    )
    assert run("show", "fresh-1").exit_code == 0

    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.35", "0.7"))
    routes = run("show", "fresh-1", "--json").json()["model"]["routes"]
    assert {(r["origin"], r["input_usd_per_mtok"]) for r in routes} == {
        ("import:zeta", 0.35),
        ("import:alpha", 0.2),
    }


def test_a_file_refused_beneath_another_layer_is_dropped_not_the_whole_import(
    mini: Path, tmp_path: Path, run: Runner
) -> None:
    # alpha lies beneath zeta, which has Fresh One: the loader names a problem of
    # the merged model at zeta's file (the topmost), and alpha's own file for
    # that model is what is refused.
    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.3", "0.6"))
    broken = {"input_mtok": "0.2", "output_mtok": "0.4", "cache_read_mtok": "0.3"}
    alpha = tmp_path / "alpha"
    alpha.mkdir()
    fine = {
        "id": "newlab/second-2",
        "context_window": 8000,
        "prices": {"input_mtok": "1", "output_mtok": "2"},
    }
    entries = [{"id": "newlab/fresh-1", "prices": broken}, fine]
    data = _genai(alpha, entries, provider="othercloud")
    result = run("catalog", "import", "genai-prices", str(data), "--name", "alpha", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["skipped"]["refused by the catalog checks"] == 1
    assert run("catalog", "check").exit_code == 0
    assert run("show", "second-2").exit_code == 0


def test_an_import_leaves_the_catalog_compiled_as_a_build_would(
    mini: Path, tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The import checked the stack with the tables it wrote: the next run reads
    # the store it compiled, and answers as a build from the files would.
    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.3", "0.6"))
    commands = [
        ("show", "fresh-1", "--json"),
        ("cost", "--json"),
        ("list", "--json"),
        ("diff", "fresh-1", "big-chat", "--json"),
    ]

    def built_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the catalog was checked and built again")

    with monkeypatch.context() as patched:
        patched.setattr(loader, "load_layers", built_again)
        compiled = [run(*command) for command in commands]
    assert [result.exit_code for result in compiled] == [0] * len(commands)
    shutil.rmtree(os.environ[CACHE_ENV])
    built = [run(*command) for command in commands]
    assert [result.stdout for result in compiled] == [result.stdout for result in built]


def test_a_layer_changed_during_an_import_is_not_compiled_unseen(
    mini: Path, tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another layer's files changed between the check and the write (the stamps
    # differ): the catalog checked before is not stored; the next run builds.
    stamps = iter(["before", "after"])
    monkeypatch.setattr(catalog, "other_layer_stamps", lambda origin: next(stamps))
    _import_fresh(run, tmp_path / "zeta", "zeta", ("0.3", "0.6"))
    builds = []
    real = loader.load_layers

    def counted(*args: Any, **kwargs: Any) -> Any:
        builds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_layers", counted)
    assert run("show", "fresh-1").exit_code == 0
    assert builds == [1]
