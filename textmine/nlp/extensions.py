"""The ``Span._`` attributes that textmine's components write.

All components register through :func:`register_extensions` so that the attribute names stay one
vocabulary (the JSON contract of ``textmine.nlp.contract`` reads exactly these).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

#: Span attributes, by the span group that uses them. Values default to ``None``.
SPAN_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "citations": ("kind", "authors", "year", "pages", "reference"),
    "quotes": ("source",),
    "references": ("authors", "year", "title", "container", "editors", "publisher", "place", "pages"),
    "claims": ("holder", "score"),
    "critiques": ("critic", "target", "score"),
    "actors": ("canonical", "actor_type", "sector"),
}

#: Doc attributes: ``doc._.language`` is the detected language code (or ``None``).
DOC_ATTRIBUTES: tuple[str, ...] = ("language",)


def component_assigns(*groups: str) -> list[str]:
    """What a component writing these span groups declares as ``assigns`` (``nlp.analyze_pipes``)."""
    names = sorted({name for group in groups for name in SPAN_ATTRIBUTES[group]})
    return ["doc.spans", *(f"span._.{name}" for name in names)]


def register_extensions() -> None:
    """Register every textmine ``Span``/``Doc`` extension once (idempotent)."""
    for names in SPAN_ATTRIBUTES.values():
        for name in names:
            if not Span.has_extension(name):
                Span.set_extension(name, default=None)
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
