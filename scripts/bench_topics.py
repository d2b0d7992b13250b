"""Benchmark textmine's topic methods: LDA vs NMF on 10kGNAD, and fit cost at 1k and 10k posts.

    python scripts/bench_topics.py [--seeds 1-3] [--sizes 1000,10000] [--k 9]
    python scripts/bench_topics.py --peer tomotopy [--seeds 1-3] [--k 9]

Part 1 scores both methods on 10kGNAD's 1,028 articles against the nine sections (NMI, ARI, c_v,
fit time, peak RSS). Part 2 times fits on 1k and 10k posts built by repeating the 10kGNAD term
lists (topics only see term lists, so repetition measures the model's cost at that size; scores
are not meaningful there). Every fit runs on one thread in its own forked process. Part 3 runs
the user's command, ``textmine topics --k 9``, on a store of that many posts (terms written as
ingest writes them) and reports its wall time and the command's whole peak RSS. Prints tables
and ends with one JSON line. Needs ../shared/datasets/10kgnad-test.csv.

``--peer tomotopy`` runs only the comparison with tomotopy (a dev extra): per seed, in the same
run and on the same stored 10kGNAD terms, the whole ``textmine topics --k K`` command against
tomotopy's LDA (1,000 Gibbs iterations, one thread), each in its own child; prints both times,
their ratio and both NMIs against the nine sections. The ratio is taken against tomotopy's
training alone (the stricter reading); its whole child, imports included, is printed too.
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


#: tomotopy's LDA on the stored terms, in a child: prints JSON with the train time and the dominant topics.
_TOMOTOPY = (
    "import json, sys, time\n"
    "import tomotopy as tp\n"
    "from textmine.store import Store\n"
    "db, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])\n"
    "with Store(db, readonly=True) as store:\n"
    "    rows = list(store.terms())\n"
    "started = time.perf_counter()\n"
    "model = tp.LDAModel(k=k, seed=seed)\n"
    "kept = [pid for pid, _, terms in rows if terms and model.add_doc(terms) is not None]\n"
    "model.train(1000, workers=1)\n"
    "train_s = time.perf_counter() - started\n"
    "dominant = {pid: max(range(k), key=doc.get_topic_dist().__getitem__) for pid, doc in zip(kept, model.docs)}\n"
    "print(json.dumps({'train_s': train_s, 'dominant': dominant}))\n"
)


def store_of_terms(folder: Path, ids: list[str], terms: list[list[str]]) -> Path:
    """A store holding ``terms`` as ingest writes them, one post per id."""
    from textmine.store.database import Store

    db = folder / "terms.sqlite"
    with Store(db) as store, store.transaction():
        for i, (post_id, post_terms) in enumerate(zip(ids, terms)):
            digest = hashlib.sha1(post_id.encode()).hexdigest()
            store.upsert_post({"id": post_id, "url": None, "title": f"Beitrag {i}", "author": None,
                               "published": None, "categories": [], "paragraphs": ["…"], "content_hash": digest},
                              feed="bench", language="de")
            store.save_analysis(post_id, digest, "bench", {}, post_terms)
    return db


def versus_tomotopy(terms: list[list[str]], labels: list[str], seeds: list[int], k: int) -> dict[str, Any]:
    """The CLI's ``topics --k K`` and tomotopy's LDA on the same stored terms, alternating per seed."""
    from sklearn.metrics import normalized_mutual_info_score

    ids = [f"gnad-{i}" for i in range(len(terms))]
    gold = dict(zip(ids, labels))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        db = store_of_terms(Path(folder), ids, terms)
        for seed in seeds:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "textmine", "topics", "--k", str(k), "--seed", str(seed),
                                   "--json", "--db", str(db)], capture_output=True, text=True, check=True)
            cli_s = time.perf_counter() - started
            posts = json.loads(done.stdout)["posts"]
            cli_nmi = normalized_mutual_info_score([gold[p["id"]] for p in posts], [p["topic"] for p in posts])
            started = time.perf_counter()
            peer = subprocess.run([sys.executable, "-c", _TOMOTOPY, str(db), str(k), str(seed)],
                                  capture_output=True, text=True, check=True)
            peer_s = time.perf_counter() - started
            result = json.loads(peer.stdout)
            dominant = result["dominant"]
            peer_nmi = normalized_mutual_info_score([gold[p] for p in ids], [dominant.get(p, -1) for p in ids])
            rows.append({"seed": seed, "cli_s": round(cli_s, 2), "tomotopy_train_s": round(result["train_s"], 2),
                         "tomotopy_process_s": round(peer_s, 2), "ratio": round(cli_s / result["train_s"], 2),
                         "cli_nmi": round(cli_nmi, 4), "tomotopy_nmi": round(peer_nmi, 4)})
            print(rows[-1], flush=True)
    return {"rows": rows, "ratio_mean": round(sum(r["ratio"] for r in rows) / len(rows), 2),
            "cli_nmi_mean": round(sum(r["cli_nmi"] for r in rows) / len(rows), 4),
            "tomotopy_nmi_mean": round(sum(r["tomotopy_nmi"] for r in rows) / len(rows), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-3")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--k", type=int, default=9)
    parser.add_argument("--peer", choices=["tomotopy"], default=None,
                        help="only compare `textmine topics` with this library on the same stored terms")
    args = parser.parse_args(argv)
    labels, texts = read_gnad()
    terms_by_mode, terms_s = gnad_terms(texts)
    terms = next(iter(terms_by_mode.values()))  # doc_terms with textmine's defaults
    if args.peer:
        try:
            import tomotopy  # noqa: F401
        except ImportError:
            raise SystemExit("error: tomotopy is not installed\nhint: pip install -e '.[dev]' (or pip install tomotopy)")
        peer = versus_tomotopy(terms, labels, parse_seeds(args.seeds), args.k)
        print(f"\n`textmine topics --k {args.k}` vs tomotopy LDA (1,000 iterations, one thread), same stored terms")
        print("| seed | textmine s | tomotopy train s | ratio | textmine NMI | tomotopy NMI |\n|---|---|---|---|---|---|")
        for row in peer["rows"]:
            print(f"| {row['seed']} | {row['cli_s']} | {row['tomotopy_train_s']} | {row['ratio']} | {row['cli_nmi']} | {row['tomotopy_nmi']} |")
        print(json.dumps({"k": args.k, "peer": "tomotopy", **peer}))
        return 0

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
