"""Run the German pipeline over texts and turn each Doc into the JSON contract plus topic terms.

Texts that are not German are detected and flagged, not analysed as German.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from textmine import __version__
from textmine.nlp.serialize import doc_to_record
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
    return f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}+textmine-{__version__}"


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
    """Analyse ``(id, title, text)`` triples, in order, with one ``nlp.pipe`` over the German ones.

    One pipe call for the whole stream matters with ``n_process > 1``: spaCy starts its worker
    processes once, not per batch. ``languages`` gives languages already known (by id), e.g.
    detected at ingest; other texts are detected here.
    """
    queue: deque[tuple[str | None, str | None, str, str | None]] = deque()

    def german_texts() -> Iterator[str]:
        for item_id, title, text in items:
            if languages is not None and item_id in languages:
                language = languages[item_id]
            else:
                language = detect_language(text)
            queue.append((item_id, title, text, language))
            if language in (None, "de"):
                yield text

    def foreign_until_german() -> Iterator[Analysis]:
        while queue and queue[0][3] not in (None, "de"):
            item_id, title, text, language = queue.popleft()
            yield Analysis(item_id, _not_german_record(item_id, title, text, language), [])

    for doc in nlp.pipe(german_texts(), batch_size=batch_size, n_process=n_process):
        yield from foreign_until_german()
        item_id, title, _text, language = queue.popleft()
        doc._.language = language or "de"
        yield Analysis(item_id, doc_to_record(doc, id=item_id, title=title), doc_terms(doc))
    yield from foreign_until_german()
