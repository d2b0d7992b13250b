"""Citation gold in the real-text formats of ``../shared``, as the records the evaluator scores.

Two formats besides the project's own ``gold/citations.jsonl`` (``post_id`` + feed ``source``):
``corpus/real-blogs/gold.jsonl`` (``id`` + citations with ``start``; the text in the
``excerpts.jsonl`` next to it) and ``datasets/blog-args/train.jsonl`` (the ``text`` inline,
citations without offsets: found in text order). Neither annotates quotes or bibliography entries,
so those come back as ``None`` ("not annotated") rather than as an empty list that would make
every prediction a false positive.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


class GoldFormatError(ValueError):
    """A gold line the reader cannot place in its text."""


def read_jsonl(path: Path) -> list[dict]:
    """Objects of a JSON-lines file (blank lines skipped)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def is_real_text_gold(first: dict) -> bool:
    """True for the ``../shared`` formats (keyed by ``id``), False for ``post_id`` + ``source``."""
    return "id" in first and "source" not in first


def _with_offsets(text: str, citations: list[dict], record_id: str) -> list[dict]:
    """Each citation with ``start``/``end``: the given ``start`` checked, else found in text order."""
    placed, pos = [], 0
    for citation in citations:
        surface = citation["text"]
        start = citation.get("start")
        if start is None or text[start:start + len(surface)] != surface:
            start = text.find(surface, pos)
            if start < 0:
                start = text.find(surface)
            if start < 0:
                raise GoldFormatError(f"{record_id}: citation {surface!r} is not in the text")
            pos = start + 1
        placed.append({**citation, "start": start, "end": start + len(surface)})
    return placed


def real_text_posts(gold_path: Path) -> Iterator[tuple[dict, str]]:
    """(record, text) per excerpt; records carry ``post_id``, ``citations`` with offsets, and
    ``quotes``/``references`` = None (not annotated in these sets)."""
    records = read_jsonl(gold_path)
    texts: dict[str, str] = {}
    if records and "text" not in records[0]:
        excerpts = Path(gold_path).with_name("excerpts.jsonl")
        if not excerpts.exists():
            raise GoldFormatError(f"{gold_path}: no 'text' in the records and no excerpts.jsonl beside it")
        texts = {row["id"]: row["text"] for row in read_jsonl(excerpts)}
    for record in records:
        text = record.get("text", texts.get(record["id"]))
        if text is None:
            raise GoldFormatError(f"{record['id']}: no text in excerpts.jsonl")
        citations = _with_offsets(text, record.get("citations", []), record["id"])
        yield {"post_id": record["id"], "citations": citations, "quotes": None, "references": None}, text
