"""Ingest throughput and peak memory for generated feeds of 1k, 10k and 50k posts.

Each size runs in a fresh subprocess (so peak RSS is its own): reading + cleaning + storing
(`--no-analyze`; the analysis is measured by bench_pipeline.py), then a second ingest of the
unchanged feed, whose cost should be a small fraction of the first. Ends with one JSON line.

    python scripts/bench_ingest.py [--sizes 1000,10000,50000]
    python scripts/bench_ingest.py --analyze [--sizes 1000,10000]

``--analyze`` measures what a user runs, ``textmine ingest FEED`` with the analysis, in a child
per feed: its peak RSS (VmHWM, the whole command) on the 10kGNAD feed (1,028 articles, needs
../shared) and on generated feeds of each size with one paragraph per post (the analysis costs
per word: short posts keep the 10k run to minutes), and the growth from the smallest to the largest.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _benchdata import benchmark_texts, write_feed  # noqa: E402

CHILD = """
import json, resource, sys, time
from textmine.corpus import Corpus
feed, db = sys.argv[1], sys.argv[2]
with Corpus(db) as corpus:
    t = time.perf_counter(); first = corpus.ingest([feed], analyze=False); t1 = time.perf_counter() - t
    t = time.perf_counter(); second = corpus.ingest([feed], analyze=False); t2 = time.perf_counter() - t
print(json.dumps({"first_s": t1, "second_s": t2, "new": first.total("new"), "unchanged": second.total("unchanged"),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


#: ``textmine ingest`` in a child that prints its own peak RSS (MiB) last, on stderr. VmHWM, not
#: ru_maxrss: Linux keeps ru_maxrss across exec, so it would report the (larger) parent.
CLI_WITH_PEAK = (
    "import sys\n"
    "from textmine.cli import app\n"
    "try:\n    app(sys.argv[1:], prog_name='textmine')\n"
    "finally:\n"
    "    peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
    "    print(int(peak[0]) / 1024 if peak else 'nan', file=sys.stderr)\n"
)


def ingest_with_analysis(feed: Path, db: Path, workers: int = 1) -> dict:
    """``textmine ingest FEED`` with the analysis: seconds and the command's peak RSS (MiB)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CLI_WITH_PEAK, "ingest", str(feed), "--db", str(db),
                           "--workers", str(workers), "--json"], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    summary = json.loads(done.stdout[:done.stdout.rindex("}") + 1])
    return {"seconds": round(seconds, 1), "analysed": summary["analysed"],
            "peak_rss_mb": round(float(done.stderr.strip().splitlines()[-1]), 1)}


def main_analyze(sizes: list[int]) -> None:
    texts, source = benchmark_texts(300)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        from gnad_end_to_end import GNAD, write_gnad_feed

        if GNAD.exists():
            feed = Path(tmp) / "gnad.xml"
            write_gnad_feed(feed)
            rows.append({"feed": "10kGNAD", **ingest_with_analysis(feed, Path(tmp) / "gnad.sqlite")})
            print(rows[-1], flush=True)
        for size in sizes:
            feed = write_feed(Path(tmp) / f"short-{size}.xml", size, texts, per_post=(1, 1))
            rows.append({"feed": f"{size} generated posts", "posts": size,
                         **ingest_with_analysis(feed, Path(tmp) / f"short-{size}.sqlite")})
            print(rows[-1], flush=True)
    generated = [row for row in rows if "posts" in row]
    growth = generated[-1]["peak_rss_mb"] / generated[0]["peak_rss_mb"] if len(generated) > 1 else None
    print("| feed | analysed | seconds | peak RSS MB |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row['feed']} | {row['analysed']} | {row['seconds']} | {row['peak_rss_mb']} |")
    print(json.dumps({"source": source, "analyze": True, "rows": rows,
                      "memory_growth": round(growth, 3) if growth else None}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--analyze", action="store_true", help="ingest with the analysis through the CLI")
    args = parser.parse_args()
    if args.analyze:
        main_analyze([int(s) for s in (args.sizes or "1000,10000").split(",")])
        return
    sizes = [int(s) for s in (args.sizes or "1000,10000,50000").split(",")]
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
