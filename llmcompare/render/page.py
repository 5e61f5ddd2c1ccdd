"""A page: what a command shows, as blocks that each format lays out.

views.py builds a Page from a result object, with every word and figure as
text; a writer lays it out: tables.py for a terminal (Rich), markdown.py and
html.py. The terminal, Markdown and HTML so always say the same, and a new
format is layout only. Text here is plain (never markup); writers escape it.
"""

from collections.abc import Callable
from typing import TypeAlias

from ..records import Record


class Link(Record):
    """Text pointing at a web page (a source): a link in HTML and Markdown."""

    text: str
    url: str


class Command(Record):
    """A command to run next: code in a terminal, a link to its page in HTML."""

    text: str
    href: str


class Sub(Record):
    """A quieter second line in a cell (a route under its model id)."""

    text: str


Span: TypeAlias = str | Link | Command | Sub
Inline: TypeAlias = str | tuple[Span, ...]


def plain(text: Inline) -> str:
    """The words of an inline text, as a terminal or a CSV cell would hold them."""
    if isinstance(text, str):
        return text
    parts = []
    for span in text:
        if isinstance(span, Link):
            parts.append(span.text)
        elif isinstance(span, Sub):
            parts.append("\n  " + span.text)
        else:
            parts.append(span if isinstance(span, str) else span.text)
    return "".join(parts)


class Title(Record):
    text: str


class Heading(Record):
    text: str


class Para(Record):
    text: Inline
    style: str = ""  # "" plain, "strong" (the verdict), "note" (quieter: assumptions, ages)


class Bullets(Record):
    items: tuple[Inline, ...]
    lead: str = ""  # the line the list hangs from: "Choose X when..."


class Grid(Record):
    """A table. `right` columns hold figures (right-aligned, never wrapped).
    `side_by_side`: a label column, then one per model, then `tail` columns; a
    terminal too narrow for every model goes on below with the labels repeated."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    right: frozenset[int] = frozenset()
    side_by_side: bool = False
    tail: int = 0
    dense: bool = False  # many figures: a terminal merges the padding between columns


class Choice(Record):
    """The same table at several levels of detail, richest first: a terminal takes
    the first that fits its width; a document takes the first."""

    variants: tuple[Callable[[], Grid], ...]


class Question(Record):
    question: str
    answer: Inline


class Plain(Record):
    """Lines written as they are (one problem a line, as an editor reads them)."""

    text: str


class Chart(Record):
    """Cost against volume, one line per series, the user's volume marked: drawn
    where a picture can be (HTML); elsewhere the tables carry the figures."""

    title: str
    series: tuple[tuple[str, tuple[tuple[object, object], ...]], ...]  # (label, ((x, y), ...))
    marked_x: object  # the user's volume
    x_label: str
    y_label: str
    note: str = ""  # what is not drawn, and why


Block: TypeAlias = Title | Heading | Para | Bullets | Grid | Choice | Question | Plain | Chart


class Page(Record):
    title: str
    blocks: tuple[Block, ...]
