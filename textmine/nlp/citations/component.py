"""spaCy component ``textmine_citations``: citations, quotes, bibliography entries and their links.

The parsing is done on characters by :mod:`textmine.nlp.citations.parse` (pure, linear-time); this
component maps the character offsets to token spans and writes the span groups ``citations``,
``quotes`` (quotations only), ``quoted_terms`` (titles, names and scare-quoted terms, labelled
``title`` or ``term``), ``references`` and ``bibliography`` (the whole bibliography section, so that other
components can skip its sentences). It needs no tagger, parser or NER.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from textmine.nlp.citations.lexicon import load_lexicons
from textmine.nlp.citations.parse import Extraction, extract
from textmine.nlp.contract import BIBLIOGRAPHY, CITATION_GROUPS, CITATIONS, QUOTED_TERMS, QUOTES, REFERENCES
from textmine.nlp.extensions import component_assigns, register_extensions
from textmine.nlp.serialization import copy_lexicons, saved_lexicons

GROUPS = CITATION_GROUPS


@Language.factory(
    "textmine_citations", default_config={"lexicon_dir": None},
    assigns=component_assigns(CITATIONS, QUOTES, REFERENCES),
)
def make_component(nlp: Language, name: str, lexicon_dir: str | None = None):
    register_extensions()
    return CitationComponent(lexicon_dir)


class CitationComponent:
    """Writes the citation span groups; ``lexicon_dir`` points at user-extended word lists."""

    def __init__(self, lexicon_dir: str | None = None) -> None:
        self.lexicon_dir = lexicon_dir
        self.lexicons = load_lexicons(lexicon_dir)

    def to_disk(self, path: str | Path, *, exclude=()) -> None:  # noqa: ANN001 - spaCy's signature
        """Save a user's lexicon folder with the pipeline (the shipped lexicons come with textmine)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        copy_lexicons(self.lexicon_dir, path)

    def from_disk(self, path: str | Path, *, exclude=()) -> "CitationComponent":  # noqa: ANN001
        folder = saved_lexicons(Path(path))
        if folder is not None:
            self.lexicon_dir = str(folder)
            self.lexicons = load_lexicons(self.lexicon_dir)
        return self

    def __call__(self, doc: Doc) -> Doc:
        result = extract(doc.text, self.lexicons)
        write_spans(doc, result)
        return doc


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    # Expand to whole tokens: a citation may sit inside a token such as "“(2018" or "2009)".
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def write_spans(doc: Doc, result: Extraction) -> None:
    """Map an :class:`Extraction` onto ``doc.spans`` with the ``Span._`` attributes set."""
    references, new_index = [], {}
    for index, ref in enumerate(result.references):
        span = _span(doc, ref.start, ref.end, "reference")
        if span is None:
            continue
        span._.textmine_authors, span._.textmine_year, span._.textmine_title = list(ref.authors), ref.year, ref.title
        span._.textmine_container, span._.textmine_editors = ref.container, list(ref.editors)
        span._.textmine_publisher, span._.textmine_place, span._.textmine_pages = ref.publisher, ref.place, ref.pages
        new_index[index] = len(references)
        references.append(span)
    citations = []
    for cit in result.citations:
        span = _span(doc, cit.start, cit.end, cit.kind)
        if span is None:
            continue
        span._.textmine_kind, span._.textmine_authors, span._.textmine_year = cit.kind, list(cit.authors), cit.year
        span._.textmine_pages = cit.pages
        # Index into doc.spans["references"]: the same list unless an entry could not be mapped.
        span._.textmine_reference = new_index.get(cit.reference) if cit.reference is not None else None
        citations.append(span)
    quotes, quoted_terms = [], []
    for quote in result.quotes:
        span = _span(doc, quote.start, quote.end, quote.kind)
        if span is None:
            continue
        span._.textmine_source = quote.source
        (quotes if quote.kind == "quote" else quoted_terms).append(span)
    sections = [s for s in (_span(doc, a, b, "bibliography") for a, b in result.bibliography) if s is not None]
    doc.spans[CITATIONS] = citations
    doc.spans[QUOTES] = quotes
    doc.spans[QUOTED_TERMS] = quoted_terms
    doc.spans[REFERENCES] = references
    doc.spans[BIBLIOGRAPHY] = sections
