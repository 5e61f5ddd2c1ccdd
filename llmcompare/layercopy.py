"""A layer's tables kept as JSON beside its TOML files.

`catalog import` and `catalog update` write their layer whole; with its TOML
files they write `parsed-tables.json`, the same tables, each with the size and
modification time of its file. A build (cache.ParsedFiles) reads a file's table
from it while that file still has them, and parses the TOML otherwise: JSON
reads about twenty times faster than the pure-Python TOML parser. The TOML files
stay what people read and what is checked; the copy holds the same tables, to
the type (a test compares them file by file on a real import).
"""

import os
from pathlib import Path
from typing import Any

from .exactjson import dumps, loads_tagged

PARSED_COPY = "parsed-tables.json"


def write(folder: Path, files: dict[str, dict[str, Any]]) -> None:
    """The tables of `files` (already written in `folder`) as JSON, each stamped
    with its TOML file's size and modification time."""
    stamped = {}
    for path, table in files.items():
        info = os.stat(folder / path)
        stamped[path] = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "table": table}
    text = dumps({"format": 1, "files": stamped}, dates=True)
    (folder / PARSED_COPY).write_text(text, encoding="utf-8")


def read(folder: Path) -> dict[str, Any]:
    """The copy's entries by file ({} where there is none, or it does not read as
    one: the TOML files are then parsed, as they always can be)."""
    try:
        found = loads_tagged((folder / PARSED_COPY).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict) or found.get("format") != 1:
        return {}
    files = found.get("files")
    return files if isinstance(files, dict) else {}
