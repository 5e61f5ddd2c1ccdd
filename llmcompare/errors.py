"""Errors that cross layers: a catalog that cannot be loaded.

Kept in a module of its own so that the CLI can catch them without importing
the TOML loader.
"""

import re
from functools import cache

from .records import Record

# Characters that change what a terminal shows rather than showing themselves:
# C0 and C1 controls (escape sequences, newlines that forge extra lines), DEL,
# and the invisible format marks that reorder or hide text (bidi overrides,
# zero-width characters).
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"


@cache
def _unprintable() -> re.Pattern[str]:
    # Compiled when first needed (checking a catalog, or a message): about a
    # millisecond that most runs need not pay.
    return re.compile(_UNPRINTABLE)


def printable(text: str) -> bool:
    """Whether `text` shows as itself: what a catalog string may hold."""
    return _unprintable().search(text) is None


def escaped(text: str) -> str:
    """`text` with each unprintable character written as an escape (`\\x1b`,
    `\\u202e`): text from a file name or a user's input cannot forge a line or
    restyle the terminal."""
    return _unprintable().sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class Problem(Record):
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return escaped(f"{where}: {self.message}")


class CatalogError(Exception):
    """The catalog could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        others = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        super().__init__(first + others)
