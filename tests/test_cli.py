"""The command line as users and scripts meet it: stdout vs stderr, exit codes, JSON."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from llmcompare.catalog import BASE_ENV
from llmcompare.cli import ExitCode, app, register_groups

from conftest import Runner
from factory import write_catalog

COMMANDS = ["diff", "cost", "show", "list", "providers"]
SUBCOMMANDS = [
    "catalog check",
    "catalog stats",
    "catalog where",
    "catalog import",
    "catalog update",
    "catalog changes",
    "catalog set-price",
    "catalog unset",
    "catalog set-discount",
    "catalog unset-discount",
    "catalog add",
    "config show",
    "config set",
    "config unset",
]
ANSI = re.compile(r"\x1b\[")


def _one_line_error(result: Any) -> str:
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("llmcompare: error: ")
    return lines[0]


# diff


def test_diff_table_has_every_section(mini: Path, run: Runner) -> None:
    result = run("diff", "small-guard", "wide-vision")
    assert result.exit_code == ExitCode.OK and result.stderr == ""
    for heading in [
        "Decision scorecard",
        "Decision tradeoffs",
        "Monthly cost at traffic",
        "Switch friction",
        "Specs",
        "Pricing and availability",
        "Capabilities",
        "Benchmarks",
    ]:
        assert heading in result.stdout
    assert "Wide Vision 4B fits 32x more tokens" in result.stdout
    assert "Unavailable" in result.stdout and "$100" in result.stdout
    assert "Gone AI (deprecated)" in result.stdout


def test_diff_json_is_pure_and_complete(mini: Path, run: Runner) -> None:
    result = run("diff", "Small Guard 8B", "WIDE_VISION", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    data = result.json()
    assert data["schema_version"] == 1
    assert [m["id"] for m in data["models"]] == ["small-guard", "wide-vision"]
    guard, vision = data["models"]
    assert guard["context_window"] == 8192 and vision["context_window"] == 262144
    assert vision["capabilities"]["vision"] is True and guard["capabilities"]["vision"] is False
    alpha = next(r for r in guard["routes"] if r["provider"] == "alpha")
    assert alpha["input_usd_per_mtok"] == 0.05 and alpha["output_usd_per_mtok"] == 0.25
    assert alpha["status"] == "active" and alpha["checked"] == "2026-05-19"
    assert alpha["source"].startswith("https://")
    keys = ("model", "provider", "input_cost_usd", "output_cost_usd", "total_usd", "reason")
    assert [{k: row[k] for k in keys} for row in data["monthly_cost"]] == [
        {
            "model": "small-guard",
            "provider": "alpha",
            "input_cost_usd": 50,
            "output_cost_usd": 50,
            "total_usd": 100,
            "reason": None,
        },
        {
            "model": "wide-vision",
            "provider": None,
            "input_cost_usd": None,
            "output_cost_usd": None,
            "total_usd": None,
            "reason": "only free or trial routes are priced",
        },
    ]
    assert data["monthly_cost"][0]["total_usd_per_year"] == 1200


def test_json_money_is_written_exactly(mini: Path, run: Runner) -> None:
    text = run("diff", "small-guard", "wide-vision", "--json").stdout
    assert re.search(r'"total_usd":\s*100,', text)
    assert re.search(r'"input_usd_per_mtok":\s*0.05,', text)
    parsed = json.loads(text, parse_float=Decimal)
    assert parsed["models"][0]["routes"][0]["input_usd_per_mtok"] == Decimal("0.2")


def test_diff_traffic_options_change_the_monthly_cost(mini: Path, run: Runner) -> None:
    data = run("diff", "small-guard", "wide-vision", "-i", "2B", "-o", "0", "--json").json()
    traffic = data["traffic"]
    assert (traffic["input_tokens"], traffic["output_tokens"]) == (2_000_000_000, 0)
    assert data["monthly_cost"][0]["total_usd"] == 100


def test_diff_needs_two_different_models(mini: Path, run: Runner) -> None:
    assert run("diff", "small-guard").exit_code == ExitCode.USAGE
    result = run("diff", "small-guard", "Small Guard 8B")
    assert result.exit_code == ExitCode.USAGE
    assert "same one" in _one_line_error(result)


# cost


def test_cost_ranks_every_model_cheapest_first(mini: Path, run: Runner) -> None:
    data = run("cost", "--input", "1B", "--output", "200M", "--json").json()
    traffic = data["traffic"]
    assert (traffic["input_tokens"], traffic["output_tokens"]) == (1_000_000_000, 200_000_000)
    assert traffic["period"] == "month" and traffic["requests"] is None
    rows = data["rows"]
    assert [r["model"] for r in rows] == ["small-guard", "other-chat", "big-chat", "wide-vision"]
    assert rows[0]["provider"] == "alpha" and rows[0]["total_usd"] == 100
    assert rows[0]["ratio_to_cheapest"] == 1
    assert rows[-1]["total_usd"] is None and rows[-1]["note"]
    totals = [r["total_usd"] for r in rows if r["total_usd"] is not None]
    assert totals == sorted(totals)


def test_cost_top_limits_rows(mini: Path, run: Runner) -> None:
    data = run("cost", "--top", "2", "--json").json()
    assert len(data["rows"]) == 2 and data["omitted"] == 2
    assert "... and 2 more rows" in run("cost", "--top", "2").stdout
    assert run("cost", "--top", "0").exit_code == ExitCode.USAGE


def test_cost_of_named_models_shows_every_route(mini: Path, run: Runner) -> None:
    data = run("cost", "small-guard", "-i", "1B", "-o", "200M", "--json").json()
    assert data["ranking"] == "route"
    assert [(r["provider"], r["total_usd"]) for r in data["rows"]] == [
        ("alpha", 100),
        ("beta", 240),
        ("gone", None),
    ]
    table = run("cost", "small-guard").stdout
    assert "Gone AI" in table and "deprecated" in table and "unavailable" in table


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0.5", "not a whole number"),
        ("-5", "negative"),
        ("nan", "not a token count"),
        ("inf", "not a token count"),
        ("", "empty"),
        ("lots", "not a token count"),
    ],
)
def test_bad_token_volumes_exit_2_naming_option_and_value(
    mini: Path, run: Runner, value: str, reason: str
) -> None:
    result = run("cost", "--input", value)
    assert result.exit_code == ExitCode.USAGE
    line = _one_line_error(result)
    assert "--input" in line and reason in line
    if value:
        assert repr(value) in line


def test_bad_output_volume_names_output(mini: Path, run: Runner) -> None:
    line = _one_line_error(run("diff", "small-guard", "wide-vision", "--output", "1.5"))
    assert "--output" in line


# naming models


def test_unknown_model_suggests_and_writes_nothing_to_stdout(mini: Path, run: Runner) -> None:
    result = run("show", "smal-guard")
    assert result.exit_code == ExitCode.USAGE
    assert "did you mean: small-guard" in _one_line_error(result)


def test_ambiguous_model_lists_candidates(mini: Path, run: Runner) -> None:
    result = run("diff", "alpha/model", "small-guard")
    assert result.exit_code == ExitCode.USAGE
    assert "big-chat, other-chat" in _one_line_error(result)


def test_provider_model_id_names_a_model(mini: Path, run: Runner) -> None:
    data = run("show", "acme/acme-small-guard-8b", "--json").json()
    assert data["model"]["id"] == "small-guard"


# show, list, providers


def test_show_prints_the_card(mini: Path, run: Runner) -> None:
    out = run("show", "big-chat").stdout
    for text in ["Big Chat", "Alpha Cloud", "$0.50", "MMLU", "Sources", "Closed"]:
        assert text in out


def test_show_lists_each_benchmark_page_once_naming_its_rows(
    tmp_path: Path, models_data, run: Runner, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    report = "https://acme.example/report"
    big = next(model for model in models_data if model["id"] == "big-chat")
    big["benchmarks"] = [
        {**big["benchmarks"][0], "name": name, "source": report} for name in ("MMLU", "MATH")
    ]
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "c", models_data)))
    out = run("show", "big-chat").stdout
    assert f"MMLU, MATH: {report}" in out
    assert out.count(report) == 1


def test_list_filters(mini: Path, run: Runner) -> None:
    def ids(*args: str) -> list[str]:
        result = run("list", *args, "--json")
        assert result.exit_code == 0, result.stderr
        return [m["id"] for m in result.json()["models"]]

    assert ids() == ["big-chat", "other-chat", "small-guard", "wide-vision"]
    assert ids("--capability", "vision") == ["wide-vision"]
    for capability in ("vision", "reasoning", "function calling"):  # asked twice: the same
        assert ids("-c", capability, "-c", capability) == ids("-c", capability)
    assert ids("-c", "function calling", "-c", "reasoning") == ["big-chat"]
    assert ids("--min-context", "128k") == ["big-chat", "other-chat", "wide-vision"]
    assert ids("--max-input-price", "0.5") == ["other-chat", "small-guard"]
    assert ids("--max-output-price", "$0.2") == ["small-guard"]
    assert ids("--open-weights") == ["other-chat", "small-guard", "wide-vision"]
    assert ids("--provider", "Gone AI") == ["small-guard"]
    assert ids("--creator", "zeta") == ["other-chat", "wide-vision"]
    assert ids("--sort", "context")[0] == "wide-vision"
    assert ids("--sort", "input-price") == ["small-guard", "other-chat", "big-chat", "wide-vision"]


@pytest.mark.parametrize(
    "args",
    [
        ["--capability", "telepathy"],
        ["--provider", "nowhere"],
        ["--creator", "nobody"],
        ["--min-context", "big"],
        ["--max-input-price", "-1"],
        ["--sort", "colour"],
    ],
)
def test_bad_list_filters_exit_2(mini: Path, run: Runner, args: list[str]) -> None:
    result = run("list", *args)
    assert result.exit_code == ExitCode.USAGE
    _one_line_error(result)


def test_providers_counts_routes(mini: Path, run: Runner) -> None:
    data = run("providers", "--json").json()
    counts = {p["id"]: (p["routes"], p["status"]) for p in data["providers"]}
    assert counts == {"alpha": (3, "active"), "beta": (3, "active"), "gone": (1, "deprecated")}
    assert "Gone AI" in run("providers").stdout


# errors from the catalog


def test_broken_catalog_is_one_line_exit_1(catalog_dir: Path, run: Runner, monkeypatch) -> None:
    (catalog_dir / "models" / "acme" / "big-chat.toml").write_text("context_window = [\n")
    monkeypatch.setenv(BASE_ENV, str(catalog_dir))
    result = run("cost")
    assert result.exit_code == ExitCode.ERROR
    assert "models/acme/big-chat.toml" in _one_line_error(result)


def test_markup_in_names_prints_literally(tmp_path: Path, models_data, run: Runner, monkeypatch):
    models_data[0]["name"] = "[bold red]Sneaky[/bold red]"
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "c", models_data)))
    out = run("diff", "small-guard", "wide-vision").stdout
    assert "[bold red]Sneaky[/bold red]" in out


# presentation


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "small-guard", "wide-vision", "big-chat"],
        ["cost"],
        ["cost", "small-guard", "big-chat"],
        ["show", "small-guard"],
        ["list"],
        ["providers"],
    ],
)
def test_tables_fit_80_columns_without_colour_codes(mini: Path, run: Runner, args) -> None:
    out = run(*args).stdout
    assert out and not ANSI.search(out)
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80


def test_version_and_help(run: Runner) -> None:
    from llmcompare import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"llmcompare {__version__}"
    bare = run()
    assert bare.exit_code == 0 and "Usage:" in bare.stdout


@pytest.mark.parametrize("command", COMMANDS + SUBCOMMANDS)
def test_every_command_has_help_with_an_example(run: Runner, command: str) -> None:
    for flag in ("-h", "--help"):
        result = run(*command.split(), flag)
        assert result.exit_code == 0
        assert "Example" in result.stdout and f"llmcompare {command}" in result.stdout


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    register_groups()  # loaded on demand; the full help loads them too
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}  # type: ignore[union-attr]
    assert registered == set(COMMANDS)
    groups = {
        f"{g.name} {c.name}"
        for g in app.registered_groups
        for c in g.typer_instance.registered_commands  # type: ignore[union-attr]
    }
    assert groups == set(SUBCOMMANDS)
    for command in COMMANDS + SUBCOMMANDS:
        assert f"llmcompare {command}" in readme


def test_no_colour_codes_when_piped_even_without_no_color(mini: Path, run: Runner, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = run("diff", "small-guard", "wide-vision").stdout
    assert "Decision scorecard" in out and not ANSI.search(out)


def test_unknown_command_and_missing_arguments_are_usage_errors(mini: Path, run: Runner) -> None:
    result = run("dif", "a", "b")
    assert result.exit_code == ExitCode.USAGE
    assert "No such command" in _one_line_error(result)
    assert run("diff").exit_code == ExitCode.USAGE
    assert run("show").exit_code == ExitCode.USAGE


# catalog check / stats


def test_catalog_check_passes_a_good_catalog(catalog_dir: Path, run: Runner) -> None:
    result = run("catalog", "check", str(catalog_dir))
    assert result.exit_code == 0 and result.stdout == ""
    assert "ok (4 models)" in result.stderr
    assert run("catalog", "check").exit_code == 0  # the bundled catalog


def test_catalog_check_lists_every_problem_with_file_and_key(catalog_dir: Path, run: Runner):  # type: ignore[no-untyped-def]
    guard = catalog_dir / "models" / "acme" / "small-guard.toml"
    guard.write_text('colour = "blue"\n' + guard.read_text())
    chat = catalog_dir / "models" / "acme" / "big-chat.toml"
    chat.write_text(chat.read_text().replace("context_window = 128000", "context_window = -1"))
    result = run("catalog", "check", str(catalog_dir))
    assert result.exit_code == ExitCode.ERROR
    lines = result.stdout.splitlines()
    assert "models/acme/small-guard.toml: colour: unknown key" in lines
    assert any(line.startswith("models/acme/big-chat.toml: context_window:") for line in lines)
    assert "2 problems" in result.stderr
    data = run("catalog", "check", str(catalog_dir), "--json").json()
    assert data["ok"] is False
    assert {"file": "models/acme/small-guard.toml", "key": "colour", "message": "unknown key"} in (
        data["problems"]
    )


def test_a_crafted_file_name_cannot_forge_problem_lines(catalog_dir: Path, run: Runner) -> None:
    # A newline and an escape sequence in a file name: each problem stays one line,
    # with the characters written as escapes, not sent to the terminal.
    forged = "x\nmodels: all good \x1b[31mred.toml"  # a file name holds no "/"
    (catalog_dir / "models" / "acme" / forged).write_text("id = 1\n")
    result = run("catalog", "check", str(catalog_dir))
    assert result.exit_code == ExitCode.ERROR
    assert "\x1b" not in result.stdout + result.stderr
    assert all(line.startswith("models/acme/x\\nmodels") for line in result.stdout.splitlines())
    shown = run("--catalog", str(catalog_dir), "show", "small-guard")
    assert shown.exit_code == ExitCode.ERROR
    assert _one_line_error(shown).count("\\x1b[31m") == 1


def test_what_a_user_types_is_escaped_in_an_error(mini: Path, run: Runner) -> None:
    line = _one_line_error(run("show", "\x1b[2Jgone\u202e"))
    assert "\x1b" not in line and "\u202e" not in line
    assert "\\x1b[2Jgone\\u202e" in line


def test_catalog_check_of_a_missing_directory(tmp_path: Path, run: Runner) -> None:
    result = run("catalog", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == ExitCode.ERROR
    assert "not a catalog directory" in result.stdout


def test_catalog_stats_counts(mini: Path, run: Runner) -> None:
    data = run("catalog", "stats", "--json").json()
    assert data["command"] == "catalog stats"
    assert (data["models"], data["creators"], data["providers"]) == (4, 2, 3)
    assert (data["routes"], data["priced_routes"], data["free_routes"]) == (7, 6, 1)
    assert data["routes_per_provider"] == {"alpha": 3, "beta": 3, "gone": 1}
    assert data["checked_oldest"] == data["checked_newest"] == "2026-05-19"
    assert "Priced routes" in run("catalog", "stats").stdout


def test_catalog_check_of_an_empty_name_is_usage(run: Runner) -> None:
    result = run("catalog", "check", "")
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("columns", ["0", "-5", "wide"])
def test_a_columns_value_that_is_no_width_is_ignored(
    mini: Path, run: Runner, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run("cost", "big-chat")
    assert result.exit_code == 0 and "big-chat" in result.stdout


def test_a_terminal_too_narrow_for_a_table_is_told_so(
    mini: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Never a cut figure ("$13…"): the table is refused, and JSON still works.
    monkeypatch.setenv("COLUMNS", "20")
    result = run("cost", "big-chat")
    assert result.exit_code == ExitCode.ERROR and result.stdout == ""
    assert "20 columns wide" in result.stderr and "--json" in result.stderr
    assert run("cost", "big-chat", "--json").exit_code == 0


def test_a_diff_of_many_models_goes_on_below_instead_of_squeezing(run: Runner) -> None:
    # Twelve models do not fit 80 columns side by side: each side-by-side section
    # is drawn as several tables, and every model's figures are in one of them.
    models = [row["model"] for row in run("cost", "--top", "12", "--json").json()["rows"]]
    table = run("diff", *models).stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    scorecard = table.split("Decision scorecard")[1].split("Decision tradeoffs")[0]
    assert scorecard.count("tracked") == 12  # "N tracked" routes, once per model
    assert scorecard.count("Signal") > 1  # the labels, repeated in each part
    pricing = table.split("Pricing and availability")[1].split("Capabilities")[0]
    inputs = [line for line in pricing.splitlines() if line.startswith("Input price")]
    assert sum(line.count("/1M tokens") for line in inputs) == 12


def test_llmcompare_today_answers_as_of_that_day(mini: Path, run: Runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from llmcompare.clock import TODAY_ENV

    monkeypatch.setenv(TODAY_ENV, "2026-06-01")
    data = run("cost", "small-guard", "--json").json()
    assert data["prices_on"] == "2026-06-01"
    assert {row["age_days"] for row in data["rows"]} == {13}  # checked 2026-05-19
    monkeypatch.setenv(TODAY_ENV, "June 1st")
    result = run("cost", "--json")
    assert result.exit_code == ExitCode.USAGE
    assert "LLMCOMPARE_TODAY='June 1st' is not a date" in _one_line_error(result)
