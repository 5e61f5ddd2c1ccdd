"""The HTML report in a real browser: headless Chromium, from the distribution's
packages (.ci/run installs it), renders the page at a phone's and a desktop's
width. The page must not be blank, must fit the width without a horizontal
scroll, and must draw its cost chart.

Layout is measured by the browser itself. Headless Chromium lays a window out
at least 500 px wide, so the page is framed at each width: the frame is the
viewport the page's own CSS sees. A small script in the framing page (the report
has none) writes what it measured into the title, and Chromium prints the
resulting DOM. The screenshot is of the same frame, cut to its size.
Skipped where Chromium is not installed, except under CI, where that fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from llmcompare.render.html import SERIES_COLOURS

from conftest import Runner

WIDTHS = (390, 1280)

_FRAME = """<!doctype html><html><head><style>
body {{ margin: 0; }} iframe {{ border: 0; display: block; }}
</style></head><body><iframe id="page" src="{src}" width="{width}" height="{height}"></iframe>
<script>
document.getElementById("page").addEventListener("load", (event) => {{
  const inner = event.target.contentDocument;
  const root = inner.documentElement;
  const series = [...inner.querySelectorAll("svg polyline.series")].map((line) => {{
    const box = line.getBoundingClientRect();
    return [box.width, box.height, line.getTotalLength()];
  }});
  const svg = inner.querySelector("figure svg");
  document.title = "MEASURED:" + JSON.stringify({{
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    height: root.scrollHeight,
    svgWidth: svg ? svg.getBoundingClientRect().width : 0,
    series: series,
  }});
}});
</script></body></html>"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed")
    return found


def _browse(browser: str, frame: Path, width: int, height: int, *args: str) -> str:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--allow-file-access-from-files",  # the frame reads the page it frames
        f"--user-data-dir={frame.parent / 'profile'}",
        f"--window-size={max(width, 800)},{height}",
        "--virtual-time-budget=5000",
        *args,
        frame.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _frame(page: Path, width: int, height: int) -> Path:
    frame = page.parent / f"frame-{width}-{height}.html"
    frame.write_text(_FRAME.format(src=page.name, width=width, height=height), encoding="utf-8")
    return frame


def _measure(browser: str, page: Path, width: int) -> dict[str, Any]:
    dom = _browse(browser, _frame(page, width, 900), width, 900, "--dump-dom")
    found = re.search(r"<title>MEASURED:(.*?)</title>", dom, re.S)
    assert found, "the page did not finish loading"
    measured: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"'))
    return measured


def _colour(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@pytest.mark.parametrize(
    "models", [("llama-guard-2-8b", "qwen3.5-4b"), ("gpt-4o-mini", "claude-haiku-4-5")]
)
def test_report_renders_fits_phone_and_desktop_and_draws_its_chart(
    run: Runner, tmp_path: Path, models: tuple[str, str]
) -> None:
    from PIL import Image

    browser = _chromium()
    result = run("diff", *models, "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "page.html"
    page.write_text(result.stdout, encoding="utf-8")
    priced = sum(
        1
        for entry in run("diff", *models, "--json").json()["monthly_cost"]
        if entry["total_usd"] is not None
    )
    for width in WIDTHS:
        measured = _measure(browser, page, width)
        assert measured["scrollWidth"] <= measured["clientWidth"] == width, measured
        assert measured["svgWidth"] > width * 0.6  # the chart spans the column
        assert len(measured["series"]) == priced >= 1
        for box_width, _height, length in measured["series"]:
            assert box_width > 50 and length > 50  # a line, not a dot
        height = min(int(measured["height"]), 12000)
        shot = tmp_path / f"shot-{width}.png"
        _browse(browser, _frame(page, width, height), width, height, f"--screenshot={shot}")
        with Image.open(shot) as image:
            pixels = image.convert("RGB").crop((0, 0, width, height))
            colours = pixels.getcolors(maxcolors=1 << 20) or []
            ink = sum(count for count, rgb in colours if rgb != (255, 255, 255))
            assert ink > 0.02 * width * height, "the page is blank"
            # The first series' colour is on screen: the chart is drawn, not just laid out.
            target = _colour(SERIES_COLOURS[0])
            near = sum(
                count
                for count, rgb in colours
                if all(abs(a - b) <= 24 for a, b in zip(rgb, target, strict=True))
            )
            assert near > 30, f"no chart line at {width} px"
