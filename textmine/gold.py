"""Shared plumbing of the evaluation scripts: where a gold file's feeds live, their post texts, and
the pipeline to evaluate (textmine's, or a bare one with a single component)."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from textmine.ingest.feeds import post_texts

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"

__all__ = ["REPO_ROOT", "SHARED", "evaluation_pipeline", "post_texts", "source_path"]


def source_path(source: str, base: Path = REPO_ROOT) -> Path:
    """``shared:corpus/x.xml`` -> ../shared/corpus/x.xml; ``corpus/x.xml`` -> relative to ``base``."""
    if source.startswith("shared:"):
        return SHARED / source.removeprefix("shared:")
    path = Path(source)
    return path if path.is_absolute() else base / path


def evaluation_pipeline(component: str, blank: bool = False) -> Language:
    """textmine's full pipeline, or ``spacy.blank("de")`` + sentencizer + ``component`` alone."""
    if not blank:
        from textmine.nlp.pipeline import load_pipeline

        return load_pipeline()
    import spacy

    from textmine.nlp import actors, arguments, citations  # noqa: F401 (importing registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(component)
    return nlp
