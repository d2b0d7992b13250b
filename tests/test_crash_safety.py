"""kill -9 during a large ingest, for real: a subprocess runs `textmine ingest` and is killed at
seeded random points; the database must never hold a duplicate or half-written post, and one more
ingest must bring it to exactly the feed's posts."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import time

from tests.helpers import (
    N_POSTS,
    check_consistent,
    child_env,
    ingest_command,
    stored_count,
    write_feed,
)


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
