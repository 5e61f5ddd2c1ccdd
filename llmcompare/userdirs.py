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


def _folder(env: str, xdg: str, fallback: str, kind: str) -> Path:
    """$env if set; else, on Linux and the BSDs, the XDG rule (platformdirs' own,
    without its ~3 ms import on every run); else platformdirs' folder of `kind`."""
    configured = os.environ.get(env, "").strip()
    if configured:
        return Path(configured)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get(xdg, "").strip()
        return Path(base if os.path.isabs(base) else os.path.expanduser(fallback)) / "llmcompare"
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")("llmcompare", appauthor=False))


def data_dir() -> Path:
    return _folder(DATA_ENV, "XDG_DATA_HOME", "~/.local/share", "data")


def config_dir() -> Path:
    return _folder(CONFIG_ENV, "XDG_CONFIG_HOME", "~/.config", "config")


def config_file() -> Path:
    """The settings file (see config.py); most runs find none and read nothing."""
    return config_dir() / "config.toml"


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
