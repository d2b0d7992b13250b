"""The contract between textmine's components and their readers: the span-group names (written
here once; every other module imports them) and the JSON record of one analysed ``Doc``."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below are read by commands that must start without spaCy
    from spacy.tokens import Doc, Span

#: ``doc.spans`` groups written by ``textmine_citations``.
CITATIONS = "citations"
QUOTES = "quotes"
QUOTED_TERMS = "quoted_terms"
REFERENCES = "references"
BIBLIOGRAPHY = "bibliography"
#: ``doc.spans`` group written by ``textmine_actors``.
ACTORS = "actors"
#: ``doc.spans`` groups written by ``textmine_arguments``.
CLAIMS = "claims"
CRITIQUES = "critiques"

CITATION_GROUPS: tuple[str, ...] = (CITATIONS, QUOTES, QUOTED_TERMS, REFERENCES, BIBLIOGRAPHY)
ARGUMENT_GROUPS: tuple[str, ...] = (CLAIMS, CRITIQUES)
#: Every span group textmine writes, in pipeline order.
SPAN_GROUPS: tuple[str, ...] = (*CITATION_GROUPS, ACTORS, *ARGUMENT_GROUPS)
#: The span groups that the JSON record (``doc_to_record``) carries, in its key order.
RECORD_GROUPS: tuple[str, ...] = (CLAIMS, CRITIQUES, CITATIONS, QUOTES, REFERENCES, ACTORS)


def _span_base(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def _group(doc: Doc, name: str) -> list[Span]:
    return list(doc.spans[name]) if name in doc.spans else []


def doc_to_record(doc: Doc, *, id: str | None = None, title: str | None = None) -> dict[str, Any]:
    """The contract's object for one analysed text; offsets index into ``text``."""
    return {
        "id": id,
        "title": title,
        "text": doc.text,
        "language": doc._.textmine_language,
        "sentences": [{"start": s.start_char, "end": s.end_char} for s in doc.sents] if doc.has_annotation("SENT_START") else [{"start": 0, "end": len(doc.text)}],
        CLAIMS: [
            {**_span_base(s), "holder": s._.textmine_holder or "author", "holder_is_author": (s._.textmine_holder or "author") == "author",
             "score": _score(s)}
            for s in _group(doc, CLAIMS)
        ],
        CRITIQUES: [
            {**_span_base(s), "critic": s._.textmine_critic or "author", "critic_is_author": (s._.textmine_critic or "author") == "author",
             "target": s._.textmine_target, "score": _score(s)}
            for s in _group(doc, CRITIQUES)
        ],
        CITATIONS: [
            {
                **_span_base(s),
                "kind": s._.textmine_kind or s.label_ or "parenthetical",
                "authors": list(s._.textmine_authors or []),
                "year": s._.textmine_year,
                "pages": s._.textmine_pages,
                "reference": s._.textmine_reference,
            }
            for s in _group(doc, CITATIONS)
        ],
        QUOTES: [{**_span_base(s), "source": s._.textmine_source} for s in _group(doc, QUOTES)],
        REFERENCES: [
            {
                **_span_base(s),
                "authors": list(s._.textmine_authors or []),
                "year": s._.textmine_year,
                "title": s._.textmine_title,
                "container": s._.textmine_container,
                "editors": list(s._.textmine_editors or []),
                "publisher": s._.textmine_publisher,
                "place": s._.textmine_place,
                "pages": s._.textmine_pages,
            }
            for s in _group(doc, REFERENCES)
        ],
        ACTORS: [
            {
                **_span_base(s),
                "canonical": s._.textmine_canonical or s.text,
                "type": s._.textmine_actor_type or "organisation",
                "sector": s._.textmine_sector or "unknown",
            }
            for s in _group(doc, ACTORS)
        ],
    }


def _score(span: Span) -> float:
    return round(float(span._.textmine_score), 4) if span._.textmine_score is not None else 1.0


def with_post_author(record: dict[str, Any], author: str | None) -> dict[str, Any]:
    """Name the post's author (from the feed) where a claim or critique is the author's own voice;
    ``holder_is_author`` / ``critic_is_author`` keep saying that it is the post's author."""
    name = (author or "").strip()
    if not name:
        return record
    for key, who in ((CLAIMS, "holder"), (CRITIQUES, "critic")):
        for item in record.get(key, []):
            if item.get(f"{who}_is_author", item.get(who) == "author"):
                item[who] = name
                item[f"{who}_is_author"] = True
    return record


def require_groups(doc: "Doc", component: str, groups: tuple[str, ...], provider: str) -> None:
    """Raise a ``ValueError`` when ``provider`` (the component that writes ``groups``) did not run
    on ``doc`` before ``component``, which reads them."""
    missing = [group for group in groups if group not in doc.spans]
    if missing:
        raise ValueError(
            f"{component} reads doc.spans[{missing[0]!r}], which {provider} writes, but {provider} did not run "
            f"before it: add it to the pipeline first (nlp.add_pipe({provider!r}, before={component!r}))"
        )
