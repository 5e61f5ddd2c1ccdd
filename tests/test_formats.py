"""Every output format: each command writes each format it offers, or says in one
line that it offers none; Markdown parses as written; CSV loads back exactly;
HTML stands alone; the table and JSON state the same facts."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import typer
from markdown_it import MarkdownIt

from llmcompare import cli
from llmcompare.cli import ExitCode
from llmcompare.render import OutputFormat

from conftest import Runner
from factory import model, route, write_catalog

# One command line per view, on the small catalog.
VIEWS: dict[str, list[str]] = {
    "diff": ["diff", "small-guard", "wide-vision"],
    "cost": ["cost", "-i", "1B", "-o", "200M"],
    "show": ["show", "small-guard"],
    "list": ["list"],
    "providers": ["providers"],
    "check": ["catalog", "check"],
    "stats": ["catalog", "stats"],
    "where": ["catalog", "where"],
    "changes": ["catalog", "changes"],
    "config": ["config", "show"],
}
ROW_VIEWS = {"cost", "list", "providers", "show"}

DIFF_SECTIONS = [
    "Decision scorecard",
    "Decision tradeoffs",
    "Monthly cost at traffic (1B input + 200M output tokens a month)",
    "Switch friction",
    "Specs",
    "Pricing and availability",
    "Capabilities",
    "Benchmarks",
    "Deep dive",
    "FAQ",
    "Continue comparing",
    "Sources",
]


def _commands(app: typer.Typer) -> list[Any]:
    found = list(app.registered_commands)
    for group in app.registered_groups:
        assert group.typer_instance is not None
        found += _commands(group.typer_instance)
    return found


def test_every_command_offers_every_format() -> None:
    cli.register_groups()
    for command in _commands(cli.app):
        options = {p.name for p in _params(command)}
        if "json_output" in options:
            assert "output_format" in options, command.callback.__name__


def _params(command: Any) -> list[Any]:
    import inspect

    return list(inspect.signature(command.callback).parameters.values())


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize("view", list(VIEWS))
def test_each_view_in_each_format_is_written_or_refused_in_one_line(
    mini: Path, run: Runner, view: str, fmt: OutputFormat
) -> None:
    result = run(*VIEWS[view], "--format", fmt.value)
    if fmt is OutputFormat.CSV and view not in ROW_VIEWS:
        assert result.exit_code == ExitCode.USAGE and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--format csv" in lines[0]
        return
    assert result.exit_code == 0, result.stderr
    if view != "check":  # a sound catalog: no problem lines
        assert result.stdout.strip()
    if fmt is OutputFormat.JSON:
        assert json.loads(result.stdout) == run(*VIEWS[view], "--json").json()


def test_json_and_another_format_at_once_is_usage(mini: Path, run: Runner) -> None:
    result = run("list", "--json", "--format", "csv")
    assert result.exit_code == ExitCode.USAGE and "choose one" in result.stderr


def test_a_format_refused_before_anything_is_written(mini: Path, run: Runner) -> None:
    # catalog import writes a layer: the format is checked first, so nothing is.
    result = run("catalog", "import", "litellm", "missing.json", "--format", "csv")
    assert result.exit_code == ExitCode.USAGE and "--format csv" in result.stderr


# Markdown


def _markdown(text: str) -> list[Any]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def _headings(tokens: list[Any], level: str) -> list[str]:
    return [
        tokens[i + 1].content
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == level
    ]


def test_markdown_diff_has_every_section_and_well_formed_tables(mini: Path, run: Runner) -> None:
    text = run(*VIEWS["diff"], "--format", "markdown").stdout
    tokens = _markdown(text)
    assert _headings(tokens, "h1") == ["Small Guard 8B vs Wide Vision 4B"]
    assert _headings(tokens, "h2") == DIFF_SECTIONS
    assert _headings(tokens, "h3")[0].startswith("Which has a larger context window")
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) >= 6
    # Every row has as many cells as its header.
    widths, row = [], 0
    for token in tokens:
        if token.type == "tr_open":
            row = 0
        elif token.type in ("th_open", "td_open"):
            row += 1
        elif token.type == "tr_close":
            widths.append(row)
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []
    assert "`llmcompare diff small-guard" in text  # Continue comparing, as commands


HOSTILE = "<b>x</b> | *y* [z](javascript:alert(1)) =1+1"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalog whose model name is built to break out of every format."""
    from llmcompare.catalog import BASE_ENV

    models = [
        model("acme", "evil", HOSTILE, routes=[route("alpha", "1", "2")]),
        model("acme", "plain", "Plain", routes=[route("alpha", "3", "4")]),
    ]
    root = write_catalog(tmp_path / "hostile", models)
    monkeypatch.setenv(BASE_ENV, str(root))
    return root


def _inline_texts(tokens: list[Any]) -> list[str]:
    return [child.content for t in tokens if t.type == "inline" for child in t.children or []]


def test_markdown_writes_a_hostile_name_as_text(hostile: Path, run: Runner) -> None:
    for argv in (["diff", "evil", "plain"], ["cost", "evil", "plain"], ["list"]):
        tokens = _markdown(run(*argv, "--format", "markdown").stdout)
        html = [t for t in tokens if t.type.startswith("html")]
        html += [
            c for t in tokens if t.type == "inline" for c in t.children or [] if "html" in c.type
        ]
        assert all(token.content == "<br>" for token in html), argv
        links = [
            c.attrs.get("href")
            for t in tokens
            if t.type == "inline"
            for c in t.children or []
            if c.type == "link_open"
        ]
        assert not any(str(href).startswith("javascript") for href in links)
        if argv[0] == "diff":  # cost and list name models by id
            assert any("<b>x</b>" in text for text in _inline_texts(tokens))


# CSV


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    "argv",
    [
        ["cost", "-i", "1B", "-o", "200M", "--cached-input", "30%", "--budget", "100"],
        ["cost", "small-guard", "big-chat", "-i", "7", "-o", "3", "--period", "day"],
    ],
)
def test_cost_csv_round_trips_exact_money(mini: Path, run: Runner, argv: list[str]) -> None:
    rows = _csv(run(*argv, "--format", "csv").stdout)
    document = json.loads(run(*argv, "--json").stdout, parse_float=Decimal)
    assert len(rows) == len(document["rows"]) > 0
    for row, expected in zip(rows, document["rows"], strict=True):
        assert (row["model"], row["provider"] or None) == (expected["model"], expected["provider"])
        for key in ("total_usd", "total_usd_per_year", "input_cost_usd", "ratio_to_cheapest"):
            value = expected[key]
            assert (Decimal(row[key]) if row[key] else None) == (
                Decimal(value) if value is not None else None
            ), key


def test_list_and_providers_csv_have_every_row(mini: Path, run: Runner) -> None:
    listed = _csv(run("list", "--format", "csv").stdout)
    assert [row["id"] for row in listed] == [
        m["id"] for m in run("list", "--json").json()["models"]
    ]
    providers = _csv(run("providers", "--format", "csv").stdout)
    assert {row["id"] for row in providers} == {
        p["id"] for p in run("providers", "--json").json()["providers"]
    }
    routes = _csv(run("show", "small-guard", "--format", "csv").stdout)
    assert [r["provider"] for r in routes] == ["beta", "gone", "alpha"]
    assert routes[2]["input_usd_per_mtok"] == "0.05"


def test_csv_never_hands_a_spreadsheet_a_formula(hostile: Path, run: Runner) -> None:
    (row,) = [r for r in _csv(run("list", "--format", "csv").stdout) if r["id"] == "evil"]
    assert row["name"] == HOSTILE  # no formula start here: kept as it is
    text = run("cost", "evil", "--format", "csv").stdout
    assert text.count("\r\n") == 2  # header and one row, RFC 4180 line ends


def test_csv_prefixes_cells_a_spreadsheet_would_run(
    tmp_path: Path, monkeypatch, run: Runner
) -> None:  # type: ignore[no-untyped-def]
    from llmcompare.catalog import BASE_ENV

    models = [model("acme", "formula", "=HYPERLINK(1)", routes=[route("alpha", "1", "2")])]
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "f", models)))
    (row,) = _csv(run("list", "--format", "csv").stdout)
    assert row["name"] == "'=HYPERLINK(1)"


# HTML


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


def test_html_diff_stands_alone_with_every_section_chart_and_source(
    mini: Path, run: Runner
) -> None:
    text = run(*VIEWS["diff"], "--format", "html").stdout
    page = _html(text)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert not any("src" in attrs for _, attrs in page.tags)  # nothing is loaded
    assert names.count("style") == 1 and names.count("svg") == 1
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        page.tags
    )
    # One line per priced model (small-guard; wide-vision is free-only, named as not drawn).
    assert sum(1 for tag, attrs in page.tags if tag == "polyline") == 1
    assert "Not drawn: Wide Vision 4B" in text
    words = "".join(page.text)
    for section in DIFF_SECTIONS:
        assert section in words
    hrefs = {attrs.get("href") for tag, attrs in page.tags if tag == "a"}
    document = run(*VIEWS["diff"], "--json").json()
    for model_json in document["models"]:
        for route_json in model_json["routes"]:
            assert route_json["source"] in hrefs
            assert f"checked {route_json['checked']}" in words
    assert "small-guard-vs-big-chat.html" in hrefs or any(str(h).endswith(".html") for h in hrefs)


def test_html_escapes_a_hostile_name_and_links_only_web_addresses(
    hostile: Path, run: Runner
) -> None:
    text = run("diff", "evil", "plain", "--format", "html").stdout
    page = _html(text)
    assert "b" not in [tag for tag, _ in page.tags]
    assert HOSTILE in "".join(page.text)
    assert not any(str(attrs.get("href", "")).startswith("javascript") for _, attrs in page.tags)


# The table and JSON say the same.


def test_table_and_json_give_a_deprecated_unpriced_route_the_same_reason(
    mini: Path, run: Runner
) -> None:
    rows = run("cost", "small-guard", "--json").json()["rows"]
    (gone,) = [row for row in rows if row["provider"] == "gone"]
    assert gone["note"] == "deprecated; no price"
    table = run("cost", "small-guard").stdout
    assert "deprecated; no price" in table


def test_a_terminal_too_narrow_for_an_address_wraps_it_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    from llmcompare.catalog import BASE_ENV

    url = "https://example.com/" + "very-long-path-segment/" * 6 + "MODEL_CARD.md"
    models = [model("acme", "long", "Long", sources=[url], routes=[route("alpha", "1", "2")])]
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "l", models)))
    monkeypatch.setenv("COLUMNS", "40")
    out = run("show", "long").stdout
    assert url in "".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= 40


def test_continue_comparing_is_the_same_from_the_compiled_store_and_without_it(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llmcompare.cache import CACHE_ENV

    argv = ("diff", "llama-guard-2-8b", "qwen3.5-4b", "--json")
    run(*argv)  # builds the store
    stored = run(*argv).json()["continue_comparing"]  # read through the store's summary
    monkeypatch.setenv(CACHE_ENV, "off")
    assert run(*argv).json()["continue_comparing"] == stored
    reasons = {pair["reason"] for pair in stored}
    assert {"same creator", "nearest price", "nearest context"} <= reasons
