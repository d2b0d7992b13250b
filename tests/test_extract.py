"""textmine.extract (typed records, citations without spaCy) and the spaCy conventions: a pipeline
the caller may change, declared assigns/requires, displaCy labels, docs saved with annotations."""
from __future__ import annotations

import dataclasses
import doctest
import subprocess
import sys

import pytest

import textmine
from tests.helpers import ROOT
from textmine import extract

# Invented example text.
TEXT = ("Laut Lember (2018, 4) verlagern sich Hilfen auf Plattformen. Kessler kritisiert, dass die Kommunen "
        "sparen (Kessler 2020, 17). Sie schreibt: „Die Kommunen ziehen sich still aus der Verantwortung zurück“ (ebd., 18). Die Politik muss "
        "endlich handeln, auch für Nutzer/innen.\n\nLiteratur:\nLember, Veiko (2018): Digitale Dienste. Berlin: Verlag.\n"
        "Kessler, Anna (2020): Kommunen in der Krise. In: Lenz, Maria (Hrsg.): Sozialstaat. Hamburg: Nord, S. 10-30.")


@pytest.fixture(scope="module")
def doc():
    return textmine.load_pipeline()(TEXT)


def test_citations_quotes_references_from_text_are_typed_and_spacy_free():
    code = ("import sys; from textmine import extract; "
            f"found = extract.citations({TEXT!r}); refs = extract.references({TEXT!r}); q = extract.quotes({TEXT!r}); "
            "assert 'spacy' not in sys.modules, 'spaCy was imported'; "
            "print(len(found), len(refs), len(q))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "2", "1"]
    citations = extract.citations(TEXT)
    assert [(c.kind, c.authors, c.year, c.pages) for c in citations] == [
        ("narrative", ["Lember"], 2018, "4"), ("parenthetical", ["Kessler"], 2020, "17"), ("ibid", ["Kessler"], 2020, "18")]
    assert all(isinstance(c, extract.Citation) and TEXT[c.start:c.end] == c.text for c in citations)
    references = extract.references(TEXT)
    assert citations[0].reference == 0 and references[0].authors == ["Lember, Veiko"] and references[0].year == 2018
    assert references[1].editors and references[1].place == "Hamburg"
    assert [q.source for q in extract.quotes(TEXT)] == ["Kessler"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        citations[0].year = 1999  # type: ignore[misc]


def test_doc_and_text_give_the_same_records(doc):
    assert extract.citations(doc) == extract.citations(TEXT)
    assert extract.quotes(doc) == extract.quotes(TEXT)
    assert extract.references(doc) == extract.references(TEXT)
    assert extract.actors(doc) == extract.actors(TEXT)
    assert extract.arguments(doc) == extract.arguments(TEXT)


def test_actors_and_arguments_are_typed(doc):
    actors = extract.actors(doc)
    assert all(isinstance(a, extract.Actor) for a in actors)
    assert ("Nutzer/innen", "Nutzer", "collective") in {(a.text, a.canonical, a.type) for a in actors}
    arguments = extract.arguments(doc)
    assert [a.start for a in arguments] == sorted(a.start for a in arguments)
    critiques = [a for a in arguments if isinstance(a, extract.Critique)]
    assert critiques and critiques[0].critic != "author" and "Kessler" in critiques[0].critic
    claims = extract.claims(doc)
    assert any(c.holder_is_author and c.text.startswith("Die Politik muss") for c in claims)


def test_a_doc_without_the_span_group_is_a_clear_error():
    import spacy

    blank = spacy.blank("de")("Die Caritas kritisiert Kommunen.")
    with pytest.raises(ValueError, match="no 'actors' span group"):
        extract.actors(blank)
    assert extract.citations(spacy.blank("de")("(Lember 2018, 4)"))[0].year == 2018  # parsed from the text
    with pytest.raises(TypeError, match="str or a spaCy Doc"):
        extract.citations(42)  # type: ignore[arg-type]


def test_module_examples_run():
    failures, tried = doctest.testmod(extract, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 4 and failures == 0


def test_load_pipeline_hands_out_a_copy_the_caller_may_change():
    mine = textmine.load_pipeline()
    mine.remove_pipe("textmine_arguments")
    assert "textmine_arguments" in textmine.load_pipeline().pipe_names
    record = textmine.analyze("Die Politik muss endlich handeln, auch für Nutzer/innen.")
    assert record["claims"], "textmine.analyze lost its argument component"
    assert textmine.load_pipeline() is not textmine.load_pipeline()


def test_components_declare_what_they_assign_and_require():
    nlp = textmine.load_pipeline()
    actors = nlp.get_pipe_meta("textmine_actors")
    assert "span._.textmine_canonical" in actors.assigns and "doc.spans" in actors.requires
    assert {"span._.textmine_critic", "span._.textmine_holder", "span._.textmine_target"} <= set(nlp.get_pipe_meta("textmine_arguments").assigns)
    assert "span._.textmine_authors" in nlp.get_pipe_meta("textmine_citations").assigns
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]


def test_claim_and_critique_spans_are_labelled_for_displacy(doc):
    from spacy import displacy

    assert {s.label_ for s in doc.spans["claims"]} == {"claim"}
    assert {s.label_ for s in doc.spans["critiques"]} == {"critique"}
    assert doc.spans["critiques"][0]._.textmine_critic  # the labelled span keeps its attributes
    html = displacy.render(doc, style="span", options={"spans_key": "critiques"})
    assert "critique" in html


def test_docs_round_trip_with_their_annotations(doc, tmp_path):
    from spacy.tokens import DocBin

    from textmine.nlp.docbin import load_docs, save_docs
    from textmine.nlp.contract import doc_to_record

    path = save_docs([doc], tmp_path / "docs.spacy")
    (loaded,) = load_docs(path, textmine.load_pipeline())
    assert doc_to_record(loaded) == doc_to_record(doc)
    assert isinstance(loaded.spans["citations"][0]._.textmine_authors, list)
    plain = DocBin(docs=[doc])  # why the helper exists: spaCy's default drops the Span._ values
    (lost,) = DocBin().from_bytes(plain.to_bytes()).get_docs(doc.vocab)
    assert lost.spans["critiques"] and lost.spans["critiques"][0]._.textmine_critic is None
    with pytest.raises(FileNotFoundError, match="no saved docs"):
        load_docs(tmp_path / "missing.spacy", doc.vocab)
