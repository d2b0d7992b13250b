"""Statement quality on real text: speaker right and agreement right per statement.

Runs textmine's pipeline over the development gold (../shared/corpus/real-blogs: excerpts.jsonl
texts, gold.jsonl annotations), builds the discourse statements exactly as `textmine statements`
does, and compares them with the gold claims and critiques (definitions in
textmine/discourse/evaluation.py). Rerun it after any change to the argument or actor components:

    python scripts/evaluate_statements.py [--gold GOLD.jsonl --texts EXCERPTS.jsonl] [--model M] [--errors]

Prints the figures, then one JSON line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textmine.discourse import evaluation  # noqa: E402

REAL_BLOGS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real-blogs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REAL_BLOGS / "gold.jsonl")
    parser.add_argument("--texts", type=Path, default=REAL_BLOGS / "excerpts.jsonl")
    parser.add_argument("--model", default=None, help="spaCy model to load instead of textmine's default")
    parser.add_argument("--errors", action="store_true", help="list the gold statements got wrong or missed")
    args = parser.parse_args(argv)
    for path in (args.gold, args.texts):
        if not path.exists():
            print(f"error: {path} not found (needs ../shared/corpus/real-blogs)", file=sys.stderr)
            return 1
    from textmine.nlp.pipeline import load_pipeline

    started = time.perf_counter()
    pairs = evaluation.read_gold(args.gold, args.texts)
    scores = evaluation.score_statements(evaluation.predict(load_pipeline(args.model), pairs))
    figures = scores.figures()
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.errors:
        for error in scores.errors:
            print(f"{error['gold_agreement']:+d} {error['gold_speaker']!s:>22} -> "
                  f"{'missed' if error['agreement'] is None else format(error['agreement'], '+d')} {error['speaker']!s:<22} "
                  f"{error['id']}@{error['start']}: {error['text'][:100]}")
    print(f"gold statements {figures['gold_statements']} in {len(pairs)} excerpts; found {figures['found']}, "
          f"precision {figures['precision']}")
    print(f"speaker right {figures['speaker_right']}  agreement right {figures['agreement_right']}  "
          f"(of the found statements)")
    print(f"speaker and agreement right, per gold statement (missed = wrong) {figures['both_right_strict']}")
    print(f"critique target right {figures['target_right']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
