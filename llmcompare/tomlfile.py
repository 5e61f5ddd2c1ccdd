"""Reading one TOML file, whatever is in it: a table, or one reason it is not one.

Shared by the catalog loader, the config and the user's overrides, so that each
gives the same short reason for the same broken file, and none is taken down by
what tomllib lets escape (an integer of thousands of digits, arrays nested
thousands deep) or by a file far too big to be data.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from typing import IO, Any

# The largest file read. A model's file is a few kilobytes and the biggest shared
# file tens; anything near this is a mistake (or an attack), not data, and
# parsing it would stall every cold start.
MAX_FILE_BYTES = 4 * 1024 * 1024


class TomlFileError(ValueError):
    """Why a file is not a TOML table: short enough to follow "FILE: "."""


def read_toml(handle: IO[bytes]) -> dict[str, Any]:
    """The table in an open binary file, floats as exact Decimals."""
    content = handle.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise TomlFileError(f"is larger than {limit} MB: no catalog or config file is")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise TomlFileError("is not UTF-8 text") from None
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(f"invalid TOML: {exc}") from None
    except RecursionError:
        raise TomlFileError("invalid TOML: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer past Python's limit on digits
        raise TomlFileError(f"invalid TOML: {exc}") from None
