"""The public data sets in ../shared/reference/ (or $LLMCOMPARE_REFERENCE_DIR),
for the tests that run on real files: under CI (CI=true) a missing file fails
the test; elsewhere the test is skipped, saying why."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

REFERENCE_DIR = Path(
    os.environ.get("LLMCOMPARE_REFERENCE_DIR")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
)


def reference_file(name: str) -> Path:
    """The path of a reference file, or the test skipped (failed under CI)."""
    path = REFERENCE_DIR / name
    if not path.is_file():
        reason = f"reference data {path} not found"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (required under CI)")
        pytest.skip(reason)
    return path


def reference_json(name: str) -> Any:
    """A reference file parsed as the importers parse data: numbers as Decimal."""
    return json.loads(reference_file(name).read_text(encoding="utf-8"), parse_float=Decimal)
