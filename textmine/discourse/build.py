"""Statements with concepts for a stored corpus: the one workflow behind ``textmine statements``,
``textmine network``, ``Corpus.statements()`` and the report's discourse view."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from textmine.discourse.concepts import (
    ConceptError,
    ConceptReport,
    assign_codebook,
    assign_targets,
    assign_topics,
    read_codebook,
)
from textmine.discourse.statements import Statement, corpus_statements

#: ``--concepts`` values that are not a file.
CONCEPT_SOURCES: tuple[str, ...] = ("topics", "targets")


def topic_concepts(corpus: Any, statements: list[Statement], run_id: int | None = None) -> ConceptReport:
    """Concepts from a stored topic run (the latest unless ``run_id``), inferred per sentence."""
    from textmine.topics.model import TopicError, TopicModel

    run = corpus.store.topic_run(run_id)
    if run is None:
        raise ConceptError("no stored topic run" + (f" {run_id}" if run_id is not None else "")
                           + ": run `textmine topics` first, or use --concepts targets")
    if not run.get("model_dir") or not Path(run["model_dir"]).exists():
        raise ConceptError(f"topic run {run['id']} has no stored model to infer sentence topics: fit a new run with `textmine topics`")
    try:
        model = TopicModel.load(run["model_dir"])
    except (TopicError, OSError) as error:
        raise ConceptError(f"topic run {run['id']}: its model cannot be read ({error})") from error
    documents = {s.document for s in statements}
    post_terms = {post: terms for post, _published, terms in corpus.store.terms() if post in documents}
    post_topics = {post: topic for post, (topic, _weights) in corpus.store.topic_assignments(run["id"]).items() if topic >= 0}
    return assign_topics(statements, run, model, post_terms, post_topics)


def corpus_concept_statements(corpus: Any, concepts: str = "targets", *, since: str | None = None,
                              until: str | None = None, run_id: int | None = None) -> ConceptReport:
    """Statements of ``corpus`` (a ``Corpus``) with concepts from ``topics``, ``targets`` or a
    code-book file; raises ``ConceptError`` (one line) when the source cannot be used."""
    statements = corpus_statements(corpus.records(merge_names=True), since=since, until=until)
    if concepts == "targets":
        return assign_targets(statements)
    if concepts == "topics":
        return topic_concepts(corpus, statements, run_id)
    return assign_codebook(statements, read_codebook(concepts), source=str(concepts))
