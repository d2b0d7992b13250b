"""Actor context rules (ambiguous names, national scope, person sectors), the real-text gold reader,
and a floor on the real development gold (skips without ../shared)."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import textmine.nlp.actors.component  # noqa: F401  (registers the factory)
from textmine.evaluation.actor_gold import gold_mentions, occurrences
from textmine.nlp.actors.context import national_scope

from tests.helpers import shared_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("de")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("textmine_citations")  # whose spans the component requires
    pipeline.add_pipe("textmine_actors")
    return pipeline


def found(doc) -> list[tuple[str, str, str]]:
    return [(s.text, s._.textmine_canonical, s._.textmine_sector) for s in doc.spans["actors"]]


def test_ambiguous_names_need_context(nlp):
    doc = nlp("Im Grünen sitzen wir. Das Bild hängt schief. Die Grünen fordern mehr, sagte sie laut Bild.")
    texts = [text for text, _, _ in found(doc)]
    assert texts.count("Grünen") + texts.count("Die Grünen") == 1
    assert doc.text.index("Grünen") not in [s.start_char for s in doc.spans["actors"]]
    bild = [s for s in doc.spans["actors"] if s.text == "Bild"]
    assert len(bild) == 1 and bild[0].start_char == doc.text.rindex("Bild")


def test_party_in_parentheses_is_an_actor(nlp):
    doc = nlp("Die Ministerin Erika Mustermann (Grüne) widerspricht.")
    assert any(s.text == "Grüne" for s in doc.spans["actors"])


def test_federal_names_are_not_german_in_austrian_posts(nlp):
    german = nlp("Das Innenministerium und die Bundesregierung lehnen den Antrag ab.")
    assert [c for _, c, _ in found(german)] == ["Innenministerium", "Bundesregierung"]
    austrian = nlp("In Österreich prüfen das Innenministerium in Wien und die Bundesregierung den Antrag der ÖVP.")
    canonical = {t: c for t, c, _ in found(austrian)}
    assert canonical["Innenministerium"] == "österreichische Innenministerium"
    assert canonical["Bundesregierung"] == "österreichische Bundesregierung"
    regional = nlp("Das bayerische Innenministerium prüft den Antrag.")
    assert [c for t, c, _ in found(regional) if t == "Innenministerium"] == ["bayerische Innenministerium"]


def test_national_scope_counts_cues():
    assert national_scope("Der Nationalrat in Wien und die SPÖ streiten.") == "AT"
    assert national_scope("Der Kanton Zürich und die Schweiz.") == "CH"
    assert national_scope("In Wien, nicht in Deutschland, Berlin oder im Bundestag.") == "DE"


def test_person_takes_sector_of_affiliation_in_sentence(nlp):
    doc = nlp("Anna Beispiel, Präsidentin der Diakonie, kritisiert die Kürzungen.")
    assert ("Anna Beispiel", "Anna Beispiel", "civil_society") in found(doc)


def test_occurrences_are_whole_words():
    text = "Caritas und Caritasverband; die Caritas."
    assert list(occurrences(text, "Caritas")) == [(0, 7), (32, 39)]


def test_gold_mentions_longer_strings_win():
    text = "Die Caritas Berlin und die Caritas."
    actors = [{"canonical": "Caritas", "type": "organisation", "sector": "civil_society", "mentions": ["Caritas"]},
              {"canonical": "Caritas Berlin", "type": "organisation", "sector": "civil_society", "mentions": ["Caritas Berlin"]}]
    items = gold_mentions(text, actors)
    assert [(i["start"], i["end"], i["canonical"]) for i in items] == [(4, 18, "Caritas Berlin"), (27, 34, "Caritas")]


def test_floor_on_real_development_gold():
    """Real blog excerpts (dev gold): the figures the README reports must not fall back."""
    gold = shared_path("corpus", "real-blogs", "gold.jsonl")
    from textmine.evaluation.actors import build_pipeline, evaluate

    result = evaluate(gold, build_pipeline(False))
    assert result["posts"] == 120
    assert result["recall"] >= 0.77 and result["recall_named"] >= 0.80
    assert result["precision"] >= 0.83
    assert result["canonical_accuracy"] >= 0.80
    assert result["sector_accuracy"] >= 0.82


def test_bare_head_takes_the_compound_named_before(nlp):
    doc = nlp("Die Wohlfahrtsverbände warnen. Die Wohlfahrtsverbände fordern Geld. Die Verbände bleiben hart.")
    assert {s._.textmine_canonical for s in doc.spans["actors"]} == {"Wohlfahrtsverband"}
    general = nlp("Vereine klagen. Vereine fordern. Der Ortsverein bleibt.")
    assert {s._.textmine_canonical for s in general.spans["actors"]} == {"Verein", "Ortsverein"}


def test_persons_without_affiliation_get_the_sector_their_context_makes_likely(nlp):
    from textmine.nlp.actors.context import likely_person_sector, person_context

    text = "Die Soziologin Maria Brenner (2019) zeigt in ihrer Studie an der Universität, wie Forschung wirkt (Lember 2020)."
    start = text.index("Maria")
    features = person_context(text, [(start, start + len("Maria Brenner"))])
    assert "__citation__" in features and "studie" in features
    assert likely_person_sector(features) == "science"
    doc = nlp("Kemal Yıldız sagte im Interview mit der Zeitung, die Redaktion habe berichtet.")
    sectors = {s._.textmine_sector for s in doc.spans["actors"] if s._.textmine_actor_type == "person"}
    assert sectors and "unknown" not in sectors
