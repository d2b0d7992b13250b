"""Ingest throughput and peak memory for generated feeds of 1k, 10k and 50k posts.

Each size runs in a fresh subprocess (so peak RSS is its own): reading + cleaning + storing
(`--no-analyse`; the analysis is measured by bench_pipeline.py), then a second ingest of the
unchanged feed, whose cost should be a small fraction of the first. Ends with one JSON line.

    python scripts/bench_ingest.py [--sizes 1000,10000,50000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _benchdata import benchmark_texts, write_feed  # noqa: E402

CHILD = """
import json, resource, sys, time
from textmine.corpus import Corpus
feed, db = sys.argv[1], sys.argv[2]
with Corpus(db) as corpus:
    t = time.perf_counter(); first = corpus.ingest([feed], analyse=False); t1 = time.perf_counter() - t
    t = time.perf_counter(); second = corpus.ingest([feed], analyse=False); t2 = time.perf_counter() - t
print(json.dumps({"first_s": t1, "second_s": t2, "new": first.total("new"), "unchanged": second.total("unchanged"),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    texts, source = benchmark_texts(300)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            feed = write_feed(Path(tmp) / f"feed-{size}.xml", size, texts)
            db = Path(tmp) / f"db-{size}.sqlite"
            out = subprocess.run([sys.executable, "-c", CHILD, str(feed), str(db)], capture_output=True, text=True, check=True)
            data = json.loads(out.stdout.strip().splitlines()[-1])
            row = {"posts": size, "feed_mb": round(feed.stat().st_size / 1e6, 1),
                   "posts_per_s": round(size / data["first_s"]), "peak_rss_mb": round(data["peak_rss_mb"], 1),
                   "reingest_share": round(data["second_s"] / data["first_s"], 3), "new": data["new"],
                   "unchanged_second": data["unchanged"]}
            rows.append(row)
            print(f"{size:>7} posts  {row['feed_mb']:>6} MB  {row['posts_per_s']:>6} posts/s  peak {row['peak_rss_mb']:>7} MB  "
                  f"re-ingest {row['reingest_share']:.1%} of first")
    growth = rows[-1]["peak_rss_mb"] / rows[0]["peak_rss_mb"] if rows else None
    print(json.dumps({"source": source, "rows": rows, "memory_growth": round(growth, 3) if growth else None}))


if __name__ == "__main__":
    main()
