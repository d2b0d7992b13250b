"""The ``Span._``/``Doc._`` attributes that textmine's components write.

Every name carries the prefix ``textmine_`` (``span._.textmine_holder``, ``doc._.textmine_language``),
as the component names do, so that generic words such as ``score`` or ``source`` stay free for
other libraries. :func:`register_extensions` registers them once per process; a name that is
already registered by someone else raises a ``ValueError`` naming the attribute instead of
silently sharing (or losing) its values. The JSON contract of ``textmine.nlp.contract`` reads
exactly these attributes.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from textmine.nlp.contract import ACTORS, CITATIONS, CLAIMS, CRITIQUES, QUOTES, REFERENCES

PREFIX = "textmine_"

#: Span attributes, by the span group that uses them. Values default to ``None``.
SPAN_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    CITATIONS: ("textmine_kind", "textmine_authors", "textmine_year", "textmine_pages", "textmine_reference"),
    QUOTES: ("textmine_source",),
    REFERENCES: ("textmine_authors", "textmine_year", "textmine_title", "textmine_container", "textmine_editors",
                 "textmine_publisher", "textmine_place", "textmine_pages"),
    CLAIMS: ("textmine_holder", "textmine_score"),
    CRITIQUES: ("textmine_critic", "textmine_target", "textmine_score"),
    ACTORS: ("textmine_canonical", "textmine_actor_type", "textmine_sector"),
}

#: Doc attributes: ``doc._.textmine_language`` is the detected language code (or ``None``).
DOC_ATTRIBUTES: tuple[str, ...] = ("textmine_language",)

#: Span attributes that hold lists of names.
LIST_ATTRIBUTES = frozenset({"textmine_authors", "textmine_editors"})

# What ``get_extension`` returned right after textmine registered each name: spaCy keeps that
# tuple, so an identical one later means the attribute is still textmine's.
_REGISTERED: dict[tuple[type, str], tuple] = {}


def component_assigns(*groups: str) -> list[str]:
    """What a component writing these span groups declares as ``assigns`` (``nlp.analyze_pipes``)."""
    names = sorted({name for group in groups for name in SPAN_ATTRIBUTES[group]})
    return ["doc.spans", *(f"span._.{name}" for name in names)]


def register_extensions() -> None:
    """Register every textmine ``Span``/``Doc`` extension once (idempotent).

    Raises ``ValueError`` when one of the names is already registered by another owner."""
    for names in SPAN_ATTRIBUTES.values():
        for name in names:
            _register(Span, name)
    for name in DOC_ATTRIBUTES:
        _register(Doc, name)


def _register(cls: type, name: str) -> None:
    key = (cls, name)
    if cls.has_extension(name):
        if _REGISTERED.get(key) is cls.get_extension(name):
            return
        raise ValueError(
            f"{cls.__name__}._.{name} is already registered by {_owner(cls.get_extension(name))}; "
            f"textmine needs that attribute for itself: remove the other extension "
            f"({cls.__name__}.remove_extension({name!r})) or load textmine first"
        )
    cls.set_extension(name, default=None)
    _REGISTERED[key] = cls.get_extension(name)


def _owner(extension: tuple) -> str:
    """Who registered an extension, as far as its functions tell (a plain default tells nothing)."""
    modules = {getattr(f, "__module__", None) for f in extension[1:] if f is not None} - {None}
    return f"another owner ({', '.join(sorted(modules))})" if modules else "another owner (your code or another library)"
