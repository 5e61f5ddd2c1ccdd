"""fetch.py against a real HTTP server on 127.0.0.1, one per test.

Nothing here may reach another computer: every host name lookup goes through a
guard that lets only loopback names through (and fails the test otherwise), and
proxies are switched off. URLs that must be refused name example.invalid, which
could not be reached even if the guard failed.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import socket
import ssl
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from llmcompare import __version__
from llmcompare import fetch as fetch_module
from llmcompare.fetch import Fetched, FetchError, fetch, meta_path

from loopback import Handler, LoopbackServer, Server, loopback_only, running

GOOD = json.dumps({"models": [{"id": f"model-{i}", "input": i / 1000} for i in range(4000)]})
GOOD_BYTES = GOOD.encode()  # ~150 KB: several reads, so progress is called more than once
ETAG = '"v1-abc"'
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"


# -- The server -------------------------------------------------------------------


class _Handler(Handler):
    """Answers /NAME with serve_NAME (dashes and dots as underscores)."""

    def serve(self, path: str) -> None:
        getattr(self, "serve_" + path.strip("/").replace("-", "_").replace(".", "_"))()

    def serve_good_json(self) -> None:
        if self.headers.get("If-None-Match") == ETAG:
            self._head(304, None, ETag=ETAG)
            return
        self._send(GOOD_BYTES, ETag=ETAG, Last_Modified=LAST_MODIFIED)

    def serve_plain_json(self) -> None:  # no validators at all
        self._send(GOOD_BYTES)

    def serve_gzip_json(self) -> None:
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            self._send(gzip.compress(GOOD_BYTES), Content_Encoding="gzip")
        else:
            self._send(GOOD_BYTES)

    def serve_500(self) -> None:
        self._send(b'{"error": "boom"}', status=500)

    def serve_404(self) -> None:
        self._send(b"not here", status=404)

    def serve_slow_headers(self) -> None:
        self._stall()
        self._send(GOOD_BYTES)

    def serve_slow_body(self) -> None:
        self._head(200, len(GOOD_BYTES))
        self.wfile.write(GOOD_BYTES[:1000])
        self._stall()
        self.wfile.write(GOOD_BYTES[1000:])

    def serve_truncated(self) -> None:
        self._head(200, len(GOOD_BYTES) + 100)
        self.wfile.write(GOOD_BYTES)  # then the connection closes, 100 bytes short

    def serve_truncated_chunked(self) -> None:
        self._head(200, None, Transfer_Encoding="chunked")
        self.wfile.write(b"%x\r\n%s\r\n" % (1000, GOOD_BYTES[:1000]))  # and no last chunk

    def serve_big_declared(self) -> None:
        self._send(b"[" + b" " * 10_000 + b"]")

    def serve_big_streamed(self) -> None:
        self._head(200, None)  # no Content-Length: the body ends when the connection does
        self._endless()

    def serve_gzip_bomb(self) -> None:  # ~2 KB that unpacks to 2 MB
        body = gzip.compress(b"[" + b" " * 2_000_000 + b"]")
        self._send(body, Content_Encoding="gzip")

    def serve_bad_gzip(self) -> None:
        self._send(GOOD_BYTES, Content_Encoding="gzip")

    def serve_invalid_json(self) -> None:
        self._send(GOOD_BYTES[:-10])

    def serve_redirect_away(self) -> None:
        self._send(b"", status=302, Location="http://example.invalid/data.json")

    def serve_redirect_good(self) -> None:
        self._send(b"", status=302, Location="/good.json")


@pytest.fixture
def server() -> Iterator[Server]:
    with running(LoopbackServer(_Handler)) as httpd:
        yield Server(httpd.port, httpd.requests)


@pytest.fixture(autouse=True)
def lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every host name looked up that is not loopback: refused, recorded, and
    (unless the test clears the list) a failure."""
    with loopback_only(monkeypatch) as refused:
        yield refused


# -- A previous download, which failures must leave alone -------------------------


@dataclass
class Previous:
    dest: Path
    data: bytes
    meta: bytes
    files: set[str] = field(default_factory=set)

    def assert_untouched(self) -> None:
        """dest and its metadata byte for byte as before, and no temp file left."""
        assert self.dest.read_bytes() == self.data
        assert meta_path(self.dest).read_bytes() == self.meta
        assert set(os.listdir(self.dest.parent)) == self.files


@pytest.fixture
def previous(server: Server, tmp_path: Path) -> Previous:
    dest = tmp_path / "downloads" / "prices.json"
    fetch(server.url("/good.json"), dest)
    files = {dest.name, meta_path(dest).name}
    assert set(os.listdir(dest.parent)) == files
    return Previous(dest, dest.read_bytes(), meta_path(dest).read_bytes(), files)


def _fails(url: str, dest: Path, **options: Any) -> str:
    """The one-line message of the FetchError that fetching `url` raises."""
    with pytest.raises(FetchError) as raised:
        fetch(url, dest, **options)
    message = str(raised.value)
    assert message and "\n" not in message and "\r" not in message
    return message


# -- Success ----------------------------------------------------------------------


def test_a_download_is_stored_with_its_metadata(server: Server, tmp_path: Path) -> None:
    dest = tmp_path / "a" / "b" / "prices.json"  # folders that do not exist yet
    url = server.url("/good.json")
    got = fetch(url, dest)
    assert got == Fetched(
        dest, True, ETAG, LAST_MODIFIED, datetime.date(2015, 10, 21), len(GOOD_BYTES)
    )
    assert dest.read_bytes() == GOOD_BYTES
    assert json.loads(meta_path(dest).read_bytes()) == {
        "url": url,
        "etag": ETAG,
        "last_modified": LAST_MODIFIED,
        "date": "2015-10-21",  # from Last-Modified, not today
        "size": len(GOOD_BYTES),
    }
    assert set(os.listdir(dest.parent)) == {"prices.json", "prices.json.meta.json"}
    if os.name == "posix":
        assert dest.stat().st_mode & 0o777 == 0o644
    headers = server.headers()
    assert headers["user-agent"].startswith(f"llmcompare/{__version__}")
    assert headers["accept-encoding"] == "gzip"
    assert "if-none-match" not in headers and "if-modified-since" not in headers


def test_without_last_modified_the_date_is_today(server: Server, tmp_path: Path) -> None:
    before = datetime.datetime.now(datetime.UTC).date()
    got = fetch(server.url("/plain.json"), tmp_path / "prices.json")
    after = datetime.datetime.now(datetime.UTC).date()
    assert got.changed and got.etag is None and got.last_modified is None
    assert before <= got.date <= after


def test_unchanged_data_is_a_304_and_dest_is_not_touched(server: Server, tmp_path: Path) -> None:
    dest = tmp_path / "prices.json"
    url = server.url("/good.json")
    first = fetch(url, dest)
    stat, meta = dest.stat(), meta_path(dest).read_bytes()

    again = fetch(url, dest)
    assert again == first._replace(changed=False)
    headers = server.headers()
    assert headers["if-none-match"] == ETAG
    assert headers["if-modified-since"] == LAST_MODIFIED
    assert dest.read_bytes() == GOOD_BYTES
    assert dest.stat().st_mtime_ns == stat.st_mtime_ns and dest.stat().st_ino == stat.st_ino
    assert meta_path(dest).read_bytes() == meta
    assert set(os.listdir(tmp_path)) == {"prices.json", "prices.json.meta.json"}


def test_validators_only_for_the_same_url_and_the_same_file(server: Server, tmp_path: Path) -> None:
    dest = tmp_path / "prices.json"
    fetch(server.url("/good.json"), dest)

    # Another URL into the same file: its validators mean nothing there.
    assert fetch(server.url("/good.json?mirror"), dest).changed
    assert "if-none-match" not in server.headers()

    # The file was changed since (its size no longer matches): download it again.
    url = server.url("/good.json")
    fetch(url, dest)
    dest.write_bytes(b"{}")
    assert fetch(url, dest).changed
    assert "if-none-match" not in server.headers()
    assert dest.read_bytes() == GOOD_BYTES


def test_gzip_is_asked_for_and_unpacked(server: Server, tmp_path: Path) -> None:
    dest = tmp_path / "prices.json"
    got = fetch(server.url("/gzip.json"), dest)
    assert "gzip" in server.headers()["accept-encoding"]
    assert dest.read_bytes() == GOOD_BYTES
    assert got.size == len(GOOD_BYTES) == dest.stat().st_size


def test_progress_reports_bytes_as_they_arrive(server: Server, tmp_path: Path) -> None:
    calls: list[tuple[int, int | None]] = []
    fetch(server.url("/good.json"), tmp_path / "prices.json", progress=lambda *a: calls.append(a))
    assert calls[-1] == (len(GOOD_BYTES), len(GOOD_BYTES))
    so_far = [done for done, _ in calls]
    assert so_far == sorted(so_far) and so_far[0] > 0


def test_check_sees_the_body(server: Server, tmp_path: Path) -> None:
    seen: list[bytes] = []
    fetch(server.url("/good.json"), tmp_path / "prices.json", check=seen.append)
    assert seen == [GOOD_BYTES]


def test_a_redirect_on_this_computer_is_followed(server: Server, tmp_path: Path) -> None:
    dest = tmp_path / "prices.json"
    url = server.url("/redirect-good")
    assert fetch(url, dest).etag == ETAG
    assert server.paths() == ["/redirect-good", "/good.json"]
    assert json.loads(meta_path(dest).read_bytes())["url"] == url


def test_an_http_proxy_is_not_used_for_this_computer(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxies = {"http": "http://proxy.example.invalid:3128"}
    monkeypatch.setattr(urllib.request, "getproxies", lambda: proxies)
    assert fetch(server.url("/good.json"), tmp_path / "prices.json").changed


# -- Failures: each leaves the previous download exactly as it was ----------------


@pytest.mark.parametrize(
    ("path", "options", "expected"),
    [
        ("/500", {}, "HTTP 500"),
        ("/404", {}, "HTTP 404"),
        ("/slow-headers", {"timeout": 0.5}, "timed out"),
        ("/slow-body", {"timeout": 0.5}, "timed out"),
        ("/truncated", {}, "truncated"),
        ("/truncated-chunked", {}, "truncated"),
        ("/big-declared", {"max_bytes": 1000}, "too large"),
        ("/big-streamed", {"max_bytes": 1000}, "too large"),
        ("/gzip-bomb", {"max_bytes": 64 * 1024}, "too large"),
        ("/bad-gzip", {}, "gzip"),
        ("/invalid.json", {}, "not valid JSON: "),
        ("/redirect-away", {}, "refused redirect to http://example.invalid/"),
    ],
)
def test_a_failure_raises_and_changes_nothing(
    server: Server, previous: Previous, path: str, options: dict[str, Any], expected: str
) -> None:
    calls: list[tuple[int, int | None]] = []
    message = _fails(
        server.url(path), previous.dest, progress=lambda *a: calls.append(a), **options
    )
    assert expected in message
    assert message.startswith(server.host)
    previous.assert_untouched()
    if path == "/big-declared":
        assert calls == []  # refused on its Content-Length, before reading any of it
    if path == "/big-streamed":
        assert all(done <= 1000 for done, _ in calls)  # stopped at the cap, not at the end


def test_check_rejecting_the_data_is_a_failure(server: Server, previous: Previous) -> None:
    def check(body: bytes) -> None:
        raise ValueError("no prices in it\nat all")

    message = _fails(server.url("/plain.json"), previous.dest, check=check)
    assert message == f"{server.host}: data rejected: no prices in it at all"
    previous.assert_untouched()


def test_a_failure_to_store_leaves_no_temp_file(
    server: Server, previous: Previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(source: Any, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    message = _fails(server.url("/plain.json"), previous.dest)
    assert "cannot save" in message and "No space left on device" in message
    previous.assert_untouched()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.invalid/prices.json",
        "http://10.0.0.1/prices.json",
        "http://127.0.0.1.example.invalid/prices.json",
        "HTTP://example.invalid/prices.json",
        "ftp://127.0.0.1/prices.json",
        "file:///etc/passwd",
        "example.invalid/prices.json",
        "https://user:secret@example.invalid/prices.json",
        "https://example.invalid:99999/prices.json",
        "https://example.invalid/prices json",
    ],
)
def test_only_https_urls_are_fetched(url: str, tmp_path: Path) -> None:
    dest = tmp_path / "downloads" / "prices.json"
    message = _fails(url, dest)
    assert "secret" not in message
    assert not dest.parent.exists()  # refused before anything, connecting included


def test_a_refused_connection(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = _fails(f"http://127.0.0.1:{port}/prices.json", tmp_path / "prices.json")
    assert message.startswith(f"127.0.0.1:{port}: cannot connect: ")


def test_a_tls_failure(server: Server, tmp_path: Path) -> None:
    message = _fails(f"https://{server.host}/good.json", tmp_path / "prices.json")
    assert message.startswith(f"{server.host}: secure connection failed: ")
    # And certificates are always checked, whatever the process's defaults.
    context = fetch_module._tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_an_unknown_host(tmp_path: Path, lookups: list[str]) -> None:
    message = _fails("https://prices.example.invalid/data.json", tmp_path / "prices.json")
    assert message == "prices.example.invalid: cannot find the host: Name or service not known"
    assert lookups == ["prices.example.invalid"]  # answered by the guard, not by DNS
    lookups.clear()
