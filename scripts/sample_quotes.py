"""Print a random sample of predicted quotations (kind "quote") with context, to judge by hand.

Quote precision on real text cannot be computed from the development gold (it marks no quotes),
so it is measured by judging a sample against the annotation guide: a quotation is running text
someone said or wrote; titles, names and scare-quoted terms are not. Reads ``../shared`` only and
writes nothing: the text stays out of the repository.

    PYTHONPATH=. python scripts/sample_quotes.py [--n 60] [--seed 20] [FILE.jsonl ...]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.nlp.citations.parse import extract  # noqa: E402

DEFAULT_FILES = [ROOT.parent / "shared" / "corpus" / "real-blogs" / "excerpts.jsonl",
                 ROOT.parent / "shared" / "datasets" / "blog-args" / "train.jsonl"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.files if not path.exists()]
    if missing:
        print(f"error: not found: {', '.join(missing)}\nhint: the default files live in ../shared", file=sys.stderr)
        return 1
    kinds: Counter[str] = Counter()
    quotes = []
    for path in args.files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            for quote in extract(record["text"]).quotes:
                kinds[quote.kind] += 1
                if quote.kind == "quote":
                    quotes.append((record["id"], record["text"], quote))
    print(f"quoted strings by kind: {dict(kinds)}")
    for number, (post, text, quote) in enumerate(random.Random(args.seed).sample(quotes, min(args.n, len(quotes)))):
        print(f"{number:>3} {post} {text[max(0, quote.start - 60):quote.start]!r} >>> "
              f"{text[quote.start:quote.end][:200]!r} <<< {text[quote.end:quote.end + 30]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
