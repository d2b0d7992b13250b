"""Helpers the test files share: generated feeds, CLI subprocesses, store checks, a loopback HTTP server."""
from __future__ import annotations

import contextlib
import http.server
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from textmine.ingest.feeds import content_hash

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SAMPLE_FEED = ROOT / "corpus" / "sample-blog.xml"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} not present (real-data test; needs the shared folder next to the project)")
    return path


FEED = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Blog</title>'
    "<link>https://blog.example/</link>"
    "<item><title>Erster Beitrag</title><guid>net-1</guid><description>&lt;p&gt;Ein Text über Vereine.&lt;/p&gt;</description></item>"
    "<item><title>Zweiter Beitrag</title><guid>net-2</guid><description>Noch ein Text.</description></item>"
    "</channel></rss>"
).encode("utf-8")

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass


class Loopback:
    base: str
    routes: dict[str, Route]
    requests: list[str] = field(default_factory=list)


def send(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Route:
    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


@contextlib.contextmanager


def loopback_server(routes: dict[str, Route] | None = None) -> Iterator[Loopback]:
    """An HTTP server on 127.0.0.1 (a free port) serving ``routes`` by path; 404 for the rest."""
    state = Loopback("", dict(routes or {}))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            state.requests.append(self.path)
            route = state.routes.get(self.path.split("?")[0])
            if route is None:
                send(404, b"not found")(self)
            else:
                route(self)

        def log_message(self, *args: object) -> None:  # keep test output clean
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


ROOT = Path(__file__).resolve().parents[1]

N_POSTS = 2000


def write_feed(path: Path, ids: range, *, variant: str = "") -> Path:
    """An RSS feed with one post per number in ``ids`` (five paragraphs each, all distinct)."""
    items = []
    for i in ids:
        body = "".join(
            f"&lt;p&gt;Absatz {j} von Beitrag {i}{variant}: Das Ehrenamt im Quartier braucht Räume, Zeit "
            f"und verlässliche Förderung.&lt;/p&gt;" for j in range(5)
        )
        items.append(f"<item><title>Beitrag {i}</title><guid>post-{i}</guid><description>{body}</description></item>")
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Last</title>\n'
                    + "\n".join(items) + "\n</channel></rss>\n", encoding="utf-8")
    return path


def ingest_command(feed: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from textmine.cli import app; app()", "ingest", str(feed), "--db", str(db),
            "--no-analyze", *extra]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM posts").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def check_consistent(db: Path) -> set[str]:
    """Every stored post is whole: paragraphs parse, the hash matches the content; no duplicates."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, title, paragraphs, content_hash FROM posts").fetchall()
    finally:
        conn.close()
    ids = [row[0] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate post ids"
    for post_id, title, paragraphs, digest in rows:
        parsed = json.loads(paragraphs)
        assert len(parsed) == 5, f"{post_id} has {len(parsed)} paragraphs"
        assert digest == content_hash(title, parsed), f"{post_id}: hash does not match content"
        assert title == f"Beitrag {post_id.removeprefix('post-')}"
    return set(ids)


def best_time(func, *args, runs: int = 3) -> float:  # noqa: ANN001 - any callable
    """The fastest of ``runs`` calls, in seconds (the least disturbed by other processes)."""
    import time

    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear_growth(func, text: str, factor: int = 4) -> None:  # noqa: ANN001 - any callable
    """``func`` on ``text`` costs about ``factor`` times what it costs on the first 1/``factor`` of it.

    A ratio measured in one run, not a time limit: linear growth is ``factor``x, quadratic
    ``factor``²x; twice linear plus a constant absorbs the noise of a busy machine."""
    part = text[: len(text) // factor]
    small, full = best_time(func, part), best_time(func, text, runs=2)
    assert full < 2 * factor * small + 0.25, f"{len(part)} chars: {small:.3f} s, {len(text)} chars: {full:.3f} s"
