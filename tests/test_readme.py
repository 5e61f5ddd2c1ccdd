"""The README's console examples are the tool's output, from the bundled catalog,
as of README_DAY (LLMCOMPARE_TODAY): a retirement or a dated price change in the
catalog does not make them wrong on the day it comes into force.

Each ```console block holds one `$ llmcompare ...` command and its output. To
refresh them after a deliberate change: `python tests/test_readme.py`.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from pathlib import Path

import pytest

from llmcompare.clock import TODAY_ENV

README = Path(__file__).parent.parent / "README.md"
# The day the examples were last written: answers as on it, whatever today is.
README_DAY = "2026-12-05"
BLOCK = re.compile(r"```console\n\$ (llmcompare [^\n]*)\n(.*?)```", re.S)


def _output(command: str) -> str:
    from llmcompare.catalog import choose
    from llmcompare.cli import main

    choose()  # no catalog, date or option left from an earlier run
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        main(shlex.split(command)[1:])
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(match.group(1), match.group(2)) for match in BLOCK.finditer(text)]


def test_readme_has_console_examples() -> None:
    assert len(_blocks(README.read_text())) >= 3


@pytest.mark.parametrize("command,shown", _blocks(README.read_text()))
def test_readme_example_is_current(command: str, shown: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv(TODAY_ENV, README_DAY)
    assert _output(command) == shown


if __name__ == "__main__":  # refresh the examples in place
    import os

    os.environ["COLUMNS"] = "80"
    os.environ["NO_COLOR"] = "1"
    os.environ[TODAY_ENV] = README_DAY
    text = README.read_text()
    text = BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{_output(m.group(1))}```", text)
    README.write_text(text)
    sys.exit(0)
