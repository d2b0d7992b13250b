"""A stored corpus: ingest feeds into the database and keep its analyses current.

``Corpus`` is what the CLI and researchers use: ``Corpus(db).ingest(["feed.xml"])`` reads, stores
and analyses; nothing already stored is lost when a feed is bad, and a post is analysed again only
when its content (or the pipeline) changed.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from textmine.ingest.clean import text_of
from textmine.ingest.feeds import FeedError, FeedInfo, Post, Skipped, Unchanged, read_feed
from textmine.ingest.sources import SourceError, open_source
from textmine.store import Store, StoredPost

if TYPE_CHECKING:  # spaCy and the analysis load only when something is analysed
    from spacy.language import Language

    from textmine.analysis import Analysis

#: Posts written per transaction.
WRITE_BATCH = 100

ProgressCallback = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)``: stage is "read" or "analyse"; total may be unknown (None)."""


@dataclass
class FeedReport:
    """What happened to one feed."""

    source: str
    format: str = "unknown"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        return {"source": self.source, "format": self.format, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": dict(self.skipped), "error": self.error,
                "warnings": self.warnings}


@dataclass
class IngestSummary:
    feeds: list[FeedReport] = field(default_factory=list)
    analysed: int = 0
    not_german: int = 0

    @property
    def ok(self) -> bool:
        return all(feed.ok for feed in self.feeds)

    def total(self, attribute: str) -> int:
        return sum(getattr(feed, attribute) for feed in self.feeds)

    def to_dict(self) -> dict:
        return {"feeds": [f.to_dict() for f in self.feeds], "new": self.total("new"),
                "updated": self.total("updated"), "unchanged": self.total("unchanged"),
                "skipped": sum((f.skipped for f in self.feeds), Counter()).total(),
                "analysed": self.analysed, "not_german": self.not_german, "ok": self.ok}


class Corpus:
    """The corpus database at ``db`` plus the pipeline that analyses it (loaded when first needed)."""

    def __init__(self, db: str | Path, *, model: str | None = None, readonly: bool = False) -> None:
        self.store = Store(db, readonly=readonly)
        self.model = model
        self._nlp: Language | None = None
        #: (post id, messages) for posts where a component failed in the last analysis run.
        self.component_errors: list[tuple[str, list[str]]] = []

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from textmine.nlp.pipeline import load_pipeline

            self._nlp = load_pipeline(self.model)
        return self._nlp

    # -- ingest ----------------------------------------------------------------------------------
    def ingest(
        self, sources: Sequence[str], *, analyse: bool = True, workers: int = 1,
        progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        """Read every source into the store, then analyse what is new or changed."""
        summary = IngestSummary()
        for source in sources:
            summary.feeds.append(self.ingest_feed(source, progress=progress))
        if analyse:
            summary.analysed, summary.not_german = self.analyse_pending(workers=workers, progress=progress)
        return summary

    def ingest_feed(self, source: str, *, progress: ProgressCallback | None = None) -> FeedReport:
        report = FeedReport(source)
        info = FeedInfo(known=self.store.source_hash)
        seen: set[str] = set()
        batch: list[Post] = []
        done = 0
        try:
            with open_source(source) as handle:
                for record in read_feed(handle, info):
                    report.format = info.format
                    if isinstance(record, Skipped):
                        report.skipped[record.reason] += 1
                        continue
                    if record.id in seen:
                        report.skipped["duplicate id within the feed (first kept)"] += 1
                        continue
                    seen.add(record.id)
                    if isinstance(record, Unchanged):
                        report.unchanged += 1
                        continue
                    batch.append(record)
                    if len(batch) >= WRITE_BATCH:
                        self._write(batch, report, source)
                        done += len(batch)
                        batch.clear()
                        if progress:
                            progress("read", done, None)
        except (FeedError, SourceError) as error:
            report.error = str(error)
        finally:
            # Complete items read before an error are kept (one transaction per batch).
            if batch:
                self._write(batch, report, source)
                if progress:
                    progress("read", done + len(batch), None)
        report.format = info.format
        report.warnings.extend(info.warnings)
        return report

    def _write(self, posts: list[Post], report: FeedReport, source: str) -> None:
        with self.store.transaction():
            for post in posts:
                stored_hash = self.store.post_hash(post.id)
                if stored_hash == post.content_hash:
                    report.unchanged += 1
                    continue
                if stored_hash is None:
                    report.new += 1
                else:
                    report.updated += 1
                from textmine.analysis import detect_language

                language = detect_language(text_of(list(post.paragraphs)))
                self.store.upsert_post(post.to_dict(), feed=source if source != "-" else "stdin", language=language)
                report.warnings.extend(f"{post.id}: {note}" for note in post.notes)

    # -- analysis --------------------------------------------------------------------------------
    def analyse_pending(
        self, *, workers: int = 1, progress: ProgressCallback | None = None, batch_size: int | None = None,
        analyser: Callable[..., Iterable[Analysis]] | None = None,
    ) -> tuple[int, int]:
        """Analyse every post whose current content has no analysis by this pipeline.

        ``analyser`` replaces the local ``analyze_texts`` (e.g. a ``DaskAnalyser``); this process
        stays the only writer. Returns (analysed, of which not German)."""
        from textmine.nlp.pipeline_meta import model_meta, pipeline_id

        self.component_errors = []
        # The pipeline's identity comes from its meta.json: nothing pending, nothing loaded.
        name = pipeline_id(self._nlp.meta if self._nlp is not None else model_meta(self.model))
        pending = self.store.unanalysed(name)
        if not pending:
            return 0, 0
        from textmine.analysis import BATCH_SIZE, analyze_texts, release_language_model

        release_language_model()  # languages were detected at ingest and are read from the store
        analyser = analyser or analyze_texts
        if pipeline_id(self.nlp.meta) != name:  # a meta.json that differs from the loaded pipeline's
            name = pipeline_id(self.nlp.meta)
            pending = self.store.unanalysed(name)
        done = not_german = 0
        if progress:
            progress("analyse", 0, len(pending))
        hashes: dict[str, str] = {}
        languages: dict[str, str | None] = {}

        def items() -> Iterator[tuple[str, str, str]]:
            # Posts are read from the store chunk by chunk, so memory stays flat on big corpora.
            for start in range(0, len(pending), WRITE_BATCH):
                for post in list(self.store.posts(pending[start:start + WRITE_BATCH])):
                    hashes[post.id] = post.content_hash
                    languages[post.id] = post.language
                    yield post.id, post.title, text_of(post.paragraphs)

        from textmine.memory import release_free_memory

        release_free_memory()
        batch: list[Analysis] = []
        batch_size = batch_size or BATCH_SIZE  # posts per pipeline batch (and per worker's chunk)
        for result in analyser(self.nlp, items(), batch_size=batch_size, n_process=workers, languages=languages):
            batch.append(result)
            if len(batch) >= WRITE_BATCH:
                not_german += self._save(batch, hashes, name)
                done += len(batch)
                batch.clear()
                release_free_memory()  # peak RSS stays flat in the number of posts
                if progress:
                    progress("analyse", done, len(pending))
        if batch:
            not_german += self._save(batch, hashes, name)
            done += len(batch)
            if progress:
                progress("analyse", done, len(pending))
        return done, not_german

    def _save(self, results: list[Analysis], hashes: dict[str, str], pipeline: str) -> int:
        """Store one batch of analyses in one transaction; returns how many were not German."""
        with self.store.transaction():
            for result in results:
                self.store.save_analysis(result.id, hashes.pop(result.id), pipeline, result.record, result.terms)
                if result.record.get("errors"):
                    self.component_errors.append((result.id, result.record["errors"]))
        return sum(r.record.get("language") not in (None, "de") for r in results)

    # -- reading ---------------------------------------------------------------------------------
    def records(self, ids: Sequence[str] | None = None) -> Iterator[tuple[StoredPost, dict | None]]:
        """Each stored post with its analysis record, in publication order."""
        return self.store.records(ids)

    def export_records(self) -> Iterator[dict]:
        """Per post, the contract's object plus the post's metadata."""
        for post, record in self.records():
            yield post_record(post, record)


def post_record(post: StoredPost, record: dict | None) -> dict:
    """The JSON contract's object for a stored post (empty groups when it is not analysed yet)."""
    base = record or {"text": text_of(post.paragraphs), "sentences": [], "claims": [], "critiques": [],
                      "citations": [], "quotes": [], "references": [], "actors": [], "language": post.language}
    return {
        **base,
        "id": post.id,
        "title": post.title,
        "url": post.url,
        "author": post.author,
        "published": post.published,
        "categories": post.categories,
        "paragraphs": post.paragraphs,
    }


