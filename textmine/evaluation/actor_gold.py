"""Real-text actor gold (``corpus/real-blogs/gold.jsonl``, ``datasets/blog-args``): surface strings
to character ranges.

That gold lists each actor once per excerpt with the distinct surface strings of its mentions; every
occurrence of such a string (as a whole word) is a mention of that actor. The evaluation matches
character ranges, so each occurrence becomes one gold item; where two actors' strings overlap
("Caritas" inside "Caritas Berlin") the longer string keeps the range.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def is_real_gold(path: Path) -> bool:
    """True for the excerpt format (``id`` + ``actors`` with ``mentions``), False for the feed format."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                return "id" in record and "post_id" not in record
    return False


def excerpt_texts(gold_path: Path) -> dict[str, str]:
    """id -> text from ``excerpts.jsonl`` beside the gold file, else from the gold records' ``text``."""
    texts: dict[str, str] = {}
    excerpts = Path(gold_path).with_name("excerpts.jsonl")
    if excerpts.exists():
        for line in excerpts.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    return texts


def occurrences(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of ``surface`` in ``text``."""
    if not surface:
        return
    pos = 0
    while (start := text.find(surface, pos)) >= 0:
        end = start + len(surface)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() and surface[0].isalnum()) and not (after.isalnum() and surface[-1].isalnum()):
            yield start, end
        pos = start + 1


def gold_mentions(text: str, actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One gold item per occurrence of a mention string: start, end, canonical, type, sector, actor
    (the index of the actor in the record). Longer strings win overlaps."""
    items: list[dict[str, Any]] = []
    strings = [(surface, index) for index, actor in enumerate(actors) for surface in set(actor.get("mentions", []))]
    taken: list[tuple[int, int]] = []
    for surface, index in sorted(strings, key=lambda item: -len(item[0])):
        actor = actors[index]
        for start, end in occurrences(text, surface):
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            items.append({"start": start, "end": end, "canonical": actor["canonical"], "type": actor["type"],
                          "sector": actor["sector"], "actor": index})
    return sorted(items, key=lambda item: item["start"])


def real_gold_posts(gold_path: Path) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each record as ``{"post_id", "actors": [gold items]}`` with its text (``None`` when absent)."""
    texts = excerpt_texts(gold_path)
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record.get("text") or texts.get(record["id"])
        actors = gold_mentions(text, record.get("actors", [])) if text is not None else []
        yield {"post_id": record["id"], "source": str(gold_path), "actors": actors,
               "actor_count": len(record.get("actors", []))}, text
