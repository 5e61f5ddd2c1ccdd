"""Download one published JSON data file, safely, for `catalog update`.

The only module that touches the network, and only when `catalog update` asks.
Standard library only (urllib.request). What "safely" means here:

- https:// only (plain http:// just to this computer, for tests and local
  mirrors); a redirect may not leave https, and certificates are always checked.
- A timeout on connecting and on every read; a size cap on the body as sent and
  as decompressed, enforced while streaming.
- The body must be whole (not truncated) and valid JSON (and pass the caller's
  `check`) before it is stored.
- The stored file changes atomically or not at all: dest and its metadata are
  exactly as before after any failure, and no temporary file is left behind.
- The validators of the last download (ETag, Last-Modified) are kept beside dest
  in DEST.meta.json, so an unchanged file costs one 304 and no body.
"""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import functools
import http.client
import io
import ipaddress
import json
import os
import socket
import ssl
import tempfile
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from . import __version__
from .records import Record

USER_AGENT = f"llmcompare/{__version__}"
META_SUFFIX = ".meta.json"
_CHUNK = 64 * 1024
_LOOPBACK_NAMES = frozenset({"localhost"})
# Server-sent text (a reason phrase, a redirect target) is clipped to this many
# characters in messages: it is not ours, and a message must stay one short line.
_CLIP = 120


class FetchError(Exception):
    """A download that failed; str() is one line a user can act on (URL host, what failed)."""

    def __init__(self, message: str) -> None:
        # One line of printable text, whatever a server put in it: it ends up on a
        # terminal, where a stray escape sequence or newline would do harm.
        super().__init__(_one_line(message))


class Fetched(Record):
    path: Path  # where the data now is (== dest)
    changed: bool  # False when the server said 304 Not Modified (dest untouched)
    etag: str | None
    last_modified: str | None  # the HTTP header as sent
    date: datetime.date  # Last-Modified's date if given, else the date it was read (UTC)
    size: int  # bytes of the stored file


class _Meta(Record):
    """What DEST.meta.json says about dest, once checked to still describe it."""

    etag: str | None
    last_modified: str | None
    date: datetime.date
    size: int


def meta_path(dest: Path) -> Path:
    """Where the metadata of `dest` is kept: beside it, DEST.meta.json."""
    return dest.with_name(dest.name + META_SUFFIX)


def fetch(
    url: str,
    dest: Path,
    *,
    timeout: float = 30.0,
    max_bytes: int = 128 * 1024 * 1024,
    check: Callable[[bytes], None] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Fetched:
    """Download `url` into `dest`, unless the copy there is still current.

    Raises FetchError (and leaves dest and its metadata as they were) when the
    URL is not allowed, the server fails or stalls, the body is too large or
    truncated, or it is not valid JSON or `check(body)` raises ValueError.
    `progress(bytes_so_far, total_or_None)` is called as chunks arrive (bytes as
    sent, so a gzip body counts compressed, like its Content-Length).
    """
    host = _check_url(url)
    previous = _read_meta(dest, url)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": "gzip"}
    if previous is not None:
        if previous.etag is not None:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified is not None:
            headers["If-Modified-Since"] = previous.last_modified
    request = urllib.request.Request(url, headers=headers)

    try:
        with _opener().open(request, timeout=timeout) as response:
            if not isinstance(response, http.client.HTTPResponse):  # only http(s) gets here
                raise FetchError(f"{host}: unexpected response")
            body = _read_body(response, host, max_bytes, progress)
            etag = response.headers.get("ETag")
            last_modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 304 and previous is not None:
            return Fetched(
                dest, False, previous.etag, previous.last_modified, previous.date, previous.size
            )
        raise FetchError(f"{host}: HTTP {error.code} {_clip(str(error.reason))}") from error
    except urllib.error.URLError as error:  # before any response: connect, DNS, TLS
        raise FetchError(f"{host}: {_connect_problem(error.reason, timeout)}") from error
    except http.client.IncompleteRead as error:  # a chunked body cut short
        raise FetchError(f"{host}: download truncated (connection closed early)") from error
    except TimeoutError as error:  # no byte for `timeout` seconds, mid-response
        raise FetchError(f"{host}: timed out (no data for {timeout:g} s)") from error
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"{host}: connection failed: {_describe(error)}") from error

    _validate(body, host, check)
    date = _data_date(last_modified)
    meta = {
        "url": url,
        "etag": etag,
        "last_modified": last_modified,
        "date": date.isoformat(),
        "size": len(body),
    }
    _store(dest, body, (json.dumps(meta, indent=2) + "\n").encode())
    return Fetched(dest, True, etag, last_modified, date, len(body))


# -- What may be fetched ------------------------------------------------------


def _check_url(url: str) -> str:
    """The URL's host[:port] for messages, if the URL may be fetched; else FetchError."""
    shown = _clip(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise FetchError(f"not a valid URL: {shown}") from None
    if not parts.hostname or any(not c.isprintable() or c.isspace() for c in url):
        raise FetchError(f"not a valid URL: {shown}")
    if parts.username is not None or parts.password is not None:
        # urllib would not send them anyway, and they must not end up in messages.
        raise FetchError(f"{parts.hostname}: user names or passwords in URLs are not supported")
    scheme = parts.scheme.lower()
    if scheme != "https" and not (scheme == "http" and _is_loopback(parts.hostname)):
        raise FetchError(
            f"{parts.netloc}: refused {shown}: only https:// URLs are fetched "
            "(http:// only from this computer)"
        )
    return parts.netloc


def _is_loopback(hostname: str) -> bool:
    if hostname in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a URL `fetch` would accept, and never from https
    down to http (an https page may not send us to plain http, even locally)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        here = urlsplit(req.full_url)
        try:
            _check_url(newurl)
            downgrade = here.scheme.lower() == "https" and urlsplit(newurl).scheme != "https"
        except FetchError:
            downgrade = True
        if downgrade:
            fp.close()  # nothing more is read from this response
            raise FetchError(f"{here.netloc}: refused redirect to {_clip(newurl)}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _VerifiedHTTPS(urllib.request.HTTPSHandler):
    """https with certificates checked against the system's roots, explicitly: not
    whatever a global default (PYTHONHTTPSVERIFY=0, a patched ssl module) says."""

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(http.client.HTTPSConnection, req, context=_tls_context())


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Made on first use, then shared: loading the roots takes tens of milliseconds,
    # which plain http (and each further download of an update) need not pay.
    return ssl.create_default_context()


def _opener() -> urllib.request.OpenerDirector:
    # An https proxy from the environment is honoured; an http one is not, since
    # plain http is only ever to this computer and must not go through a proxy.
    proxies = {
        scheme: proxy for scheme, proxy in urllib.request.getproxies().items() if scheme == "https"
    }
    return urllib.request.build_opener(
        urllib.request.ProxyHandler(proxies), _VerifiedHTTPS(), _SafeRedirects()
    )


# -- Reading the body ---------------------------------------------------------


def _read_body(
    response: http.client.HTTPResponse,
    host: str,
    max_bytes: int,
    progress: Callable[[int, int | None], None] | None,
) -> bytes:
    """The whole body, decompressed, or FetchError: in chunks, never holding more
    than max_bytes plus one chunk, so an endless or huge body fails at the cap."""
    total = response.length  # Content-Length as http.client read it; None if chunked/absent
    if total is not None and total > max_bytes:
        raise FetchError(f"{host}: file too large ({total:,} bytes; the limit is {max_bytes:,})")
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        gunzip: _Gunzip | None = _Gunzip()
    elif encoding == "identity":
        gunzip = None
    else:  # we asked for gzip or nothing
        raise FetchError(f"{host}: unsupported Content-Encoding {_clip(encoding)!r}")

    body = io.BytesIO()
    received = 0
    while chunk := response.read1(_CHUNK):  # one read each, so the timeout applies to each
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(f"{host}: file too large (over the limit of {max_bytes:,} bytes)")
        if gunzip is not None:
            room = max_bytes - body.tell()
            try:
                chunk = gunzip.feed(chunk, room)
            except zlib.error as error:
                raise FetchError(f"{host}: bad gzip data: {error}") from error
            if len(chunk) > room:
                raise FetchError(
                    f"{host}: file too large (over the limit of {max_bytes:,} bytes unpacked)"
                )
        body.write(chunk)
        if progress is not None:
            progress(received, total)
    # http.client returns no more data, rather than an error, when the connection
    # closes before Content-Length bytes came.
    if total is not None and received < total:
        raise FetchError(f"{host}: download truncated ({received:,} of {total:,} bytes)")
    if gunzip is not None and not gunzip.finished:
        raise FetchError(f"{host}: download truncated (the gzip data ends early)")
    return body.getvalue()


class _Gunzip:
    """Streaming gzip decompression that never makes more than it is allowed to,
    so a small body that unpacks to gigabytes fails at the cap, not in memory."""

    def __init__(self) -> None:
        self._inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)

    @property
    def finished(self) -> bool:
        return self._inflate.eof

    def feed(self, data: bytes, room: int) -> bytes:
        """What `data` unpacks to, or any room + 1 bytes of it if it would not fit."""
        out = bytearray()
        while data:
            if self._inflate.eof:  # another gzip member follows: concatenated ones are valid
                self._inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            # max_length is at least 1 here (0 would mean no limit).
            out += self._inflate.decompress(data, room + 1 - len(out))
            if len(out) > room:
                break
            # Short of max_length, all input was used, unless a member ended in it.
            data = self._inflate.unused_data if self._inflate.eof else b""
        return bytes(out)


def _validate(body: bytes, host: str, check: Callable[[bytes], None] | None) -> None:
    try:
        json.loads(body)
    except RecursionError:
        raise FetchError(f"{host}: not valid JSON: nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, or bytes that are no Unicode text
        raise FetchError(f"{host}: not valid JSON: {error}") from error
    if check is not None:
        try:
            check(body)
        except ValueError as error:
            raise FetchError(f"{host}: data rejected: {error}") from error


# -- Messages -------------------------------------------------------------------


def _connect_problem(reason: str | BaseException, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out connecting (after {timeout:g} s)"
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host: {_describe(reason)}"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed: {_describe(reason)}"
    if isinstance(reason, BaseException):
        return f"cannot connect: {_describe(reason)}"
    return f"cannot connect: {reason}"


def _describe(error: BaseException) -> str:
    """An exception as a short phrase: its OS message if it has one, else its text
    (clipped: http.client puts what the server sent in some, e.g. a bad status line)."""
    if isinstance(error, OSError) and isinstance(error.strerror, str) and error.strerror:
        return _clip(error.strerror)
    return _clip(str(error) or type(error).__name__)


def _clip(text: str) -> str:
    return text if len(text) <= _CLIP else text[: _CLIP - 3] + "..."


def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


# -- Metadata and dates -----------------------------------------------------------


def _data_date(last_modified: str | None) -> datetime.date:
    """Last-Modified's date (UTC) if the server sent a readable one, else today (UTC)."""
    if last_modified:
        try:
            when = email.utils.parsedate_to_datetime(last_modified)
            if when.tzinfo is None:  # "-0000": UTC, origin unknown
                when = when.replace(tzinfo=datetime.UTC)
            return when.astimezone(datetime.UTC).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return datetime.datetime.now(datetime.UTC).date()


def _read_meta(dest: Path, url: str) -> _Meta | None:
    """The metadata of `dest`, if it is for `url` and still describes the file there
    (same size): only then may its validators ask the server for "only if changed".
    Anything missing, unreadable or odd just means a full download."""
    try:
        raw = json.loads(meta_path(dest).read_bytes())
        size = dest.stat().st_size
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(raw, dict) or raw.get("url") != url or raw.get("size") != size:
        return None
    etag, last_modified = raw.get("etag"), raw.get("last_modified")
    if not (_header_safe(etag) and _header_safe(last_modified)):
        return None
    if etag is None and last_modified is None:  # nothing to ask "only if changed" with
        return None
    try:
        date = datetime.date.fromisoformat(raw["date"])
    except (KeyError, TypeError, ValueError):
        return None
    return _Meta(etag, last_modified, date, size)


def _header_safe(value: object) -> bool:
    """None, or text that can go back in a request header as it is."""
    return value is None or (
        isinstance(value, str) and 0 < len(value) <= 1024 and value.isprintable()
    )


# -- Storing ----------------------------------------------------------------------


def _store(dest: Path, body: bytes, meta: bytes) -> None:
    """Put `body` at dest and `meta` beside it, each atomically (temp file, fsync,
    os.replace). Data first: should the metadata then fail to follow, the stale
    validators only make the next update a full download (the server's current
    version is at least as new as what they describe), never skip one."""
    folder = dest.parent
    temps: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data_temp = _write_temp(folder, dest.name, body, temps)
        meta_temp = _write_temp(folder, dest.name, meta, temps)
        os.replace(data_temp, dest)
        temps.remove(data_temp)
        os.replace(meta_temp, meta_path(dest))
        temps.remove(meta_temp)
    except OSError as error:
        raise FetchError(f"cannot save {dest}: {_describe(error)}") from error
    finally:
        for temp in temps:  # whatever went wrong, no half-written file stays
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _sync_folder(folder)


def _write_temp(folder: Path, name: str, data: bytes, temps: list[str]) -> str:
    """A new hidden file in `folder` holding `data`, on disk; its path is added to
    `temps` as soon as it exists, so the caller can remove it on any failure."""
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    temps.append(temp)
    with open(handle, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.chmod(temp, 0o644)  # mkstemp makes it 0600; this is published data
    return temp


def _sync_folder(folder: Path) -> None:
    """Make the renames durable too, where the system allows (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
