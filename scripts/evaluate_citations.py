"""Evaluate ``textmine_citations`` against ``gold/citations.jsonl``.

Each gold line is one post: ``{"post_id", "source", "citations": [{"start", "end", "kind", "authors",
"year", "pages", "reference"}], "quotes": [{"start", "end", "source"}], "references": [{"start",
"end", "authors", "year", …}]}`` with character offsets into ``"\\n\\n".join(html_to_paragraphs(content))``.
Sources are ``corpus/…`` (this repository) or ``shared:corpus/…`` (``../shared``; skipped when absent).
The real-text gold of ``../shared`` is read too (``corpus/real-blogs/gold.jsonl`` with its
``excerpts.jsonl``, ``datasets/blog-args/train.jsonl``): citations only, quotes are not annotated there.

Spans match one-to-one when they overlap and both boundaries are within a small tolerance, or
when the shorter span lies mostly inside the longer one. Reported: precision/recall/F1 for
detection and, end to end, for authors, year, pages, kind and ``citation`` (authors and year both
right: the figure a researcher needs) (a prediction counts only if matched and the
field is right; pages compare in the normal form of ``clean_pages``: no spaces, "-" for any dash,
no final dot, so "31 f." = "31f" and "55–72" = "55-72"); linking accuracy (``reference``) over matched gold citations; quote detection and
source accuracy (over every quoted string, quotations, titles and terms alike, as the in-house gold
marks them all); bibliography entry detection and per-field accuracy. The last line is JSON.

    PYTHONPATH=. python scripts/evaluate_citations.py [--gold gold/citations.jsonl] [--blank] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textmine.evaluation.citation_gold import GoldFormatError  # noqa: E402
from textmine.evaluation.citations import ROOT, evaluate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold" / "citations.jsonl")
    parser.add_argument("--blank", action="store_true", help="spacy.blank('de') + sentencizer instead of load_pipeline()")
    parser.add_argument("--errors", action="store_true", help="print every mismatch")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"error: gold file not found: {args.gold}\nhint: the real-text gold lives in ../shared "
              "(corpus/real-blogs/gold.jsonl, datasets/blog-args/train.jsonl)", file=sys.stderr)
        return 2
    try:
        result = evaluate(args.gold, blank=args.blank, errors=args.errors)
    except (GoldFormatError, json.JSONDecodeError, KeyError) as exc:
        print(f"error: cannot read gold file {args.gold}: {exc}", file=sys.stderr)
        return 2
    keys = ("detection", "citation", "authors", "year", "pages", "kind", "quotes", "references")
    for key in keys if result["quotes_annotated"] else keys[:6]:
        scores = result[key]
        print(f"{key:<12} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
    print(f"linking accuracy {result['linking_accuracy']}  quote source accuracy {result['quote_source_accuracy']}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
