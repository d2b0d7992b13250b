"""Benchmark textmine's topic methods: LDA vs NMF on 10kGNAD, and fit cost at 1k and 10k posts.

    python scripts/bench_topics.py [--seeds 1-3] [--sizes 1000,10000] [--k 9]

Part 1 scores both methods on 10kGNAD's 1,028 articles against the nine sections (NMI, ARI, c_v,
fit time, peak RSS). Part 2 times fits on 1k and 10k posts built by repeating the 10kGNAD term
lists (topics only see term lists, so repetition measures the model's cost at that size; scores
are not meaningful there). Every fit runs on one thread in its own forked process. Part 3 runs
the user's command, ``textmine topics --k 9``, on a store of that many posts (terms written as
ingest writes them) and reports its wall time and the command's whole peak RSS. Prints tables
and ends with one JSON line. Needs ../shared/datasets/10kgnad-test.csv.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_topics import evaluate, gnad_terms, measured, parse_seeds, read_gnad, summarise  # noqa: E402


def scaled(terms: list[list[str]], size: int) -> list[list[str]]:
    """``size`` term lists cycling through ``terms``."""
    return [terms[i % len(terms)] for i in range(size)]


def time_fit(terms: list[list[str]], method: str, k: int) -> dict[str, Any]:
    from textmine.topics.model import fit_topics

    def job() -> dict[str, Any]:
        model = fit_topics(terms, k, method=method, seed=1, coherence=False)
        return {"method": method, "docs": len(terms), "k": k, "vocabulary": len(model.dictionary)}

    return measured(job)


#: Runs the CLI in a child and prints its peak RSS (MiB) last, on stderr. VmHWM, not ru_maxrss:
#: Linux keeps ru_maxrss across exec, so it would report this (large) benchmark process.
_CLI_WITH_PEAK = (
    "import sys\n"
    "from textmine.cli import app\n"
    "try:\n    app(sys.argv[1:])\n"
    "finally:\n"
    "    peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
    "    print(int(peak[0]) / 1024 if peak else 'nan', file=sys.stderr)\n"
)


def cli_from_store(terms: list[list[str]], size: int, k: int) -> dict[str, Any]:
    """``textmine topics --k K`` on a store of ``size`` posts whose terms cycle through ``terms``."""
    from textmine.store.database import Store

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        with Store(db) as store, store.transaction():
            for i in range(size):
                post_id = f"bench-{i}"
                digest = hashlib.sha1(post_id.encode()).hexdigest()
                store.upsert_post({"id": post_id, "url": None, "title": f"Beitrag {i}", "author": None,
                                   "published": f"2024-{1 + i % 12:02d}-01", "categories": [], "paragraphs": ["…"],
                                   "content_hash": digest}, feed="bench", language="de")
                store.save_analysis(post_id, digest, "bench", {}, terms[i % len(terms)])
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _CLI_WITH_PEAK, "topics", "--k", str(k), "--seed", "1",
                               "--json", "--db", str(db)], capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
    return {"posts": size, "k": k, "cli_s": round(seconds, 1),
            "peak_rss_mib": round(float(done.stderr.strip().splitlines()[-1]), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-3")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--k", type=int, default=9)
    args = parser.parse_args(argv)
    labels, texts = read_gnad()
    terms_by_mode, terms_s = gnad_terms(texts)
    terms = next(iter(terms_by_mode.values()))  # doc_terms with textmine's defaults

    quality = [evaluate(terms, labels, method, seed, args.k) for method in ("lda", "nmf") for seed in parse_seeds(args.seeds)]
    summary = summarise(quality)
    print(f"\n10kGNAD ({len(texts)} articles, k={args.k}, seeds {args.seeds}; mean [min–max])")
    print("| method | NMI | ARI | c_v | c_npmi | fit s | peak MiB |\n|---|---|---|---|---|---|---|")
    for method, s in summary.items():
        print(
            f"| {method} | {s['nmi_mean']:.3f} [{s['nmi_min']:.3f}–{s['nmi_max']:.3f}] | {s['ari_mean']:.3f} "
            f"| {s['c_v_mean']:.3f} | {s['c_npmi_mean']:.3f} | {s['fit_s_mean']:.1f} | {s['peak_rss_mib_mean']:.0f} |"
        )

    scaling = []
    for size in [int(x) for x in args.sizes.split(",") if x]:
        for method in ("lda", "nmf"):
            scaling.append(time_fit(scaled(terms, size), method, args.k))
    print(f"\nFit cost (k={args.k}, one thread, no coherence; posts = repeated 10kGNAD term lists)")
    print("| posts | method | vocabulary | fit s | peak MiB |\n|---|---|---|---|---|")
    for row in scaling:
        print(f"| {row['docs']} | {row['method']} | {row['vocabulary']} | {row['fit_s']:.1f} | {row['peak_rss_mib'] or 0:.0f} |")

    from_store = [cli_from_store(terms, int(x), args.k) for x in args.sizes.split(",") if x]
    print(f"\n`textmine topics --k {args.k}` on a store of that many posts (whole command, default LDA)")
    print("| posts | wall s | peak RSS MiB |\n|---|---|---|")
    for row in from_store:
        print(f"| {row['posts']} | {row['cli_s']:.1f} | {row['peak_rss_mib']:.0f} |")

    for row in quality:
        row.pop("labels", None)
    print(json.dumps({"k": args.k, "terms_s": round(terms_s, 1), "quality": summary, "quality_runs": quality,
                      "scaling": scaling, "cli_from_store": from_store}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
