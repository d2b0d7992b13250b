"""Language of short items, measured on real text: how often a post is given the right language
from its first five words, from its first sentence, and from the whole post.

German: the 120 real posts of ``../shared/corpus/real-blogs/real-blogs.xml``. Not German: the
published posts of WordPress's theme unit test export (English), read from the folder named by
``TEXTMINE_WXR_FIXTURES`` (WordPress/wordpress-importer's phpunit/data). Compares textmine's old
rule (no language under 80 letters, i.e. analysed as German) with ``post_language`` with and
without the feed's <language>. "Handled right": a German post is analysed as German, a post in
another language is flagged and kept out of the German analysis. Ends with one JSON line.

    TEXTMINE_WXR_FIXTURES=… python scripts/evaluate_ingest_language.py
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.analysis.texts import detect_language  # noqa: E402
from textmine.ingest.clean import text_of  # noqa: E402
from textmine.ingest.feeds import FeedInfo, Post, read_feed  # noqa: E402
from textmine.ingest.language import post_language  # noqa: E402

REAL_BLOGS = ROOT.parent / "shared" / "corpus" / "real-blogs" / "real-blogs.xml"


def _posts(path: Path) -> tuple[list[Post], str | None]:
    info = FeedInfo()
    with open(path, "rb") as handle:
        posts = [r for r in read_feed(handle, info) if isinstance(r, Post) and r.kind == "post"]
    return posts, info.language


def _views(post: Post) -> dict[str, tuple[str | None, str]]:
    """Short and long views of a post's text (the real-blogs titles are placeholders: text only)."""
    text = text_of(list(post.paragraphs))
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0] if text else ""
    return {"5 words": (None, " ".join(text.split()[:5])), "first sentence": (None, first), "whole": (None, text)}


def main() -> None:
    sets = []
    if REAL_BLOGS.exists():
        sets.append(("de", "real-blogs (German)", *_posts(REAL_BLOGS)))
    fixtures = os.environ.get("TEXTMINE_WXR_FIXTURES")
    if fixtures and (Path(fixtures) / "theme-unit-test-data.xml").exists():
        sets.append(("en", "theme-unit-test-data (English)", *_posts(Path(fixtures) / "theme-unit-test-data.xml")))
    if not sets:
        sys.exit("error: neither ../shared/corpus/real-blogs nor $TEXTMINE_WXR_FIXTURES is there")
    rows = []
    for truth, name, posts, feed_language in sets:
        # Handled right: a German post is analysed as German (language "de" or unknown); a post in
        # another language is flagged (a language other than German) and kept out of the analysis.
        def right(language: str | None, truth: str = truth) -> bool:
            return (language in (None, "de")) == (truth == "de")

        for view in ("5 words", "first sentence", "whole"):
            pairs = [_views(p)[view] for p in posts]
            old = [detect_language(x) for _, x in pairs]
            bare = [post_language(t, x, None) for t, x in pairs]
            hinted = [post_language(t, x, feed_language) for t, x in pairs]
            row = {"set": name, "view": view, "posts": len(posts), "feed_language": feed_language,
                   "old_rule": round(sum(map(right, old)) / len(posts), 3),
                   "new_without_feed_language": round(sum(map(right, bare)) / len(posts), 3),
                   "new_with_feed_language": round(sum(map(right, hinted)) / len(posts), 3)}
            rows.append(row)
            print(f"{name:<32} {view:<15} handled right: old {row['old_rule']:.3f}  "
                  f"new {row['new_without_feed_language']:.3f}  new + feed <language> {row['new_with_feed_language']:.3f}")
    print(json.dumps({"rows": rows}))


if __name__ == "__main__":
    main()
