"""The terminal writer's own table drawing gives, character for character, what
Rich's table gives for a table that fits (it draws those without Rich's
measuring, for speed), and leaves the rest to Rich."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from llmcompare.render.page import Grid, Sub
from llmcompare.render.tables import _Drawn, _rich_grid

_WORDS = st.text(alphabet="abcXYZ 0123456789$.·-/", min_size=0, max_size=12)
_CELLS = st.one_of(_WORDS, st.tuples(_WORDS, st.builds(Sub, _WORDS)))


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    columns = draw(st.integers(1, 5))
    headers = tuple(draw(st.lists(_WORDS.filter(str.strip), min_size=columns, max_size=columns)))
    rows = draw(st.lists(st.tuples(*[_CELLS] * columns), min_size=0, max_size=4))
    right = frozenset(draw(st.sets(st.integers(0, columns - 1))))
    return Grid(headers, tuple(rows), right, dense=draw(st.booleans()))


def _drawn(renderable: object, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, soft_wrap=False).print(renderable)
    return out.getvalue()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(grids(), st.integers(20, 120))
def test_a_table_is_drawn_as_rich_draws_it(grid: Grid, width: int) -> None:
    assert _drawn(_Drawn(grid), width) == _drawn(_rich_grid(grid), width)
