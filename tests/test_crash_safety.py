"""kill -9 during a large ingest, for real: a subprocess runs `textmine ingest` and is killed at
seeded random points; the database must never hold a duplicate or half-written post, and one more
ingest must bring it to exactly the feed's posts."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from textmine.ingest.feeds import content_hash

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
            "--no-analyse", *extra]


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


def test_kill_9_at_random_points_loses_and_duplicates_nothing(tmp_path):
    feed = write_feed(tmp_path / "big.xml", range(N_POSTS))
    db = tmp_path / "crash.sqlite"
    rng = random.Random(8)
    counts = []
    for _ in range(3):
        before = stored_count(db)
        # Kill once at least this many posts are stored, plus a random sliver of a second so the
        # kill lands anywhere in a batch, including mid-transaction.
        threshold = before + rng.randrange(1, max(2, (N_POSTS - before) // 2))
        process = subprocess.Popen(ingest_command(feed, db), env=child_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and stored_count(db) < threshold and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        ids = check_consistent(db)
        counts.append(len(ids))
        assert ids <= {f"post-{i}" for i in range(N_POSTS)}
    assert any(0 < c < N_POSTS for c in counts), f"no kill landed mid-ingest: {counts}"
    finished = subprocess.run(ingest_command(feed, db, "--json"), env=child_env(), capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    summary = json.loads(finished.stdout)
    assert summary["new"] == N_POSTS - counts[-1] and summary["updated"] == 0
    assert check_consistent(db) == {f"post-{i}" for i in range(N_POSTS)}
