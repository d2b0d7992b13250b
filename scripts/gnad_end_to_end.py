"""10kGNAD through the real command line: feed -> `textmine ingest` -> `textmine topics --json`.

Turns the 1,028 labelled news articles of ../shared/datasets/10kgnad-test.csv into an RSS feed
(in a temporary folder: the data is non-commercial and never enters the repository), ingests it,
fits topics exactly as a user would, and scores the dominant topics against the nine sections.
Prints NMI, ARI, coherence and times, then one JSON line.

    python scripts/gnad_end_to_end.py [--k 9] [--seed 1] [--method lda]
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
GNAD = ROOT.parent / "shared" / "datasets" / "10kgnad-test.csv"


def write_gnad_feed(path: Path) -> dict[str, str]:
    """Write the articles as RSS items; returns guid -> section label."""
    labels: dict[str, str] = {}
    with GNAD.open(encoding="utf-8") as handle, path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>10kGNAD</title>\n')
        for i, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'")):
            if len(row) < 2:
                continue
            label, text = row[0], row[1]
            guid = f"gnad-{i}"
            labels[guid] = label
            title = html.escape(" ".join(text.split()[:8]))
            out.write(f"<item><guid>{guid}</guid><title>{title}</title>"
                      f"<description>{html.escape('<p>' + html.escape(text) + '</p>')}</description></item>\n")
        out.write("</channel></rss>\n")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--k", default="9")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--method", default=None)
    args = parser.parse_args()
    if not GNAD.exists():
        sys.exit(f"error: {GNAD} not found (needs ../shared/datasets)")
    with tempfile.TemporaryDirectory() as tmp:
        feed, db = Path(tmp) / "gnad.xml", Path(tmp) / "gnad.sqlite"
        labels = write_gnad_feed(feed)
        start = time.perf_counter()
        subprocess.run(["textmine", "ingest", str(feed), "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
        ingest_s = time.perf_counter() - start
        command = ["textmine", "topics", "--k", args.k, "--seed", args.seed, "--json", "--db", str(db)]
        if args.method:
            command += ["--method", args.method]
        start = time.perf_counter()
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        topics_s = time.perf_counter() - start
    result = json.loads(out)
    gold = [labels[p["id"]] for p in result["posts"]]
    predicted = [p["topic"] for p in result["posts"]]
    figures = {
        "posts": len(gold), "k": result["k"], "method": result["method"], "seed": int(args.seed),
        "nmi": round(normalized_mutual_info_score(gold, predicted), 4),
        "ari": round(adjusted_rand_score(gold, predicted), 4),
        "c_v": result["coherence"].get("c_v"), "c_npmi": result["coherence"].get("c_npmi"),
        "ingest_s": round(ingest_s, 1), "topics_s": round(topics_s, 1),
    }
    for topic in result["topics"]:
        print(f"topic {topic['id']:>2} {topic['share']:.3f} {topic['label']:<30} {', '.join(topic['terms'][:6])}")
    print(f"NMI {figures['nmi']}  ARI {figures['ari']}  c_v {figures['c_v']}  c_npmi {figures['c_npmi']}  "
          f"ingest {figures['ingest_s']} s  topics {figures['topics_s']} s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
