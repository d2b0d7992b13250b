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
from typing import TYPE_CHECKING, Any

from textmine.store import frames
from textmine.ingest.clean import text_of
from textmine.ingest.feeds import FeedError, FeedInfo, Post, Skipped, Unchanged, read_feed
from textmine.ingest.language import post_language
from textmine.ingest.sources import SourceError, open_source
from textmine.store.database import Store, StoredPost

if TYPE_CHECKING:  # spaCy, gensim and the analysis load only when they are used
    import pandas as pd
    from spacy.language import Language

    from textmine.analysis.texts import Analysis
    from textmine.topics.runs import FittedRun

#: Posts written per transaction.
WRITE_BATCH = 100

ProgressCallback = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)``: stage is "read" or "analyze"; total may be unknown (None)."""


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
    #: New or updated posts whose language is not German (stored, flagged, not analysed as German).
    not_german: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        return {"source": self.source, "format": self.format, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": dict(self.skipped), "error": self.error,
                "not_german": self.not_german,
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
            from textmine.nlp.pipeline import shared_pipeline

            self._nlp = shared_pipeline(self.model)
        return self._nlp

    def pipeline_name(self) -> str:
        """The identity of the analysing pipeline, from its meta.json: nothing is loaded for it."""
        from textmine.nlp.pipeline_meta import model_meta, pipeline_id

        return pipeline_id(self._nlp.meta if self._nlp is not None else model_meta(self.model))

    # -- ingest ----------------------------------------------------------------------------------
    def ingest(
        self, sources: Sequence[str], *, analyze: bool = True, workers: int = 1,
        progress: ProgressCallback | None = None, include: Sequence[str] = (), comments: bool = False,
        analyse: bool | None = None,
    ) -> IngestSummary:
        """Read every source into the store, then analyse what is new or changed.

        ``include``: WordPress post types besides posts ("pages"); ``comments``: approved WXR comments too.
        ``analyse`` is the earlier spelling of ``analyze``, still accepted."""
        if analyse is not None:
            analyze = analyse
        summary = IngestSummary()
        for source in sources:
            summary.feeds.append(self.ingest_feed(source, progress=progress, include=include, comments=comments))
        if analyze:
            summary.analysed, summary.not_german = self.analyze_pending(workers=workers, progress=progress)
        return summary

    def ingest_feed(
        self, source: str, *, progress: ProgressCallback | None = None, include: Sequence[str] = (),
        comments: bool = False,
    ) -> FeedReport:
        report = FeedReport(source)
        info = FeedInfo(known=self.store.source_hash, post_types=post_types(include), comments=comments)
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
                        self._write(batch, report, source, info.language)
                        done += len(batch)
                        batch.clear()
                        if progress:
                            progress("read", done, None)
        except (FeedError, SourceError) as error:
            report.error = str(error)
        finally:
            # Complete items read before an error are kept (one transaction per batch).
            if batch:
                self._write(batch, report, source, info.language)
                if progress:
                    progress("read", done + len(batch), None)
        report.format = info.format
        report.warnings.extend(info.warnings)
        return report

    def _write(self, posts: list[Post], report: FeedReport, source: str, feed_language: str | None = None) -> None:
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
                language = post_language(post.title, text_of(list(post.paragraphs)), feed_language)
                if language not in (None, "de"):
                    report.not_german += 1
                self.store.upsert_post(post.to_dict(), feed=source if source != "-" else "stdin", language=language)
                report.warnings.extend(f"{post.id}: {note}" for note in post.notes)

    # -- analysis --------------------------------------------------------------------------------
    def analyze_pending(
        self, *, workers: int = 1, progress: ProgressCallback | None = None, batch_size: int | None = None,
        analyzer: Callable[..., Iterable[Analysis]] | None = None,
    ) -> tuple[int, int]:
        """Analyse every post whose current content has no analysis by this pipeline.

        ``analyzer`` replaces the local ``analyze_texts`` (e.g. a ``DaskAnalyzer``); this process
        stays the only writer. Returns (analysed, of which not German)."""
        from textmine.nlp.pipeline_meta import pipeline_id

        self.component_errors = []
        name = self.pipeline_name()
        pending = self.store.unanalyzed(name)
        if not pending:
            return 0, 0
        from textmine.analysis.texts import BATCH_SIZE, analyze_texts, release_language_model

        release_language_model()  # languages were detected at ingest and are read from the store
        analyzer = analyzer or analyze_texts
        if pipeline_id(self.nlp.meta) != name:  # a meta.json that differs from the loaded pipeline's
            name = pipeline_id(self.nlp.meta)
            pending = self.store.unanalyzed(name)
        done = not_german = 0
        if progress:
            progress("analyze", 0, len(pending))
        hashes: dict[str, str] = {}
        languages: dict[str, str | None] = {}
        authors: dict[str, str | None] = {}  # the feed's author names the author's own claims

        def items() -> Iterator[tuple[str, str, str]]:
            # Posts are read from the store chunk by chunk, so memory stays flat on big corpora.
            for start in range(0, len(pending), WRITE_BATCH):
                for post in list(self.store.posts(pending[start:start + WRITE_BATCH])):
                    hashes[post.id] = post.content_hash
                    languages[post.id] = post.language
                    authors[post.id] = post.author
                    yield post.id, post.title, text_of(post.paragraphs)

        from textmine.memory import release_free_memory

        release_free_memory()
        batch: list[Analysis] = []
        batch_size = batch_size or BATCH_SIZE  # posts per pipeline batch (and per worker's chunk)
        for result in analyzer(self.nlp, items(), batch_size=batch_size, n_process=workers, languages=languages):
            batch.append(result)
            if len(batch) >= WRITE_BATCH:
                not_german += self._save(batch, hashes, name, authors)
                done += len(batch)
                batch.clear()
                release_free_memory()  # peak RSS stays flat in the number of posts
                if progress:
                    progress("analyze", done, len(pending))
        if batch:
            not_german += self._save(batch, hashes, name, authors)
            done += len(batch)
            if progress:
                progress("analyze", done, len(pending))
        return done, not_german


    #: The earlier spelling, kept so that existing scripts keep working.
    analyse_pending = analyze_pending

    def _save(self, results: list[Analysis], hashes: dict[str, str], pipeline: str,
              authors: dict[str, str | None] | None = None) -> int:
        """Store one batch of analyses in one transaction; returns how many were not German."""
        from textmine.nlp.contract import with_post_author  # spaCy loads only when analysing

        with self.store.transaction():
            for result in results:
                with_post_author(result.record, (authors or {}).pop(result.id, None))
                self.store.save_analysis(result.id, hashes.pop(result.id), pipeline, result.record, result.terms)
                if result.record.get("errors"):
                    self.component_errors.append((result.id, result.record["errors"]))
        return sum(r.record.get("language") not in (None, "de") for r in results)

    # -- reading ---------------------------------------------------------------------------------
    def records(self, ids: Sequence[str] | None = None, *, kind: str | None = None,
                merge_names: bool = False) -> Iterator[tuple[StoredPost, dict | None]]:
        """Each stored post with its analysis record, in publication order (only ``kind`` if given:
        "post" or "comment"). ``merge_names``: person names as the whole corpus resolves them
        ("Lember" → "Veiko Lember" where the corpus has one such person; see
        :mod:`textmine.discourse.names`), as the listings, the report and the networks count them."""
        if not merge_names:
            return self.store.records(ids, kind=kind)
        from textmine.discourse.names import merge_names as merged, person_names

        names = person_names(record for _, record in self.store.records() if record)
        return ((post, merged(record, names) if record else record) for post, record in self.store.records(ids, kind=kind))

    def statements(self, concepts: str = "targets", *, since: str | None = None, until: str | None = None,
                   run: int | None = None):  # noqa: ANN201 - pandas.DataFrame
        """Discourse statements as a DataFrame, one row per argumentative sentence (and concept):
        ``textmine.discourse.statements.STATEMENT_COLUMNS``; ``concepts`` is "targets", "topics" or
        a code-book file (``textmine.discourse.concepts``)."""
        from textmine.discourse.build import corpus_concept_statements
        from textmine.discourse.statements import statements_frame

        report = corpus_concept_statements(self, concepts, since=since, until=until, run_id=run)
        return statements_frame(report.statements)

    def export_records(self, *, kind: str | None = None) -> Iterator[dict]:
        """Per post, the contract's object plus the post's metadata."""
        for post, record in self.records(kind=kind):
            yield post_record(post, record)


    # -- DataFrames (typed tables of the store; columns and dtypes in docs/schema.md) -----------------
    def posts(self, *, author: str | None = None, since: Any = None, until: Any = None) -> "pd.DataFrame":
        """One row per post: id, url, title, author, published (UTC), date, year, counts of annotations."""
        return frames.posts(self.store, author=author, since=since, until=until)

    def claims(self) -> "pd.DataFrame":
        """One row per claim: post, offsets, text, holder (``holder_name``: the post author when the
        author holds it), score, post author and date."""
        return frames.frame(self.store, "claims")

    def critiques(self) -> "pd.DataFrame":
        """One row per critique: critic (``critic_name`` resolves "author"), target, score, post."""
        return frames.frame(self.store, "critiques")

    def citations(self, *, by_author: bool = False) -> "pd.DataFrame":
        """One row per in-text citation (kind, authors, year, pages, reference); with
        ``by_author=True`` one row per cited author of each citation (who cites whom)."""
        return frames.frame(self.store, "citation_authors" if by_author else "citations")

    def quotes(self) -> "pd.DataFrame":
        """One row per quotation, with its source where a citation or speech verb names it."""
        return frames.frame(self.store, "quotes")

    def references(self) -> "pd.DataFrame":
        """One row per bibliography entry (authors, year, title, container, editors, publisher …)."""
        return frames.frame(self.store, "references")

    def actors(self, level: str = "mention") -> "pd.DataFrame":
        """Actor mentions (``level="mention"``) or one row per canonical actor (``"canonical"``)."""
        return frames.actors(self.store, level)

    def topics(self, run: int | None = None) -> "pd.DataFrame":
        """Topic weights of a stored run (latest by default): one row per post and topic."""
        return frames.topics(self.store, self._run_id(run))

    def topic_terms(self, run: int | None = None) -> "pd.DataFrame":
        """The topics of a stored run (latest by default): label, share, top terms."""
        return frames.topic_terms(self.store, self._run_id(run))

    def _run_id(self, run: int | None) -> int | None:
        """The id of run ``run`` (``RunNotFound`` when it is not stored), or of the latest run
        (``None`` when there is none)."""
        from textmine.topics import runs as topic_runs

        if run is None and self.store.topic_run() is None:
            return None
        return topic_runs.stored_run(self.store, run)["id"]

    # -- topic runs (textmine.topics.runs; the CLI's topics and runs commands wrap these) ---------------
    def fit_topics(self, k: int | str = "auto", **options: Any) -> "FittedRun":
        """Fit, store and return a topic run over the analysed posts (options: ``method``, ``seed``,
        ``workers``, ``resamples``, ``seed_words``, ``progress``; see ``topic_runs.fit_run``)."""
        from textmine.topics import runs as topic_runs

        return topic_runs.fit_run(self.store, k, **options)

    def apply_topics(self, run: int) -> list[dict]:
        """Assign the posts a stored run has not seen to its topics, without refitting."""
        from textmine.topics import runs as topic_runs

        return topic_runs.apply_run(self.store, run)

    def compare_runs(self, run_a: int, run_b: int) -> dict:
        """Match the topics of two stored runs; how far the posts moved (ARI/NMI, per pair)."""
        from textmine.topics import runs as topic_runs

        return topic_runs.compare(self.store, run_a, run_b)

    def topic_runs(self) -> list[dict]:
        """The stored runs, oldest first (id, created_at, method, k, seed, coherence, topics …)."""
        return self.store.topic_runs()

    def topic_shares_over_time(self, freq: str = "year", run: int | None = None) -> list[dict]:
        """Mean topic weights per month, quarter or year of a stored run (no refit)."""
        from textmine.topics import runs as topic_runs

        return topic_runs.shares_over_time(self.store, freq, run)

    def topics_by(self, key: str = "actor", run: int | None = None) -> list[dict]:
        """Per actor or sector, the most frequent dominant topics of its posts."""
        from textmine.topics import runs as topic_runs

        return topic_runs.topics_by(self.store, key, run)

    def typical_actors(self, run: int | None = None) -> list[dict]:
        """Per topic, the actors most over-represented in its posts."""
        from textmine.topics import runs as topic_runs

        return topic_runs.typical_actors(self.store, run)


def post_record(post: StoredPost, record: dict | None) -> dict:
    """The JSON contract's object for a stored post (empty groups and ``analysed: false`` when it is
    not analysed yet)."""
    base = record or {"text": text_of(post.paragraphs), "sentences": [], "claims": [], "critiques": [],
                      "citations": [], "quotes": [], "references": [], "actors": [], "language": post.language}
    return {
        **base,
        # An unanalysed post must not read as a post with no findings.
        "analysed": record is not None,
        "id": post.id,
        "title": post.title,
        "url": post.url,
        "author": post.author,
        "published": post.published,
        "categories": post.categories,
        "paragraphs": post.paragraphs,
        "kind": post.kind,
        "parent": post.parent,
    }


#: ``--include`` values and the WordPress post types they add.
INCLUDE_TYPES = {"pages": "page", "page": "page"}


def post_types(include: Sequence[str]) -> frozenset[str]:
    """The WordPress post types to import: posts, plus what ``include`` names (ValueError for others)."""
    unknown = [name for name in include if name not in INCLUDE_TYPES]
    if unknown:
        raise ValueError(f"unknown --include {unknown[0]!r}: choose pages")
    return frozenset({"post", *(INCLUDE_TYPES[name] for name in include)})
