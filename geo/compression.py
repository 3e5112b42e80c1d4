"""Streamlit's own frontend bundles sent gzip-compressed, each compressed once per process.

Streamlit (1.67) gzips what it serves except its frontend bundles under /static/: its
middleware leaves them out because compressing them on every request costs CPU that a
reverse proxy would otherwise save. They are 2.8 MB of the 2.9 MB a first visit loads, and the
app is hosted without such a proxy. The bundles are content-hashed and served as immutable, so
this middleware compresses each one the first time it is asked for and keeps the result: later
visitors get it for the cost of a dictionary look-up (python -m bench, "bytes on cold load").
"""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PREFIX = "/static/"
"""Streamlit's frontend route; everything else it already compresses itself."""
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
"""Content types worth compressing; fonts (woff2) and images are compressed already."""
MINIMUM_SIZE = 1024
"""Below about a kilobyte the gzip header and framing eat what compression saves."""
LEVEL = 6
"""zlib's default: within 3 % of level 9's size on these bundles, at a third of the time."""
BUDGET = 32 * 1024 * 1024
"""Bytes of compressed bundles kept; Streamlit's whole frontend compresses to about 4 MB."""
# Requests that must reach Streamlit untouched: a revalidation expects its 304, and a range
# refers to the uncompressed bytes.
HTTP_OK = 200
"""The only status whose body is the whole file."""
UNTOUCHED = (b"range", b"if-none-match", b"if-modified-since")


@dataclass(frozen=True)
class Compressed:
    """A compressed response, ready to send again."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def header(headers: Any, name: bytes) -> bytes | None:
    """The value of an ASGI header (names are lower-case bytes), or None."""
    for key, value in headers:
        if key.lower() == name:
            return bytes(value)
    return None


def accepts_gzip(scope: Scope) -> bool:
    """Whether the request is one this middleware may answer compressed."""
    headers = scope.get("headers", [])
    if any(header(headers, name) is not None for name in UNTOUCHED):
        return False
    accepted = header(headers, b"accept-encoding") or b""
    return b"gzip" in accepted.lower()


def wants(scope: Scope) -> bool:
    """Whether a request may be for one of Streamlit's bundles and be answered compressed.

    Any path with a static/ segment, so that it holds under a server.baseUrlPath; the app's
    own static/ (app/static/) also matches, and Streamlit answers it compressed already.
    """
    if scope["type"] != "http" or scope.get("method") != "GET":
        return False
    return PREFIX in str(scope.get("path", "")) and accepts_gzip(scope)


def compressible(status: int, headers: Any, body: bytes) -> bool:
    """Whether a response is worth compressing: a whole, uncompressed, textual body."""
    kind = (header(headers, b"content-type") or b"").decode("latin-1").lower()
    return (
        status == HTTP_OK
        and header(headers, b"content-encoding") is None
        and kind.startswith(COMPRESSIBLE)
        and len(body) >= MINIMUM_SIZE
    )


def compress(status: int, headers: Any, body: bytes) -> Compressed:
    """The response with a gzip body and headers that describe it."""
    packed = gzip.compress(body, compresslevel=LEVEL, mtime=0)
    dropped = {b"content-length", b"etag", b"vary", b"accept-ranges"}
    kept = [(bytes(key), bytes(value)) for key, value in headers if key.lower() not in dropped]
    etag = header(headers, b"etag")
    if etag is not None:
        # A compressed copy is not byte-equal to the file: weak, as nginx's gzip makes it.
        kept.append((b"etag", etag if etag.startswith(b"W/") else b"W/" + etag))
    kept += [
        (b"content-encoding", b"gzip"),
        (b"vary", b"Accept-Encoding"),
        (b"content-length", str(len(packed)).encode()),
    ]
    return Compressed(status, tuple(kept), packed)


def immutable(headers: Any) -> bool:
    """Whether the response says its URL always names the same bytes (content-hashed)."""
    return b"immutable" in (header(headers, b"cache-control") or b"").lower()


class CompressedBundles:
    """ASGI middleware: Streamlit's frontend bundles gzip-compressed, cached by path."""

    def __init__(self, app: ASGIApp, budget: int = BUDGET) -> None:
        self.app = app
        self.budget = budget
        self.cache: dict[str, Compressed] = {}
        self.cached_bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not wants(scope):
            await self.app(scope, receive, send)
            return
        path = str(scope["path"])
        response = self.cache.get(path) or await self.fetch(scope, receive, path)
        await send_response(send, response)

    async def fetch(self, scope: Scope, receive: Receive, path: str) -> Compressed | Captured:
        """Streamlit's response, compressed (and kept, if its URL is content-hashed) when that
        is worth it."""
        captured = Captured()
        # Without the zero-copy extension a server may offer, a file's bytes come as body
        # messages that Captured can gather, not as a path for the server to send.
        extensions = {
            key: value
            for key, value in scope.get("extensions", {}).items()
            if key != "http.response.pathsend"
        }
        await self.app({**scope, "extensions": extensions}, receive, captured)
        if not compressible(captured.status, captured.headers, captured.body):
            return captured
        response = compress(captured.status, captured.headers, captured.body)
        if immutable(captured.headers) and self.cached_bytes + len(response.body) <= self.budget:
            self.cache[path] = response
            self.cached_bytes += len(response.body)
        return response


class Captured:
    """The inner app's response, gathered whole (the bundles are files of at most a few MB)."""

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
            self.headers = [(bytes(key), bytes(value)) for key, value in message["headers"]]
        elif message["type"] == "http.response.body":
            self.chunks.append(bytes(message.get("body", b"")))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


async def send_response(send: Send, response: Compressed | Captured) -> None:
    """Send a whole response in two ASGI messages."""
    await send(
        {"type": "http.response.start", "status": response.status, "headers": response.headers}
    )
    await send({"type": "http.response.body", "body": response.body, "more_body": False})
