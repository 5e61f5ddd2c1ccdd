"""Where llmcompare keeps the user's things: fetched and imported data, their own
prices (the data folder), and their settings (the config folder).

Each has an environment variable that moves it (for tests, and for people who
keep such things elsewhere); otherwise platformdirs' folders for this system.
"""

import os
import sys
from pathlib import Path

DATA_ENV = "LLMCOMPARE_DATA_DIR"
CONFIG_ENV = "LLMCOMPARE_CONFIG_DIR"


def _xdg(variable: str, fallback: str) -> Path:
    """platformdirs' rule on Linux and the BSDs, without its ~3 ms import on every run."""
    base = os.environ.get(variable, "").strip()
    return Path(base if os.path.isabs(base) else os.path.expanduser(fallback)) / "llmcompare"


def data_dir() -> Path:
    configured = os.environ.get(DATA_ENV, "").strip()
    if configured:
        return Path(configured)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return _xdg("XDG_DATA_HOME", "~/.local/share")
    from platformdirs import user_data_dir

    return Path(user_data_dir("llmcompare", appauthor=False))


def config_dir() -> Path:
    configured = os.environ.get(CONFIG_ENV, "").strip()
    if configured:
        return Path(configured)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return _xdg("XDG_CONFIG_HOME", "~/.config")
    from platformdirs import user_config_dir

    return Path(user_config_dir("llmcompare", appauthor=False))


def sources_dir() -> Path:
    """One catalog folder per source fetched by `catalog update` (origin update:SOURCE)."""
    return data_dir() / "sources"


def imports_dir() -> Path:
    """One catalog folder per `catalog import` (origin import:NAME)."""
    return data_dir() / "imports"


def overrides_dir() -> Path:
    """The user's own prices and models (origin user)."""
    return data_dir() / "overrides"


def downloads_dir() -> Path:
    """The files `catalog update` fetched, as published, with their HTTP validators."""
    return data_dir() / "downloads"
