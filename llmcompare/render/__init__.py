"""Renderers: a module per output format. JSON (jsonout) and CSV (csvout) are
written from the result objects; table, Markdown and HTML lay out the page that
views.py makes of a result (page.py). Renderers never print."""

from enum import StrEnum


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    HTML = "html"
