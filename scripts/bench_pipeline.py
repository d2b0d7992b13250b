"""Words per second: the bare German pipeline vs textmine's full analysis, and 2 workers vs 1.

Same model, same texts. "Full" is what ingest runs per post: the pipeline with textmine's
components, the JSON record and the topic terms. Prints a table and ends with one JSON line.

    python scripts/bench_pipeline.py [--limit 400]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _benchdata import benchmark_texts  # noqa: E402

from textmine.analysis.texts import analyze_texts, detect_language  # noqa: E402
from textmine.nlp.pipeline import TEXTMINE_COMPONENTS, load_pipeline  # noqa: E402


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=400, help="texts to use (default 400)")
    args = parser.parse_args()
    texts, source = benchmark_texts(args.limit)
    n_words = words(texts)
    full = load_pipeline()
    bare_names = [name for name in full.pipe_names if name not in TEXTMINE_COMPONENTS]
    items = [(str(i), None, t) for i, t in enumerate(texts)]
    # Ingest detects each post's language while it reads the feed and the analysis reads it from the
    # store: detected here before the clock starts (its cost is timed on its own line).
    start = time.perf_counter()
    languages = {item_id: detect_language(text) for item_id, _, text in items}
    language_s = time.perf_counter() - start
    # warm-up (lazy loads: classifier)
    list(analyze_texts(full, items[:5], languages=languages))
    with full.select_pipes(enable=bare_names):
        bare_s = timed(lambda: list(full.pipe(texts, batch_size=16)))
    full_s = timed(lambda: list(analyze_texts(full, items, batch_size=16, languages=languages)))
    two_s = timed(lambda: list(analyze_texts(full, items, batch_size=16, n_process=2, languages=languages)))
    result = {
        "texts": len(texts), "words": n_words, "source": source, "cores": os.cpu_count(),
        "bare_wps": round(n_words / bare_s), "full_wps": round(n_words / full_s),
        "ratio": round(bare_s / full_s, 3), "language_id_wps": round(n_words / language_s), "workers2_wps": round(n_words / two_s),
        "workers2_speedup": round(full_s / two_s, 3), "pipeline": full.pipe_names,
    }
    print(f"texts: {len(texts)} ({source}), words: {n_words}")
    print(f"{'bare pipeline':<28}{result['bare_wps']:>10} words/s  ({', '.join(bare_names)})")
    print(f"{'full analysis, 1 worker':<28}{result['full_wps']:>10} words/s  ratio {result['ratio']:.2f}")
    print(f"{'language id (at ingest)':<28}{result['language_id_wps']:>10} words/s")
    print(f"{'full analysis, 2 workers':<28}{result['workers2_wps']:>10} words/s  speedup {result['workers2_speedup']:.2f}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
