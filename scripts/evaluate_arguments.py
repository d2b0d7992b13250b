"""Evaluate textmine's claims/critiques against a gold JSONL file (default gold/arguments.jsonl).

Usage (from the repository root):
    python scripts/evaluate_arguments.py [GOLD.jsonl] [--model NAME]
Prints precision/recall for claims and critiques, critic accuracy, the share of non-arguments kept
out, and a final JSON line with all figures. The gold format is documented in
textmine/evaluation/arguments.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textmine.evaluation import arguments as arguments_eval  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=arguments_eval.REPO_ROOT / "gold" / "arguments.jsonl")
    parser.add_argument("--model", default=None, help="spaCy model to load instead of textmine's default")
    parser.add_argument("--errors", action="store_true", help="list the sentences the component gets wrong")
    args = parser.parse_args(argv)
    from textmine.nlp.pipeline import load_pipeline

    errors: list[dict] | None = [] if args.errors else None
    figures = arguments_eval.evaluate_arguments(args.gold, nlp=load_pipeline(args.model), errors=errors)
    for error in errors or []:
        print(f"{error['gold']:>8} -> {error['predicted']:<8} {error['who']!s:>10} -> {error['predicted_who']!s:<12} "
              f"{error['post_id'][-6:]}@{error['start']}: {error['sentence']}")
    for name in ("claims", "critiques"):
        f = figures[name]
        print(f"{name:<10} precision {f['precision']}  recall {f['recall']}  (gold {f['gold']})")
    print(f"critic accuracy {figures['critic_accuracy']}  holder accuracy {figures['holder_accuracy']}  "
          f"target accuracy {figures['target_accuracy']}")
    print(f"arguments (claim or critique) recall {figures['arguments_recall']}")
    print(f"non-arguments kept out {figures['non_arguments_kept_out']}  "
          f"clear non-arguments kept out {figures['clear_non_arguments_kept_out']}")
    if figures["counts"]["misaligned"]:
        print(f"warning: {figures['counts']['misaligned']} gold sentences could not be aligned", file=sys.stderr)
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
