"""Turn an analysed ``Doc`` into the JSON contract of the architecture note."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span


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
        "language": doc._.language,
        "sentences": [{"start": s.start_char, "end": s.end_char} for s in doc.sents] if doc.has_annotation("SENT_START") else [{"start": 0, "end": len(doc.text)}],
        "claims": [
            {**_span_base(s), "holder": s._.holder or "author", "holder_is_author": (s._.holder or "author") == "author",
             "score": _score(s)}
            for s in _group(doc, "claims")
        ],
        "critiques": [
            {**_span_base(s), "critic": s._.critic or "author", "critic_is_author": (s._.critic or "author") == "author",
             "target": s._.target, "score": _score(s)}
            for s in _group(doc, "critiques")
        ],
        "citations": [
            {
                **_span_base(s),
                "kind": s._.kind or s.label_ or "parenthetical",
                "authors": list(s._.authors or []),
                "year": s._.year,
                "pages": s._.pages,
                "reference": s._.reference,
            }
            for s in _group(doc, "citations")
        ],
        "quotes": [{**_span_base(s), "source": s._.source} for s in _group(doc, "quotes")],
        "references": [
            {
                **_span_base(s),
                "authors": list(s._.authors or []),
                "year": s._.year,
                "title": s._.title,
                "container": s._.container,
                "editors": list(s._.editors or []),
                "publisher": s._.publisher,
                "place": s._.place,
                "pages": s._.pages,
            }
            for s in _group(doc, "references")
        ],
        "actors": [
            {
                **_span_base(s),
                "canonical": s._.canonical or s.text,
                "type": s._.actor_type or "organisation",
                "sector": s._.sector or "unknown",
            }
            for s in _group(doc, "actors")
        ],
    }


def _score(span: Span) -> float:
    return round(float(span._.score), 4) if span._.score is not None else 1.0


def with_post_author(record: dict[str, Any], author: str | None) -> dict[str, Any]:
    """Name the post's author (from the feed) where a claim or critique is the author's own voice;
    ``holder_is_author`` / ``critic_is_author`` keep saying that it is the post's author."""
    name = (author or "").strip()
    if not name:
        return record
    for key, who in (("claims", "holder"), ("critiques", "critic")):
        for item in record.get(key, []):
            if item.get(f"{who}_is_author", item.get(who) == "author"):
                item[who] = name
                item[f"{who}_is_author"] = True
    return record
