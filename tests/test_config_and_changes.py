"""Settings (`config`), the warning about old prices, per-layer stats and
`catalog changes`, as a user meets them."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w

from llmcompare.userdirs import CONFIG_ENV, DATA_ENV

from conftest import Runner
from factory import CHECKED, route


def _config_file() -> Path:
    return Path(os.environ[CONFIG_ENV]) / "config.toml"


def _user_layer(models: dict[str, dict[str, object]]) -> None:
    for where, data in models.items():
        path = Path(os.environ[DATA_ENV]) / "overrides" / "models" / f"{where}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tomli_w.dumps(data))


def test_config_set_show_and_unset(mini: Path, run: Runner) -> None:
    assert run("config", "set", "defaults.input", "50M").exit_code == 0
    assert run("config", "set", "defaults.output", "5M").exit_code == 0
    assert run("config", "set", "update.sources", "genai-prices", "litellm").exit_code == 0
    shown = run("config", "show", "--json").json()
    assert shown["default_input"] == 50_000_000 and shown["default_output"] == 5_000_000
    assert shown["update_sources"] == ["genai-prices", "litellm"]
    assert shown["file"] == str(_config_file())
    # The default traffic is what cost and diff use when none is given.
    traffic = run("cost", "big-chat", "--json").json()["traffic"]
    assert (traffic["input_tokens"], traffic["output_tokens"]) == (50_000_000, 5_000_000)
    given = run("cost", "big-chat", "--input", "1B", "--json").json()["traffic"]
    assert (given["input_tokens"], given["output_tokens"]) == (1_000_000_000, 5_000_000)
    assert run("config", "unset", "defaults.input").exit_code == 0
    assert run("cost", "big-chat", "--json").json()["traffic"]["input_tokens"] == 1_000_000_000
    assert "defaults.output" in run("config", "show").stdout


def test_bad_config_values_are_refused_and_not_written(mini: Path, run: Runner) -> None:
    before = _config_file().read_bytes()
    for args in [
        ("config", "set", "defaults.input", "lots"),
        ("config", "set", "defaults.max_age_days", "-3"),
        ("config", "set", "update.sources", "nowhere"),
        ("config", "set", "update.urls.genai-prices", "ftp://x"),
        ("config", "set", "colour", "blue"),
        ("config", "unset", "defaults.input"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert _config_file().read_bytes() == before


def test_a_broken_config_file_is_one_line_naming_it(mini: Path, run: Runner) -> None:
    _config_file().write_text("[defaults]\nmax_age_days = 'soon'\n")
    result = run("cost")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert str(_config_file()) in result.stderr and "max_age_days" in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"[defaults]\nmax_age_days = " + b"9" * 5000 + b"\n", "invalid TOML"),
        (b"x = " + b"[" * 3000 + b"]" * 3000, "nested too deeply"),
        (b"[defaults]\n\xff\n", "not UTF-8"),
        (b"#" * (5 * 1024 * 1024), "larger than 4 MB"),
    ],
)
def test_a_config_file_tomllib_cannot_read_is_one_line(
    mini: Path, run: Runner, content: bytes, says: str
) -> None:
    _config_file().write_bytes(content)
    result = run("cost")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert says in result.stderr


def test_old_prices_are_warned_about_once_on_stderr(mini: Path, run: Runner) -> None:
    run("config", "set", "defaults.max_age_days", "30")  # the test catalog is dated 2026-05-19
    result = run("cost", "big-chat", "--json")
    assert result.exit_code == 0
    assert result.json()["rows"]  # stdout stays pure JSON
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: 2 prices used were checked more than 30 days ago")
    assert f"oldest {CHECKED}" in warning and "catalog update" in warning
    diff = run("diff", "big-chat", "other-chat")
    assert diff.stderr.count("warning:") == 1
    assert diff.stderr.startswith("warning: 2 prices used")  # each model's route, once
    # --max-age sets the limit for one run.
    assert run("cost", "big-chat", "--max-age", "100000").stderr == ""


def test_stats_per_layer_and_check_of_every_layer(mini: Path, run: Runner) -> None:
    _user_layer({"acme/big-chat": {"routes": [route("alpha", "0.9", "1.9")]}})
    stats = run("catalog", "stats", "--json").json()
    layers = {layer["origin"]: layer for layer in stats["layers"]}
    assert layers["user"]["routes"] == 1 and layers["user"]["models"] == 0
    assert layers["bundled"]["models"] == 4
    assert "user" in run("catalog", "stats").stdout
    assert run("catalog", "check").exit_code == 0
    _user_layer({"acme/big-chat": {"routes": [{"provider": "alpha", "colour": "red"}]}})
    broken = run("catalog", "check")
    assert broken.exit_code == 1 and "colour: unknown key" in broken.stdout


def test_changes_between_the_bundled_catalog_and_your_layers(mini: Path, run: Runner) -> None:
    _user_layer(
        {
            "acme/big-chat": {
                "routes": [
                    {
                        "provider": "alpha",
                        "model_id": "alpha/model",
                        "input_usd_per_mtok": Decimal("1.5"),
                        "output_usd_per_mtok": Decimal("2"),
                        "source": "https://alpha.example/contract",
                        "checked": CHECKED,
                    },
                    {
                        "provider": "beta",
                        "model_id": "beta/model",
                        "status": "deprecated",
                        "source": "https://beta.example/retired",
                        "checked": CHECKED,
                    },
                ]
            }
        }
    )
    result = run("catalog", "changes", "big-chat", "--input", "1B", "--output", "0", "--json")
    assert result.exit_code == 0, result.stderr
    changes = result.json()
    (move,) = changes["moves"]
    assert (move["model"], move["provider"], move["direction"]) == ("big-chat", "alpha", "up")
    assert move["input_change_percent"] == 50 and move["output_change_percent"] == 0
    assert changes["retired"] == [
        {"model": "big-chat", "provider": "beta", "model_id": "beta/model"}
    ]
    (bill,) = changes["bills"]
    assert (bill["before_usd"], bill["after_usd"]) == (1000, 1500)
    assert (bill["before_provider"], bill["after_provider"]) == ("alpha", "alpha")
    table = run("catalog", "changes", "big-chat")
    assert "Prices up" in table.stdout and "$1.00 -> $1.50 (+50%)" in table.stdout
    by_layer = run("catalog", "changes", "--layer", "user", "--json").json()
    assert by_layer["before"] == "without user" and len(by_layer["moves"]) == 1
    assert run("catalog", "changes", "--layer", "import:none").exit_code == 2


def test_changes_since_a_date_list_dated_and_scheduled_changes(mini: Path, run: Runner) -> None:
    _user_layer(
        {
            "zeta/other-chat": {
                "routes": [
                    {
                        "provider": "alpha",
                        "model_id": "alpha/model",
                        "price_changes": [
                            {
                                "effective": CHECKED,
                                "input_usd_per_mtok": Decimal("0.4"),
                                "source": "https://alpha.example/cut",
                            },
                            {
                                "effective": dt.date(2999, 1, 1),
                                "output_usd_per_mtok": Decimal("3"),
                                "source": "https://alpha.example/rise",
                            },
                        ],
                    }
                ]
            }
        }
    )
    result = run("catalog", "changes", "--since", "2026-01-01", "--json").json()
    (move,) = result["moves"]
    assert move["before"]["input_usd_per_mtok"] == 0.5
    assert move["after"]["input_usd_per_mtok"] == 0.4
    (ahead,) = result["scheduled"]
    assert ahead["effective"] == "2999-01-01" and ahead["output_usd_per_mtok"] == 3
