"""The commands a user runs, through Typer's runner: the README's flow and its error paths."""
import json

import pytest
from typer.testing import CliRunner

from tests.helpers import DATA, SAMPLE_FEED, shared_path
from textmine.cli import app

CONTRACT_KEYS = {"id", "title", "text", "sentences", "claims", "critiques", "citations", "quotes", "references", "actors"}


@pytest.fixture
def runner():
    return CliRunner()


def test_ingest_export_and_second_ingest_changes_nothing(runner, db_path):
    result = runner.invoke(app, ["ingest", str(DATA / "mini-rss.xml"), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["new"] == 2 and summary["analysed"] == 2
    again = runner.invoke(app, ["ingest", str(DATA / "mini-atom.xml"), "--db", str(db_path), "--json"])
    assert json.loads(again.stdout)["new"] == 0 and json.loads(again.stdout)["analysed"] == 0
    exported = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db_path)])
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(lines) == 2 and CONTRACT_KEYS <= set(lines[0])
    for record in lines:
        for group in ("claims", "critiques", "citations", "quotes", "actors"):
            for span in record[group]:
                assert record["text"][span["start"]:span["end"]] == span["text"]


def test_export_csv_has_one_row_per_post(runner, db_path, tmp_path):
    runner.invoke(app, ["ingest", str(DATA / "mini-rss.xml"), "--db", str(db_path)])
    out = tmp_path / "posts.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(db_path)])
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").strip().splitlines()) >= 3  # header + 2 posts (text may span lines)


def test_analyze_prints_the_contract_for_stdin(runner):
    result = runner.invoke(app, ["analyze", "-", "--json"], input="Kessler kritisiert, dass Kommunen sparen (Kessler 2020, 4).\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert CONTRACT_KEYS <= set(record)
    assert record["text"].startswith("Kessler kritisiert")


def test_info_names_the_pipeline_and_components(runner):
    result = runner.invoke(app, ["info", "--json"])
    data = json.loads(result.stdout)
    assert {"textmine_citations", "textmine_actors", "textmine_arguments"} <= set(data["components"])


@pytest.mark.parametrize("name", ["empty.xml", "entity-bomb.xml", "external-entity.xml", "not-a-feed.xml", "truncated.xml"])
def test_broken_feeds_give_one_line_error_and_keep_data(runner, db_path, name):
    runner.invoke(app, ["ingest", str(DATA / "mini-rss.xml"), "--db", str(db_path)])
    before = runner.invoke(app, ["export", "--db", str(db_path)]).stdout
    result = runner.invoke(app, ["ingest", str(shared_path("corpus", "broken", name)), "--db", str(db_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in result.output
    before_texts = {r["id"]: r["text"] for r in map(json.loads, before.splitlines())}
    after = runner.invoke(app, ["export", "--db", str(db_path)]).stdout
    after_texts = {r["id"]: r["text"] for r in map(json.loads, after.splitlines())}
    assert {k: after_texts.get(k) for k in before_texts} == before_texts  # nothing stored was lost or changed


def test_missing_feed_and_missing_database_are_one_line_errors(runner, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.xml"), "--db", str(tmp_path / "db.sqlite")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 3 and result.stderr.startswith("error:")


def test_sample_corpus_end_to_end_with_topics(runner, db_path):
    if not SAMPLE_FEED.exists():
        pytest.fail("corpus/sample-blog.xml is missing")
    result = runner.invoke(app, ["ingest", str(SAMPLE_FEED), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] >= 30
    topics = runner.invoke(app, ["topics", "--k", "6", "--seed", "1", "--json", "--db", str(db_path)])
    assert topics.exit_code == 0, topics.output
    data = json.loads(topics.stdout)
    assert data["k"] == 6 and len(data["topics"]) == 6 and len(data["posts"]) >= 30
    assert {"c_v", "c_npmi"} <= set(data["coherence"])
    again = runner.invoke(app, ["topics", "--k", "6", "--seed", "1", "--json", "--db", str(db_path)])
    assert json.loads(again.stdout)["topics"] == data["topics"]
    assert [p["weights"] for p in json.loads(again.stdout)["posts"]] == [p["weights"] for p in data["posts"]]


def test_runs_compare_matches_topics_of_two_runs(runner, db_path):
    result = runner.invoke(app, ["ingest", str(SAMPLE_FEED), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    for k in ("6", "4"):
        fitted = runner.invoke(app, ["topics", "--k", k, "--seed", "1", "--json", "--db", str(db_path)])
        assert fitted.exit_code == 0, fitted.output
    same = json.loads(runner.invoke(app, ["runs", "--compare", "1", "1", "--json", "--db", str(db_path)]).stdout)
    assert same["term_agreement"] == 1.0 and same["posts_ari"] == 1.0 and same["shared_posts"] >= 30
    assert all(p["topic_a"] == p["topic_b"] and p["post_overlap"] == 1.0 for p in same["pairs"])
    other = json.loads(runner.invoke(app, ["runs", "--compare", "1", "2", "--json", "--db", str(db_path)]).stdout)
    assert other["run_a"] == 1 and other["run_b"] == 2 and 0 < other["term_agreement"] < 1
    assert len(other["pairs"]) == 6 and sum(p["topic_b"] is None for p in other["pairs"]) == 2
    missing = runner.invoke(app, ["runs", "--compare", "1", "9", "--db", str(db_path)])
    assert missing.exit_code == 2 and "no topic run 9" in missing.output


def test_topics_k_range_prints_the_curve_with_chosen_resamples(runner, db_path):
    result = runner.invoke(app, ["ingest", str(SAMPLE_FEED), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    args = ["topics", "--k", "3:5", "--seed", "1", "--json", "--db", str(db_path)]
    one = json.loads(runner.invoke(app, args + ["--resamples", "1"]).stdout)
    two = json.loads(runner.invoke(app, args + ["--resamples", "2"]).stdout)
    assert [row["k"] for row in one["k_curve"]] == [3, 4, 5] and sum(row["chosen"] for row in one["k_curve"]) == 1
    assert one["k"] in (3, 4, 5)
    assert [row["c_v"] for row in one["k_curve"]] == [row["c_v"] for row in two["k_curve"]]  # same full fits
    assert [row["stability"] for row in one["k_curve"]] != [row["stability"] for row in two["k_curve"]]
    bad = runner.invoke(app, args + ["--resamples", "0"])
    assert bad.exit_code == 2
