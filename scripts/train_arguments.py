"""Train the argument sentence model shipped in textmine/data/models/arguments/ (claim / critique / none).

Usage (from the repository root):
    python scripts/train_arguments.py [--data ../shared/datasets/blog-args/train.jsonl] [--out DIR]
Whole excerpts stay together: 5-fold cross-validation by excerpt gives every sentence a held-out
probability, on which C (``--c``, several values to compare; 2.0 won among 0.5-4 on a 20 % split) and
the decision offsets are chosen; then the model is refitted on all excerpts and saved as plain arrays
(no pickle). Never train on the development gold (corpus/real-blogs).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.nlp.arguments import training as argument_training  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "blog-args" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "textmine" / "data" / "models" / "arguments")
    parser.add_argument("--c", type=float, nargs="*", default=[2.0], help="C values to compare")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dry-run", action="store_true", help="measure on the validation split, save nothing")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: training data {args.data} not found", file=sys.stderr)
        print("hint: pass --data PATH to a blog-args style train.jsonl", file=sys.stderr)
        return 2
    if "real-blogs" in str(args.data):
        print("error: real-blogs is the development gold; never train on it", file=sys.stderr)
        return 2
    started = time.perf_counter()
    meta = argument_training.train(args.data, None if args.dry_run else args.out, cs=args.c, folds=args.folds,
                                   log=lambda m: print(m, flush=True))
    print(json.dumps(meta["validation"], ensure_ascii=False))
    print(f"{'measured' if args.dry_run else 'saved to ' + str(args.out)} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
