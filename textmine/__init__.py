"""textmine: mine German blog text for claims, critiques, citations, actors and topics.

Research API::

    import textmine
    nlp = textmine.load_pipeline()          # German pipeline + textmine components
    record = textmine.analyze("Lember kritisiert, dass … (Lember 2018, 4).")
    textmine.extract.citations("Laut Lember (2018, 4) …")   # typed records; no spaCy for citations
    with textmine.Corpus("textmine.sqlite") as corpus:
        corpus.ingest(["feed.xml"])
        claims = corpus.claims()            # pandas DataFrames: posts, claims, critiques, citations, …
        run = corpus.fit_topics(9, seed=1)  # topic runs: fit_topics, apply_topics, compare_runs, topics()
"""
from __future__ import annotations

from textmine._version import __version__

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

    from textmine.corpus import Corpus

__all__ = ["Corpus", "__version__", "analyze", "extract", "load_pipeline"]


def load_pipeline(model: str | None = None) -> "Language":
    """The German spaCy pipeline with textmine's components: a copy of the one loaded per process
    and model, so you may remove or change pipes without side effects elsewhere."""
    from textmine.nlp.pipeline import load_pipeline as _load

    return _load(model)


def analyze(text: str, *, model: str | None = None, id: str | None = None, title: str | None = None) -> dict[str, Any]:
    """Analyze one text; returns the JSON contract's object (offsets index into ``text``)."""
    from textmine.analysis.texts import analyze_texts

    from textmine.nlp.pipeline import shared_pipeline

    return next(analyze_texts(shared_pipeline(model), [(id, title, text)])).record


def __getattr__(name: str) -> Any:
    # Corpus is imported lazily so that `import textmine` stays fast and spaCy-free.
    if name == "Corpus":
        from textmine.corpus import Corpus

        return Corpus
    if name == "extract":
        import importlib

        return importlib.import_module("textmine.extract")
    raise AttributeError(f"module 'textmine' has no attribute {name!r}")
