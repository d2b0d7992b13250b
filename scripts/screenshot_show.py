"""Render `textmine show POST` to an SVG for the README (Rich's own terminal export).

    python scripts/screenshot_show.py --db textmine.sqlite --post "Plattformkapitalismus" --out docs/show.svg
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textmine.corpus import Corpus, post_record  # noqa: E402
from textmine.cli.render import print_record  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="textmine.sqlite")
    parser.add_argument("--post", required=True, help="post id, url or title prefix")
    parser.add_argument("--out", type=Path, default=Path("docs/show.svg"))
    parser.add_argument("--width", type=int, default=110)
    args = parser.parse_args()
    with Corpus(args.db, readonly=True) as corpus:
        post = corpus.store.find_post(args.post)
        if post is None:
            sys.exit(f"error: no post matches {args.post!r}")
        stored, record = next(iter(corpus.records([post.id])))
    console = Console(record=True, width=args.width, force_terminal=True)
    print_record(console, post_record(stored, record))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    console.save_svg(str(args.out), title=f"textmine show {args.post!r}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
