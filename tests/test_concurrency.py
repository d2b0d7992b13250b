"""Two `textmine ingest` processes write overlapping feeds into one database at the same time:
both finish, and every post is stored once (WAL, busy timeout, BEGIN IMMEDIATE with retries)."""
from __future__ import annotations

import json
import subprocess
import time

from tests.helpers import check_consistent, child_env, ingest_command, stored_count, write_feed


def test_two_overlapping_ingests_at_once_store_the_union_once(tmp_path):
    first = write_feed(tmp_path / "a.xml", range(0, 1200))
    second = write_feed(tmp_path / "b.xml", range(600, 1800))
    db = tmp_path / "shared.sqlite"
    processes = [
        subprocess.Popen(ingest_command(feed, db, "--json"), env=child_env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for feed in (first, second)
    ]
    # Both really write at the same time: some posts are stored while both are still running.
    overlapped = False
    deadline = time.monotonic() + 180
    while all(p.poll() is None for p in processes) and time.monotonic() < deadline:
        overlapped = overlapped or stored_count(db) > 0
        time.sleep(0.02)
    results = [process.communicate(timeout=180) for process in processes]
    assert overlapped, "the two ingests did not overlap in time"
    for process, (_out, err) in zip(processes, results):
        assert process.returncode == 0, err
        assert "Traceback" not in err and "locked" not in err
    summaries = [json.loads(out) for out, _err in results]
    # Each of the 600 shared posts is new for exactly one of the two, unchanged for the other.
    assert sum(s["new"] for s in summaries) == 1800
    assert sum(s["unchanged"] for s in summaries) == 600
    assert all(s["updated"] == 0 and s["ok"] for s in summaries)
    assert check_consistent(db) == {f"post-{i}" for i in range(1800)}
