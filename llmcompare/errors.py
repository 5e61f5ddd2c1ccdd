"""Errors that cross layers: a catalog that cannot be loaded.

Kept in a module of its own so that the CLI can catch them without importing
the TOML loader.
"""

from typing import NamedTuple


class Problem(NamedTuple):
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class CatalogError(Exception):
    """The catalog could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        others = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        super().__init__(first + others)
