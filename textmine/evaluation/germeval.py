"""GermEval 2014 NER data (``../shared/datasets/germeval2014``): sentences and their outer entities.

Read by ``scripts/build_pipeline.py`` (NER training) and ``scripts/evaluate_pipeline.py`` (NER F1 on dev).
"""
from __future__ import annotations

from pathlib import Path


def read_germeval(path: Path) -> list[list[tuple[str, str]]]:
    """GermEval 2014 sentences as (token, outer BIO label) pairs."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            cols = line.split("\t")
            current.append((cols[1], cols[2]))
    if current:
        sentences.append(current)
    return sentences


def germeval_entities(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of the outer GermEval labels; OTH→MISC, deriv/part dropped
    ("deutschen" is LOCderiv: not a name, and de_core_news_sm's labels are PER/LOC/ORG/MISC)."""
    spans: list[tuple[int, int, str]] = []
    start, current = None, None
    for i, label in enumerate(labels + ["O"]):
        prefix, _, kind = label.partition("-")
        kind = {"OTH": "MISC"}.get(kind, kind)
        if current is not None and (prefix != "I" or kind != current):
            spans.append((start, i, current))
            current = None
        if prefix == "B" and kind in {"PER", "LOC", "ORG", "MISC"}:
            start, current = i, kind
    return spans


def germeval_sentences(path: Path) -> list[tuple[list[str], set[tuple[int, int, str]]]]:
    """GermEval sentences: words and outer entity spans (PER, LOC, ORG, OTH→MISC; deriv/part dropped)."""
    return [([w for w, _ in s], set(germeval_entities([label for _, label in s]))) for s in read_germeval(path)]
