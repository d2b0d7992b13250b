"""textmine.evaluation.citation_gold: the real-text gold formats of ../shared, on invented records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from textmine.evaluation.citation_gold import GoldFormatError, is_real_text_gold, real_text_posts


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_dev_gold_with_excerpts_beside_it(tmp_path):
    text = "Das zeigt (Lember 2018) und wieder (Lember 2018)."
    write_jsonl(tmp_path / "excerpts.jsonl", [{"id": "dev-1", "text": text}])
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "dev-1", "citations": [
        {"text": "(Lember 2018)", "start": 35, "kind": "parenthetical", "authors": ["Lember"], "year": 2018, "pages": None}]}])
    assert is_real_text_gold(json.loads(gold.read_text().splitlines()[0]))
    [(record, got)] = list(real_text_posts(gold))
    assert got == text and record["quotes"] is None and record["references"] is None
    assert [(c["start"], c["end"]) for c in record["citations"]] == [(35, 48)]


def test_inline_text_without_offsets_is_placed_in_order(tmp_path):
    text = "A (ebd.) und B (ebd.)."
    gold = write_jsonl(tmp_path / "train.jsonl", [{"id": "tra-1", "text": text, "citations": [
        {"text": "(ebd.)"}, {"text": "(ebd.)"}]}])
    [(record, _)] = list(real_text_posts(gold))
    assert [c["start"] for c in record["citations"]] == [2, 15]


def test_a_citation_missing_from_its_text_is_a_clear_error(tmp_path):
    gold = write_jsonl(tmp_path / "train.jsonl", [{"id": "tra-1", "text": "abc", "citations": [{"text": "(X 2019)"}]}])
    with pytest.raises(GoldFormatError, match="tra-1"):
        list(real_text_posts(gold))
