"""The user's settings: config.toml in the user config folder.

```toml
[defaults]
input = "1B"            # traffic when --input/--output are not given
output = "200M"
max_age_days = 120      # cost and diff warn when a price used is older

[update]
sources = ["genai-prices", "litellm"]   # what `catalog update` fetches by default
urls = { litellm = "https://mirror.example/litellm.json" }  # a source's URL, moved

[catalog]
folders = ["/srv/team-catalog"]          # team catalog folders, layered on top
```

Read only when the file exists (most runs pay nothing); every key is checked,
and a bad one is one line naming the file and the key.
"""

from functools import cache
from pathlib import Path
from typing import Any

from . import userdirs
from .errors import CatalogError, Problem
from .freshness import DEFAULT_MAX_AGE_DAYS
from .records import Record


class Config(Record):
    default_input: int | None = None
    default_output: int | None = None
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    update_sources: tuple[str, ...] = ()  # empty: every known source
    update_urls: dict[str, str] = {}  # noqa: RUF012 (never changed: a new dict is built)
    catalog_folders: tuple[str, ...] = ()


# The keys `config set` accepts: section.key -> what the value is.
KEYS: dict[str, str] = {
    "defaults.input": "tokens",
    "defaults.output": "tokens",
    "defaults.max_age_days": "days",
    "update.sources": "sources",
    "update.urls": "urls",
    "catalog.folders": "folders",
}


class ConfigError(CatalogError):
    """A config file that cannot be used; one problem, named by file and key."""


def config_path() -> Path:
    return userdirs.config_file()


def read_raw(path: Path) -> dict[str, Any]:
    """The file's tables as written (empty when there is no file)."""
    from .tomlfile import TomlFileError, read_toml

    try:
        with open(path, "rb") as handle:
            return read_toml(handle)
    except FileNotFoundError:
        return {}
    except TomlFileError as exc:
        raise ConfigError([Problem(str(path), "", str(exc))]) from None
    except OSError as exc:
        raise ConfigError([Problem(str(path), "", f"cannot be read: {exc}")]) from None


def parse_value(key: str, value: Any) -> Any:
    """A config value checked and converted; ValueError says what is wrong."""
    from .quantity import QuantityError, parse_tokens

    kind = KEYS.get(key)
    if kind is None:
        raise ValueError(f"unknown key {key!r} (keys: {', '.join(KEYS)})")
    if kind == "tokens":
        try:
            return parse_tokens(str(value))
        except QuantityError as exc:
            raise ValueError(str(exc)) from None
    if kind == "days":
        if isinstance(value, bool) or not str(value).isdigit() or int(value) < 1:
            raise ValueError(f"{value!r} is not a number of days (1 or more)")
        return int(value)
    if kind == "urls":
        return _urls(value)
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise ValueError("must be a list of names")
    if kind == "sources":
        from .sources import SOURCES

        unknown = [item for item in items if item not in SOURCES]
        if unknown:
            raise ValueError(f"unknown source {unknown[0]!r} (sources: {', '.join(SOURCES)})")
    return tuple(items)


def _urls(value: Any) -> dict[str, str]:
    from .sources import SOURCES

    if not isinstance(value, dict):
        raise ValueError("must be a table of source = URL")
    for name, url in value.items():
        if name not in SOURCES:
            raise ValueError(f"unknown source {name!r} (sources: {', '.join(SOURCES)})")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise ValueError(f"{name}: {url!r} is not an http(s) URL")
    return dict(value)


def from_raw(data: dict[str, Any], where: str) -> Config:
    values: dict[str, Any] = {}
    field = {
        "defaults.input": "default_input",
        "defaults.output": "default_output",
        "defaults.max_age_days": "max_age_days",
        "update.sources": "update_sources",
        "update.urls": "update_urls",
        "catalog.folders": "catalog_folders",
    }
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError([Problem(where, section, "must be a table")])
        for name, value in table.items():
            key = f"{section}.{name}"
            try:
                values[field.get(key, key)] = parse_value(key, value)
            except ValueError as exc:
                raise ConfigError([Problem(where, key, str(exc))]) from None
    return Config(**values)


@cache
def load_config() -> Config:
    path = config_path()
    if not path.is_file():
        return Config()
    return from_raw(read_raw(path), str(path))


def set_value(key: str, values: list[str]) -> Any:
    """Check a value and write it into the config file (atomically); returns it as stored.
    `update.urls.SOURCE URL` sets one source's URL."""
    path = config_path()
    data = read_raw(path)
    section, _, name = key.partition(".")
    if key.startswith("update.urls."):
        source = key.removeprefix("update.urls.")
        urls = dict(data.get("update", {}).get("urls", {}))
        urls[source] = values[0] if len(values) == 1 else values
        stored: Any = parse_value("update.urls", urls)
        section, name = "update", "urls"
    else:
        kind = KEYS.get(key)
        if kind is None:
            raise ValueError(f"unknown key {key!r} (keys: {', '.join(KEYS)}, update.urls.SOURCE)")
        if kind in ("tokens", "days"):
            if len(values) != 1:
                raise ValueError(f"{key} takes one value")
            parse_value(key, values[0])
            stored = values[0] if kind == "tokens" else int(values[0])
        else:
            stored = list(parse_value(key, values))
    data.setdefault(section, {})[name] = stored
    _write(path, data)
    load_config.cache_clear()
    return stored


def unset_value(key: str) -> None:
    path = config_path()
    data = read_raw(path)
    section, _, name = key.partition(".")
    if key.startswith("update.urls."):
        urls = data.get("update", {}).get("urls", {})
        if urls.pop(key.removeprefix("update.urls."), None) is None:
            raise ValueError(f"{key} is not set")
    elif data.get(section, {}).pop(name, None) is None:
        raise ValueError(f"{key} is not set")
    _write(path, {section: table for section, table in data.items() if table})
    load_config.cache_clear()


def _write(path: Path, data: dict[str, Any]) -> None:
    import os
    import tempfile

    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=".config.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(tomli_w.dumps(data))
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
