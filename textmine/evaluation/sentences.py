"""Sentence-boundary evaluation: span F1 and the blog sentence gold (``gold/sentences.jsonl``
over the real feed ``../shared/corpus/npo-rss.xml``), for ``scripts/evaluate_pipeline.py`` and the tests."""
from __future__ import annotations

import json

from textmine.evaluation.gold import REPO_ROOT, SHARED

BLOG_GOLD = REPO_ROOT / "gold" / "sentences.jsonl"


def span_f1(gold: set, predicted: set) -> float:
    """F1 of exactly matching spans."""
    if not gold and not predicted:
        return 1.0
    correct = len(gold & predicted)
    precision = correct / len(predicted) if predicted else 0.0
    recall = correct / len(gold) if gold else 0.0
    return round(2 * precision * recall / (precision + recall), 4) if correct else 0.0


def sentence_spans(doc) -> set[tuple[int, int]]:
    """Character spans of the sentences, trailing whitespace excluded."""
    return {(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents if s.text.strip()}


def blog_posts() -> dict[str, str]:
    """Post id → analysed text ("\\n\\n".join(paragraphs)) of the real feed."""
    from textmine.ingest.feeds import Post, read_feed_bytes

    data = (SHARED / "corpus" / "npo-rss.xml").read_bytes()
    return {p.id: "\n\n".join(p.paragraphs) for p in read_feed_bytes(data) if isinstance(p, Post)}


def blog_sentence_f1(nlp) -> float | None:
    """Sentence F1 against gold/sentences.jsonl (None when the feed or gold is absent)."""
    if not BLOG_GOLD.exists() or not (SHARED / "corpus" / "npo-rss.xml").exists():
        return None
    posts = blog_posts()
    gold, predicted = set(), set()
    for line in BLOG_GOLD.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = posts.get(item["post_id"])
        if text is None:
            continue
        gold |= {(item["post_id"], a, b) for a, b in item["sentences"]}
        predicted |= {(item["post_id"], a, b) for a, b in sentence_spans(nlp(text))}
    return span_f1(gold, predicted)
