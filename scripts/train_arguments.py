"""Train the argument sentence model shipped in textmine/data/models/arguments/ (claim / critique / none).

Usage (from the repository root):
    python scripts/train_arguments.py [--data ../shared/datasets/blog-args/train.jsonl] [--out DIR]
        [--extra FILE_OR_GLOB ...] [--fraction 0.5] [--c 1 2] [--dry-run]
``--extra`` (repeatable, globs such as '/work/annot/*.jsonl' allowed) adds further excerpts in the
blog-args format to every training fold and to the final fit, never to a validation fold, so the
validation figures stay comparable; ``--fraction`` trains on that share of each training fold (a
learning curve on the same validation folds).
Whole excerpts stay together: 5-fold cross-validation by excerpt gives every sentence a held-out
probability, on which C (``--c``, several values to compare; 2.0 won among 0.5-4 on a 20 % split) and
the decision offsets are chosen; then the model is refitted on all excerpts and saved as plain arrays
(no pickle). Never train on the development gold (corpus/real-blogs).
"""
from __future__ import annotations

import argparse
import glob
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
    parser.add_argument("--c", type=float, nargs="*", default=[1.0, 2.0], help="C values to compare")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--extra", action="append", default=[], metavar="FILE_OR_GLOB",
                        help="further blog-args style files for training only (repeatable; globs allowed)")
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the training excerpts to use (0-1]")
    parser.add_argument("--dry-run", action="store_true", help="measure on the validation split, save nothing")
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 1:
        print(f"error: --fraction {args.fraction} is not in (0, 1]", file=sys.stderr)
        return 2
    extra: list[Path] = []
    for pattern in args.extra:
        found = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not found or not all(Path(f).is_file() for f in found):
            print(f"error: extra training data {pattern} not found", file=sys.stderr)
            print("hint: pass --extra FILE.jsonl or a quoted glob such as '/work/annot/*.jsonl'", file=sys.stderr)
            return 2
        extra += [Path(f) for f in found]
    if not args.data.exists():
        print(f"error: training data {args.data} not found", file=sys.stderr)
        print("hint: pass --data PATH to a blog-args style train.jsonl", file=sys.stderr)
        return 2
    if any("real-blogs" in str(p) for p in [args.data, *extra]):
        print("error: real-blogs is the development gold; never train on it", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        meta = argument_training.train(args.data, None if args.dry_run else args.out, cs=args.c, folds=args.folds,
                                       log=lambda m: print(m, flush=True), extra=extra, fraction=args.fraction)
    except (ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        print("hint: every file must hold blog-args style excerpts (see ../shared/datasets/blog-args/README.md)",
              file=sys.stderr)
        return 2
    print(json.dumps(meta["validation"], ensure_ascii=False))
    print(f"{'measured' if args.dry_run else 'saved to ' + str(args.out)} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
