"""Shared plumbing of the evaluation scripts: where a gold file's feeds live, their post texts, and
the pipeline to evaluate (textmine's, or a bare one with a single component)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from textmine.ingest.feeds import post_texts

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"

__all__ = ["REPO_ROOT", "SHARED", "evaluation_pipeline", "gold_posts", "post_texts", "print_unmatched", "source_path"]


def source_path(source: str, base: Path = REPO_ROOT) -> Path:
    """``shared:corpus/x.xml`` -> ../shared/corpus/x.xml; ``corpus/x.xml`` -> relative to ``base``."""
    if source.startswith("shared:"):
        return SHARED / source.removeprefix("shared:")
    path = Path(source)
    return path if path.is_absolute() else base / path


def evaluation_pipeline(component: str, blank: bool = False) -> Language:
    """textmine's full pipeline, or ``spacy.blank("de")`` + sentencizer + ``component`` (after the
    citation component, whose spans the others require)."""
    if not blank:
        from textmine.nlp.pipeline import load_pipeline

        return load_pipeline()
    import spacy

    from textmine.nlp import actors, arguments, citations  # noqa: F401 (importing registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    if component != "textmine_citations":
        nlp.add_pipe("textmine_citations")  # what textmine_actors and textmine_arguments read
    nlp.add_pipe(component)
    return nlp


def gold_posts(gold_path: Path, base: Path = REPO_ROOT) -> Iterator[tuple[dict, str | None]]:
    """Each gold record with its post text, or ``None`` when the feed (e.g. ../shared) or the post
    is absent; feeds are read once per file."""
    texts_by_source: dict[str, dict[str, str]] = {}
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = source_path(record["source"], base)
        if not path.exists():
            yield record, None
            continue
        if record["source"] not in texts_by_source:
            texts_by_source[record["source"]] = post_texts(path)
        yield record, texts_by_source[record["source"]].get(record["post_id"])


def print_unmatched(post_id: str, gold: list[dict], predicted: list[dict], pairs: Iterable[tuple[int, int]],
                    describe) -> None:  # noqa: ANN001 - describe(item, kind) -> str
    """Print the gold items no prediction matched (MISSED) and the predictions no gold item matched
    (EXTRA); ``pairs`` are (gold index, predicted index) matches."""
    pairs = list(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    for index, item in enumerate(gold):
        if index not in matched_gold:
            print(f"MISSED {post_id} {describe(item, 'gold')}")
    for index, item in enumerate(predicted):
        if index not in matched_pred:
            print(f"EXTRA  {post_id} {describe(item, 'predicted')}")
