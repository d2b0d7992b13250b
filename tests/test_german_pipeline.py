"""textmine's offline German pipeline: tokenizer rules, sentences, lemmas, shipped model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from textmine.nlp.german import tags as german
from textmine.nlp.german.lemmatizer import lemmatize
from textmine.nlp.german.sentences import sentence_starts
from textmine.nlp.german.tokenizer import abbreviations, customize_tokenizer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def rules():
    return german.rule_pipeline()


def words(nlp, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


def sentences(nlp, text: str) -> list[str]:
    return [sentence.text.strip() for sentence in nlp(text).sents]


# --------------------------------------------------------------------------- tokenizer
@pytest.mark.parametrize("abbreviation", [
    "vgl.", "Vgl.", "ebd.", "a.a.O.", "Hrsg.", "S.", "f.", "ff.", "u.a.", "z.B.", "bzw.", "Nr.",
    "Bd.", "o.S.", "usw.", "ca.", "d.h.",
])
def test_abbreviations_are_one_token(rules, abbreviation):
    assert words(rules, f"siehe {abbreviation} 12") == ["siehe", abbreviation, "12"]


def test_abbreviations_inside_citations(rules):
    assert words(rules, "(ebd., 1411).") == ["(", "ebd.", ",", "1411", ")", "."]
    assert words(rules, "Meier et al. 2018, S. 4 ff.") == ["Meier", "et", "al.", "2018", ",", "S.", "4", "ff."]


def test_abbreviations_come_from_the_data_file():
    assert "vgl." in abbreviations() and "Vgl." in abbreviations() and "a.a.O." in abbreviations()


@pytest.mark.parametrize("form", [
    "Nutzer/innen", "Nutzer/-innen", "Nutzer*innen", "Nutzer:innen", "Nutzer_innen", "NutzerInnen",
    "Kund:innen", "Vertreter/innen", "Mitarbeiter*in", "jede*r",
])
def test_gender_forms_are_one_token(rules, form):
    assert words(rules, f"Die {form}, die kamen.") == ["Die", form, ",", "die", "kamen", "."]


def test_two_names_may_split_at_slash(rules):
    assert words(rules, "Dolata/Schrape (2018)")[:3] == ["Dolata", "/", "Schrape"]
    assert "/" in words(rules, "O’Brien/Evans 2017")


@pytest.mark.parametrize("text", [
    "https://blog.example.org/2018/05/macht-im-netz/", "www.example.org/seite.html",
    "info@example-verein.de", "#Digitalisierung", "@nonprofits",
])
def test_urls_emails_hashtags_stay_whole(rules, text):
    assert words(rules, f"Mehr unter {text}.") == ["Mehr", "unter", text, "."]


def test_customize_is_idempotent_and_works_on_any_german_pipeline():
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    pattern = nlp.tokenizer.token_match.__self__.pattern
    customize_tokenizer(nlp)
    assert nlp.tokenizer.token_match.__self__.pattern == pattern
    assert words(nlp, "Kund:innen vgl. 2019.") == ["Kund:innen", "vgl.", "2019", "."]


def test_tokenizer_rules_survive_serialisation(tmp_path):
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert words(loaded, "Nutzer/innen z.B. #tag") == ["Nutzer/innen", "z.B.", "#tag"]


# --------------------------------------------------------------------------- sentences
def test_citation_before_full_stop_stays_in_sentence(rules):
    text = "Das sei unüblich (ebd., 1411). Hier bleiben sie (Lember 2018, 4). Dann gehen sie."
    assert sentences(rules, text) == [
        "Das sei unüblich (ebd., 1411).", "Hier bleiben sie (Lember 2018, 4).", "Dann gehen sie."]


def test_abbreviations_and_ordinals_do_not_end_sentences(rules):
    text = "Vgl. dazu z.B. Nr. 3 am 3. Mai im 19. Jahrhundert bzw. S. 4 f. und a.a.O. S. 7. Neu ist das."
    assert len(sentences(rules, text)) == 2


def test_paragraph_break_always_ends_a_sentence(rules):
    text = "Literatur:\n\nDie Stellung wird gefördert durch\n\nihre hohen Investitionen\n\n(Dolata 2018, 101ff)."
    assert sentences(rules, text) == [
        "Literatur:", "Die Stellung wird gefördert durch", "ihre hohen Investitionen", "(Dolata 2018, 101ff)."]


def test_quotes_close_their_sentence(rules):
    assert sentences(rules, "Er sagte: „Das ist gut.“ Dann ging er.") == ["Er sagte: „Das ist gut.“", "Dann ging er."]
    assert sentences(rules, "„Ist das gut?“, fragte er. Ja!!! :-) Gut.") == [
        "„Ist das gut?“, fragte er.", "Ja!!! :-)", "Gut."]


def test_year_and_glued_full_stop_end_sentences(rules):
    assert sentences(rules, "Das war im Jahr 2019. Dann kam er .Die Rolle") == [
        "Das war im Jahr 2019.", "Dann kam er .", "Die Rolle"]


def test_question_lists_do_not_split(rules):
    assert len(sentences(rules, "Sie bestimmen, was? wie? erhoben wird.")) == 1


def test_sentence_starts_on_empty_doc(rules):
    assert sentence_starts(rules.make_doc("")) == set()


# --------------------------------------------------------------------------- lemmas
@pytest.mark.parametrize(("word", "pos", "lemma"), [
    ("Nutzer/innen", "", "Nutzer"), ("Nutzer*innen", "NOUN", "Nutzer"), ("NutzerInnen", "", "Nutzer"),
    ("Kund:innen", "", "Kunde"), ("Häuser", "NOUN", "Haus"), ("ging", "VERB", "gehen"),
    ("Müller", "PROPN", "Müller"), ("Die", "DET", "der"), ("1411", "NUM", "1411"),
    ("Neuer", "ADJ", "neu"), ("Letzte", "ADJ", "letzter"), ("Kann", "AUX", "können"), ("Wiener", "ADJ", "Wiener"),
])
def test_lemmas(word, pos, lemma):
    assert lemmatize(word, pos) == lemma


def test_place_adjectives_keep_their_form_inside_a_sentence():
    from textmine.nlp.pipeline import load_pipeline

    doc = load_pipeline()("Die Wiener Polizei und der Hamburger Senat loben den Schweizer Käse. Letzte Woche kam er.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert lemmas["Wiener"] == "Wiener" and lemmas["Hamburger"] == "Hamburger" and lemmas["Schweizer"] == "Schweizer"
    assert lemmas["Letzte"] == "letzter"


def test_rule_pipeline_sets_lemmas_and_sentences(rules):
    doc = rules("Die Nutzer/innen gingen nach Hause. Sie kamen nie wieder.")
    assert [t.lemma_ for t in doc][:3] == ["der", "Nutzer", "gehen"]
    assert len(list(doc.sents)) == 2


# --------------------------------------------------------------------------- shipped pipeline
def shipped():
    if not (german.SHIPPED_PIPELINE / "config.cfg").exists():
        pytest.skip("textmine/data/models/de_textmine_sm not built (scripts/build_pipeline.py)")
    return german.offline_pipeline()


def test_offline_pipeline_is_the_shipped_one_when_built():
    nlp = shipped()
    assert "textmine_upos" in nlp.pipe_names and "textmine_sentences" in nlp.pipe_names
    doc = nlp("Die Nutzer/innen der Plattform kritisieren Google seit dem 3. Mai 2018 (vgl. Dolata 2018, S. 4).")
    by_text = {t.text: t for t in doc}
    assert by_text["Nutzer/innen"].pos_ == "NOUN" and by_text["Nutzer/innen"].lemma_ == "Nutzer"
    assert by_text["kritisieren"].pos_ == "VERB" and by_text["kritisieren"].tag_.startswith("VV")
    assert by_text["Plattform"].tag_ == "NN" and by_text["der"].tag_ == "ART"
    assert by_text["Die"].pos_ == "DET" and "Case" in by_text["Nutzer/innen"].morph.to_dict()
    assert len(list(doc.sents)) == 1


def test_shipped_meta_records_licence_and_accuracy():
    shipped()
    meta = json.loads((german.SHIPPED_PIPELINE / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert meta["performance"]["upos"] >= 0.9
    size = sum(f.stat().st_size for f in german.SHIPPED_PIPELINE.rglob("*") if f.is_file())
    assert size <= 35_000_000  # 7 MB tagger + 18 MB NER (hash embeddings of its own tok2vec) + 5 MB word vectors


def test_textmine_components_run_on_the_offline_pipeline():
    from textmine.nlp.pipeline import add_textmine_components
    from textmine.nlp.extensions import register_extensions

    register_extensions()
    nlp = add_textmine_components(german.offline_pipeline())
    doc = nlp("Lember kritisiert, dass die Organisationen entscheiden (Lember 2018, 4).\n\nLiteratur:")
    assert "citations" in doc.spans and len(list(doc.sents)) == 2


# --------------------------------------------------------------------------- data-dependent
def test_blog_sentence_gold_f1():
    if not (SHARED / "corpus" / "npo-rss.xml").exists():
        pytest.skip("../shared not present: no real feed to measure sentences on")
    from textmine.evaluation.sentences import blog_sentence_f1

    assert blog_sentence_f1(german.rule_pipeline()) >= 0.95
