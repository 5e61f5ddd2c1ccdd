"""Renderers: one module per output format, each a function from a result object
to text (JSON) or a Rich renderable (tables). Renderers never print."""

from enum import StrEnum


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
