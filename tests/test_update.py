"""`llmcompare catalog update SOURCE` end to end, against a real HTTP server on 127.0.0.1.

Each test runs its own server (port 0, a daemon thread, shut down when the test
ends) and points the source at it through the config file's `[update.urls]`.
Nothing here may reach another computer: every host name lookup that is not
loopback is refused and fails the test, and proxies are switched off.

What a user sees is checked: the exit code, the one stderr line of a failure,
the table or JSON on stdout, and what `show`, `cost` and `catalog where` answer
afterwards; and on disk, that a failure leaves the previous layer and download
byte for byte as they were, with no temporary file or staging folder behind.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from llmcompare import loader, updating
from llmcompare.userdirs import CONFIG_ENV, DATA_ENV

import loopback
from conftest import Runner
from loopback import Handler, LoopbackServer, loopback_only, running

ETAG = '"v1"'
LAST_MODIFIED = "Mon, 30 Nov 2026 08:00:00 GMT"  # a fixed day in the past: the routes' `checked`
NEWER_ETAG = '"v2"'
NEWER_LAST_MODIFIED = "Tue, 01 Dec 2026 08:00:00 GMT"
ERROR_PREFIX = "llmcompare: error: update genai-prices: "
MAX_BYTES = updating.MAX_BYTES


def genai_prices(gpt_x: tuple[str, str] = ("1", "4")) -> bytes:
    """A tiny genai-prices data.json: a new model gpt-x on OpenAI, and a new price
    for the mini catalog's other-chat on its provider alpha ($0.50/$1.50 there)."""
    data = [
        {
            "id": "openai",
            "name": "OpenAI",
            "pricing_urls": ["https://openai.com/api/pricing"],
            "models": [
                {
                    "id": "gpt-x",
                    "name": "GPT X",
                    "context_window": 128000,
                    "prices": {"input_mtok": gpt_x[0], "output_mtok": gpt_x[1]},
                }
            ],
        },
        {
            "id": "alpha",
            "name": "Alpha Cloud",
            "models": [
                {
                    "id": "other-chat",
                    "name": "Other Chat",
                    "prices": {"input_mtok": "0.6", "output_mtok": "1.8"},
                }
            ],
        },
    ]
    return json.dumps(data).encode()


V1 = genai_prices()
V2 = genai_prices(("2", "8"))  # what a newer, but broken, answer would have held


# -- The server -------------------------------------------------------------------


@dataclass
class Reply:
    """What the server answers for one path. `how`: ok (honours If-None-Match and
    If-Modified-Since with a 304), 500, truncated, stall-headers, stall-body, endless."""

    body: bytes = V1
    how: str = "ok"
    etag: str | None = ETAG
    last_modified: str | None = LAST_MODIFIED

    def validators(self) -> dict[str, str]:
        """The ETag and Last-Modified headers it is sent with (those it has)."""
        headers = {"ETag": self.etag, "Last-Modified": self.last_modified}
        return {name: value for name, value in headers.items() if value is not None}


class _Server(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.replies: dict[str, Reply] = {}


class _Handler(Handler):
    """Answers a path with its Reply in `server.replies`; any other with a 404."""

    content_type = "application/json"
    server: _Server

    def serve(self, path: str) -> None:
        reply = self.server.replies.get(path)
        if reply is None:
            self._send(b"not here", status=404)
        elif reply.how == "ok":
            self._ok(reply)
        elif reply.how == "500":
            self._send(b'{"error": "boom"}', status=500)
        elif reply.how == "truncated":
            self._head(200, len(reply.body) + 100, **reply.validators())
            self.wfile.write(reply.body)  # then the connection closes, 100 bytes short
        elif reply.how == "stall-headers":
            self._stall()
            self._send(reply.body, **reply.validators())
        elif reply.how == "stall-body":
            self._head(200, len(reply.body), **reply.validators())
            self.wfile.write(reply.body[:10])
            self.wfile.flush()
            self._stall()
            self.wfile.write(reply.body[10:])
        elif reply.how == "endless":
            self._head(200, None, **reply.validators())  # no Content-Length
            self._endless()
        else:
            raise AssertionError(reply.how)

    def _ok(self, reply: Reply) -> None:
        asked_etag = self.headers.get("If-None-Match")
        asked_date = self.headers.get("If-Modified-Since")
        if (asked_etag is not None and asked_etag == reply.etag) or (
            asked_date is not None and asked_date == reply.last_modified
        ):
            self._head(304, None, **reply.validators())
            return
        self._send(reply.body, **reply.validators())


@dataclass
class Server(loopback.Server):
    replies: dict[str, Reply]

    def serve(self, path: str, reply: Reply) -> None:
        self.replies[path] = reply


@pytest.fixture
def server() -> Iterator[Server]:
    with running(_Server()) as httpd:
        yield Server(httpd.port, httpd.requests, httpd.replies)


@pytest.fixture(autouse=True)
def lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every host name looked up that is not loopback: refused, recorded, and a
    failure of the test (a source left at its published URL would end up here)."""
    with loopback_only(monkeypatch) as refused:
        yield refused


# -- The user's folders -------------------------------------------------------------


def _data() -> Path:
    return Path(os.environ[DATA_ENV])


def _layer() -> Path:
    return _data() / "sources" / "genai-prices"


def _downloads() -> Path:
    return _data() / "downloads"


def point(**urls: str) -> None:
    """Move sources to these URLs in config.toml ([update.urls]), keeping what the
    file already says (conftest's max_age_days)."""
    path = Path(os.environ[CONFIG_ENV]) / "config.toml"
    data = tomllib.loads(path.read_text())
    data.setdefault("update", {}).setdefault("urls", {}).update(
        {name.replace("_", "-"): url for name, url in urls.items()}
    )
    path.write_text(tomli_w.dumps(data))


Snapshot = dict[str, tuple[bytes, int] | None]


def snapshot() -> Snapshot:
    """Every folder and file (bytes, mtime) under the layer and downloads folders."""
    found: Snapshot = {}
    for root in (_layer(), _downloads()):
        found[str(root.relative_to(_data()))] = None
        for path in sorted(root.rglob("*")):
            key = str(path.relative_to(_data()))
            found[key] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    return found


def assert_no_leftovers() -> None:
    """No temp file, staging or old folder anywhere in the data folder."""
    stray = [
        str(path.relative_to(_data()))
        for path in _data().rglob("*")
        if path.name.startswith(".") or path.name.endswith(".tmp")
    ]
    assert stray == []
    assert sorted(os.listdir(_data() / "sources")) == ["genai-prices"]
    assert sorted(os.listdir(_downloads())) == ["genai-prices.json", "genai-prices.json.meta.json"]


def route_of(run: Runner, model: str, provider: str) -> dict[str, Any]:
    shown = run("show", model, "--json")
    assert shown.exit_code == 0, shown.stderr
    (found,) = [r for r in shown.json()["model"]["routes"] if r["provider"] == provider]
    return found  # type: ignore[no-any-return]


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def updated(mini: Path, server: Server, run: Runner) -> Snapshot:
    """A first successful update of genai-prices from the server: V1, dated by its
    Last-Modified. Returns the snapshot a later failure must leave as it is."""
    server.serve("/data.json", Reply())
    point(genai_prices=server.url("/data.json"))
    result = run("catalog", "update", "genai-prices")
    assert result.exit_code == 0, result.stderr
    assert route_of(run, "gpt-x", "openai")["input_usd_per_mtok"] == 1
    server.requests.clear()
    return snapshot()


# -- Success ----------------------------------------------------------------------


def test_an_update_imports_the_source_as_a_layer(mini: Path, server: Server, run: Runner) -> None:
    server.serve("/data.json", Reply())
    point(genai_prices=server.url("/data.json"))

    result = run("catalog", "update", "genai-prices", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document = result.json()
    assert document["command"] == "catalog update" and document["ok"] is True
    (source,) = document["sources"]
    assert source["source"] == "genai-prices"
    assert source["url"] == server.url("/data.json")
    assert source["status"] == "updated"
    assert source["message"] == "1 models added, 1 prices changed, 1 routes added, 0 unchanged"
    imported = source["import"]
    assert imported["origin"] == "update:genai-prices"
    assert imported["added_models"] == ["gpt-x"]
    assert imported["data_date"] == "2026-11-30"
    assert imported["date_basis"] == "the server's Last-Modified date"
    assert imported["folder"] == str(_layer())
    (changed,) = imported["changed_routes"]
    assert (changed["model"], changed["provider"]) == ("other-chat", "alpha")
    assert changed["before"]["input_usd_per_mtok"] == 0.5
    assert changed["after"]["input_usd_per_mtok"] == 0.6
    assert server.paths() == ["/data.json"]  # one request, no conditional headers
    assert "if-none-match" not in server.requests[0][1]

    # On disk: the layer folder, and the download with its validators.
    assert (_layer() / "IMPORT.toml").is_file()
    assert (_downloads() / "genai-prices.json").read_bytes() == V1
    meta = json.loads((_downloads() / "genai-prices.json.meta.json").read_text())
    assert (meta["etag"], meta["last_modified"]) == (ETAG, LAST_MODIFIED)
    assert_no_leftovers()

    # The catalog now has the layer, and every command sees it.
    where = run("catalog", "where", "--json")
    assert where.exit_code == 0, where.stderr
    layers = {layer["origin"]: layer["path"] for layer in where.json()["layers"]}
    assert layers["update:genai-prices"] == str(_layer())
    gpt_x = route_of(run, "gpt-x", "openai")
    assert gpt_x["origin"] == "update:genai-prices"
    assert gpt_x["checked"] == "2026-11-30"  # the server's Last-Modified, not today
    assert (gpt_x["input_usd_per_mtok"], gpt_x["output_usd_per_mtok"]) == (1, 4)
    other = route_of(run, "other-chat", "alpha")
    assert (other["input_usd_per_mtok"], other["output_usd_per_mtok"]) == (0.6, 1.8)
    assert other["origin"] == "update:genai-prices" and other["checked"] == "2026-11-30"
    cost = run("cost", "gpt-x", "--json")
    assert cost.exit_code == 0, cost.stderr
    (row,) = cost.json()["rows"]
    assert (row["model"], row["provider"], row["origin"]) == (
        "gpt-x",
        "openai",
        "update:genai-prices",
    )
    assert row["total_usd"] == 1800  # 1B x $1 + 200M x $4 per 1M tokens


def test_the_table_says_what_changed(mini: Path, server: Server, run: Runner) -> None:
    server.serve("/data.json", Reply())
    point(genai_prices=server.url("/data.json"))
    result = run("catalog", "update", "genai-prices")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "genai-prices" in result.stdout and "updated" in result.stdout
    assert "1 models added" in result.stdout
    assert "update:genai-prices" in run("catalog", "where").stdout


@pytest.mark.parametrize("etag", [ETAG, None], ids=["etag", "last-modified-only"])
def test_an_unchanged_file_is_up_to_date_and_the_layer_untouched(
    mini: Path, server: Server, run: Runner, etag: str | None
) -> None:
    server.serve("/data.json", Reply(etag=etag))
    point(genai_prices=server.url("/data.json"))
    assert run("catalog", "update", "genai-prices").exit_code == 0
    before = snapshot()

    again = run("catalog", "update", "genai-prices", "--json")
    assert again.exit_code == 0, again.stderr
    assert again.stderr == ""
    (source,) = again.json()["sources"]
    assert source["status"] == "up to date"
    assert source["message"] == "unchanged since 2026-11-30"
    assert source["import"] is None
    headers = server.requests[-1][1]
    assert headers.get("if-none-match") == etag
    assert headers["if-modified-since"] == LAST_MODIFIED
    assert snapshot() == before
    assert_no_leftovers()
    table = run("catalog", "update", "genai-prices")
    assert table.exit_code == 0 and "up to date" in table.stdout
    assert route_of(run, "gpt-x", "openai")["checked"] == "2026-11-30"


def test_a_missing_layer_is_rebuilt_from_the_download_on_a_304(
    updated: Snapshot, server: Server, run: Runner
) -> None:
    # The layer folder was removed by hand; the server says the file is unchanged.
    shutil.rmtree(_layer())
    result = run("catalog", "update", "genai-prices", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["sources"][0]["status"] == "updated"
    assert "if-none-match" in server.requests[-1][1]  # answered 304: no body sent
    assert route_of(run, "gpt-x", "openai")["checked"] == "2026-11-30"
    assert_no_leftovers()


def test_a_changed_file_replaces_the_layer(updated: Snapshot, server: Server, run: Runner) -> None:
    server.serve("/data.json", Reply(V2, etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED))
    result = run("catalog", "update", "genai-prices", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["sources"][0]["status"] == "updated"
    assert server.requests[-1][1]["if-none-match"] == ETAG  # asked, but it had changed
    gpt_x = route_of(run, "gpt-x", "openai")
    assert (gpt_x["input_usd_per_mtok"], gpt_x["output_usd_per_mtok"]) == (2, 8)
    assert gpt_x["checked"] == "2026-12-01"
    assert (_downloads() / "genai-prices.json").read_bytes() == V2
    assert_no_leftovers()


# -- Failures: each keeps the previous layer and download exactly as they were -----


FAILURES = [
    pytest.param(Reply(V2, how="500"), "HTTP 500", id="http-500"),
    pytest.param(Reply(V2, how="truncated", etag=NEWER_ETAG), "truncated", id="truncated"),
    pytest.param(
        Reply(V2[:-5], etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED),
        "not valid JSON",
        id="invalid-json",
    ),
    pytest.param(
        Reply(b'{"hello": 1}', etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED),
        "data rejected: not genai-prices data",
        id="not-genai-prices",
    ),
    pytest.param(
        Reply(
            json.dumps([{"id": "openai", "models": [{"id": "gpt-x", "prices": {}}]}]).encode(),
            etag=NEWER_ETAG,
            last_modified=NEWER_LAST_MODIFIED,
        ),
        "data rejected: no prices in it as genai-prices data",
        id="no-prices",
    ),
    pytest.param(
        Reply(b"[]", etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED),
        "data rejected: no prices in it as genai-prices data",
        id="empty-list",
    ),
    pytest.param(Reply(V2, how="stall-headers"), "timed out", id="slow-to-answer"),
    pytest.param(Reply(V2, how="stall-body"), "timed out (no data for 0.5 s)", id="slow-body"),
    pytest.param(
        Reply(V2, etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED),
        f"file too large ({len(V2):,} bytes; the limit is 100)",
        id="too-large-declared",
    ),
    pytest.param(
        Reply(V2, how="endless"),
        "file too large (over the limit of 100 bytes)",
        id="too-large-streamed",
    ),
]


@pytest.mark.parametrize(("reply", "expected"), FAILURES)
def test_a_failure_keeps_the_previous_layer(
    updated: Snapshot,
    server: Server,
    run: Runner,
    monkeypatch: pytest.MonkeyPatch,
    reply: Reply,
    expected: str,
) -> None:
    monkeypatch.setattr(updating, "TIMEOUT_SECONDS", 0.5)
    if "too large" in expected:
        monkeypatch.setattr(updating, "MAX_BYTES", 100)  # V2 is larger
    server.serve("/data.json", reply)

    result = run("catalog", "update", "genai-prices")
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert line.startswith(ERROR_PREFIX + server.host + ": "), line
    assert expected in line
    assert "failed" in result.stdout
    assert server.paths() == ["/data.json"]
    assert server.requests[0][1]["if-none-match"] == ETAG  # a conditional request was made

    assert snapshot() == updated
    assert_no_leftovers()
    gpt_x = route_of(run, "gpt-x", "openai")
    assert (gpt_x["input_usd_per_mtok"], gpt_x["output_usd_per_mtok"]) == (1, 4)
    assert gpt_x["checked"] == "2026-11-30"
    assert gpt_x["origin"] == "update:genai-prices"

    # Once the server is well again, the next update goes through as usual.
    monkeypatch.setattr(updating, "MAX_BYTES", MAX_BYTES)
    server.serve("/data.json", Reply(V2, etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED))
    assert run("catalog", "update", "genai-prices").exit_code == 0
    assert route_of(run, "gpt-x", "openai")["input_usd_per_mtok"] == 2


def test_a_failure_in_json_output(updated: Snapshot, server: Server, run: Runner) -> None:
    server.serve("/data.json", Reply(how="500"))
    result = run("catalog", "update", "genai-prices", "--json")
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    document = result.json()
    assert document["ok"] is False
    (source,) = document["sources"]
    assert source["status"] == "failed" and source["import"] is None
    assert line == ERROR_PREFIX + source["message"]
    assert snapshot() == updated


def test_an_import_failure_keeps_the_layer_and_fetches_again_next_time(
    updated: Snapshot, server: Server, run: Runner
) -> None:
    # Your own prices beneath the layer are broken: the fetched file cannot be
    # mapped onto the catalog, so nothing is imported.
    broken = _data() / "overrides" / "models" / "acme" / "big-chat.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text('context_window = "very big"\n')
    server.serve("/data.json", Reply(V2, etag=NEWER_ETAG, last_modified=NEWER_LAST_MODIFIED))
    result = run("catalog", "update", "genai-prices")
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert line.startswith(ERROR_PREFIX + "cannot import: "), line
    now = snapshot()
    assert {k: v for k, v in now.items() if k.startswith("sources")} == {
        k: v for k, v in updated.items() if k.startswith("sources")
    }
    # The download is kept but its validators are forgotten...
    assert not (_downloads() / "genai-prices.json.meta.json").exists()
    assert not [p for p in _data().rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp")]

    # ...so once the catalog is fixed, the next update fetches it whole and imports it.
    broken.unlink()
    again = run("catalog", "update", "genai-prices", "--json")
    assert again.exit_code == 0, again.stderr
    assert again.json()["sources"][0]["status"] == "updated"
    assert "if-none-match" not in server.requests[-1][1]
    assert route_of(run, "gpt-x", "openai")["input_usd_per_mtok"] == 2
    assert_no_leftovers()


# -- Which sources -----------------------------------------------------------------


@pytest.mark.parametrize(
    "names", [["nonesuch"], ["genai-prices", "nonesuch"]], ids=["alone", "with-a-good-one"]
)
def test_an_unknown_source_is_usage_and_fetches_nothing(
    mini: Path, server: Server, run: Runner, names: list[str]
) -> None:
    server.serve("/data.json", Reply())
    point(genai_prices=server.url("/data.json"))
    result = run("catalog", "update", *names)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert line.startswith("llmcompare: error: unknown source 'nonesuch' (sources: genai-prices")
    assert result.stdout == ""
    assert server.requests == []
    assert not (_data() / "sources").exists() and not _downloads().exists()


def test_one_failing_source_does_not_stop_the_others(
    mini: Path, server: Server, run: Runner
) -> None:
    server.serve("/genai.json", Reply())
    server.serve("/litellm.json", Reply(how="500"))
    point(genai_prices=server.url("/genai.json"), litellm=server.url("/litellm.json"))

    result = run("catalog", "update", "litellm", "genai-prices", "--json")
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert line.startswith(f"llmcompare: error: update litellm: {server.host}: HTTP 500")
    document = result.json()
    assert document["ok"] is False
    statuses = {s["source"]: s["status"] for s in document["sources"]}
    assert statuses == {"litellm": "failed", "genai-prices": "updated"}
    assert sorted(server.paths()) == ["/genai.json", "/litellm.json"]

    origins = [layer["origin"] for layer in run("catalog", "where", "--json").json()["layers"]]
    assert "update:genai-prices" in origins and "update:litellm" not in origins
    assert route_of(run, "gpt-x", "openai")["origin"] == "update:genai-prices"
    assert sorted(os.listdir(_data() / "sources")) == ["genai-prices"]
    assert sorted(os.listdir(_downloads())) == ["genai-prices.json", "genai-prices.json.meta.json"]


def test_the_config_chooses_the_sources_by_default(mini: Path, server: Server, run: Runner) -> None:
    server.serve("/data.json", Reply())
    point(genai_prices=server.url("/data.json"))
    path = Path(os.environ[CONFIG_ENV]) / "config.toml"
    data = tomllib.loads(path.read_text())
    data["update"]["sources"] = ["genai-prices"]
    path.write_text(tomli_w.dumps(data))
    result = run("catalog", "update", "--json")
    assert result.exit_code == 0, result.stderr
    assert [s["source"] for s in result.json()["sources"]] == ["genai-prices"]


# -- Only `catalog update` uses the network -----------------------------------------


@dataclass
class Guard:
    """Records (and refuses) every attempt to open a network connection."""

    attempts: list[str] = field(default_factory=list)

    def refuse(self, what: str) -> None:
        self.attempts.append(what)
        raise ConnectionRefusedError(111, f"network use in a test: {what}")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Guard:
    guard = Guard()

    def connect(self: socket.socket, address: Any) -> None:
        guard.refuse(f"connect {address}")

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard.refuse(f"connect_ex {address}")
        return 1

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        guard.refuse(f"create_connection {address}")
        raise AssertionError("unreachable")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return guard


def test_no_other_command_touches_the_network(
    updated: Snapshot, server: Server, run: Runner, no_network: Guard
) -> None:
    commands = [
        ("cost", "gpt-x", "--json"),
        ("cost",),
        ("show", "gpt-x", "--json"),
        ("diff", "gpt-x", "big-chat"),
        ("list",),
        ("providers",),
        ("catalog", "where", "--json"),
        ("catalog", "stats"),
        ("config", "show"),
    ]
    for command in commands:
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
        assert result.stdout, command
    assert run("show", "gpt-x", "--json").json()["model"]["routes"][0]["checked"] == "2026-11-30"
    assert no_network.attempts == []
    assert server.requests == []

    # The guard does catch what `catalog update` does.
    result = run("catalog", "update", "genai-prices")
    assert result.exit_code == 1
    assert "cannot connect" in one_error_line(result.stderr)
    assert no_network.attempts and server.requests == []
    assert snapshot() == updated


def _litellm(gpt_x: tuple[str, str]) -> bytes:
    """A tiny LiteLLM file: gpt-x on OpenAI, per token."""
    entry = {
        "litellm_provider": "openai",
        "mode": "chat",
        "max_input_tokens": 128000,
        "input_cost_per_token": float(gpt_x[0]) / 1e6,
        "output_cost_per_token": float(gpt_x[1]) / 1e6,
    }
    return json.dumps({"gpt-x": entry}).encode()


def test_updating_again_works_whichever_source_brought_a_model_first(
    mini: Path, server: Server, run: Runner
) -> None:
    # litellm brings gpt-x; genai-prices, updated next, lies beneath it in the
    # stack (sources go by name) and maps its gpt-x onto litellm's. A second
    # update of litellm is mapped over the stack without it, where genai-prices'
    # layer must stand alone.
    server.serve("/litellm.json", Reply(body=_litellm(("1", "4")), etag='"l1"'))
    server.serve("/data.json", Reply())
    point(litellm=server.url("/litellm.json"), genai_prices=server.url("/data.json"))
    assert run("catalog", "update", "litellm").exit_code == 0
    assert run("catalog", "update", "genai-prices").exit_code == 0

    newer = "Tue, 01 Dec 2026 08:00:00 GMT"
    server.serve("/litellm.json", Reply(_litellm(("1.5", "6")), etag='"l2"', last_modified=newer))
    result = run("catalog", "update", "litellm", "--json")
    assert result.exit_code == 0, result.stderr
    (source,) = result.json()["sources"]
    assert source["status"] == "updated", source["message"]
    assert route_of(run, "gpt-x", "openai")["origin"] == "update:litellm"
    assert route_of(run, "gpt-x", "openai")["input_usd_per_mtok"] == 1.5


def test_an_update_leaves_the_catalog_compiled(
    mini: Path, server: Server, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built once all sources are through: the next command does not build.
    server.serve("/data.json", Reply())
    point(genai_prices=server.url("/data.json"))
    assert run("catalog", "update", "genai-prices").exit_code == 0

    def built_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the catalog was checked and built again")

    monkeypatch.setattr(loader, "load_layers", built_again)
    assert route_of(run, "gpt-x", "openai")["origin"] == "update:genai-prices"
