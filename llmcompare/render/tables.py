"""Terminal writer: a page (page.py) -> a Rich renderable, tables fitted to the width.

Imported only when a table is drawn, so JSON runs never load Rich. Every cell
is a `Text`, never a markup string, so a name such as "[bold]x" prints as it
is. Charts are left to the HTML report: the tables beside them carry the figures.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

from .page import (
    Block,
    Bullets,
    Chart,
    Choice,
    Command,
    Grid,
    Heading,
    Inline,
    Link,
    Page,
    Para,
    Plain,
    Question,
    Sub,
    Title,
    plain,
)


def write(page: Page) -> RenderableType | str:
    """The page for a terminal; a page of plain lines stays a string (written as is)."""
    lines = [block.text for block in page.blocks if isinstance(block, Plain)]
    if len(lines) == len(page.blocks):
        return "".join(lines)
    parts: list[RenderableType] = []
    previous: Block | None = None
    for block in page.blocks:
        if _apart(previous, block):
            parts.append(Text(""))
        parts += _blocks(block)
        previous = block
    return Group(*parts)


def _apart(previous: Block | None, block: Block) -> bool:
    """A blank line between two tables, two paragraphs, or two questions."""
    if isinstance(block, Grid | Choice):
        return isinstance(previous, Grid | Choice)
    if isinstance(block, Para) and block.style == "":
        return isinstance(previous, Para) and previous.style == ""
    return isinstance(block, Question) and isinstance(previous, Question)


def _blocks(block: Block) -> list[RenderableType]:
    if isinstance(block, Title):
        return [_Wrapped([block.text], "bold")]
    if isinstance(block, Heading):
        return [_Wrapped(["", block.text], "bold")]
    if isinstance(block, Para):
        style = {"strong": "bold", "note": "dim"}.get(block.style, "")
        blank = [Text("")] if block.style == "strong" else []
        return [*blank, _Wrapped([plain(block.text)], style)]
    if isinstance(block, Bullets):
        lead = [_Wrapped([block.lead])] if block.lead else []
        return [*lead, _bullets(plain(item) for item in block.items)]
    if isinstance(block, Question):
        return [_Wrapped([block.question], "bold"), _bullets([plain(block.answer)], "  ")]
    if isinstance(block, Grid):
        return [_grid(block)]
    if isinstance(block, Choice):
        return [_Fitting(block)]
    if isinstance(block, Plain):
        return [Text(block.text)]
    if isinstance(block, Chart):
        return []
    raise TypeError(f"no terminal layout for {type(block).__name__}")


def _text(inline: Inline, style: str = "") -> Text:
    """Inline text as a Rich Text: a second line in a cell is dim; a link is its text."""
    if isinstance(inline, str):
        return Text(inline, style=style)
    text = Text(style=style)
    for span in inline:
        if isinstance(span, Sub):
            text.append("\n  " + span.text, style="dim")
        elif isinstance(span, Link | Command):
            text.append(span.text)
        else:
            text.append(span)
    return text


class _Wrapped:
    """Plain text wrapped with textwrap at the width Rich offers, written as
    segments: a Rich Text per paragraph would measure and wrap it again, at
    several times the cost (and a page is mostly paragraphs). With a bullet,
    wrapped lines hang under the text, not the bullet."""

    def __init__(self, lines: Iterable[str], style: str = "", bullet: str = "") -> None:
        self.lines = list(lines)
        self.style = Style.parse(style) if style else None
        self.bullet = bullet

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        hang = " " * len(self.bullet)
        width = max(options.max_width - len(self.bullet), 20)
        for line in self.lines:
            # Not broken at hyphens (an address stays whole where it fits); a word
            # longer than the line is cut, never cropped away.
            parts = textwrap.wrap(line, width, break_on_hyphens=False)
            for i, part in enumerate(parts or [""]):
                yield Segment((self.bullet if i == 0 else hang) + part, self.style)
                yield Segment.line()


def _bullets(lines: Iterable[str], bullet: str = "  • ") -> _Wrapped:
    return _Wrapped(lines, bullet=bullet)


class _Table(Table):
    """A Rich table whose figure columns get their width from their cells up front,
    sparing Rich a measuring pass over every one of them (long tables draw faster)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for column in self.columns:
            if column.no_wrap and column.width is None:
                cells = [
                    max(map(cell_len, cell.plain.split("\n")))
                    for cell in column.cells
                    if isinstance(cell, Text)
                ]
                header = column.header.cell_len if isinstance(column.header, Text) else 0
                column.width = max([header, *cells])
        return super().__rich_console__(console, options)


def _table(headers: Iterable[Text], right: Iterable[int] = (), tight: bool = False) -> Table:
    """A plain table; `tight` merges neighbouring padding, for tables of many figures."""
    table = _Table(
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
        show_edge=False,
        collapse_padding=tight,
    )
    right = set(right)
    for i, header in enumerate(headers):
        if i in right:  # figures: right-aligned and never broken across lines
            table.add_column(header, justify="right", no_wrap=True)
        else:
            table.add_column(header, overflow="fold")
    return table


def _grid(grid: Grid) -> RenderableType:
    return _Drawn(grid)


class _Drawn:
    """A grid written straight as segments when every cell fits on its own lines
    within the width, laid out exactly as Rich's table would lay it out (most
    tables fit, and Rich's measuring and wrapping is most of a page's drawing
    time); otherwise Rich's table, which folds cells to fit."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = self.grid
        cells = [[_cell_lines(cell) for cell in row] for row in grid.rows]
        widths = [cell_len(header) for header in grid.headers]
        for row in cells:
            for i, lines in enumerate(row):
                for text, _ in lines:
                    widths[i] = max(widths[i], cell_len(text))
        gap = " " * (2 if grid.dense else 3)  # padding, the rule's space, padding
        fits = sum(widths) + len(gap) * (len(widths) - 1) <= options.max_width
        texts = [*grid.headers, *(text for row in cells for cell in row for text, _ in cell)]
        if not fits or not all(map(_plain_line, texts)):
            yield _rich_grid(grid)
            return

        def fitted(text: str, i: int) -> str:
            pad = " " * (widths[i] - cell_len(text))
            return pad + text if i in grid.right else text + pad

        bold, dim = Style(bold=True), Style(dim=True)
        for i, header in enumerate(grid.headers):
            if i:
                yield Segment(gap)
            yield Segment(fitted(header, i), bold)
        yield Segment.line()
        yield Segment("─" * (sum(widths) + len(gap) * (len(widths) - 1)))
        yield Segment.line()
        for row in cells:
            for line in range(max(len(lines) for lines in row)):
                for i, lines in enumerate(row):
                    if i:
                        yield Segment(gap)
                    text, quiet = lines[line] if line < len(lines) else ("", False)
                    yield Segment(fitted(text, i), dim if quiet else None)
                yield Segment.line()


def _plain_line(text: str) -> bool:
    """A line Rich lays out as it is: no edge spaces (a Sub line's indent aside)."""
    if text.startswith("  "):
        body = text[2:]
        return bool(body) and body == body.strip()
    return text == text.strip()


def _cell_lines(cell: Inline) -> list[tuple[str, bool]]:
    """A cell's lines, each with whether it is quiet (a Sub line is dim)."""
    if isinstance(cell, str):
        return [(line, False) for line in cell.split("\n")]
    lines: list[tuple[str, bool]] = [("", False)]
    for span in cell:
        if isinstance(span, Sub):
            lines.append(("  " + span.text, True))
        else:
            text, quiet = lines[-1]
            lines[-1] = (text + (span if isinstance(span, str) else span.text), quiet)
    return lines


def _rich_grid(grid: Grid) -> RenderableType:
    # Text headers, not str: a model name in a header must never be read as markup.
    table = _table((Text(h) for h in grid.headers), grid.right, grid.dense)
    for row in grid.rows:
        table.add_row(*map(_text, row))
    return _SideBySide(table, grid.tail) if grid.side_by_side else table


def _natural_width(grid: Grid) -> int:
    """The width a grid takes with nothing wrapped: each column's longest line, and
    between columns one space of rule and one of padding."""
    widths = [len(header) for header in grid.headers]
    for row in grid.rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], *(len(line) for line in plain(cell).splitlines() or [""]))
    return sum(widths) + 2 * (len(widths) - 1)


class _Fitting:
    """The first of a Choice's grids that fits the width (the last if none does)."""

    def __init__(self, choice: Choice) -> None:
        self.choice = choice

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for build in self.choice.variants:
            grid = build()
            if _natural_width(grid) <= options.max_width:
                break
        yield _grid(grid)


# A model's column in a side-by-side table is never narrower than this: past it,
# the models go on in another table below, the labels repeated.
_MIN_SIDE_COLUMN = 14
_MAX_LABEL = 24


class _SideBySide:
    """A table of labels then one column per model (then `tail` columns such as a
    benchmark's metric), drawn as several tables when the models do not fit the
    width side by side: no column is squeezed out of sight, whatever the count."""

    def __init__(self, table: Table, tail: int = 0) -> None:
        self.table = table
        self.tail = tail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns = self.table.columns
        label, models = columns[0], columns[1 : len(columns) - self.tail]
        tail = columns[len(columns) - self.tail :]

        def natural(column: Column, cap: int) -> int:
            cells = [c.cell_len for c in column.cells if isinstance(c, Text)]
            header = column.header.cell_len if isinstance(column.header, Text) else 0
            return min(cap, max([header, *cells])) + 2  # with its padding

        room = options.max_width - natural(label, _MAX_LABEL)
        room -= sum(natural(column, _MAX_LABEL) for column in tail)
        groups: list[list[Column]] = [[]]
        used = 0
        for column in models:
            need = natural(column, _MIN_SIDE_COLUMN)
            if groups[-1] and used + need > room:
                groups.append([])
                used = 0
            groups[-1].append(column)
            used += need
        if len(groups) == 1:
            yield self.table
            return
        for i, group in enumerate(groups):
            if i:
                yield Text("")
            yield self._part([label, *group, *tail])

    def _part(self, columns: list[Column]) -> Table:
        part = _table(())
        for column in columns:
            part.add_column(
                column.header,
                justify=column.justify,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
            )
        for row in zip(*(column.cells for column in columns), strict=True):
            part.add_row(*row)
        return part
