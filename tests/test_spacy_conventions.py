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


# Invented sentences: a citation, a reported claim, a critique, a quotation and a bibliography.
ROUND_TRIP_TEXTS = [
    "Laut Lember (2018, 4) müssen Wohlfahrtsverbände digitaler werden. Die Caritas kritisiert, dass die "
    "Bundesregierung zu wenig tut.",
    "„Das reicht nicht“, sagte Anna Schmidt vom Paritätischen. Putnams (2000) Befund gilt weiter.\n\n"
    "Literatur:\n\nPutnam, Robert (2000): Bowling Alone. New York: Simon & Schuster.",
]


def _records(nlp) -> list[dict]:
    from textmine.nlp.contract import doc_to_record

    return [doc_to_record(doc) for doc in nlp.pipe(ROUND_TRIP_TEXTS)]


def test_the_shipped_pipeline_round_trips_through_to_disk_and_spacy_load(tmp_path):
    import spacy

    import textmine

    nlp = textmine.load_pipeline()
    nlp.get_pipe("textmine_arguments").threshold = 0.6  # a setting changed after the pipeline was made
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    assert again.get_pipe("textmine_arguments").threshold == 0.6
    assert again.get_pipe("textmine_arguments").model is not None
    assert _records(again) == _records(nlp)


def test_user_lexicons_travel_with_the_saved_pipeline(tmp_path):
    import shutil

    import spacy

    from textmine import resources
    from textmine.nlp.actors import component as _actors  # noqa: F401 (importing registers the factories)
    from textmine.nlp.arguments import component as _arguments  # noqa: F401
    from textmine.nlp.citations import component as _citations  # noqa: F401

    citations = tmp_path / "my-citations"
    shutil.copytree(resources.lexicon_dir("citations"), citations)
    arguments = tmp_path / "my-arguments"
    shutil.copytree(resources.lexicon_dir("arguments"), arguments)
    # A critique cue of the user's own field: "verschläft" marks a critique (the shipped cues call it a claim).
    with (arguments / "critique.txt").open("a", encoding="utf-8") as handle:
        handle.write("\nverschläft\n")
    shipped = spacy.blank("de")
    shipped.add_pipe("sentencizer")
    shipped.add_pipe("textmine_citations")
    shipped.add_pipe("textmine_arguments", config={"use_model": False})
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("textmine_citations", config={"lexicon_dir": str(citations)})
    nlp.add_pipe("textmine_actors", config={"use_ner": False})
    nlp.add_pipe("textmine_arguments", config={"lexicon_dir": str(arguments), "use_model": False})
    text = "Der Verband verschläft die Reform."

    def critiques(pipeline) -> list[str]:
        doc = pipeline(text)
        return [span.text for span in doc.spans["critiques"]]

    assert critiques(shipped) == [] and critiques(nlp) == [text]
    before = _records(nlp)
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(citations)
    shutil.rmtree(arguments)  # the saved pipeline must not need the user's folders any more
    again = spacy.load(tmp_path / "pipeline")
    assert critiques(again) == [text]
    assert again.get_pipe("textmine_arguments").model is None
    assert _records(again) == before
