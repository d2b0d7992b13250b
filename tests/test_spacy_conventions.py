"""textmine's components behave like spaCy components: own attribute names, a clear error on a
clash, declared requires, and pipelines that save and load with ``nlp.to_disk``/``spacy.load``."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from textmine.nlp.extensions import DOC_ATTRIBUTES, SPAN_ATTRIBUTES, register_extensions


def test_every_attribute_is_in_textmines_namespace():
    names = {name for names in SPAN_ATTRIBUTES.values() for name in names} | set(DOC_ATTRIBUTES)
    assert names and all(name.startswith("textmine_") for name in names)
    register_extensions()
    assert Span.has_extension("textmine_holder") and Doc.has_extension("textmine_language")
    register_extensions()  # a second call is harmless


@pytest.mark.parametrize("cls, name", [(Span, "textmine_holder"), (Doc, "textmine_language")])
def test_an_attribute_registered_by_another_owner_is_a_clear_error(cls, name):
    register_extensions()
    ours = cls.get_extension(name)
    cls.remove_extension(name)

    def other_getter(obj):  # another library's attribute under textmine's name
        return "theirs"

    cls.set_extension(name, getter=other_getter)
    try:
        with pytest.raises(ValueError, match=rf"{cls.__name__}\._\.{name} is already registered by another owner \({__name__}\)"):
            register_extensions()
    finally:
        cls.remove_extension(name)
        cls.set_extension(name, default=ours[0])
        from textmine.nlp import extensions

        extensions._REGISTERED[(cls, name)] = cls.get_extension(name)


@pytest.mark.parametrize("component", ["textmine_actors", "textmine_arguments"])
def test_a_component_without_the_citation_component_before_it_says_so(component):
    import spacy

    from textmine.nlp.actors import component as _actors  # noqa: F401 (importing registers the factories)
    from textmine.nlp.arguments import component as _arguments  # noqa: F401
    from textmine.nlp.citations import component as _citations  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(component, config={"use_model": False} if component == "textmine_arguments" else {})
    with pytest.raises(ValueError, match=rf"{component} reads doc.spans\['citations'\], which textmine_citations writes.*"
                                         rf"nlp.add_pipe\('textmine_citations', before='{component}'\)"):
        nlp("Laut Lember (2018, 4) müssen Verbände digitaler werden.")
    nlp.add_pipe("textmine_citations", before=component)
    doc = nlp("Laut Lember (2018, 4) müssen Verbände digitaler werden.")
    assert "citations" in doc.spans
    requires = nlp.get_pipe_meta(component).requires
    assert "span._.textmine_authors" in requires
    assert not nlp.analyze_pipes()["problems"][component]
