"""The orders `list` can sort by (apart from listing.py so the CLI can name them
without importing the listing code on every run)."""

from enum import StrEnum


class SortKey(StrEnum):
    ID = "id"
    NAME = "name"
    CREATOR = "creator"
    RELEASED = "released"
    CONTEXT = "context"
    INPUT_PRICE = "input-price"
    OUTPUT_PRICE = "output-price"
    ROUTES = "routes"
