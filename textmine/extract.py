"""Plain extract functions: a text (or an analysed spaCy ``Doc``) in, typed records out.

Like ``textacy.extract``, one function per kind, each returning a list of frozen dataclasses with
character offsets into the text::

    >>> from textmine import extract
    >>> [(c.kind, c.authors, c.year, c.pages) for c in extract.citations("Laut Lember (2018, 4) gilt das (ebd., 5).")]
    [('narrative', ['Lember'], 2018, '4'), ('ibid', ['Lember'], 2018, '5')]
    >>> [(q.text, q.source) for q in extract.quotes("„Teilhabe muss man sich leisten können“ (Kaiser 2013: 90).")]
    [('„Teilhabe muss man sich leisten können“', 'Kaiser')]

``citations``, ``quotes`` and ``references`` parse characters and never load spaCy (importing this
module imports no spaCy either). ``actors``, ``claims``, ``critiques`` and ``arguments`` need the
German pipeline: given a text they run textmine's shared pipeline (loaded once per process; pass
``nlp=`` to use your own); given a ``Doc`` they read the span groups the components wrote::

    >>> [(a.text, a.canonical, a.type, a.sector) for a in extract.actors("Die Caritas kritisiert Kommunen.")]
    [('Caritas', 'Caritas', 'organisation', 'civil_society'), ('Kommunen', 'Kommune', 'collective', 'state')]
    >>> [(type(a).__name__, a.critic) for a in extract.arguments("Die Caritas kritisiert, dass Kommunen sparen.")]
    [('Critique', 'Caritas')]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union
from textmine.nlp.contract import ACTORS, CITATIONS, CLAIMS, CRITIQUES, QUOTES, REFERENCES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TextOrDoc = Union[str, "Doc"]

__all__ = ["Actor", "Citation", "Claim", "Critique", "Quote", "Reference",
           "actors", "arguments", "citations", "claims", "critiques", "quotes", "references"]


@dataclass(frozen=True)
class Citation:
    """An in-text citation. ``kind``: parenthetical, narrative, ibid or author_only; ``reference``:
    index into ``references()`` of the same text (the bibliography entry), or ``None``."""

    text: str
    start: int
    end: int
    kind: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    pages: str | None = None
    reference: int | None = None


@dataclass(frozen=True)
class Quote:
    """A quotation; ``source``: the author of the adjacent citation or speech verb, if any."""

    text: str
    start: int
    end: int
    source: str | None = None


@dataclass(frozen=True)
class Reference:
    """An entry of a bibliography section ("Literatur:", "Quellen:" …)."""

    text: str
    start: int
    end: int
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    title: str | None = None
    container: str | None = None
    editors: list[str] = field(default_factory=list)
    publisher: str | None = None
    place: str | None = None
    pages: str | None = None


@dataclass(frozen=True)
class Actor:
    """An actor mention. ``canonical``: the folded form shared by all mentions of the actor;
    ``type``: person, organisation or collective; ``sector``: economy, state, civil_society,
    science, citizens, media or unknown."""

    text: str
    start: int
    end: int
    canonical: str
    type: str
    sector: str


@dataclass(frozen=True)
class Claim:
    """A sentence that asserts a position; ``holder`` is the actor who holds it, or "author"."""

    text: str
    start: int
    end: int
    holder: str
    score: float

    @property
    def holder_is_author(self) -> bool:
        return self.holder == "author"


@dataclass(frozen=True)
class Critique:
    """A claim that judges someone or something negatively; ``critic`` ("author" when the post's
    author criticises) and ``target`` (``None`` when the text names none)."""

    text: str
    start: int
    end: int
    critic: str
    target: str | None
    score: float

    @property
    def critic_is_author(self) -> bool:
        return self.critic == "author"


# -- spaCy-free: citations, quotes, references ----------------------------------------------------
def _parse(text: str):  # noqa: ANN202 - citation_parse.Extraction
    from textmine.nlp.citations.parse import extract

    return extract(text)


def _text_of(doc_or_text: Any) -> str:
    if isinstance(doc_or_text, str):
        return doc_or_text
    text = getattr(doc_or_text, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"expected a str or a spaCy Doc, got {type(doc_or_text).__name__}")
    return text


def _group(doc_or_text: Any, group: str) -> list[dict] | None:
    """The contract's dicts of ``group`` when ``doc_or_text`` is a Doc that has the span group."""
    if isinstance(doc_or_text, str) or group not in getattr(doc_or_text, "spans", {}):
        return None
    from textmine.nlp.contract import doc_to_record

    return doc_to_record(doc_or_text)[group]


def citations(doc_or_text: TextOrDoc) -> list[Citation]:
    """In-text citations, in text order (no spaCy needed for a text)."""
    found = _group(doc_or_text, CITATIONS)
    if found is not None:
        return [Citation(**{**c, "authors": list(c["authors"])}) for c in found]
    text = _text_of(doc_or_text)
    return [Citation(text[c.start:c.end], c.start, c.end, c.kind, list(c.authors), c.year, c.pages, c.reference)
            for c in _parse(text).citations]


def quotes(doc_or_text: TextOrDoc) -> list[Quote]:
    """Quotations with their source where a citation or speech verb names it (no spaCy needed).
    Titles, names and scare-quoted terms in quotation marks are not quotations."""
    found = _group(doc_or_text, QUOTES)
    if found is not None:
        return [Quote(**q) for q in found]
    text = _text_of(doc_or_text)
    return [Quote(text[q.start:q.end], q.start, q.end, q.source) for q in _parse(text).quotes if q.kind == "quote"]


def references(doc_or_text: TextOrDoc) -> list[Reference]:
    """Bibliography entries parsed into authors, year, title, container … (no spaCy needed)."""
    found = _group(doc_or_text, REFERENCES)
    if found is not None:
        return [Reference(**{**r, "authors": list(r["authors"]), "editors": list(r["editors"])}) for r in found]
    text = _text_of(doc_or_text)
    return [Reference(text[r.start:r.end], r.start, r.end, list(r.authors), r.year, r.title, r.container,
                      list(r.editors), r.publisher, r.place, r.pages) for r in _parse(text).references]


# -- with the pipeline: actors, claims, critiques -------------------------------------------------
def _analysed(doc_or_text: TextOrDoc, group: str, nlp: "Language | None") -> list[dict]:
    found = _group(doc_or_text, group)
    if found is not None:
        return found
    if not isinstance(doc_or_text, str):
        raise ValueError(f"this Doc has no {group!r} span group: make it with textmine.load_pipeline() "
                         f"or a pipeline with textmine's components, or pass the text")
    from textmine.nlp.pipeline import shared_pipeline
    from textmine.nlp.contract import doc_to_record

    return doc_to_record((nlp or shared_pipeline())(doc_or_text))[group]


def actors(doc_or_text: TextOrDoc, *, nlp: "Language | None" = None) -> list[Actor]:
    """Actor mentions with canonical form, type and sector."""
    return [Actor(a["text"], a["start"], a["end"], a["canonical"], a["type"], a["sector"])
            for a in _analysed(doc_or_text, ACTORS, nlp)]


def claims(doc_or_text: TextOrDoc, *, nlp: "Language | None" = None) -> list[Claim]:
    """Claims (sentences asserting a position) with their holder."""
    return [Claim(c["text"], c["start"], c["end"], c["holder"], c["score"]) for c in _analysed(doc_or_text, CLAIMS, nlp)]


def critiques(doc_or_text: TextOrDoc, *, nlp: "Language | None" = None) -> list[Critique]:
    """Critiques with critic and target."""
    return [Critique(c["text"], c["start"], c["end"], c["critic"], c.get("target"), c["score"])
            for c in _analysed(doc_or_text, CRITIQUES, nlp)]


def arguments(doc_or_text: TextOrDoc, *, nlp: "Language | None" = None) -> list[Claim | Critique]:
    """Claims and critiques together, in text order (a text is analysed once)."""
    if isinstance(doc_or_text, str):
        from textmine.nlp.pipeline import shared_pipeline

        doc_or_text = (nlp or shared_pipeline())(doc_or_text)
    found: list[Claim | Critique] = [*claims(doc_or_text), *critiques(doc_or_text)]
    return sorted(found, key=lambda item: item.start)
