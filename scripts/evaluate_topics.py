"""Evaluate textmine's topic models on 10kGNAD: do the dominant topics recover the nine sections?

Runs textmine's own path (load_pipeline -> doc_terms -> fit_topics) on
../shared/datasets/10kgnad-test.csv (1,028 news articles; CC BY-NC-SA, read in place, never
copied) and prints NMI, ARI, c_v, c_npmi, fit time and peak memory (growth of resident memory during the fit) per method and seed, then one
JSON line with everything.

    python scripts/evaluate_topics.py [--methods lda,nmf] [--seeds 1-5] [--k 9] [--persons cited,drop,keep]
    python scripts/evaluate_topics.py --choose-k auto [--resamples 3]

``--persons`` compares ways of treating person names in ``doc_terms`` (default: textmine's).
``--choose-k`` runs the ``--k auto`` sweep (``textmine.topics.model.choose_k``) instead and prints its
curve, the chosen k and the sweep's time. Each fit runs in a forked child process on one thread,
so its time and peak RSS are its own.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: comparable timings, fair on a shared machine

import argparse
import csv
import json
import multiprocessing
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GNAD = ROOT.parent / "shared" / "datasets" / "10kgnad-test.csv"


def read_gnad(path: Path = GNAD) -> tuple[list[str], list[str]]:
    """Labels and texts of the 10kGNAD file (``label;'text'``)."""
    if not path.exists():
        raise SystemExit(f"{path} not found: this evaluation needs ../shared/datasets/10kgnad-test.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    return [label for label, _ in rows], [text for _, text in rows]


def gnad_terms(texts: list[str], persons: tuple[str, ...] = ()) -> tuple[dict[str, list[list[str]]], float]:
    """doc_terms of every text through textmine's pipeline per ``persons`` mode ("" = default), and the seconds."""
    from textmine.nlp.pipeline import load_pipeline
    from textmine.nlp.terms import DEFAULT_PERSONS, doc_terms

    modes = persons or (DEFAULT_PERSONS,)
    nlp = load_pipeline()
    started = time.perf_counter()
    terms: dict[str, list[list[str]]] = {mode: [] for mode in modes}
    for doc in nlp.pipe(texts, batch_size=64):
        for mode in modes:
            terms[mode].append(doc_terms(doc, persons=mode))
    return terms, time.perf_counter() - started


def _peak_rss_mib(field: str = "VmHWM") -> float | None:
    """Peak (VmHWM) or current (VmRSS) resident memory of this process in MiB (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _reset_peak_rss() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux: reset VmHWM to the current RSS
    except OSError:
        return None


def _child(job: Callable[[], dict[str, Any]], queue: Any) -> None:
    _reset_peak_rss()
    before = _peak_rss_mib("VmRSS")
    started = time.perf_counter()
    result = job()
    result["fit_s"] = round(time.perf_counter() - started, 2)
    peak = _peak_rss_mib()
    # The forked child inherits the parent's pages (spaCy pipeline, texts): report the fit's growth.
    result["peak_rss_mib"] = round(peak - before, 1) if peak is not None and before is not None else None
    queue.put(result)


def measured(job: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``job`` in a forked child; its result plus fit seconds and peak RSS (MiB)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(job, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def evaluate(terms: list[list[str]], labels: list[str], method: str, seed: int, k: int, persons: str | None = None) -> dict[str, Any]:
    """One fit scored against the labels."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from textmine.topics.model import fit_topics

    def job() -> dict[str, Any]:
        model = fit_topics(terms, k, method=method, seed=seed)
        return {
            "method": method,
            "persons": persons,
            "seed": seed,
            "k": k,
            "nmi": round(normalized_mutual_info_score(labels, model.dominant), 4),
            "ari": round(adjusted_rand_score(labels, model.dominant), 4),
            "c_v": model.coherence["c_v"],
            "c_npmi": model.coherence["c_npmi"],
            "labels": [topic["label"] for topic in model.topics],
        }

    return measured(job)


def summarise(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Mean, min and max of the scores per method."""
    summary: dict[str, dict[str, float]] = {}
    for method in sorted({_group(row) for row in rows}):
        mine = [row for row in rows if _group(row) == method]
        summary[method] = {"runs": len(mine)}
        for key in ("nmi", "ari", "c_v", "c_npmi", "fit_s", "peak_rss_mib"):
            values = [row[key] for row in mine if row[key] is not None]
            if values:
                summary[method][f"{key}_mean"] = round(statistics.mean(values), 4)
                summary[method][f"{key}_min"] = round(min(values), 4)
                summary[method][f"{key}_max"] = round(max(values), 4)
    return summary


def _group(row: dict[str, Any]) -> str:
    """Summary key: the method, plus the persons mode when several were compared."""
    return f"{row['method']}/{row['persons']}" if row.get("persons") else row["method"]


def choose_k_curve(terms: list[list[str]], grid: str, seed: int, resamples: int) -> dict[str, Any]:
    """The ``--k auto`` sweep on the default method: curve rows, chosen k, seconds."""
    from textmine.topics.model import CHOOSE_K_RULE, DEFAULT_METHOD, choose_k, parse_k

    ks = parse_k(grid, n_docs=len(terms))

    def job() -> dict[str, Any]:
        best, rows = choose_k(terms, ks, method=DEFAULT_METHOD, seed=seed, resamples=resamples)
        return {"method": DEFAULT_METHOD, "rule": CHOOSE_K_RULE, "chosen_k": best, "curve": rows}

    return measured(job)


def parse_seeds(text: str) -> list[int]:
    if "-" in text:
        start, end = text.split("-", 1)
        return list(range(int(start), int(end) + 1))
    return [int(part) for part in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", default="lda,nmf")
    parser.add_argument("--seeds", default="1-5", help="e.g. 1-5 or 1,3")
    parser.add_argument("--k", type=int, default=9)
    parser.add_argument("--persons", default="", help="compare doc_terms person modes, e.g. cited,drop,keep")
    parser.add_argument("--choose-k", default="", metavar="GRID", help="run the k sweep instead, e.g. auto or 5:20:5")
    parser.add_argument("--resamples", type=int, default=3, help="resamples per k for --choose-k")
    args = parser.parse_args(argv)
    labels, texts = read_gnad()
    modes = tuple(mode for mode in args.persons.split(",") if mode)
    terms_by_mode, terms_s = gnad_terms(texts, modes)
    first = next(iter(terms_by_mode.values()))
    print(f"10kGNAD: {len(texts)} articles, {sum(map(len, first))} terms via doc_terms in {terms_s:.1f} s", flush=True)
    if args.choose_k:
        result = choose_k_curve(first, args.choose_k, parse_seeds(args.seeds)[0], args.resamples)
        print(f"{'k':>3} {'c_v':>6} {'c_npmi':>7} {'stability':>9} {'diversity':>9} chosen")
        for row in result["curve"]:
            print(f"{row['k']:>3} {row['c_v']:6.3f} {row['c_npmi']:7.3f} {row['stability']:9.3f} {row['diversity']:9.3f} "
                  f"{'<-' if row['chosen'] else ''}")
        print(f"chosen k={result['chosen_k']} ({result['rule']}); sweep {result['fit_s']:.0f} s, "
              f"peak {result['peak_rss_mib'] or 0:.0f} MiB")
        print(json.dumps({"dataset": "10kgnad-test", "docs": len(texts), **result}, ensure_ascii=False))
        return 0
    rows = []
    header = f"{'method':6} {'persons':7} {'seed':>4} {'NMI':>6} {'ARI':>6} {'c_v':>6} {'c_npmi':>7} {'fit s':>6} {'peak MiB':>8}"
    print(header)
    for mode, terms in terms_by_mode.items():
        for method in args.methods.split(","):
            for seed in parse_seeds(args.seeds):
                row = evaluate(terms, labels, method, seed, args.k, mode if modes else None)
                rows.append(row)
                print(
                    f"{method:6} {mode:7} {seed:>4} {row['nmi']:6.3f} {row['ari']:6.3f} {row['c_v']:6.3f} {row['c_npmi']:7.3f} "
                    f"{row['fit_s']:6.1f} {row['peak_rss_mib'] or 0:8.0f}",
                    flush=True,
                )
    summary = summarise(rows)
    for method, values in summary.items():
        print(f"{method}: NMI mean {values['nmi_mean']:.3f} (min {values['nmi_min']:.3f}, max {values['nmi_max']:.3f}), "
              f"ARI mean {values['ari_mean']:.3f}, c_v mean {values['c_v_mean']:.3f}, fit {values['fit_s_mean']:.1f} s")
    print(json.dumps({"dataset": "10kgnad-test", "docs": len(texts), "k": args.k, "terms_s": round(terms_s, 1),
                      "summary": summary, "runs": rows}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
