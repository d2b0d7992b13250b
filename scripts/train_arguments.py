"""Train the argument sentence classifier shipped in textmine/data/models/arguments/.

Usage (from the repository root):
    python scripts/train_arguments.py                  # CIMT in ../shared/datasets/cimt, 5-fold grouped CV
    python scripts/train_arguments.py --gold my.jsonl  # retrain with your own gold sentences added
Options: --out DIR (default textmine/data/models/arguments), --folds N, --cimt DIR.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textmine.evaluation import arguments as arguments_eval  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=arguments_eval.REPO_ROOT / "textmine" / "data" / "models" / "arguments")
    parser.add_argument("--cimt", type=Path, default=arguments_eval.CIMT_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--gold", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.gold is not None:
        meta = arguments_eval.train_arguments(args.gold, args.out, cimt_dir=args.cimt)
    else:
        if not args.cimt.exists():
            print(f"CIMT not found at {args.cimt}", file=sys.stderr)
            return 2
        meta = arguments_eval.train_cimt(args.out, args.cimt, folds=args.folds,
                                         log=lambda m: print(m, flush=True))
    print(json.dumps(meta.get("cross_validation", meta), ensure_ascii=False))
    print(f"saved to {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
