"""Discourse statements, concepts and networks: rules on invented records, files read back, the CLI."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from textmine.cli import app
from textmine.discourse.concepts import (
    ConceptError,
    assign_codebook,
    assign_targets,
    parse_codebook,
    read_codebook,
)
from textmine.discourse.networks import (
    NetworkError,
    build_network,
    dynamic_graph,
    parse_period,
    time_windows,
    write_graph,
)
from textmine.discourse.statements import (
    STATEMENT_COLUMNS,
    Statement,
    corpus_statements,
    statements_from_record,
)
from textmine.store.database import Store, StoredPost

DNA_COLUMNS = ["statement_id", "document", "date", "actor", "concept", "agreement", "text"]


def actor(text: str, start: int, canonical: str, type_: str = "organisation", sector: str = "civil_society") -> dict:
    return {"text": text, "start": start, "end": start + len(text), "canonical": canonical, "type": type_, "sector": sector}


def statement(actor_name: str | None, concept: str | None, agreement: int, document: str = "p1", *, start: int = 0,
              kind: str | None = None, target: str | None = None, target_type: str | None = None,
              date: str | None = "2021-01-10T00:00:00+00:00") -> Statement:
    return Statement(
        statement_id=f"{document}#{start}", document=document, date=date, actor=actor_name, concept=concept,
        agreement=agreement, text="…", actor_type="organisation", actor_sector="civil_society",
        speaker_is_author=False, kind=kind or ("claim" if agreement > 0 else "critique"), target=target,
        target_type=target_type, target_sector="state" if target_type else None, confidence=0.9, title="T",
        start=start, end=start + 1)


# -- statements ------------------------------------------------------------------------------------
TEXT = ("Die Caritas fordert mehr Geld für die Pflege. "
        "Der Bund müsse dringend handeln. "
        "Schade, dass die Bundesregierung die Kürzungen plant.")
RECORD = {
    "text": TEXT,
    "sentences": [{"start": 0, "end": 45}, {"start": 46, "end": 78}, {"start": 79, "end": len(TEXT)}],
    "actors": [actor("Caritas", 4, "Caritas"), actor("Bund", 50, "Bund", sector="state"),
               actor("Bundesregierung", 96, "Bundesregierung", sector="state")],
    "claims": [{"text": TEXT[0:45], "start": 0, "end": 45, "holder": "Caritas", "score": 0.8},
               {"text": TEXT[46:78], "start": 46, "end": 78, "holder": "author", "score": 0.6}],
    "critiques": [{"text": TEXT[79:], "start": 79, "end": len(TEXT), "critic": "author", "target": "Bundesregierung", "score": 0.9}],
}


def test_claims_agree_critiques_disagree_and_speakers_are_canonical_actors():
    found = statements_from_record("p1", "2021-03-01T10:00:00+00:00", "Titel", "Anna Autorin", RECORD)
    assert [(s.kind, s.agreement) for s in found] == [("claim", 1), ("claim", 1), ("critique", -1)]
    first, _, critique = found
    assert (first.actor, first.actor_type, first.actor_sector, first.speaker_is_author) == ("Caritas", "organisation", "civil_society", False)
    assert (critique.actor, critique.speaker_is_author) == ("Anna Autorin", True)
    assert (critique.target, critique.target_type, critique.target_sector) == ("Bundesregierung", "organisation", "state")
    assert first.statement_id == "p1#0" and first.document == "p1"


def test_indirect_speech_keeps_the_speaker_of_the_sentence_before():
    found = statements_from_record("p1", None, "Titel", "Anna Autorin", RECORD)
    assert found[1].actor == "Caritas" and not found[1].speaker_is_author  # "Der Bund müsse …" reports the Caritas
    assert found[2].actor == "Anna Autorin"  # "Schade, dass …" is no reported speech


def test_a_post_without_author_gives_statements_without_speaker():
    found = statements_from_record("p1", None, "Titel", None, RECORD)
    assert found[2].actor is None and found[2].speaker_is_author


def test_since_and_until_keep_dated_posts_in_range():
    def post(post_id: str, published: str | None) -> StoredPost:
        return StoredPost(post_id, None, "T", "A", published, [], [TEXT], "h", "de")

    records = [(post("a", "2020-05-01T00:00:00+00:00"), RECORD), (post("b", "2021-02-01T00:00:00+00:00"), RECORD), (post("c", None), RECORD)]
    assert {s.document for s in corpus_statements(records)} == {"a", "b", "c"}
    assert {s.document for s in corpus_statements(records, since="2021")} == {"b"}
    assert {s.document for s in corpus_statements(records, until="2020-12")} == {"a"}
    with pytest.raises(ValueError, match="not a date"):
        corpus_statements(records, since="gestern")


# -- concepts --------------------------------------------------------------------------------------
def test_code_book_terms_match_word_starts_and_patterns():
    concepts = parse_codebook(["Finanzierung: Geld; re:kürzung(en)?\\b", "Pflege: Pflege", "Klima: Klimaschutz"])
    report = assign_codebook(statements_from_record("p1", None, "T", "A", RECORD), concepts)
    assert [(s.statement_id, s.concept) for s in report.statements] == [
        ("p1#0", "Finanzierung"), ("p1#0/2", "Pflege"), ("p1#46", None), ("p1#79", "Finanzierung")]
    assert report.unused == ["Klima"] and report.unassigned == 1


@pytest.mark.parametrize("line, message", [
    ("keine Zuordnung", "expected 'Concept"), ("Leer:", "no seed terms"), ("Kaputt: re:(", "bad pattern")])
def test_bad_code_book_lines_are_one_line_errors(line, message):
    with pytest.raises(ConceptError, match=message):
        parse_codebook([line])


def test_code_book_file_comments_and_missing_file(tmp_path):
    path = tmp_path / "codebook.txt"
    path.write_text("# Code book\n\nArmut: Armut; arm\nArmut: Not\n", encoding="utf-8")
    with pytest.raises(ConceptError, match="defined twice"):
        read_codebook(path)
    with pytest.raises(ConceptError, match="no such code book"):
        read_codebook(tmp_path / "missing.txt")


def test_targets_become_concepts_and_claims_naming_them_join():
    text = "Die Caritas lobt die Bundesregierung."
    record = {**RECORD, "claims": [*RECORD["claims"], {"text": text, "start": 200, "end": 237, "holder": "Caritas", "score": 0.5}]}
    report = assign_targets(statements_from_record("p1", None, "T", "A", record))
    assert report.concepts == ["Bundesregierung"]
    assert [(s.kind, s.concept, s.agreement) for s in report.statements if s.concept] == [
        ("critique", "Bundesregierung", -1), ("claim", "Bundesregierung", 1)]


# -- networks --------------------------------------------------------------------------------------
DEBATE = [
    statement("A", "Kürzung", -1, "p1", start=1), statement("A", "Kürzung", -1, "p1", start=2),  # duplicate in p1
    statement("A", "Ehrenamt", 1, "p2", start=3),
    statement("B", "Kürzung", -1, "p2", start=4), statement("B", "Ehrenamt", -1, "p3", start=5),
    statement("C", "Kürzung", 1, "p3", start=6),
]


def test_congruence_and_conflict_weights_follow_the_definitions():
    congruence = build_network(DEBATE, "congruence")
    assert congruence.edges["A", "B"]["weight"] == 1.0  # both reject Kürzung
    assert congruence.edges["A", "B"]["posts"] == "p1;p2"
    assert not congruence.has_edge("A", "C")
    conflict = build_network(DEBATE, "conflict")
    assert conflict.edges["A", "B"]["weight"] == 1.0 and conflict.edges["A", "B"]["concepts"] == "Ehrenamt"
    assert conflict.edges["A", "C"]["weight"] == 1.0 and conflict.edges["B", "C"]["weight"] == 1.0
    assert conflict.nodes["A"]["type"] == "organisation" and conflict.nodes["A"]["sector"] == "civil_society"


def test_duplicates_per_document_count_once_unless_asked():
    two_mode = build_network(DEBATE, "two-mode")
    assert two_mode.edges["A", "Kürzung"]["oppose"] == 1
    assert build_network(DEBATE, "two-mode", duplicates="none").edges["A", "Kürzung"]["oppose"] == 2
    assert two_mode.edges["A", "Ehrenamt"]["agreement"] == 1.0 and two_mode.nodes["Kürzung"]["kind"] == "concept"


def test_normalisations():
    # A: {Kürzung-, Ehrenamt+} (2 concepts); B: {Kürzung-, Ehrenamt-} (2 concepts); shared: Kürzung-
    assert build_network(DEBATE, "congruence", normalize="jaccard").edges["A", "B"]["weight"] == 0.5
    assert build_network(DEBATE, "congruence", normalize="cosine").edges["A", "B"]["weight"] == 0.5
    assert build_network(DEBATE, "congruence", normalize="average-activity").edges["A", "B"]["weight"] == 0.5
    assert build_network(DEBATE, "two-mode", normalize="average-activity").edges["A", "Kürzung"]["weight"] == 0.5
    with pytest.raises(NetworkError, match="compares two actors"):
        build_network(DEBATE, "two-mode", normalize="jaccard")
    with pytest.raises(NetworkError, match="unknown network type"):
        build_network(DEBATE, "hairball")


def test_critique_network_is_directed_critic_to_target_actor():
    critiques = [statement("A", None, -1, "p1", start=1, target="Bund", target_type="organisation"),
                 statement("A", None, -1, "p2", start=2, target="Bund", target_type="organisation"),
                 statement("B", None, -1, "p2", start=3, target="Kürzungen", target_type="concept"),
                 statement("A", None, -1, "p2", start=4, target="A", target_type="organisation")]
    graph = build_network(critiques, "critique")
    assert graph.is_directed() and list(graph.edges) == [("A", "Bund")]
    assert graph.edges["A", "Bund"]["weight"] == 2.0 and graph.edges["A", "Bund"]["statements"] == "p1#1;p2#2"
    assert graph.graph["skipped"] == 2  # a concept target and a self-critique
    assert build_network(critiques, "critique", min_weight=3).number_of_edges() == 0


def test_time_windows_cover_the_dated_statements():
    dated = [statement("A", "K", 1, f"p{i}", start=i, date=f"2021-{m:02d}-15T00:00:00+00:00") for i, m in enumerate((1, 2, 7))]
    windows = time_windows(dated + [statement("B", "K", 1, "x", date=None)], "3m", "1m")
    assert [(str(start), str(end), len(items)) for start, end, items in windows] == [
        ("2021-01-15", "2021-04-15", 2), ("2021-02-15", "2021-05-15", 1), ("2021-05-15", "2021-08-15", 1)]
    # empty windows (March to July) are left out; the last window is the first that reaches the last date
    with pytest.raises(NetworkError, match="not a period"):
        parse_period("6 Monate")


@pytest.mark.parametrize("network_type", ["two-mode", "congruence", "conflict", "critique"])
def test_every_format_reads_back(tmp_path, network_type):
    items = DEBATE + [statement("A", None, -1, "p4", start=9, target="B", target_type="organisation")]
    graph = build_network(items, network_type)
    assert graph.number_of_edges() > 0
    for reader, name in ((nx.read_graphml, "n.graphml"), (nx.read_gexf, "n.gexf")):
        write_graph(graph, tmp_path / name)
        back = reader(tmp_path / name)
        assert back.is_directed() == graph.is_directed()
        assert {(u, v) if graph.is_directed() else frozenset((u, v)) for u, v in back.edges} == \
               {(u, v) if graph.is_directed() else frozenset((u, v)) for u, v in graph.edges}
        for u, v, data in graph.edges(data=True):
            assert float(back.edges[u, v]["weight"]) == data["weight"] and back.edges[u, v]["posts"] == data["posts"]
        assert {n: back.nodes[n]["sector"] for n in back} == {n: d["sector"] for n, d in graph.nodes(data=True)}
    edges_path, nodes_path = write_graph(graph, tmp_path / "n.csv")
    rows = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    assert {(r["source"], r["target"], float(r["weight"])) for r in rows} == {(u, v, d["weight"]) for u, v, d in graph.edges(data=True)}
    assert {r["id"]: r["type"] for r in csv.DictReader(nodes_path.open(encoding="utf-8"))} == {n: d["type"] for n, d in graph.nodes(data=True)}


def test_dynamic_gexf_keeps_one_weight_per_window(tmp_path):
    dated = [statement("A", "K", -1, "p1", start=1, date="2021-01-15T00:00:00+00:00"),
             statement("B", "K", -1, "p2", start=2, date="2021-01-20T00:00:00+00:00"),
             statement("A", "K", -1, "p3", start=3, date="2021-06-15T00:00:00+00:00"),
             statement("B", "K", -1, "p4", start=4, date="2021-06-16T00:00:00+00:00"),
             statement("B", "K", -1, "p5", start=5, date="2021-06-17T00:00:00+00:00")]
    windows = [(s, e, build_network(items, "congruence", duplicates="none")) for s, e, items in time_windows(dated, "1m", "1m")]
    write_graph(dynamic_graph(windows), tmp_path / "d.gexf")
    back = nx.read_gexf(tmp_path / "d.gexf")
    assert back.graph["mode"] == "dynamic"
    assert back.edges["A", "B"]["window_weight"] == [(1.0, "2021-01-15", "2021-02-15"), (1.0, "2021-06-15", "2021-07-15")]


# -- the commands ----------------------------------------------------------------------------------
@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.sqlite"
    with Store(path) as store, store.transaction():
        for number, published in enumerate(("2021-01-10T08:00:00+00:00", "2021-08-10T08:00:00+00:00")):
            post_id = f"https://blog.example/?p={number}"
            store.upsert_post({"id": post_id, "url": post_id, "title": f"Beitrag {number}", "author": "Anna Autorin",
                               "published": published, "categories": [], "paragraphs": [TEXT], "content_hash": f"h{number}"},
                              feed="feed.xml", language="de")
            store.save_analysis(post_id, f"h{number}", "test", {**RECORD, "id": post_id}, [])
    return path


def test_statements_csv_has_the_dna_columns_and_reads_back(store_path):
    result = CliRunner().invoke(app, ["statements", "--db", str(store_path), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert list(rows[0])[:7] == DNA_COLUMNS and list(rows[0]) == list(STATEMENT_COLUMNS)
    assert [(r["actor"], r["agreement"], r["concept"]) for r in rows[:3]] == [
        ("Caritas", "1", ""), ("Caritas", "1", ""), ("Anna Autorin", "-1", "Bundesregierung")]
    as_json = json.loads(CliRunner().invoke(app, ["statements", "--db", str(store_path), "--json", "--since", "2021-06"]).stdout)
    assert {r["document"] for r in as_json} == {"https://blog.example/?p=1"}


def test_network_command_writes_files_and_windows(store_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "critique.graphml"
    result = runner.invoke(app, ["network", "--db", str(store_path), "--type", "critique", "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert list(graph.edges) == [("Anna Autorin", "Bundesregierung")] and graph.edges["Anna Autorin", "Bundesregierung"]["weight"] == 2.0
    result = runner.invoke(app, ["network", "--db", str(store_path), "--type", "two-mode", "--window", "6m", "--step", "3m",
                                 "--out", str(tmp_path / "w.csv")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("w-*.csv")) == [
        "w-2021-01-10-nodes.csv", "w-2021-01-10.csv", "w-2021-04-10-nodes.csv", "w-2021-04-10.csv"]


def test_network_command_errors_are_one_line_and_write_nothing(store_path, tmp_path):
    runner = CliRunner()
    cases = [(["--type", "hairball"], 2, "unknown network type"), (["--out-format"], 2, None),
             (["--concepts", str(tmp_path / "none.txt")], 1, "no such code book"),
             (["--concepts", "topics"], 4, "no stored topic run"), (["--step", "1m"], 2, "--step needs --window")]
    for args, code, message in cases:
        if args == ["--out-format"]:
            result = runner.invoke(app, ["network", "--db", str(store_path), "--out", str(tmp_path / "x.png")])
            message = "unknown network format"
        else:
            result = runner.invoke(app, ["network", "--db", str(store_path), "--out", str(tmp_path / "x.gexf"), *args])
        assert result.exit_code == code, (args, result.output)
        assert f"error: {message}" in result.output or message in result.output
    assert not list(tmp_path.glob("x.*"))


def test_claims_join_targets_inside_hyphenated_compounds_but_not_generic_ones():
    critiques = [statement("A", None, -1, "p1", start=1, target="Beziehung", target_type="concept"),
                 statement("A", None, -1, "p1", start=2, target="O’Neill", target_type="person"),
                 statement("A", None, -1, "p1", start=3, target="Mensch", target_type="collective")]
    claim = Statement(**{**statement("B", None, 1, "p2", start=9).to_dict(),
                         "text": "Macht-Beziehungen sind komplex, sagt O’Neill über Menschen."})
    report = assign_targets([*critiques, claim])
    assert [s.concept for s in report.statements if s.actor == "B"] == ["Beziehung", "O’Neill"]


def test_claims_do_not_join_fragment_or_function_word_targets():
    critiques = [statement("A", None, -1, "p1", start=1, target=target, target_type="concept") for target in ("E", "Von", "Euro")]
    claim = Statement(**{**statement("B", None, 1, "p2", start=9).to_dict(), "text": "Von Euro zu Euro entscheidet er."})
    report = assign_targets([*critiques, claim])
    assert [s.concept for s in report.statements if s.actor == "B"] == ["Euro"]
    assert [s.concept for s in report.statements if s.actor == "A"] == ["E", "Von", "Euro"]


class _FixedModel:
    """Stands in for a stored TopicModel: topic 1 when a sentence has the term "Pflege", else 0."""

    def __init__(self) -> None:
        self.seen: list[list[str]] = []

    def transform(self, term_lists):  # noqa: ANN001, ANN201
        self.seen.extend(term_lists)
        return [[0.5, 0.5] for _ in term_lists], [1 if "Pflege" in terms else 0 for terms in term_lists]


def test_topic_concepts_come_from_sentence_terms_with_the_post_topic_as_fallback():
    from textmine.discourse.concepts import assign_topics

    run = {"id": 7, "topics": [{"id": 0, "label": "Geld / Haushalt"}, {"id": 1, "label": "Pflege / Angehöriger"},
                               {"id": 2, "label": "Sport / Verein"}]}
    found = statements_from_record("p1", None, "T", "A", RECORD)
    model = _FixedModel()
    report = assign_topics(found, run, model, {"p1": ["Pflege", "Geld", "Kürzung"]}, {"p1": 0})
    assert [s.concept for s in report.statements] == ["1: Pflege / Angehöriger", "0: Geld / Haushalt", "0: Geld / Haushalt"]
    assert model.seen == [["Geld", "Pflege"], ["Kürzung"]]  # "Kürzungen" -> its lemma; the second sentence has no term
    assert report.unused == ["2: Sport / Verein"] and report.source == "topic run 7"


def test_corpus_statements_is_a_dataframe_with_the_statement_columns(store_path):
    from textmine.corpus import Corpus

    with Corpus(store_path, readonly=True) as corpus:
        frame = corpus.statements()
    assert list(frame.columns) == list(STATEMENT_COLUMNS)
    assert len(frame) == 6 and frame["agreement"].tolist() == [1, 1, -1] * 2
    assert str(frame["date"].dt.year.unique().tolist()) == "[2021]"
