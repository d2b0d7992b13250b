"""URL input against a local HTTP server on 127.0.0.1: timeouts, size cap, redirects, schemes, errors.

Every request goes to loopback only; the server runs in a thread and records what it was asked."""
from __future__ import annotations

import contextlib
import http.server
import time

import pytest

from tests.helpers import FEED, Route, loopback_server, send
from textmine.corpus import Corpus
from textmine.ingest.feeds import Post, read_feed
from textmine.ingest.sources import SourceError, open_source


def _posts_from(url: str, **kwargs: object) -> list[Post]:
    with open_source(url, **kwargs) as handle:
        return [r for r in read_feed(handle) if isinstance(r, Post)]

def test_url_ingest_reads_the_feed_and_stores_it(tmp_path):
    with loopback_server({"/feed.xml": send(200, FEED, {"Content-Type": "application/rss+xml"})}) as srv:
        url = f"{srv.base}/feed.xml"
        assert [p.id for p in _posts_from(url)] == ["net-1", "net-2"]
        with Corpus(tmp_path / "db.sqlite") as corpus:
            summary = corpus.ingest([url], analyze=False)
            assert summary.ok and summary.total("new") == 2
            assert {p.id for p in corpus.store.posts()} == {"net-1", "net-2"}
        assert srv.requests == ["/feed.xml", "/feed.xml"]

def _sleep_then(seconds: float, route: Route) -> Route:
    def slow(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client gave up; that is the point
            route(handler)

    return slow

def _trickle(handler: http.server.BaseHTTPRequestHandler) -> None:
    """Headers at once, then the body stalls (a read timeout, not a connect timeout)."""
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(FEED)))
    handler.end_headers()
    handler.wfile.write(FEED[:40])
    handler.wfile.flush()
    time.sleep(3)

@pytest.mark.parametrize("path", ["/slow-headers", "/slow-body"])
def test_a_server_that_stalls_times_out_quickly_with_one_line(path):
    routes = {"/slow-headers": _sleep_then(3, send(200, FEED)), "/slow-body": _trickle}
    with loopback_server(routes) as srv:
        start = time.monotonic()
        with pytest.raises(SourceError) as info:
            _posts_from(f"{srv.base}{path}", timeout=0.5)
        elapsed = time.monotonic() - start
    assert elapsed < 2.5, f"timeout of 0.5 s took {elapsed:.1f} s"
    message = str(info.value)
    assert "\n" not in message and "timed out" in message.lower()

def test_connection_refused_is_one_line():
    with loopback_server() as srv:
        base = srv.base
    # The server is shut down: the port refuses connections now.
    with pytest.raises(SourceError) as info:
        _posts_from(f"{base}/feed.xml", timeout=2)
    assert "cannot connect" in str(info.value) and "\n" not in str(info.value)

def test_size_cap_stops_the_download():
    body = FEED.replace(b"Noch ein Text.", b"x" * 50_000)
    chunked_body = body

    def no_length(handler: http.server.BaseHTTPRequestHandler) -> None:
        # No Content-Length: the cap must hold while streaming, not only on the header.
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(chunked_body)
        handler.close_connection = True

    with loopback_server({"/big": send(200, body), "/big-no-length": no_length}) as srv:
        for path in ("/big", "/big-no-length"):
            with pytest.raises(SourceError) as info:
                _posts_from(f"{srv.base}{path}", max_bytes=10_000)
            assert "larger than the limit" in str(info.value)
            assert "10 kB" in str(info.value) or "10000 bytes" in str(info.value)
        assert [p.id for p in _posts_from(f"{srv.base}/big", max_bytes=100_000)] == ["net-1", "net-2"]

def test_a_redirect_loop_is_cut_off():
    with loopback_server() as srv:
        srv.routes["/a"] = send(302, headers={"Location": f"{srv.base}/b"})
        srv.routes["/b"] = send(302, headers={"Location": f"{srv.base}/a"})
        with pytest.raises(SourceError) as info:
            _posts_from(f"{srv.base}/a", timeout=2)
        assert "redirect" in str(info.value).lower() and "\n" not in str(info.value)
        assert len(srv.requests) <= 12  # bounded, not endless

def test_a_few_redirects_are_followed():
    with loopback_server({"/feed.xml": send(200, FEED)}) as srv:
        srv.routes["/old"] = send(301, headers={"Location": "/older"})
        srv.routes["/older"] = send(302, headers={"Location": f"{srv.base}/feed.xml"})
        assert [p.id for p in _posts_from(f"{srv.base}/old")] == ["net-1", "net-2"]

@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "FILE:///etc/hostname", "gopher://127.0.0.1/"])
def test_non_http_schemes_are_refused(url):
    with pytest.raises(SourceError) as info:
        _posts_from(url)
    assert "refused" in str(info.value) and "http" in str(info.value)

@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_redirects_to_non_http_schemes_are_refused(target):
    with loopback_server({"/feed": send(302, headers={"Location": target})}) as srv:
        with pytest.raises(SourceError) as info:
            _posts_from(f"{srv.base}/feed", timeout=2)
    assert "refused redirect" in str(info.value) and "\n" not in str(info.value)

@pytest.mark.parametrize("status, words", [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")])
def test_http_errors_are_reported_in_one_line(tmp_path, status, words):
    with loopback_server({"/feed.xml": send(status, b"<html>oops</html>")}) as srv:
        url = f"{srv.base}/feed.xml"
        with pytest.raises(SourceError) as info:
            _posts_from(url)
        assert str(info.value) == f"{url}: {words}"
        with Corpus(tmp_path / "db.sqlite") as corpus:
            summary = corpus.ingest([url], analyze=False)
        assert not summary.ok and summary.feeds[0].error == f"{url}: {words}"
