"""geo.compression: which responses go out gzip-compressed, and which are kept for reuse."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from geo.compression import MINIMUM_SIZE, CompressedBundles

BUNDLE = b"function f(){return 'corridor';}\n" * 400
IMMUTABLE = (b"cache-control", b"public, immutable, max-age=31536000")
JS = (b"content-type", b"application/javascript")


class Inner:
    """A stand-in for Streamlit's app: one fixed response, sent in two body chunks."""

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes = BUNDLE, status=200):
        self.headers = [*headers, (b"content-length", str(len(body)).encode())]
        self.body = body
        self.status = status
        self.scopes: list[dict[str, Any]] = []

    async def __call__(self, scope, receive, send) -> None:
        self.scopes.append(scope)
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        half = len(self.body) // 2
        await send({"type": "http.response.body", "body": self.body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": self.body[half:], "more_body": False})


def run(coroutine) -> None:
    """Run a coroutine to its end on an event loop of its own, in another thread: in the full
    suite the browser tests' Playwright keeps a loop running in this one, and asyncio.run
    refuses to start a second."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def request(path="/static/js/index.abc123.js", method="GET", headers=None, kind="http"):
    headers = [(b"accept-encoding", b"gzip, deflate, br")] if headers is None else headers
    return {"type": kind, "method": method, "path": path, "headers": headers}


def answer(app, scope) -> tuple[int, dict[bytes, bytes], bytes]:
    """Status, headers and the whole body that app sends for one request."""
    sent: list[dict[str, Any]] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    run(app(scope, receive, send))
    start = sent[0]
    body = b"".join(message.get("body", b"") for message in sent[1:])
    return start["status"], dict(start["headers"]), body


def test_a_bundle_goes_out_compressed_with_headers_that_describe_it():
    inner = Inner([JS, IMMUTABLE, (b"etag", b'"ba76"'), (b"accept-ranges", b"bytes")])
    status, headers, body = answer(CompressedBundles(inner), request())
    assert status == 200
    assert gzip.decompress(body) == BUNDLE
    assert len(body) < len(BUNDLE) / 10
    assert headers[b"content-encoding"] == b"gzip"
    assert headers[b"content-length"] == str(len(body)).encode()
    assert headers[b"vary"] == b"Accept-Encoding"
    assert headers[b"etag"] == b'W/"ba76"'
    assert b"accept-ranges" not in headers
    assert headers[b"cache-control"] == IMMUTABLE[1]


def test_an_immutable_bundle_is_compressed_once_and_then_served_from_memory():
    inner = Inner([JS, IMMUTABLE])
    app = CompressedBundles(inner)
    first = answer(app, request())
    again = answer(app, request())
    assert again == first
    assert len(inner.scopes) == 1
    assert app.cached_bytes == len(first[2])


def test_a_bundle_that_may_change_is_compressed_but_asked_for_every_time():
    inner = Inner([JS])
    app = CompressedBundles(inner)
    for _ in range(2):
        assert gzip.decompress(answer(app, request())[2]) == BUNDLE
    assert len(inner.scopes) == 2
    assert app.cache == {}


def test_nothing_is_kept_beyond_the_budget():
    inner = Inner([JS, IMMUTABLE])
    app = CompressedBundles(inner, budget=10)
    answer(app, request())
    answer(app, request())
    assert len(inner.scopes) == 2
    assert app.cached_bytes == 0


@pytest.mark.parametrize(
    ("why", "scope"),
    [
        ("the browser takes no gzip", request(headers=[(b"accept-encoding", b"identity")])),
        ("no accept-encoding at all", request(headers=[])),
        ("a range names uncompressed bytes", request(headers=[(b"range", b"bytes=0-99")])),
        (
            "a revalidation expects Streamlit's 304",
            request(headers=[(b"accept-encoding", b"gzip"), (b"if-none-match", b'"ba76"')]),
        ),
        ("the page itself, not a bundle", request(path="/")),
        ("a Streamlit endpoint", request(path="/_stcore/health")),
        ("a HEAD request", request(method="HEAD")),
        ("a POST", request(method="POST")),
    ],
)
def test_other_requests_reach_streamlit_untouched(why, scope):
    inner = Inner([JS, IMMUTABLE])
    app = CompressedBundles(inner)
    assert answer(app, scope) == answer(inner, scope), why
    assert inner.scopes[0] is scope, why
    assert app.cache == {}, why


@pytest.mark.parametrize(
    ("why", "inner"),
    [
        ("already compressed by Streamlit", Inner([JS, IMMUTABLE, (b"content-encoding", b"gzip")])),
        ("a font, compressed by its format", Inner([(b"content-type", b"font/woff2"), IMMUTABLE])),
        ("too small to gain", Inner([JS, IMMUTABLE], body=b"x" * (MINIMUM_SIZE - 1))),
        ("not the whole file", Inner([JS, IMMUTABLE], status=404)),
    ],
)
def test_responses_not_worth_compressing_go_out_as_streamlit_sent_them(why, inner):
    status, headers, body = answer(CompressedBundles(inner), request())
    assert (status, body) == (inner.status, inner.body), why
    assert list(headers.items()) == inner.headers, why


def test_a_websocket_is_passed_through():
    seen = []

    async def inner(scope, receive, send):
        seen.append(scope)

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": []}
    run(CompressedBundles(inner)(scope, None, None))
    assert seen == [scope]


def test_streamlit_is_asked_for_body_messages_not_a_path_to_send():
    inner = Inner([JS, IMMUTABLE])
    scope = {**request(), "extensions": {"http.response.pathsend": {}, "other": {}}}
    answer(CompressedBundles(inner), scope)
    assert inner.scopes[0]["extensions"] == {"other": {}}
