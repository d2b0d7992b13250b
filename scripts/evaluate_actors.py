"""Evaluate ``textmine_actors`` against ``gold/actors.jsonl``.

Each gold line is one post: ``{"post_id", "source", "actors": [{"start", "end", "canonical", "type",
"sector"}]}`` with character offsets into ``"\\n\\n".join(html_to_paragraphs(content))``. Sources are
``corpus/…`` (in this repository) or ``shared:corpus/…`` (in ``../shared``; skipped when absent).

A predicted actor matches a gold actor when their character ranges overlap (one-to-one, exact
ranges first). Reported: precision and recall for named (person, organisation) and collective
actors, canonical-form and sector accuracy on the matches; with ``--errors`` every miss and extra
and their counts by kind. The last line is a JSON object.

Real-text gold (``../shared/corpus/real-blogs/gold.jsonl``: actors with their surface strings) is
read too: every whole-word occurrence of a mention string is one gold mention; ``recall_actors``
counts an actor of an excerpt as found when any of its mentions is.

    PYTHONPATH=. python scripts/evaluate_actors.py [--gold gold/actors.jsonl] [--blank] [--errors]
    PYTHONPATH=. python scripts/evaluate_actors.py --gold ../shared/corpus/real-blogs/gold.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.evaluation.actors import build_pipeline, evaluate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold" / "actors.jsonl")
    parser.add_argument("--blank", action="store_true", help="bare pipeline: tokenizer + sentencizer + textmine_actors")
    parser.add_argument("--errors", action="store_true", help="list missed, extra and wrongly canonicalised actors")
    args = parser.parse_args(argv)
    result = evaluate(args.gold, build_pipeline(args.blank), show_errors=args.errors)
    for key, value in result.items():
        print(f"{key:22} {value}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
