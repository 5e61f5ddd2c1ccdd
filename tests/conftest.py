"""Shared fixtures: a small catalog built in tmp_path, and a way to run the CLI.

Tests that are not about the bundled data use `mini` (or `catalog_dir`), so that the
catalog's growth never changes their answers.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from llmcompare import catalog, cli, config
from llmcompare.cache import CACHE_ENV
from llmcompare.catalog import BASE_ENV, BUNDLED_ONLY_ENV, CATALOG_ENV, load_catalog
from llmcompare.userdirs import CONFIG_ENV, DATA_ENV

from factory import default_models, write_catalog


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    return write_catalog(tmp_path / "catalog")


@pytest.fixture
def models_data() -> list[dict[str, Any]]:
    return copy.deepcopy(default_models())


@pytest.fixture(autouse=True)
def _fresh_catalog_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Each test sees the catalog its environment names, at a fixed terminal width,
    with a compiled-catalog cache, data and config folders of its own (never the user's)."""
    for variable in (CATALOG_ENV, BASE_ENV, BUNDLED_ONLY_ENV):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    home = tmp_path_factory.mktemp("home")  # beside tmp_path, which tests may list
    monkeypatch.setenv(DATA_ENV, str(home / "data"))
    monkeypatch.setenv(CONFIG_ENV, str(home / "config"))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    # Test catalogs are dated in 2026; tests about staleness set their own limit.
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text("[defaults]\nmax_age_days = 100000\n")
    _forget()
    yield
    _forget()


def _forget() -> None:
    """Nothing from one run (loaded catalog, config, global options) leaks into the next."""
    catalog.choose()
    config.load_config.cache_clear()
    load_catalog.cache_clear()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the CLI entry point in-process, as the console script does."""

    def invoke(*args: str) -> Result:
        _forget()
        with pytest.raises(SystemExit) as exited:
            cli.main(list(args))
        out = capsys.readouterr()
        code = exited.value.code
        return Result(int(code) if code is not None else 0, out.out, out.err)

    return invoke


@pytest.fixture
def mini(catalog_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the CLI at the small catalog, in place of the bundled one."""
    monkeypatch.setenv(BASE_ENV, str(catalog_dir))
    return catalog_dir


Runner = Callable[..., Result]
