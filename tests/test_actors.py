"""textmine_actors: named and collective actors, canonical forms, sectors, network export."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import textmine.nlp.actors.component  # noqa: F401  (registers the factory)
from textmine.discourse.cooccurrence import actor_table, build_network, write_network
from textmine.nlp.actors.canonical import fold_gender, match_collective
from textmine.nlp.extensions import register_extensions
from textmine.nlp.contract import doc_to_record

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The poorest pipeline a user may have: tokenizer + sentencizer, no tagger, parser or NER."""
    pipeline = spacy.blank("de")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("textmine_citations")  # whose spans the component requires
    pipeline.add_pipe("textmine_actors")
    return pipeline


def actors(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(s.text, s._.textmine_canonical, s._.textmine_actor_type, s._.textmine_sector) for s in doc.spans["actors"]]


def canonicals(doc: Doc) -> set[str]:
    return {s._.textmine_canonical for s in doc.spans["actors"]}


# --- canonical forms (pure) -----------------------------------------------------------------

@pytest.mark.parametrize("word", ["Nutzer/innen", "Nutzer/-innen", "Nutzer*innen", "Nutzer:innen", "Nutzer_innen", "NutzerInnen", "Nutzer*in", "Nutzerinnen", "Nutzern"])
def test_gender_and_case_forms_fold_to_one_lemma(word):
    hit = match_collective(word)
    assert hit is not None and hit.canonical == "Nutzer" and hit.sector == "citizens"


@pytest.mark.parametrize("word,canonical,sector", [
    ("Wohlfahrtsverbänden", "Wohlfahrtsverband", "civil_society"),
    ("Plattformkonzerne", "Plattformkonzern", "economy"),
    ("Kommunen", "Kommune", "state"),
    ("Pflegekassen", "Pflegekasse", "state"),
    ("Klient/innen", "Klient", "citizens"),
    ("Ehrenamtlichen", "Ehrenamtliche", "citizens"),
    ("Fachkräfte", "Fachkraft", "civil_society"),
    ("Caritas-Einrichtungen", "Caritas-Einrichtung", "civil_society"),
])
def test_compound_heads_give_singular_canonical_and_sector(word, canonical, sector):
    hit = match_collective(word)
    assert hit is not None and (hit.canonical, hit.sector) == (canonical, sector)


@pytest.mark.parametrize("word", ["Ehrenamt", "Nutzerdaten", "Urkunde", "Eigeninitiative", "Verbandes-", "nutzer", "Netzwerkeffekte"])
def test_words_that_only_look_like_actors_are_not_actors(word):
    assert match_collective(word) is None


def test_fold_gender_leaves_plain_words_alone():
    assert fold_gender("Nutzer/innen") == "Nutzer"
    assert fold_gender("Innenministerium") == "Innenministerium"
    assert fold_gender("Dolata/Schrape") == "Dolata/Schrape"


# --- the component --------------------------------------------------------------------------

def test_named_actors_from_gazetteer_and_patterns(nlp):
    doc = nlp("Google, Facebooks Werbung und die Stiftung digitale Chancen arbeiten mit der AWO, "
              "dem Netzwerk „Digital für alle“ und dem Bundesministerium für Arbeit und Soziales. "
              "Die Tafel Musterstadt e.V. hilft.")
    found = {(canonical, actor_type, sector) for _, canonical, actor_type, sector in actors(doc)}
    assert ("Google", "organisation", "economy") in found
    assert ("Facebook", "organisation", "economy") in found
    assert ("Stiftung digitale Chancen", "organisation", "civil_society") in found
    assert ("Arbeiterwohlfahrt", "organisation", "civil_society") in found
    assert ("Netzwerk „Digital für alle“", "organisation", "civil_society") in found
    assert ("Bundesministerium für Arbeit und Soziales", "organisation", "state") in found
    assert ("Tafel Musterstadt e.V.", "organisation", "civil_society") in found


def test_collectives_fold_gender_pairs_and_inclusive_forms(nlp):
    doc = nlp("Bürgerinnen und Bürger, Nutzer/innen, NutzerInnen, Nutzer*innen und Nutzerinnen und Nutzer "
              "sprechen mit Wohlfahrtsverbänden und Plattformkonzernen.")
    found = actors(doc)
    assert ("Bürgerinnen und Bürger", "Bürger", "collective", "citizens") in found
    assert ("Nutzerinnen und Nutzer", "Nutzer", "collective", "citizens") in found
    assert [c for t, c, _, _ in found if t.startswith("Nutzer")].count("Nutzer") == 4
    assert ("Wohlfahrtsverbänden", "Wohlfahrtsverband", "collective", "civil_society") in found
    assert ("Plattformkonzernen", "Plattformkonzern", "collective", "economy") in found


def test_same_actors_whatever_the_tokenizer(nlp):
    text = "Die Nutzer/innen und Kund:innen fragen Veronika Schmidt."
    joined = spacy.blank("de")
    joined.tokenizer.add_special_case("Nutzer/innen", [{"ORTH": "Nutzer/innen"}])
    joined.add_pipe("sentencizer")
    joined.add_pipe("textmine_citations")  # whose spans the component requires
    joined.add_pipe("textmine_actors")
    assert "Nutzer/innen" in [t.text for t in joined.make_doc(text)]
    assert "Nutzer/innen" not in [t.text for t in nlp.make_doc(text)]
    assert actors(joined(text)) == actors(nlp(text))
    assert ("Nutzer/innen", "Nutzer", "collective", "citizens") in actors(nlp(text))


def test_person_coreference_takes_fullest_form(nlp):
    doc = nlp("Schon Dolata/Schrape (2018) zeigen das. Ulrich Dolata schreibt viel. Später betont Dolata (2018, 12) es erneut.")
    persons = [(t, c) for t, c, kind, _ in actors(doc) if kind == "person"]
    assert ("Ulrich Dolata", "Ulrich Dolata") in persons
    assert persons.count(("Dolata", "Ulrich Dolata")) == 2
    assert ("Schrape", "Schrape") in persons
    assert all(sector == "science" for _, _, kind, sector in actors(doc) if kind == "person")


def test_first_name_from_bibliography_and_no_actors_inside_it(nlp):
    text = ("Veiko Lember analysiert die Lage. Laut Lember (2018, 4) wählen Organisationen die Technik.\n\n"
            "Literatur:\n\nLember, Veiko (2018): Ein Titel, in: Muster, Anna (Hrsg): Sammelband. Routledge, Der Spiegel.")
    doc = nlp(text)
    bibliography = text.index("Literatur:")
    assert all(s.start_char < bibliography for s in doc.spans["actors"])
    persons = [(t, c) for t, c, kind, _ in actors(doc) if kind == "person"]
    assert persons == [("Veiko Lember", "Veiko Lember"), ("Lember", "Veiko Lember")]
    assert "Laut" not in " ".join(t for t, _ in persons)


def test_sentence_initial_words_and_titles_are_not_persons(nlp):
    doc = nlp("Nach Jahren kam Smart City (2017) heraus. Frank Sinn sieht. Digitale Teilhabe wächst.")
    assert not [s for s in doc.spans["actors"] if s._.textmine_actor_type == "person"]


@Language.component("test_hand_citations")
def hand_citations(doc: Doc) -> Doc:
    # Stands in for textmine_citations: one parenthetical citation with its authors.
    start = doc.text.index("(Yilmaz")
    span = doc.char_span(start, doc.text.index(")", start) + 1, alignment_mode="expand")
    span._.textmine_authors = ["Yilmaz"]
    doc.spans["citations"] = [span]
    return doc


def test_cited_authors_from_citation_spans_are_science_persons():
    register_extensions()
    pipeline = spacy.blank("de")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("test_hand_citations")
    pipeline.add_pipe("textmine_actors")
    doc = pipeline("Kommunen verlieren Steuerung (Yilmaz 2019, 3). Später widerspricht Yilmaz.")
    persons = [(t, c, sector) for t, c, kind, sector in actors(doc) if kind == "person"]
    assert persons == [("Yilmaz", "Yilmaz", "science"), ("Yilmaz", "Yilmaz", "science")]


@Language.component("test_hand_ner")
def hand_ner(doc: Doc) -> Doc:
    # Stands in for a statistical NER: one PER, one ORG, one LOC.
    doc.ents = [Span(doc, 0, 2, label="PER"), Span(doc, 3, 4, label="ORG"), Span(doc, 5, 6, label="LOC")]
    return doc


def test_uses_ner_persons_and_organisations_but_not_places():
    pipeline = spacy.blank("de")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("test_hand_ner")
    pipeline.add_pipe("textmine_citations")  # whose spans the component requires
    pipeline.add_pipe("textmine_actors")
    doc = pipeline("Kemal Öztürk lobt Quartierhilfe in Bremen. Öztürk bleibt.")
    found = actors(doc)
    persons = {(text, canonical, sector) for text, canonical, kind, sector in found if kind == "person"}
    assert {(text, canonical) for text, canonical, _ in persons} == {("Kemal Öztürk", "Kemal Öztürk"), ("Öztürk", "Kemal Öztürk")}
    assert len({sector for _, _, sector in persons}) == 1  # one person, one sector (guessed from the context)
    organisations = [a for a in found if a[2] == "organisation"]
    assert [a[:2] for a in organisations] == [("Quartierhilfe", "Quartierhilfe")]
    assert organisations[0][3] != "unknown"  # the sector model's guess: annotators give every actor a sector
    assert not [a for a in found if a[0] == "Bremen"]


def test_never_crashes_on_odd_text(nlp):
    for text in ["", "   ", "(2018)", "Nutzer/", "/innen", "„", "Stiftung", "e.V.", "Literatur:"]:
        doc = nlp(text)
        assert "actors" in doc.spans
        assert all(s._.textmine_canonical and s._.textmine_sector for s in doc.spans["actors"])


# --- network --------------------------------------------------------------------------------

def test_network_weights_cooccurrence_and_marks_critiques(nlp, tmp_path):
    text = ("Google und Facebook umwerben die Wohlfahrtsverbände. Die Kommunen schweigen.\n\n"
            "Amazon wächst.")
    record = doc_to_record(nlp(text), id="p1")
    start = text.index("Die Kommunen")
    record["critiques"] = [{"text": "…", "start": 0, "end": start - 1, "critic": "Wohlfahrtsverbände", "target": "Google"}]
    graph = build_network([record, record])
    assert graph["Google"]["Facebook"]["sentence"] == 2 and graph["Google"]["Facebook"]["weight"] == 2.0
    assert graph["Google"]["Kommune"]["paragraph"] == 2 and graph["Google"]["Kommune"]["weight"] == 1.0
    assert not graph.has_edge("Google", "Amazon")
    assert graph["Google"]["Wohlfahrtsverband"]["critique"] == 2
    assert graph["Google"]["Wohlfahrtsverband"]["critic"] == "Wohlfahrtsverband"
    assert graph.nodes["Google"]["sector"] == "economy" and graph.nodes["Google"]["mentions"] == 2
    assert graph.nodes["Google"]["posts"] == 1

    graphml = tmp_path / "actors.graphml"
    write_network(graph, graphml)
    loaded = nx.read_graphml(graphml)
    assert loaded["Google"]["Facebook"]["weight"] == 2.0
    assert loaded.nodes["Wohlfahrtsverband"]["type"] == "collective"

    edges_csv = tmp_path / "actors.csv"
    paths = write_network(graph, edges_csv)
    rows = list(csv.DictReader(edges_csv.open(encoding="utf-8")))
    critique = next(r for r in rows if r["critique"] != "0")
    assert (critique["source"], critique["target"]) == ("Wohlfahrtsverband", "Google")
    assert paths[1].name == "actors-nodes.csv" and "Amazon" in paths[1].read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        write_network(graph, tmp_path / "actors.xlsx")

    table = actor_table([record])
    google = next(row for row in table if row["actor"] == "Google")
    assert (google["mentions"], google["posts"], google["as_target"]) == (1, 1, 1)


# --- evaluation on gold ---------------------------------------------------------------------

#: Floors slightly below the figures measured on gold/actors.jsonl (see scripts/evaluate_actors.py).
# The team-written feed gold counts neither "Menschen" nor classifying adjectives ("gemeinnützige
# Organisation") as the real annotation does (blog-args, real-blogs): precision and canonical floors
# sit below the figures of rules that followed that gold alone (0.95, 0.98 before issue 18's round).
FLOORS = {"recall_named": 0.95, "recall_collective": 0.9, "precision": 0.86, "canonical_accuracy": 0.94}


def test_gold_figures_stay_above_floors():
    if not SHARED.exists():
        pytest.skip("../shared not present: the gold posts of the real feed cannot be read")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "evaluate_actors.py"), "--blank"],
        capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["posts"] >= 13
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, (key, figures[key])


def test_done_when_seed_posts(nlp):
    """The actors the issue names, with canonical form and sector, on the three real posts."""
    feed = SHARED / "corpus" / "npo-rss.xml"
    if not feed.exists():
        pytest.skip("../shared not present: the real seed posts cannot be read")
    from textmine.ingest.feeds import post_texts

    found: set[tuple[str, str]] = set()
    for text in post_texts(feed).values():
        doc = nlp(text)
        found |= {(s._.textmine_canonical, s._.textmine_sector) for s in doc.spans["actors"]}
    expected = {("Google", "economy"), ("Facebook", "economy"), ("Amazon", "economy"), ("Apple", "economy"),
                ("Veiko Lember", "science"), ("Ulrich Dolata", "science"), ("Wohlfahrtsverband", "civil_society"),
                ("Stiftung digitale Chancen", "civil_society"), ("Nutzer", "citizens"), ("Bürger", "citizens")}
    assert expected <= found


# --- round 2: broader lexicon, organisations, names ------------------------------------------

@pytest.mark.parametrize("word,canonical,sector", [
    ("Jugendlichen", "Jugendliche", "citizens"),
    ("Kindern", "Kind", "citizens"),
    ("Eltern", "Eltern", "citizens"),
    ("Mitgliedern", "Mitglied", "unknown"),
    ("Studierenden", "Studierende", "citizens"),
    ("Teilnehmende", "Teilnehmende", "citizens"),
    ("Zugewanderte", "Zugewanderte", "citizens"),
    ("Wohnungsbaugenossenschaften", "Wohnungsbaugenossenschaft", "civil_society"),
    ("Leistungsberechtigten", "Leistungsberechtigte", "citizens"),
    ("Lehrkräfte", "Lehrkraft", "state"),
    ("Sozialunternehmen", "Sozialunternehmen", "civil_society"),
    ("Ärztinnen", "Arzt", "unknown"),
])
def test_broad_collective_lexicon(word, canonical, sector):
    hit = match_collective(word)
    assert hit is not None and (hit.canonical, hit.sector) == (canonical, sector)


def test_gender_pairs_with_ellipsis_fold_to_one_actor(nlp):
    doc = nlp("Quartiersmanagerinnen und -manager sowie Mieterinnen und Mieter trafen Lehrerinnen und Lehrer.")
    assert actors(doc) == [
        ("Quartiersmanagerinnen und -manager", "Quartiersmanager", "collective", "unknown"),
        ("Mieterinnen und Mieter", "Mieter", "collective", "citizens"),
        ("Lehrerinnen und Lehrer", "Lehrer", "collective", "state"),
    ]


def test_inflected_gazetteer_names_abbreviations_and_the_bund(nlp):
    doc = nlp("Der Deutsche Städtetag (DST) kritisiert den Bund. Später lenkte der DST ein.")
    found = [(s.text, s._.textmine_canonical, s._.textmine_actor_type) for s in doc.spans["actors"]]
    assert found == [
        ("Deutsche Städtetag", "Deutscher Städtetag", "organisation"),
        ("Bund", "Bund", "organisation"),
        ("DST", "Deutscher Städtetag", "organisation"),
    ]


def test_organisation_patterns_clubs_cooperatives_networks(nlp):
    doc = nlp("Der TSV Musterdorf, die Wohnungsbaugenossenschaft Musterstadt eG und das Netzwerk Migrationsberatung helfen.")
    assert {(s.text, s._.textmine_actor_type) for s in doc.spans["actors"]} == {
        ("TSV Musterdorf", "organisation"),
        ("Wohnungsbaugenossenschaft Musterstadt eG", "organisation"),
        ("Netzwerk Migrationsberatung", "organisation"),
    }


def test_ministry_name_stops_before_lower_case_words(nlp):
    doc = nlp("Dass das Bundesministerium für Arbeit und Soziales die Arbeit der Tafeln lobt, überrascht.")
    assert ("Bundesministerium für Arbeit und Soziales", "organisation") in {(s.text, s._.textmine_actor_type) for s in doc.spans["actors"]}


def test_names_with_turkish_and_polish_letters(nlp):
    doc = nlp("Sevda Aydın sprach mit Łukasz Kowalski und später nochmals mit Aydın.")
    assert [(s.text, s._.textmine_canonical) for s in doc.spans["actors"]] == [
        ("Sevda Aydın", "Sevda Aydın"), ("Łukasz Kowalski", "Łukasz Kowalski"), ("Aydın", "Sevda Aydın")]


def test_role_noun_before_a_name_is_not_a_separate_actor(nlp):
    doc = nlp("Sozialpädagogin Anna Becker widerspricht. Armutsforscherin Brenner sagt das auch.")
    assert [(s.text, s._.textmine_actor_type) for s in doc.spans["actors"]] == [("Anna Becker", "person"), ("Brenner", "person")]


def test_corporate_citation_authors_are_organisations():
    from textmine.nlp.actors.patterns import corporate_author

    assert corporate_author("Tafel Deutschland").actor_type == "organisation"
    assert corporate_author("Forschungsverbund Jugendhilfe").sector == "science"
    assert corporate_author("DJI") is not None
    assert corporate_author("Lember") is None
    assert corporate_author("Müller-Lüdenscheidt") is None


def test_classifying_adjectives_join_the_collective_canonical_form(nlp):
    doc = nlp("Gemeinnützige Vereine und viele kleine Vereine klagen. Die gemeinnützigen Vereine und "
              "zivilgesellschaftlichen Akteure fordern, dass soziale Unternehmen helfen.")
    found = {(s.text, s._.textmine_canonical) for s in doc.spans["actors"]}
    assert ("gemeinnützigen Vereine", "gemeinnütziger Verein") in found
    assert ("zivilgesellschaftlichen Akteure", "zivilgesellschaftlicher Akteur") in found
    assert ("soziale Unternehmen", "soziales Unternehmen") in found
    assert ("Vereine", "Verein") in found  # "kleine" describes, it does not classify


def test_learnt_collective_nouns_only_in_their_annotated_forms(nlp):
    doc = nlp("Die Menschen im Land und die Länder fordern mehr Geld.")
    found = {(s.text, s._.textmine_canonical) for s in doc.spans["actors"]}
    assert ("Menschen", "Mensch") in found and ("Länder", "Land") in found
    assert "Land" not in {text for text, _ in found}


def test_acronyms_are_organisations_but_not_laws_numerals_or_headings(nlp):
    doc = nlp("WAS WIR WOLLEN\nDie GIZ und der ZFW kritisieren das SGB II und die KJHG-Reform. Der Deutsche "
              "Städtetag (DST) stimmt zu.")
    found = {(s.text, s._.textmine_canonical, s._.textmine_actor_type) for s in doc.spans["actors"]}
    assert ("GIZ", "GIZ", "organisation") in found and ("ZFW", "ZFW", "organisation") in found
    assert not {text for text, _, _ in found} & {"WAS", "WIR", "SGB", "II", "KJHG", "DST"}


def test_determiners_and_line_breaks_end_organisation_names(nlp):
    doc = nlp("Dabei spielt die Stiftung eine Rolle.\nStiftung\nDie Förderpolitik bleibt.")
    assert not [s.text for s in doc.spans["actors"] if s._.textmine_actor_type == "organisation"]


def test_a_role_written_before_a_name_later_names_that_person(nlp):
    doc = nlp("Bundesfamilienministerin Lisa Paus stellte den Plan vor. Die Bundesfamilienministerin sagte, "
              "er sei gut.")
    found = [(s.text, s._.textmine_canonical, s._.textmine_actor_type) for s in doc.spans["actors"]]
    assert ("Bundesfamilienministerin", "Lisa Paus", "person") in found
    assert found[0] == ("Lisa Paus", "Lisa Paus", "person")  # the role before the name is no mention


def test_an_organisation_named_as_the_first_part_of_a_compound(nlp):
    doc = nlp("Caritas-Präsidentin Eva Maria Welskop-Deffaa warnt. Die Caritas-Einrichtungen helfen.")
    found = [(s._.textmine_canonical, s._.textmine_actor_type) for s in doc.spans["actors"]]
    assert ("Caritas", "organisation") in found  # the name inside the role word before a person
    assert ("Caritas-Einrichtung", "collective") in found  # a collective compound stays one actor
