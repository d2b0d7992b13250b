"""Evaluate textmine's claims/critiques against a gold JSONL file (default gold/arguments.jsonl).

Usage (from the repository root):
    python scripts/evaluate_arguments.py --gold ../shared/corpus/real-blogs/gold.jsonl [--errors]
    python scripts/evaluate_arguments.py [GOLD.jsonl] [--model NAME]
A real-excerpt gold (``id`` + sentence units, texts in ``excerpts.jsonl`` beside it) prints claim,
critique and none P/R/F1, the 3-way macro F1, argumentative-vs-none macro F1, critic/holder/target
accuracy, a confusion matrix and a per-site breakdown (``textmine/evaluation/arguments.py``); a
post gold (``post_id``, format in ``textmine/evaluation/post_gold.py``) prints the older figures. Both end
with one JSON line holding every figure.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textmine.evaluation import post_gold as arguments_eval  # noqa: E402
from textmine.evaluation import arguments as unit_eval  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_file", nargs="?", type=Path, default=None)
    parser.add_argument("--gold", type=Path, default=None, help="gold JSONL (same as the positional argument)")
    parser.add_argument("--excerpts", type=Path, default=None, help="excerpt texts (default: excerpts.jsonl beside the gold)")
    parser.add_argument("--model", default=None, help="spaCy model to load instead of textmine's default")
    parser.add_argument("--errors", action="store_true", help="list the sentences the component gets wrong")
    args = parser.parse_args(argv)
    gold_path = args.gold or args.gold_file or arguments_eval.REPO_ROOT / "gold" / "arguments.jsonl"
    if not gold_path.exists():
        print(f"error: gold file {gold_path} not found", file=sys.stderr)
        return 2
    from textmine.nlp.pipeline import load_pipeline

    nlp = load_pipeline(args.model)
    errors: list[dict] | None = [] if args.errors else None
    if unit_eval.is_unit_gold(unit_eval.read_jsonl(gold_path)[:1]):
        figures = unit_eval.evaluate_units(unit_eval.load_unit_gold(gold_path, args.excerpts), nlp, errors)
        for error in errors or []:
            print(f"{error['gold']:>8} -> {error['predicted']:<8} {error['who']!s:>12} -> "
                  f"{error['predicted_who']!s:<14} [{error['target']!s} -> {error['predicted_target']!s}] "
                  f"{error['id']}@{error['start']}: {' '.join(error['sentence'].split())[:160]}")
        print("\n".join(unit_eval.format_report(figures)))
        figures["gold"] = str(gold_path)
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    figures = arguments_eval.evaluate_arguments(gold_path, nlp=nlp, errors=errors)
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
