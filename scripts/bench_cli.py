"""Time to exit of the commands that analyse nothing (goal: under 1 s each on a 2-core laptop).

Each command runs as a user runs it (``python -m textmine …`` in a fresh process) against a store
of the sample blog; the median of several runs is printed, next to the time it takes to load the
analysis pipeline, which these commands must not pay. Ends with one JSON line.

    python scripts/bench_cli.py [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample-blog.xml"
GOAL_S = 1.0


def timed(args: list[str], cwd: Path, stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=cwd, input=stdin, text=True, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, "-m", "textmine", "ingest", str(SAMPLE)], cwd=work, check=True,
                       capture_output=True)
        (work / "bomb.xml").write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>',
                                       encoding="utf-8")
        (work / "empty.xml").write_bytes(b"")
        cases = {
            "--help": ["--help"],
            "info": ["info"],
            "claims": ["claims"],
            "critiques --count target": ["critiques", "--count", "target"],
            "citations --by author": ["citations", "--by", "author"],
            "actors": ["actors"],
            "export --format jsonl": ["export", "--format", "jsonl"],
            "runs": ["runs"],
            "ingest (nothing new)": ["ingest", str(SAMPLE)],
            "ingest (refused feed)": ["ingest", "bomb.xml"],
            "ingest (empty feed)": ["ingest", "empty.xml"],
        }
        reference = ["-c", "import textmine; textmine.load_pipeline()"]
        medians = {}
        for name, command in {**cases, "(reference) load the pipeline": reference}.items():
            argv = command if name.startswith("(reference)") else ["-m", "textmine", *command]
            times = [timed(argv, work) for _ in range(args.runs)]
            medians[name] = round(statistics.median(times), 3)
            print(f"{name:34s} median {medians[name]:.2f} s  [{min(times):.2f}–{max(times):.2f}]", flush=True)
    slowest = max(value for key, value in medians.items() if not key.startswith("(reference)"))
    print(json.dumps({"benchmark": "cli_start", "runs": args.runs, "median_s": medians,
                      "slowest_s": slowest, "goal_s": GOAL_S, "ok": slowest < GOAL_S}))


if __name__ == "__main__":
    main()
