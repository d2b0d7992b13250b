"""The store's typed tables (plain sqlite3), the DataFrames, topic runs as library calls, typed table
exports, ``textmine posts`` and the examples in docs/examples, on the sample corpus."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.helpers import ROOT, SAMPLE_FEED
from textmine.store import frames as frames
from textmine.store import tables as store_tables
from textmine.cli import app
from textmine.corpus import Corpus
from textmine.store.database import Store

SPAN_GROUPS = {"claims": "claims", "critiques": "critiques", "citations": "citations", "quotes": "quotes",
               "reference_entries": "references", "actor_mentions": "actors"}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample blog, ingested and analysed once for this module (tests copy it before writing)."""
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    with Corpus(path) as corpus:
        summary = corpus.ingest([str(SAMPLE_FEED)])
    assert summary.ok and summary.analysed >= 30
    return path


@pytest.fixture
def db_copy(sample_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.sqlite"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def _records(path: Path) -> dict[str, dict]:
    with sqlite3.connect(path) as conn:
        return {pid: json.loads(record) for pid, record in conn.execute("SELECT post_id, record FROM analyses")}


# -- the typed tables, read with plain sqlite3 ------------------------------------------------------
def test_typed_tables_hold_every_annotation_of_the_records(sample_db):
    records = _records(sample_db)
    with sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True) as conn:
        for table, group in SPAN_GROUPS.items():
            count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert count == sum(len(r[group]) for r in records.values()) > 0, table
        # offsets index into the record's text, for every row of every table
        for table, group in SPAN_GROUPS.items():
            for pid, n, start, end, text in conn.execute(f"SELECT post_id, n, start_char, end_char, text FROM {table}"):
                assert records[pid]["text"][start:end] == text == records[pid][group][n]["text"]
        cited = conn.execute("SELECT count(*) FROM citation_authors").fetchone()[0]
        assert cited == sum(len(c["authors"]) for r in records.values() for c in r["citations"])


def test_typed_columns_dates_years_and_indexes(sample_db):
    with sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True) as conn:
        assert {t for (t,) in conn.execute("SELECT DISTINCT typeof(year) FROM citations")} <= {"integer", "null"}
        assert conn.execute("SELECT count(*) FROM citations WHERE typeof(year) = 'integer'").fetchone()[0] > 50
        assert {t for (t,) in conn.execute("SELECT DISTINCT typeof(year) FROM reference_entries")} <= {"integer", "null"}
        dates = [d for (d,) in conn.execute("SELECT date FROM post_summary")]
        assert all(len(d) == 10 and d[4] == "-" and d[7] == "-" for d in dates)
        years = {y for (y,) in conn.execute("SELECT DISTINCT typeof(year) FROM post_summary")}
        assert years == {"integer"}
        indexes = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"critiques_critic", "critiques_target", "claims_holder", "actor_mentions_canonical",
                "citations_first_author", "topic_shares_topic"} <= indexes
        # the query the issue could not run before: critiques by critic, joined to their posts
        rows = conn.execute("""SELECT p.title, c.target FROM critiques c JOIN posts p ON p.id = c.post_id
                               WHERE c.critic = 'Jana Hartmann'""").fetchall()
        assert rows and all(title for title, _ in rows)
        plan = " ".join(str(r) for r in conn.execute("EXPLAIN QUERY PLAN SELECT * FROM critiques WHERE critic = 'x'"))
        assert "critiques_critic" in plan
        top = conn.execute("SELECT canonical, mentions, posts FROM actors ORDER BY mentions DESC LIMIT 1").fetchone()
        assert top[1] >= top[2] >= 1


def test_tables_follow_the_records_on_update_and_delete(db_copy):
    with Store(db_copy) as store:
        pid = store.conn.execute("SELECT post_id FROM claims GROUP BY post_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        post, record = next(store.records([pid]))
        record["claims"] = record["claims"][:1]
        with store.transaction():
            store.save_analysis(pid, post.content_hash, "test-pipeline", record, [])
        assert store.conn.execute("SELECT count(*) FROM claims WHERE post_id = ?", (pid,)).fetchone()[0] == 1
        with store.transaction():
            store.conn.execute("DELETE FROM posts WHERE id = ?", (pid,))
        for table in (*SPAN_GROUPS, "citation_authors"):
            assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE post_id = ?", (pid,)).fetchone()[0] == 0


def _strip_typed_tables(path: Path) -> None:
    """Turn a database back into the schema before the typed tables existed."""
    with sqlite3.connect(path) as conn:
        store_tables._drop(conn)
        conn.execute("DELETE FROM meta WHERE key = 'typed_tables_version'")


def test_old_database_is_migrated_without_reanalysis(db_copy, sample_db):
    _strip_typed_tables(db_copy)
    with sqlite3.connect(db_copy) as conn:
        assert "claims" not in {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
        analysed_at = conn.execute("SELECT post_id, analysed_at FROM analyses ORDER BY post_id").fetchall()
    # read-only: the tables exist for that connection only (TEMP), the file is unchanged
    with Corpus(db_copy, readonly=True) as corpus:
        assert len(corpus.claims()) == len(Corpus(sample_db, readonly=True).claims())
    with sqlite3.connect(db_copy) as conn:
        assert "claims" not in {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    # writable open migrates in place, from the stored records
    with Store(db_copy) as store:
        assert store_tables.tables_version(store.conn) == store_tables.TABLES_VERSION
    with sqlite3.connect(db_copy) as conn, sqlite3.connect(sample_db) as reference:
        for table in (*SPAN_GROUPS, "citation_authors"):
            query = f"SELECT * FROM {table} ORDER BY post_id, n" if table != "citation_authors" else \
                f"SELECT * FROM {table} ORDER BY post_id, citation, position"
            assert conn.execute(query).fetchall() == reference.execute(query).fetchall(), table
        assert conn.execute("SELECT post_id, analysed_at FROM analyses ORDER BY post_id").fetchall() == analysed_at


# -- DataFrames -------------------------------------------------------------------------------------
FRAMES = {
    "posts": lambda c: c.posts(), "claims": lambda c: c.claims(), "critiques": lambda c: c.critiques(),
    "citations": lambda c: c.citations(), "citation_authors": lambda c: c.citations(by_author=True),
    "quotes": lambda c: c.quotes(), "references": lambda c: c.references(),
    "actor_mentions": lambda c: c.actors("mention"), "actors": lambda c: c.actors(level="canonical"),
    "topics": lambda c: c.topics(), "topic_terms": lambda c: c.topic_terms(),
}


def _check_dtypes(frame: pd.DataFrame, name: str) -> None:
    for column in frame.columns:
        expected = frames.COLUMN_DTYPES[column]
        if expected == frames.LIST:
            assert frame[column].dtype == object and all(isinstance(v, list) for v in frame[column]), (name, column)
        else:
            assert str(frame[column].dtype) == str(pd.Series([], dtype=expected).dtype), (name, column, frame[column].dtype)


def test_dataframes_have_documented_columns_and_dtypes(sample_db):
    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    with Corpus(sample_db, readonly=True) as corpus:
        for name, read in FRAMES.items():
            frame = read(corpus)
            _check_dtypes(frame, name)
            for column in frame.columns:
                assert f"`{column}`" in schema, f"{name}.{column} is not documented in docs/schema.md"
        posts = corpus.posts()
        assert len(posts) == 32 and posts["published"].dt.tz is not None
        assert (posts["year"] == posts["published"].dt.year).all()
        claims = corpus.claims()
        by_author = claims[claims["holder_is_author"]]
        assert (by_author["holder_name"] == by_author["post_author"]).all()
        citations = corpus.citations()
        assert citations["authors"].map(len).gt(0).all() and citations["year"].notna().sum() > 50
        canonical = corpus.actors("canonical")
        assert canonical["mentions"].sum() == len(corpus.actors())
        with pytest.raises(ValueError, match="mention"):
            corpus.actors("people")


def test_dataframes_of_an_empty_corpus_keep_their_columns(tmp_path):
    with Corpus(tmp_path / "empty.sqlite") as corpus:
        for name, read in FRAMES.items():
            frame = read(corpus)
            assert frame.empty and len(frame.columns) >= 4, name
            _check_dtypes(frame, name)


def test_posts_filters(sample_db):
    with Corpus(sample_db, readonly=True) as corpus:
        everyone = corpus.posts()
        author = everyone["author"].iloc[0]
        mine = corpus.posts(author=author.split()[-1].upper())
        assert len(mine) == (everyone["author"] == author).sum() > 0
        recent = corpus.posts(since="2023-01-01")
        assert 0 < len(recent) < len(everyone) and (recent["published"] >= pd.Timestamp("2023-01-01", tz="UTC")).all()
        with pytest.raises(ValueError, match="not a date"):
            corpus.posts(since="gestern")


def test_topic_runs_are_library_calls_and_typed_tables(db_copy):
    with Corpus(db_copy) as corpus:
        fitted = corpus.fit_topics(4, seed=1)
        assert fitted.model.k == 4 and fitted.model_dir is not None and fitted.model_dir.exists()
        shares = corpus.topics()
        assert len(shares) == 4 * len(fitted.post_ids)
        per_post = shares.groupby("post_id")["weight"].sum()
        assert ((per_post - 1).abs() < 1e-3).all()
        assert (shares.groupby("post_id")["dominant"].sum() == 1).all()
        assert list(corpus.topic_terms()["label"]) == [t["label"] for t in fitted.model.topics]
        again = corpus.fit_topics(4, seed=1)
        assert corpus.topics(again.id)["weight"].tolist() == shares["weight"].tolist()
        same = corpus.compare_runs(fitted.id, again.id)
        assert same["posts_ari"] == 1.0 and same["run_a"] == fitted.id
        assert corpus.apply_topics(fitted.id) == []  # every post already assigned
        with corpus.store.transaction():
            corpus.store.conn.execute("DELETE FROM topic_assignments WHERE run_id = ? AND post_id = ?",
                                      (fitted.id, fitted.post_ids[0]))
        assert len(corpus.topics(fitted.id)) == 4 * (len(fitted.post_ids) - 1)  # shares follow
        applied = corpus.apply_topics(fitted.id)
        assert [a["post"] for a in applied] == [fitted.post_ids[0]]
        assert corpus.topics(fitted.id)["weight"].tolist() == shares["weight"].tolist()
        over_time = corpus.topic_shares_over_time("year", run=fitted.id)
        assert over_time and sum(row["posts"] for row in over_time) == len(fitted.post_ids)
        from textmine.topics.runs import RunNotFound

        with pytest.raises(RunNotFound, match="no topic run 99"):
            corpus.topics(99)


# -- exports and the posts listing ------------------------------------------------------------------
def test_export_tables_parquet_and_csv_are_typed(sample_db, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    runner = CliRunner()
    out = tmp_path / "tables"
    result = runner.invoke(app, ["export", "--format", "parquet", "--tables", str(out), "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    for name in ("posts", "claims", "critiques", "citations", "actors", "topics"):
        assert (out / f"{name}.parquet").exists(), name
    posts = pq.read_table(out / "posts.parquet")
    assert posts.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert posts.schema.field("date").type == pa.date32() and posts.schema.field("year").type == pa.int64()
    assert posts.num_rows == 32
    citations = pq.read_table(out / "citations.parquet")
    assert citations.schema.field("authors").type == pa.list_(pa.string())
    assert citations.schema.field("year").type == pa.int64()
    claims = pd.read_parquet(out / "claims.parquet")
    assert claims["holder_is_author"].dtype == bool and claims["score"].dtype == "float64"
    csv_dir = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--tables", str(csv_dir), "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    import csv
    import re

    with (csv_dir / "citations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == citations.num_rows
    assert all(re.fullmatch(r"\d{4}|", row["year"]) for row in rows)  # integers, not 2019.0
    assert all(row["holder_is_author"] in "01" for row in csv.DictReader((csv_dir / "claims.csv").open(encoding="utf-8")))
    assert pd.read_csv(csv_dir / "posts.csv")["published"].str.endswith("Z").all()
    bad = runner.invoke(app, ["export", "--format", "jsonl", "--tables", str(tmp_path / "x"), "--db", str(sample_db)])
    assert bad.exit_code == 2 and bad.stderr.startswith("error:")


def test_posts_command_lists_and_filters(sample_db):
    runner = CliRunner()
    listed = runner.invoke(app, ["posts", "--json", "--db", str(sample_db)])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert len(rows) == 32 and {"id", "title", "author", "published", "claims"} <= set(rows[0])
    author = rows[0]["author"]
    filtered = json.loads(runner.invoke(app, ["posts", "--author", author, "--since", "2020-01-01", "--json",
                                              "--db", str(sample_db)]).stdout)
    assert filtered and all(r["author"] == author and r["published"] >= "2020-01-01" for r in filtered)
    csv = runner.invoke(app, ["posts", "--csv", "--db", str(sample_db)])
    assert csv.stdout.splitlines()[0].startswith("id,url,title,author,published") and len(csv.stdout.splitlines()) == 33
    bad = runner.invoke(app, ["posts", "--since", "gestern", "--db", str(sample_db)])
    assert bad.exit_code == 2 and "not a date" in bad.stderr


# -- the examples in docs/examples run on the sample corpus -----------------------------------------
def _run_example(name: str, db: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "examples" / name), "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_example_claims_of_one_actor_over_time(sample_db):
    out = _run_example("claims_of_one_actor_over_time.py", sample_db, "--actor", "Hartmann")
    assert out.startswith("Hartmann: ") and "critique" in out and "2019" in out


def test_example_who_cites_whom(sample_db):
    out = _run_example("who_cites_whom.py", sample_db)
    assert "SQL gives the same" in out and "post_author" in out


def test_example_topics_per_actor(db_copy):
    out = _run_example("topics_per_actor.py", db_copy, "--k", "4")
    assert "fitted run 1: k=4" in out and "posts" in out
    assert "fitted run" not in _run_example("topics_per_actor.py", db_copy)  # reuses the stored run


def test_every_example_is_tested():
    examples = {p.name for p in (ROOT / "docs" / "examples").glob("*.py")}
    tested = {"claims_of_one_actor_over_time.py", "who_cites_whom.py", "topics_per_actor.py"}
    assert examples == tested
