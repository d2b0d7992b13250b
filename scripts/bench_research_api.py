"""Costs of the research API: a pipeline copy against a load, the typed tables (write overhead of
the triggers, migration of an existing store), and reading DataFrames.

Times are CPU seconds of this process, except the pipeline's (wall). A store of N posts is made by ingesting the sample blog once and copying its records N/32 times
(no re-analysis), so the figures isolate the store. Ends with one JSON line.

    python scripts/bench_research_api.py [--posts 10000]
"""
from __future__ import annotations

import argparse
import copy
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.store import tables as store_tables  # noqa: E402
from textmine.corpus import Corpus  # noqa: E402
from textmine.store.database import Store  # noqa: E402


def _seconds(function) -> float:  # noqa: ANN001
    """CPU seconds of this process (the build machine is shared, so wall time says little)."""
    start = time.process_time()
    function()
    return round(time.process_time() - start, 3)


def _pipeline_costs() -> dict:
    from textmine.nlp.pipeline import shared_pipeline

    def wall(function) -> float:  # noqa: ANN001 - loading reads files: wall time is the cost here
        start = time.perf_counter()
        function()
        return round(time.perf_counter() - start, 3)

    load = wall(lambda: shared_pipeline())
    nlp = shared_pipeline()
    copies = [wall(lambda: copy.deepcopy(nlp)) for _ in range(3)]
    return {"pipeline_load_wall_s": load, "pipeline_copy_wall_s": min(copies)}


def _big_store(sample: Path, target: Path, n_posts: int) -> None:
    with sqlite3.connect(sample) as source, sqlite3.connect(target) as out:
        source.backup(out)
    with Store(target) as store, store.transaction():
        posts = store.conn.execute("SELECT * FROM posts").fetchall()
        analyses = store.conn.execute("SELECT * FROM analyses").fetchall()
        copies = max(0, n_posts // len(posts) - 1)
        for i in range(copies):
            store.conn.executemany(f"INSERT INTO posts VALUES ({','.join('?' * len(posts[0]))})",
                                   [(f"{p[0]}#{i}", *p[1:]) for p in posts])
            store.conn.executemany(f"INSERT INTO analyses VALUES ({','.join('?' * len(analyses[0]))})",
                                   [(f"{a[0]}#{i}", *a[1:]) for a in analyses])


def _write_overhead(target: Path) -> dict:
    """Seconds to rewrite every analysis (a changed record) with and without the typed-table triggers."""
    with Store(target) as store:
        rows = store.conn.execute("SELECT post_id, record FROM analyses").fetchall()

        def rewrite() -> None:
            with store.transaction():
                store.conn.executemany("UPDATE analyses SET record = ? WHERE post_id = ?", [(r + " ", p) for p, r in rows])

        with_triggers = _seconds(rewrite)
        with store.transaction():
            triggers = store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
            for name, _ in triggers:
                store.conn.execute(f"DROP TRIGGER {name}")
        without = _seconds(rewrite)
        with store.transaction():
            for _, sql in triggers:
                store.conn.execute(sql)
    return {"rewrite_all_analyses_s": without, "rewrite_with_typed_tables_s": with_triggers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    args = parser.parse_args()
    result: dict = {"benchmark": "research_api", **_pipeline_costs()}
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.sqlite"
        with Corpus(sample) as corpus:
            corpus.ingest([str(ROOT / "corpus" / "sample-blog.xml")])
        big = Path(folder) / "big.sqlite"
        _big_store(sample, big, args.posts)
        with sqlite3.connect(big) as conn:
            result["posts"] = conn.execute("SELECT count(*) FROM posts").fetchone()[0]
            result["claims"] = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
            result["actor_mentions"] = conn.execute("SELECT count(*) FROM actor_mentions").fetchone()[0]
        result.update(_write_overhead(big))
        size_before = big.stat().st_size
        with sqlite3.connect(big) as conn:
            store_tables._drop(conn)
            conn.execute("DELETE FROM meta WHERE key = 'typed_tables_version'")
        conn = sqlite3.connect(big, isolation_level=None)
        conn.execute("VACUUM")
        conn.close()
        size_without = big.stat().st_size
        result["migration_s"] = _seconds(lambda: Store(big).close())
        result["file_mb_without_tables"] = round(size_without / 2**20, 1)
        result["file_mb_with_tables"] = round(size_before / 2**20, 1)
        with Corpus(big, readonly=True) as corpus:
            for name, read in (("posts", corpus.posts), ("claims", corpus.claims), ("citations", corpus.citations),
                               ("actors_canonical", lambda: corpus.actors("canonical"))):
                result[f"frame_{name}_s"] = _seconds(read)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
