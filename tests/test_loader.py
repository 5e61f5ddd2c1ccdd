"""Loading is strict: every problem names the file and the key."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from llmcompare.domain import Openness, Plan, RouteStatus
from llmcompare.loader import CatalogError, load_catalog_dir

from factory import route, write_catalog


def _load_with(tmp_path: Path, models: list[dict[str, Any]]) -> CatalogError:
    root = write_catalog(tmp_path / "catalog", models)
    with pytest.raises(CatalogError) as caught:
        load_catalog_dir(root)
    return caught.value


def _bench(model: dict[str, Any], score: str, metric: str) -> None:
    model["benchmarks"] = [
        {
            "name": "Some bench",
            "score": Decimal(score),
            "metric": metric,
            "source": "https://acme.example/bench",
            "date": dt.date(2024, 4, 18),
        }
    ]


def _problem_texts(error: CatalogError) -> list[str]:
    return [str(problem) for problem in error.problems]


def test_a_valid_catalog_loads_with_decimal_prices(catalog_dir: Path) -> None:
    catalog = load_catalog_dir(catalog_dir)
    guard = catalog.model("small-guard")
    replicate_like = next(r for r in guard.routes if r.provider.id == "alpha")
    assert replicate_like.price.input_usd_per_mtok == Decimal("0.05")
    assert isinstance(replicate_like.price.output_usd_per_mtok, Decimal)
    assert replicate_like.checked == dt.date(2026, 5, 19)
    assert [m.id for m in catalog.models] == sorted(m.id for m in catalog.models)


def test_openness_and_statuses_are_derived_not_typed(catalog_dir: Path) -> None:
    catalog = load_catalog_dir(catalog_dir)
    assert catalog.model("small-guard").openness is Openness.OPEN_WEIGHTS
    assert catalog.model("wide-vision").openness is Openness.OPEN_SOURCE
    assert catalog.model("big-chat").openness is Openness.CLOSED
    gone = next(r for r in catalog.model("small-guard").routes if r.provider.id == "gone")
    assert gone.status is RouteStatus.DEPRECATED and not gone.is_active
    free = catalog.model("wide-vision").routes[0]
    assert free.plan is Plan.FREE and not free.is_billable


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda m: m.update(colour="blue"), "colour", "unknown key"),
        (lambda m: m.pop("context_window"), "context_window", "required key is missing"),
        (lambda m: m.update(id="other", _file="small-guard"), "id", "does not match the file"),
        (lambda m: m.update(context_window=0), "context_window", "out of range"),
        (lambda m: m.update(context_window="8k"), "context_window", "whole number"),
        (lambda m: m.update(max_output_tokens=10_000), "max_output_tokens", "above the context"),
        (lambda m: m.update(released="2024-04-18"), "released", "TOML date"),
        (lambda m: m.update(knowledge_cutoff="2023-13"), "knowledge_cutoff", "not a real date"),
        (lambda m: m.update(license="nope"), "license", "unknown license"),
        (lambda m: m.update(use_cases=["juggling"]), "use_cases", "is not one of"),
        (lambda m: m["capabilities"].pop("vision"), "capabilities.vision", "required"),
        (lambda m: m["capabilities"].update(vision=True), "capabilities.vision", "no 'image'"),
        (lambda m: m["routes"][0].update(provider="nowhere"), "routes[0].provider", "unknown"),
        (
            lambda m: m["routes"][0].update(input_usd_per_mtok=Decimal("-1")),
            "routes[0].input_usd_per_mtok",
            "zero or more",
        ),
        (
            lambda m: m["routes"][0].update(output_usd_per_mtok=Decimal("25000")),
            "routes[0].output_usd_per_mtok",
            "absurd",
        ),
        (lambda m: m["routes"][0].update(price=1), "routes[0].price", "unknown key"),
        (lambda m: _bench(m, "104.5", "accuracy %"), "benchmarks[0].score", "more than 100"),
        (lambda m: _bench(m, "1.2", "F1 (0-1)"), "benchmarks[0].score", "more than 1"),
        (lambda m: _bench(m, "11", "judge score (out of 10)"), "benchmarks[0].score", "than 10"),
        (lambda m: _bench(m, "-3", "Elo"), "benchmarks[0].score", "must not be negative"),
        (lambda m: m["routes"][0].pop("source"), "routes[0].source", "required"),
        (
            lambda m: m["routes"][0].update(cache_read_usd_per_mtok=Decimal("9")),
            "routes[0].cache_read_usd_per_mtok",
            "above the input price",
        ),
    ],
)
def test_each_mistake_names_file_and_key(
    tmp_path: Path, models_data: list[dict[str, Any]], change: Any, where: str, message: str
) -> None:
    change(models_data[0])
    error = _load_with(tmp_path, models_data)
    texts = _problem_texts(error)
    assert any(
        text.startswith(f"models/acme/small-guard.toml: {where}") and message in text
        for text in texts
    ), texts


def test_a_collision_is_told_at_the_file_edited_last(catalog_dir: Path) -> None:
    # small-guard.toml (read first) gains the name of zeta's other-chat: the problem
    # is at small-guard, the file just edited, not at other-chat, which nobody touched.
    old = catalog_dir / "models" / "zeta" / "other-chat.toml"
    os.utime(old, ns=(1, 1))
    edited = catalog_dir / "models" / "acme" / "small-guard.toml"
    text = edited.read_text()
    edited.write_text(text.replace('"acme-small-guard"', '"acme-small-guard", "Other Chat"'))
    with pytest.raises(CatalogError) as caught:
        load_catalog_dir(catalog_dir)
    assert _problem_texts(caught.value) == [
        "models/acme/small-guard.toml: aliases: 'Other Chat' collides with 'other-chat' "
        "(models/zeta/other-chat.toml)"
    ]


def test_duplicate_alias_across_models_is_an_error(
    tmp_path: Path, models_data: list[dict[str, Any]]
) -> None:
    models_data[1]["aliases"] = ["Acme Small-Guard"]  # same as small-guard's alias, normalised
    texts = _problem_texts(_load_with(tmp_path, models_data))
    assert any("collides with 'small-guard'" in text for text in texts), texts


def test_broken_toml_names_the_file(catalog_dir: Path) -> None:
    (catalog_dir / "models" / "acme" / "big-chat.toml").write_text("id = \n")
    with pytest.raises(CatalogError, match=r"models/acme/big-chat.toml: invalid TOML"):
        load_catalog_dir(catalog_dir)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe id = 1", "is not UTF-8 text"),
        (b"x = " + b"9" * 5000, "invalid TOML"),  # beyond Python's integer text limit
        (b"x = " + b"[" * 3000 + b"]" * 3000, "invalid TOML: nested too deeply"),
        (b"# " + b"x" * (4 * 1024 * 1024), "is larger than 4 MB"),  # never parsed
    ],
)
def test_a_file_tomllib_cannot_read_is_a_problem_not_a_crash(
    catalog_dir: Path, content: bytes, message: str
) -> None:
    (catalog_dir / "models" / "acme" / "big-chat.toml").write_bytes(content)
    with pytest.raises(CatalogError, match=rf"models/acme/big-chat.toml: {message}"):
        load_catalog_dir(catalog_dir)


@pytest.mark.parametrize("escaped", ["\\u007f", "\\u0085", "\\u202e", "\\u2066", "\\u200b"])
def test_names_that_no_terminal_can_print_are_refused(catalog_dir: Path, escaped: str) -> None:
    # Written as TOML escapes: DEL and a C1 control (NEL), which tomllib lets through,
    # and marks that reorder or hide text (a right-to-left override, an isolate, a
    # zero-width space): "Small\u202eGPT" would show as another name.
    path = catalog_dir / "models" / "acme" / "small-guard.toml"
    text = path.read_text()
    path.write_text(text.replace('name = "', f'name = "Small{escaped}', 1))
    with pytest.raises(CatalogError, match=r"models/acme/small-guard.toml: name: must"):
        load_catalog_dir(catalog_dir)


def test_model_in_the_wrong_folder_is_an_error(
    tmp_path: Path, models_data: list[dict[str, Any]]
) -> None:
    root = write_catalog(tmp_path / "catalog", models_data)
    (root / "models" / "acme" / "small-guard.toml").rename(
        root / "models" / "zeta" / "small-guard.toml"
    )
    with pytest.raises(CatalogError, match="does not match the folder"):
        load_catalog_dir(root)


def test_every_problem_is_reported_not_just_the_first(
    tmp_path: Path, models_data: list[dict[str, Any]]
) -> None:
    models_data[0]["colour"] = "blue"
    models_data[2]["routes"].append(route("nowhere", "1", "1"))
    error = _load_with(tmp_path, models_data)
    assert len(error.problems) >= 2
    assert "more problem" in str(error)


def test_missing_catalog_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog_dir(tmp_path / "nowhere")


def test_tiers_batch_and_price_changes_load_and_are_checked(
    tmp_path: Path, models_data: list[dict[str, Any]]
) -> None:
    guard = models_data[0]
    guard["routes"][2]["tiers"] = [
        {"above_input_tokens": 200_000, "input_usd_per_mtok": Decimal("0.1")},
        {"above_input_tokens": 100_000, "input_usd_per_mtok": Decimal("0.2")},
    ]
    guard["routes"][2]["batch"] = {}
    guard["routes"][0]["price_changes"] = [
        {"effective": dt.date(2999, 1, 1), "output_usd_per_mtok": Decimal("1")}
    ]
    texts = _problem_texts(_load_with(tmp_path, models_data))
    file = "models/acme/small-guard.toml"
    assert f"{file}: routes[2].tiers: thresholds must rise, each once" in texts
    assert f"{file}: routes[2].batch.input_usd_per_mtok: names no price" in texts
    assert f"{file}: routes[0].price_changes[0].source: required key is missing" in texts
    # A scheduled change may lie in the future: no problem reported for its date.
    assert not any("price_changes[0].effective" in text for text in texts)


def test_one_more_problem_reads_in_the_singular() -> None:
    from llmcompare.errors import CatalogError, Problem

    two = CatalogError([Problem("a.toml", "k", "bad"), Problem("b.toml", "k", "bad")])
    assert str(two) == "a.toml: k: bad (and 1 more problem)"
    three = CatalogError([Problem("a.toml", "k", "bad")] * 3)
    assert str(three).endswith("(and 2 more problems)")


def test_a_negative_zero_price_is_zero(tmp_path: Path, models_data: list[dict[str, Any]]) -> None:
    models_data[3]["routes"][0]["input_usd_per_mtok"] = Decimal("-0")
    root = write_catalog(tmp_path / "catalog", models_data)
    route_ = load_catalog_dir(root).model("other-chat").routes[0]
    price = route_.price.input_usd_per_mtok
    assert price == 0 and not price.is_signed()  # prints $0.00, never $-0.00


def test_dates_ahead_of_the_clock_load_but_catalog_check_reports_them(
    tmp_path: Path, models_data: list[dict[str, Any]], run: Any
) -> None:
    # A clock (or time zone) behind the catalog's dates must not break every command.
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    models_data[2]["routes"][0]["checked"] = tomorrow
    models_data[2]["released"] = dt.date(2999, 1, 1)
    root = write_catalog(tmp_path / "catalog", models_data)
    catalog = load_catalog_dir(root)
    assert catalog.model("big-chat").routes[0].checked == tomorrow
    result = run("catalog", "check", str(root))
    assert result.exit_code == 1
    assert "models/acme/big-chat.toml: released: 2999-01-01 is in the future" in result.stdout
    assert f"routes[0].checked: {tomorrow} is in the future" in result.stdout


def test_a_model_file_outside_a_creator_folder_is_a_problem(tmp_path: Path) -> None:
    # Silently ignoring it would let `catalog check` say ok about a catalog that
    # lacks the model.
    root = write_catalog(tmp_path / "catalog")
    (root / "models" / "loose.toml").write_text('id = "loose"\n')
    (root / "models" / "acme" / "nested").mkdir()
    (root / "models" / "acme" / "nested" / "deep.toml").write_text('id = "deep"\n')
    with pytest.raises(CatalogError) as caught:
        load_catalog_dir(root)
    texts = [str(problem) for problem in caught.value.problems]
    assert "models/loose.toml: must be in a creator folder (models/CREATOR/)" in texts
    assert any(text.startswith("models/acme/nested: model files go directly") for text in texts)
