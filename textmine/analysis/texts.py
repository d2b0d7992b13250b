"""Run the German pipeline over texts and turn each Doc into the JSON contract plus topic terms.

Texts that are not German are detected and flagged, not analysed as German.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from textmine.nlp.pipeline_meta import TEXTMINE_COMPONENTS
from textmine.nlp.pipeline_meta import pipeline_id as _pipeline_id
from textmine.nlp.contract import doc_to_record
from textmine.nlp.terms import doc_terms

#: Below this many letters a language guess is noise; such texts are analysed as German.
MIN_LETTERS_FOR_LANGUAGE_ID = 80


@dataclass(frozen=True)
class Analysis:
    id: str | None
    record: dict
    terms: list[str]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` when the text is too short to tell."""
    if sum(ch.isalpha() for ch in text[:5000]) < MIN_LETTERS_FOR_LANGUAGE_ID:
        return None
    import py3langid  # imported here: its model loads on first use, not at textmine's import

    language, _score = py3langid.classify(text[:5000])
    return language


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
    batch_size: int = 16,
    n_process: int = 1,
    languages: dict[str, str | None] | None = None,
) -> Iterator[Analysis]:
    """Analyse ``(id, title, text)`` triples, in order.

    With ``n_process > 1`` whole chunks of posts go to worker processes that run the pipeline *and*
    build the JSON records there, so only plain dicts travel back (spaCy's own ``n_process``
    pickles every Doc back to this process, which costs more than it saves). ``languages`` gives
    languages already known by id (e.g. detected at ingest); other texts are detected here.
    """
    if n_process > 1:
        yield from _analyze_in_processes(nlp, items, batch_size=batch_size, n_process=n_process, languages=languages)
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
                yield _analyse_long(nlp, ours, item_id, title, text, language)
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
    doc._.language = language or "de"
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
_SPAN_GROUPS = ("sentences", "claims", "critiques", "citations", "quotes", "references", "actors")


def _analyse_long(nlp: Language, ours, item_id: str | None, title: str | None, text: str,  # noqa: ANN001
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
                if group == "citations" and item.get("reference") is not None:
                    item["reference"] += first_reference
                merged[group].append(item)
        terms.extend(piece_terms)
        errors.extend(record.get("errors", []))
    if errors:
        merged["errors"] = errors
    return Analysis(item_id, merged, terms)


#: The pipeline a forked worker uses: set in the parent just before the pool starts.
_WORKER_NLP: Language | None = None


def _analyze_chunk(chunk: list[tuple[str | None, str | None, str, str | None]]) -> list[Analysis]:
    assert _WORKER_NLP is not None, "worker started without a pipeline"
    known = {item_id: language for item_id, _, _, language in chunk if item_id is not None}
    return list(analyze_texts(_WORKER_NLP, [(i, t, x) for i, t, x, _ in chunk], languages=known or None))


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


def _analyze_in_processes(nlp: Language, items: Iterable[tuple[str | None, str | None, str]], *, batch_size: int,
                          n_process: int, languages: dict[str, str | None] | None) -> Iterator[Analysis]:
    global _WORKER_NLP
    _WORKER_NLP = nlp  # forked workers inherit the loaded pipeline: nothing is loaded twice
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process) as pool:
        for results in pool.imap(_analyze_chunk, _chunks(items, batch_size, languages)):
            yield from results
