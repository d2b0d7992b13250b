"""Shared helpers for the benchmark scripts: texts to measure on and generated feeds."""
from __future__ import annotations

import csv
import html
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GNAD = SHARED / "datasets" / "10kgnad-test.csv"
SAMPLE = ROOT / "corpus" / "sample-blog.xml"


def benchmark_texts(limit: int | None = None) -> tuple[list[str], str]:
    """German texts: the 10kGNAD articles when ../shared is there (evaluation use only), else the
    paragraphs of the sample corpus. Returns (texts, name of the source)."""
    if GNAD.exists():
        with GNAD.open(encoding="utf-8") as handle:
            texts = [row[1].strip("'") for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) >= 2]
        return texts[:limit] if limit else texts, "10kGNAD test (1,028 news articles)"
    from textmine.ingest.feeds import Post, read_feed

    with SAMPLE.open("rb") as handle:
        texts = ["\n\n".join(r.paragraphs) for r in read_feed(handle) if isinstance(r, Post)]
    return texts[:limit] if limit else texts, "corpus/sample-blog.xml"


def write_feed(path: Path, n_posts: int, texts: list[str], seed: int = 1, per_post: tuple[int, int] = (3, 6)) -> Path:
    """An RSS 2.0 feed of ``n_posts`` generated posts (``per_post`` = min, max paragraphs each,
    drawn from ``texts``), streamed to disk."""
    rng = random.Random(seed)
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()] or ["Text."]
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel><title>Bench</title>'
                  "<link>https://bench.example</link>\n")
        for i in range(n_posts):
            body = "".join(f"<p>{html.escape(rng.choice(paragraphs))}</p>" for _ in range(rng.randint(*per_post)))
            out.write(f"<item><title>Beitrag {i}</title><link>https://bench.example/{i}</link>"
                      f"<guid isPermaLink=\"false\">bench-{i}</guid>"
                      f"<pubDate>Mon, 0{1 + i % 9} Jan 2024 10:00:00 +0000</pubDate>"
                      f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n")
        out.write("</channel></rss>\n")
    return path
