"""Run the German pipeline over texts and turn each Doc into the JSON contract plus topic terms.

Texts that are not German are detected and flagged, not analysed as German.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from textmine.ingest.language import MAX_CHARS, identifier, release_identifier
from textmine.nlp.pipeline_meta import TEXTMINE_COMPONENTS
from textmine.nlp.pipeline_meta import pipeline_id as _pipeline_id
from textmine.nlp.contract import CITATIONS, RECORD_GROUPS, doc_to_record
from textmine.nlp.terms import doc_terms

#: Posts per ``nlp.pipe`` batch. The tagger's working memory grows with the tokens of a batch
#: (10kGNAD: 148 MiB of allocations at 16 posts, 81 at 8, 61 at 4) while its speed does not
#: change (1.98 / 1.95 / 1.97 CPU s for 96 articles), and the records are the same at any size.
BATCH_SIZE = 4

#: Below this many letters a language guess is noise; such texts are analysed as German.
MIN_LETTERS_FOR_LANGUAGE_ID = 80


@dataclass(frozen=True)
class Analysis:
    id: str | None
    record: dict
    terms: list[str]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` when the text is too short to tell.

    For texts whose language ingest did not record (library calls); the classifier is the one
    ingest uses, so only one language model is ever held."""
    if sum(ch.isalpha() for ch in text[:MAX_CHARS]) < MIN_LETTERS_FOR_LANGUAGE_ID:
        return None
    language, _score = identifier().classify(text[:MAX_CHARS])
    return language


def release_language_model() -> None:
    """Free the language model: ingest detects languages while reading feeds, the analysis reads
    them from the store, so the model need not sit in memory next to the pipeline (peak RSS)."""
    release_identifier()


def pipeline_id(nlp: Language) -> str:
    """Identifies the analysis: a post analysed by another pipeline is analysed again."""
    return _pipeline_id(nlp.meta)


def _not_german_record(id: str | None, title: str | None, text: str, language: str) -> dict:
    empty: dict = {key: [] for key in ("claims", "critiques", "citations", "quotes", "references", "actors")}
    return {"id": id, "title": title, "text": text, "language": language,
            "sentences": [{"start": 0, "end": len(text)}], **empty}


def analyze_texts(
    nlp: Language,
    items: Iterable[tuple[str | None, str | None, str]],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    languages: dict[str, str | None] | None = None,
    start_method: str | None = None,
) -> Iterator[Analysis]:
    """Analyse ``(id, title, text)`` triples, in order.

    With ``n_process > 1`` whole chunks of posts go to worker processes that run the pipeline *and*
    build the JSON records there, so only plain dicts travel back (spaCy's own ``n_process``
    pickles every Doc back to this process, which costs more than it saves). ``languages`` gives
    languages already known by id (e.g. detected at ingest); other texts are detected here.
    ``start_method`` ("fork", "spawn", "forkserver") overrides the platform's default for workers.
    """
    if n_process > 1:
        yield from _analyze_in_processes(nlp, items, batch_size=batch_size, n_process=n_process,
                                         languages=languages, start_method=start_method)
        return
    queue: deque[tuple[str | None, str | None, str, str | None]] = deque()

    def piped(text: str, language: str | None) -> bool:
        """German text that fits spaCy's ``max_length`` goes through the batched pipe."""
        return language in (None, "de") and len(text) <= nlp.max_length

    def german_texts() -> Iterator[str]:
        for item_id, title, text in items:
            if languages is not None and item_id in languages:
                language = languages[item_id]
            else:
                language = detect_language(text)
            queue.append((item_id, title, text, language))
            if piped(text, language):
                yield text

    def until_piped() -> Iterator[Analysis]:
        while queue and not piped(queue[0][2], queue[0][3]):
            item_id, title, text, language = queue.popleft()
            if language in (None, "de"):
                yield _analyze_long(nlp, ours, item_id, title, text, language)
            else:
                yield Analysis(item_id, _not_german_record(item_id, title, text, language), [])

    # The statistical part runs batched; textmine's rule components run per doc, each guarded, so a
    # bug on one odd post is reported in its record instead of stopping a whole ingest.
    ours = [(name, proc) for name, proc in nlp.pipeline if name in TEXTMINE_COMPONENTS]
    for doc in nlp.pipe(german_texts(), batch_size=batch_size, disable=[name for name, _ in ours]):
        yield from until_piped()
        item_id, title, _text, language = queue.popleft()
        record, terms = _finish(doc, ours, item_id, title, language)
        yield Analysis(item_id, record, terms)
    yield from until_piped()


def _finish(doc, ours, item_id: str | None, title: str | None, language: str | None) -> tuple[dict, list[str]]:  # noqa: ANN001
    """Run textmine's components on a Doc (each guarded) and build its record and topic terms."""
    errors = []
    for name, proc in ours:
        try:
            doc = proc(doc)
        except Exception as error:  # noqa: BLE001 - any component bug: keep the post, say what failed
            errors.append(f"{name}: {error.__class__.__name__}: {error}")
    doc._.textmine_language = language or "de"
    record = doc_to_record(doc, id=item_id, title=title)
    if errors:
        record["errors"] = errors
    return record, doc_terms(doc)


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each at most ``limit`` characters, cut at
    paragraph breaks, else at a line break or space; whitespace between pieces is left out."""
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        window = start + limit
        cut = text.rfind("\n\n", start + 1, window)
        if cut <= start:
            cut = max(text.rfind("\n", start + 1, window), text.rfind(" ", start + 1, window))
        if cut <= start:
            cut = window
        bounds.append((start, cut))
        start = cut
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        bounds.append((start, n))
    return bounds


#: Record groups whose items carry character offsets into the text.
_SPAN_GROUPS = ("sentences", *RECORD_GROUPS)


def _analyze_long(nlp: Language, ours, item_id: str | None, title: str | None, text: str,  # noqa: ANN001
                  language: str | None) -> Analysis:
    """A text longer than spaCy's ``max_length``: analysed in paragraph-aligned pieces whose
    records are merged, with every offset shifted to index into the whole ``text``."""
    merged: dict = {"id": item_id, "title": title, "text": text, "language": language or "de",
                    **{group: [] for group in _SPAN_GROUPS}}
    terms: list[str] = []
    errors: list[str] = []
    bounds = chunk_bounds(text, nlp.max_length)
    for start, end in bounds:
        doc = next(iter(nlp.pipe([text[start:end]], disable=[name for name, _ in ours])))
        record, piece_terms = _finish(doc, ours, item_id, title, language)
        first_reference = len(merged["references"])
        for group in _SPAN_GROUPS:
            for item in record.get(group, []):
                item = {**item, "start": item["start"] + start, "end": item["end"] + start}
                if group == CITATIONS and item.get("reference") is not None:
                    item["reference"] += first_reference
                merged[group].append(item)
        terms.extend(piece_terms)
        errors.extend(record.get("errors", []))
    if errors:
        merged["errors"] = errors
    return Analysis(item_id, merged, terms)


#: The pipeline of this worker process: inherited (fork) or unpickled once (spawn, forkserver).
_WORKER_NLP: Language | None = None


def _start_worker(nlp: Language) -> None:
    """Pool initializer: under fork ``nlp`` is the parent's object, otherwise an unpickled copy."""
    global _WORKER_NLP
    from textmine.nlp.extensions import register_extensions

    register_extensions()
    _WORKER_NLP = nlp


def _analyze_chunk(chunk: list[tuple[str | None, str | None, str, str | None]]) -> list[Analysis]:
    assert _WORKER_NLP is not None, "worker started without a pipeline"
    from textmine.memory import release_free_memory

    known = {item_id: language for item_id, _, _, language in chunk if item_id is not None}
    results = list(analyze_texts(_WORKER_NLP, [(i, t, x) for i, t, x, _ in chunk], languages=known or None))
    release_free_memory()  # a worker's resident memory stays flat over many chunks
    return results


def _chunks(items: Iterable[tuple[str | None, str | None, str]], size: int,
            languages: dict[str, str | None] | None) -> Iterator[list[tuple[str | None, str | None, str, str | None]]]:
    chunk: list[tuple[str | None, str | None, str, str | None]] = []
    for item_id, title, text in items:
        language = languages[item_id] if languages is not None and item_id in languages else detect_language(text)
        chunk.append((item_id, title, text, language))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: Chunks in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
CHUNKS_IN_FLIGHT = 2


def _analyze_in_processes(nlp: Language, items: Iterable[tuple[str | None, str | None, str]], *, batch_size: int,
                          n_process: int, languages: dict[str, str | None] | None,
                          start_method: str | None = None) -> Iterator[Analysis]:
    """Chunks go to a pool in order; results come back in order.

    ``items`` is read only in the calling thread (never by the pool's feeder thread): a caller's
    generator may read SQLite, whose connections belong to one thread. At most
    ``CHUNKS_IN_FLIGHT × n_process`` chunks are out at a time, so a big corpus is not read ahead
    into memory. The start method is the platform's default (fork on Linux, spawn on macOS and
    Windows) unless ``start_method`` names one; under spawn each worker unpickles ``nlp`` once."""
    context = multiprocessing.get_context(start_method)
    with context.Pool(n_process, initializer=_start_worker, initargs=(nlp,)) as pool:
        in_flight: deque = deque()
        for chunk in _chunks(items, batch_size, languages):
            in_flight.append(pool.apply_async(_analyze_chunk, (chunk,)))
            if len(in_flight) >= CHUNKS_IN_FLIGHT * n_process:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()
