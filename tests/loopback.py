"""A real HTTP server on 127.0.0.1 for tests, and a guard that keeps them on this computer.

Each test module subclasses `Handler` with its own way of answering a path (its
`serve` method), starts a `LoopbackServer` with `running` inside its `server`
fixture, and wraps `loopback_only` in an autouse fixture, so that every host name
lookup that is not loopback is refused (and fails the test) and proxies are off.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
STALL = 2.0  # the longest a slow handler stalls; the tests' timeouts are far shorter


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[Handler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.requests: list[tuple[str, dict[str, str]]] = []  # path, headers by lower-case name
        self.stop = threading.Event()  # set when the test ends: slow handlers give up

    @property
    def port(self) -> int:
        return self.server_address[1]

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up this computer's full name (reverse DNS,
        # possibly off this computer); nothing here needs it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-body (as the failure tests do) is expected


class Handler(BaseHTTPRequestHandler):
    """Records each GET in `server.requests`, then answers it with `serve(path)`."""

    protocol_version = "HTTP/1.1"
    content_type: str | None = None  # sent with every answer, when set
    server: LoopbackServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
        self.serve(path)

    def serve(self, path: str) -> None:
        raise NotImplementedError

    def _head(self, status: int, length: int | None, **headers: str) -> None:
        """The status line and headers; `Last_Modified=...` sends Last-Modified."""
        self.send_response(status)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if self.content_type is not None:
            self.send_header("Content-Type", self.content_type)
        self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, body: bytes, status: int = 200, **headers: str) -> None:
        self._head(status, len(body), **headers)
        self.wfile.write(body)

    def _stall(self) -> None:
        """Wait STALL seconds, or until the test ends."""
        self.server.stop.wait(STALL)

    def _endless(self) -> None:
        """After a head with no Content-Length (the body ends when the connection
        does): up to 1 MiB of JSON that never closes, unless the client hangs up first."""
        self.wfile.write(b"[")
        for _ in range(1024):
            if self.server.stop.is_set():
                return
            self.wfile.write(b" " * 1024)


@contextmanager
def running(httpd: LoopbackServer) -> Iterator[LoopbackServer]:
    """Serve in a daemon thread until the block ends; then stop and close."""
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01})
    thread.daemon = True
    thread.start()
    try:
        yield httpd
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@dataclass
class Server:
    """What a test sees of its server."""

    port: int
    requests: list[tuple[str, dict[str, str]]]

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def headers(self, index: int = -1) -> dict[str, str]:
        """The headers of a request, by lower-case name."""
        return self.requests[index][1]

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@contextmanager
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Until monkeypatch undoes it, every host name looked up that is not loopback
    is refused and recorded in the list given, and proxies are off; at the end of
    the block, any name recorded fails the test (a test that expects one clears
    the list)."""
    real = socket.getaddrinfo
    refused: list[str] = []

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            refused.append(name)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    # No proxy from the environment (or the system's settings) may carry a request off.
    monkeypatch.setattr(urllib.request, "getproxies", dict)
    yield refused
    assert not refused, f"tried to look up {refused}"
