"""The `... --json | jq ...` recipes in the README and in each command's help work
as written, with the real jq: the command's JSON is what the filter expects.

jq is needed (CI installs it; elsewhere the tests are skipped, saying why).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from llmcompare.catalog import BASE_ENV

from conftest import Runner
from factory import model, route, write_catalog

ROOT = Path(__file__).parent.parent
RECIPE = re.compile(r"^\s*(llmcompare [^|\n]*--json[^|\n]*?) \| (jq .*)$", re.M)
# Recipes that need a file, a folder or the network the test does not have.
NEEDS_MORE = ("./my-catalog", "api.json", "catalog update", "--layer update:")


def _recipes() -> list[tuple[str, str]]:
    found = []
    for path in (ROOT / "README.md", *sorted((ROOT / "llmcompare").glob("cli*.py"))):
        found += RECIPE.findall(path.read_text(encoding="utf-8"))
    return found


RECIPES = _recipes()
GATE = next(filter_ for command, filter_ in RECIPES if filter_.startswith("jq -e"))


def jq(filter_: str, document: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("jq")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jq not found (required under CI)")
        pytest.skip("jq not found")
    args = shlex.split(filter_)[1:]
    return subprocess.run([binary, *args], input=document, capture_output=True, text=True)


def test_the_readme_and_the_help_have_recipes() -> None:
    assert len(RECIPES) >= 10
    assert any("cheapest_total_usd" in filter_ for _, filter_ in RECIPES)


@pytest.mark.parametrize(("command", "filter_"), RECIPES, ids=[c for c, _ in RECIPES])
def test_a_recipe_runs_on_the_bundled_catalog(run: Runner, command: str, filter_: str) -> None:
    if any(needs in command for needs in NEEDS_MORE):
        pytest.skip("needs a file, folder or network")
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    answer = jq(filter_, result.stdout)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() not in ("", "null"), "the filter found nothing"


@pytest.fixture
def one_model_with_a_free_tier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """gpt-4o-mini, free on one provider (listed first by cost) and $0.15/$0.60 on another."""
    free = route("alpha", "0", "0", plan="free", model_id="gpt-4o-mini")
    paid = route("beta", "0.15", "0.60", model_id="gpt-4o-mini")
    catalog = write_catalog(
        tmp_path / "catalog", [model("acme", "gpt-4o-mini", "GPT-4o mini", routes=[free, paid])]
    )
    monkeypatch.setenv(BASE_ENV, str(catalog))


@pytest.mark.parametrize(
    ("traffic", "passes"),
    [
        (["-i", "2B", "-o", "300M"], True),  # $480
        (["-i", "8B", "-o", "300M"], False),  # $1,380: the free tier must not hide it
    ],
)
def test_the_spend_gate_fails_when_the_cheapest_paid_route_is_over(
    run: Runner, one_model_with_a_free_tier: None, traffic: list[str], passes: bool
) -> None:
    result = run("cost", "gpt-4o-mini", *traffic, "--json")
    assert result.exit_code == 0, result.stderr
    assert (jq(GATE, result.stdout).returncode == 0) is passes


def test_the_spend_gate_fails_when_nothing_is_priced(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpriced = route("alpha", None, None, model_id="gpt-4o-mini")
    catalog = write_catalog(
        tmp_path / "catalog", [model("acme", "gpt-4o-mini", "GPT-4o mini", routes=[unpriced])]
    )
    monkeypatch.setenv(BASE_ENV, str(catalog))
    result = run("cost", "gpt-4o-mini", "--json")
    assert result.exit_code == 0, result.stderr
    assert jq(GATE, result.stdout).returncode == 1
