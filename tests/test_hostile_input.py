"""Hostile input, round 2: outputs never destroy inputs, another program's database is never
touched, feed text never runs (spreadsheets, terminals, the HTML report), long posts, hostile
servers, interrupted and partial work, bad usage. Every error is one ``error:`` line, no traceback.

Most tests build their database by hand (invented posts and records, no pipeline), so they are
quick and say exactly which input is hostile.
"""
from __future__ import annotations

import contextlib
import errno
import json
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import DATA
from textmine.cli import app
from textmine.ingest.sources import SourceError, open_source
from textmine.store.database import APPLICATION_ID, Store

FEED = DATA / "mini-rss.xml"


# -- helpers ---------------------------------------------------------------------------------------
def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def assert_one_error(code: int, stderr: str, expected_code: int, *words: str) -> str:
    assert code == expected_code, stderr
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    for word in words:
        assert word in errors[0], stderr
    return errors[0]


def record(text: str, **groups: list) -> dict:
    empty = {g: [] for g in ("claims", "critiques", "citations", "quotes", "references", "actors")}
    return {"id": None, "title": None, "text": text, "language": "de",
            "sentences": [{"start": 0, "end": len(text)}], **{**empty, **groups}}


def make_db(path: Path, posts: list[dict], *, analysed: int | None = None) -> Path:
    """A database holding ``posts`` (dicts with id/title/text and optional record groups); the
    first ``analysed`` of them (default: all) get an analysis with their groups and terms."""
    with Store(path) as store, store.transaction():
        for i, post in enumerate(posts):
            text = post["text"]
            store.upsert_post({"id": post["id"], "url": post.get("url"), "title": post["title"], "author": None,
                               "published": post.get("published", f"2024-0{1 + i % 9}-01T00:00:00+00:00"),
                               "categories": [], "paragraphs": text.split("\n\n"), "content_hash": f"h{i}"},
                              feed=post.get("feed"), language="de")
            if analysed is None or i < analysed:
                groups = {k: v for k, v in post.items() if k in ("claims", "critiques", "citations", "actors")}
                store.save_analysis(post["id"], f"h{i}", "test-pipeline", record(text, **groups),
                                    post.get("terms", text.lower().split()))
    return path


def simple_posts(n: int = 2) -> list[dict]:
    return [{"id": f"p{i}", "title": f"Beitrag {i}", "text": f"Text {i} über Vereine."} for i in range(n)]


def folder_listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def outputs(folder: Path) -> set[str]:
    """What is in ``folder`` besides the database db.sqlite and its journal files."""
    return {name for name in folder_listing(folder) if not name.startswith("db.sqlite")}


# -- 1. outputs never destroy inputs ---------------------------------------------------------------
@pytest.mark.parametrize("command", [["export", "--format", "jsonl"], ["export", "--format", "csv"],
                                     ["export", "--format", "parquet"], ["report"]])
def test_out_is_the_database_refused(tmp_path, command):
    db = make_db(tmp_path / "db.sqlite", simple_posts())
    before = db.read_bytes()
    code, _, err = invoke(*command, "--out", db, "--db", db)
    assert_one_error(code, err, 2, "refused", "the database")
    assert db.read_bytes() == before
    code, _, err = invoke(*command, "--out", f"{db}-wal", "--db", db)  # the journal is the database too
    assert_one_error(code, err, 2, "refused")


def test_out_is_a_feed_the_database_was_read_from_refused(tmp_path):
    feed = tmp_path / "feed.csv"  # a feed may have any name, also one an output would use
    shutil.copy(FEED, feed)
    db = tmp_path / "db.sqlite"
    code, _, err = invoke("ingest", feed, "--db", db, "--no-analyze")
    assert code == 0, err
    for command in (["report", "--out"], ["export", "--format", "csv", "--out"], ["actors", "--network"]):
        code, _, err = invoke(*command, feed, "--db", db)
        assert_one_error(code, err, 2, "refused", "feed")
        assert feed.read_bytes() == FEED.read_bytes()


@pytest.mark.parametrize("command", [["export", "--format", "jsonl"], ["export", "--format", "csv"],
                                     ["export", "--format", "parquet"], ["report"]])
@pytest.mark.parametrize("where", ["folder", "missing folder"])
def test_out_into_a_folder_or_a_missing_folder_is_one_line(tmp_path, command, where):
    db = make_db(tmp_path / "db.sqlite", simple_posts())
    out = tmp_path if where == "folder" else tmp_path / "fehlt" / "out.file"
    code, _, err = invoke(*command, "--out", out, "--db", db)
    assert_one_error(code, err, 2, "folder")
    assert not (tmp_path / "fehlt").exists()


@pytest.mark.parametrize("command", [["export", "--format", "jsonl"], ["export", "--format", "csv"],
                                     ["export", "--format", "parquet"], ["report"]])
def test_a_full_disk_leaves_the_earlier_file_whole_and_no_half_file(tmp_path, monkeypatch, command):
    db = make_db(tmp_path / "db.sqlite", simple_posts())
    out = tmp_path / "out.file"
    out.write_bytes(b"the earlier output")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("textmine.outfiles.os.fsync", disk_full)
    code, _, err = invoke(*command, "--out", out, "--db", db)
    assert_one_error(code, err, 1, "No space left on device")
    assert out.read_bytes() == b"the earlier output"
    assert outputs(tmp_path) == {"out.file"}  # no temporary file left behind


def test_outputs_are_complete_after_a_normal_run(tmp_path):
    db = make_db(tmp_path / "db.sqlite", simple_posts(3))
    out = tmp_path / "posts.jsonl"
    code, _, err = invoke("export", "--out", out, "--db", db)
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["p0", "p1", "p2"]
    assert outputs(tmp_path) == {"posts.jsonl"}


# -- 2. another program's database is never touched -------------------------------------------------
def _foreign(path: Path, kind: str) -> Path:
    conn = sqlite3.connect(path)
    if kind == "meta table":  # looks like textmine's key/value table, but is not textmine's
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('owner', 'someone else')")
    elif kind == "other tables":
        conn.execute("CREATE TABLE kunden (name TEXT)")
    else:  # another application's id on an otherwise empty file
        conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["meta table", "other tables", "application id"])
@pytest.mark.parametrize("command", [["ingest", str(FEED), "--no-analyze"], ["claims"], ["export"]])
def test_another_programs_database_stays_byte_identical(tmp_path, kind, command):
    db = _foreign(tmp_path / "other.sqlite", kind)
    before = db.read_bytes()
    code, _, err = invoke(*command, "--db", db)
    assert_one_error(code, err, 3, "not a textmine database")
    assert db.read_bytes() == before
    assert folder_listing(tmp_path) == {"other.sqlite"}  # no -wal/-shm: it was not even switched to WAL


def test_a_new_database_carries_textmines_application_id(tmp_path):
    db = tmp_path / "db.sqlite"
    code, _, err = invoke("ingest", FEED, "--db", db, "--no-analyze")
    assert code == 0, err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    conn.close()


def test_a_textmine_database_from_before_the_application_id_is_still_opened(tmp_path):
    db = make_db(tmp_path / "db.sqlite", simple_posts())
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    code, out, err = invoke("claims", "--json", "--db", db)
    assert code == 0, err
    code, _, err = invoke("ingest", FEED, "--db", db, "--no-analyze")
    assert code == 0, err


@pytest.mark.parametrize("name", ["a#b.sqlite", "frage?x=1.sqlite", "pro%20zent.sqlite"])
def test_database_paths_with_uri_characters(tmp_path, name):
    db = tmp_path / name
    code, _, err = invoke("ingest", FEED, "--db", db, "--no-analyze")
    assert code == 0, err
    for command in (["claims", "--json"], ["export"], ["runs", "--json"]):
        code, out, err = invoke(*command, "--db", db)
        assert code == 0, err
    code, out, _ = invoke("export", "--db", db)
    assert len(out.splitlines()) == 2
    assert {p for p in folder_listing(tmp_path) if not p.startswith(name)} == set()  # no stray files


# -- topic runs: beside the database, checksummed, never half stored ---------------------------------
def topic_posts(n: int = 12) -> list[dict]:
    themes = [["verein", "ehrenamt", "quartier", "förderung"], ["wahl", "partei", "parlament", "regierung"],
              ["klima", "energie", "wärme", "strom"]]
    return [{"id": f"t{i}", "title": f"Beitrag {i}", "text": f"Text {i}.",
             "terms": themes[i % 3] * 3 + [f"wort{i}"]} for i in range(n)]


def test_topic_runs_are_found_relative_to_the_database(tmp_path, monkeypatch):
    data = tmp_path / "daten"
    data.mkdir()
    make_db(data / "db.sqlite", topic_posts())
    monkeypatch.chdir(data)
    code, _, err = invoke("topics", "--k", "3", "--db", "db.sqlite", "--json")
    assert code == 0, err
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = invoke("topics", "--apply", "1", "--db", data / "db.sqlite", "--json")
    assert code == 0, err
    assert json.loads(out) == []  # every post already has its topic: nothing new to assign


def test_a_changed_run_folder_is_not_loaded(tmp_path):
    db = make_db(tmp_path / "db.sqlite", topic_posts())
    code, _, err = invoke("topics", "--k", "3", "--db", db, "--json")
    assert code == 0, err
    (folder,) = (tmp_path / "db.runs").iterdir()
    (folder / "model.gensim").write_bytes(b"a pickle that someone swapped in")
    code, _, err = invoke("topics", "--apply", "1", "--db", db)
    assert_one_error(code, err, 1, "changed after textmine wrote it")


def test_a_run_folder_that_cannot_be_written_stores_no_half_run(tmp_path):
    db = make_db(tmp_path / "db.sqlite", topic_posts())
    (tmp_path / "db.runs").write_text("a file where the run folder should go")
    code, _, err = invoke("topics", "--k", "3", "--db", db)
    assert_one_error(code, err, 3, "topic model folder")
    with Store(db, readonly=True) as store:
        assert store.topic_runs() == []


# -- 4. posts longer than spaCy's max_length ------------------------------------------------------
def test_chunk_bounds_cut_at_paragraphs_and_cover_the_text():
    from textmine.analysis.texts import chunk_bounds

    text = "\n\n".join(["Absatz eins ist hier.", "Absatz zwei ist etwas länger als eins.", "x" * 70, "Ende."])
    bounds = chunk_bounds(text, 45)
    assert all(end - start <= 45 for start, end in bounds)
    assert bounds[0] == (0, len("Absatz eins ist hier."))
    assert bounds[-1][1] == len(text)
    for (_, end), (start, _) in zip(bounds, bounds[1:]):
        assert end <= start and text[end:start].strip() == ""  # only whitespace between pieces


def test_a_post_longer_than_max_length_is_analysed_in_chunks_with_offsets_into_the_post():
    from textmine.analysis.texts import analyze_texts
    from textmine.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    paragraph = ("Lember kritisiert, dass die Verwaltung die Vereine im Quartier nicht ausreichend "
                 "fördert (Lember 2018, 4). ")
    text = "\n\n".join(f"{i}. {paragraph * 3}" for i in range(12))
    limit = nlp.max_length
    try:
        nlp.max_length = 1_000
        assert len(text) > nlp.max_length
        (result,) = analyze_texts(nlp, [("long", "Lang", text)], languages={"long": "de"})
        nlp.max_length = limit
        (whole,) = analyze_texts(nlp, [("long", "Lang", text)], languages={"long": "de"})
    finally:
        nlp.max_length = limit
    chunked = result.record
    assert chunked["text"] == text and not chunked.get("errors")
    assert len(chunked["citations"]) == len(whole.record["citations"]) == 36
    for group in ("citations", "actors", "claims", "critiques"):
        for span in chunked[group]:
            assert text[span["start"]:span["end"]] == span["text"]
    assert chunked["citations"][-1]["start"] > len(text) - len(paragraph)  # late chunk, offset into the whole post


# -- 5. output injection ---------------------------------------------------------------------------
HOSTILE = [
    {"id": "evil-1", "title": "=HYPERLINK(\"http://evil.example\";\"klick\")", "text": "@SUM(A1:A9) steht hier.",
     "url": "https://blog.example/\u202egpj.exe",
     "claims": [{"text": "+cmd|' /C calc'!A0", "start": 0, "end": 5, "holder": "-2+3", "score": -0.5}],
     "critiques": [{"text": "\tKritik", "start": 0, "end": 5, "critic": "[/x] [bold red]Boss[/]", "target": "\x1b[31mrot\x1b[0m",
                    "score": 0.5}],
     "actors": [{"text": "Amt", "start": 0, "end": 3, "canonical": "Amt\u202efoo", "type": "organisation", "sector": "state"}]},
    {"id": "[/x]", "title": "Titel mit \x1b]0;pwned\x07 und \u202eTXT.exe", "text": "Harmlos.",
     "claims": [{"text": "Normal", "start": 0, "end": 5, "holder": "[/]", "score": 1.0}]},
]


def test_csv_cells_cannot_start_a_formula_but_numbers_stay_numbers(tmp_path):
    db = make_db(tmp_path / "db.sqlite", HOSTILE)
    out = tmp_path / "posts.csv"
    code, _, err = invoke("export", "--format", "csv", "--out", out, "--db", db)
    assert code == 0, err
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil.example\";\"klick\")"
    assert rows[0]["text"] == "'@SUM(A1:A9) steht hier."
    code, out_text, err = invoke("claims", "--csv", "--db", db)
    assert code == 0, err
    claim_rows = list(csv.DictReader(out_text.splitlines()))
    first = next(r for r in claim_rows if r["post"] == "evil-1")
    assert first["text"] == "'+cmd|' /C calc'!A0"
    assert first["holder"] == "'-2+3"
    assert first["score"] == "-0.500"  # a number keeps its sign
    code, out_text, _ = invoke("critiques", "--csv", "--db", db)
    assert list(csv.DictReader(out_text.splitlines()))[0]["text"] == "'\tKritik"


@pytest.mark.parametrize("command", [["claims"], ["critiques"], ["actors"], ["show", "evil-1"], ["show", "[/x]"],
                                     ["citations", "--by", "post"], ["claims", "--post", "[/nix]"]])
def test_feed_text_is_never_rich_markup_nor_escape_sequences(tmp_path, command):
    db = make_db(tmp_path / "db.sqlite", HOSTILE)
    result = CliRunner().invoke(app, [*command, "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "MarkupError" not in result.output
    for forbidden in ("\x1b", "\u202e", "\x07"):
        assert forbidden not in result.stdout and forbidden not in result.stderr
    if command == ["critiques"]:
        assert "[/x] [bold red]Boss[/]" in result.stdout  # shown literally, not as markup
    if command[-1] == "[/nix]":
        assert_one_error(result.exit_code, result.stderr, 1, "[/nix]")


def test_json_output_keeps_feed_text_but_escapes_bidi_and_c1(tmp_path):
    db = make_db(tmp_path / "db.sqlite", HOSTILE)
    code, out, err = invoke("show", "[/x]", "--json", "--db", db)
    assert code == 0, err
    assert "\u202e" not in out and "\\u202e" in out
    assert json.loads(out)["title"] == "Titel mit \x1b]0;pwned\x07 und \u202eTXT.exe"  # data unchanged


def test_ingest_with_markup_in_guids_dates_and_titles(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>[/x]</title>'
        "<item><title>[bold]Fett[/]</title><guid>[/x]</guid><pubDate>[red]kaputt[/x]</pubDate>"
        "<description>&lt;img src='a.png'/&gt;</description></item>"
        "</channel></rss>", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(tmp_path / "db.sqlite"), "--no-analyze"],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 0, repr(result.exception)
    assert "warning:" in result.stdout and "[/x]: no text" in result.stdout  # the guid, literally
    assert "[red]kaputt[/x]" in result.stdout


def test_html_report_escapes_every_value_and_neutralises_bidi(tmp_path):
    db = make_db(tmp_path / "db.sqlite", HOSTILE)
    with Store(db) as store:
        store.add_topic_run(method="lda", k=1, seed=1, params={}, coherence={},
                            topics=[{"id": '<img src=x onerror="alert(1)">', "label": "<b>l</b>", "terms": ["a"],
                                     "share": 1.0}],
                            model_dir=None, assignments=[])
    out = tmp_path / "report.html"
    code, _, err = invoke("report", "--out", out, "--db", db)
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "\u202e" not in page
    assert 'href="https://blog.example/' not in page  # a link with a bidi override is not a link


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed (runs the report's script)")
@pytest.mark.parametrize("fragment", ["#search=%E0%A4%A", "#search=%", "#search=Vereine"])
def test_a_malformed_search_fragment_does_not_stop_the_report_script(fragment):
    from importlib import resources

    script = resources.files("textmine.report").joinpath("assets").joinpath("report.js").read_text(encoding="utf-8")
    harness = """
var attrs = {};
var input = {value: "", addEventListener: function () {}};
global.window = {location: {hash: %s}, addEventListener: function () {}};
global.document = {
  getElementById: function (id) { return id === "search" ? input : null; },
  querySelectorAll: function () { return []; },
  documentElement: {setAttribute: function (k, v) { attrs[k] = v; }}
};
%s
console.log(JSON.stringify({ready: attrs["data-search"], value: input.value}));
""" % (json.dumps(fragment), script)
    result = subprocess.run(["node", "-e", harness], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["ready"] == "ready"
    assert state["value"] in ("Vereine", fragment.split("=", 1)[1])


# -- 6. network --------------------------------------------------------------------------------------
@contextlib.contextmanager
def raw_server(answer: bytes, *, drip: float = 0.0) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that answers every request with ``answer`` (one byte per ``drip`` s)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                conn.recv(65536)
                if drip:
                    for byte in answer:
                        if stop.is_set():
                            break
                        conn.sendall(bytes([byte]))
                        time.sleep(drip)
                else:
                    conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    finally:
        stop.set()
        listener.close()


RSS = FEED.read_bytes()


def test_a_server_that_trickles_is_cut_off_by_the_total_deadline():
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(RSS) + RSS
    with raw_server(answer, drip=0.05) as url:
        start = time.monotonic()
        with pytest.raises(SourceError) as info:
            with open_source(url, timeout=2, deadline_s=1.0):
                pass
        elapsed = time.monotonic() - start
    assert elapsed < 4, elapsed
    assert "not finished within 1 s" in str(info.value) and "\n" not in str(info.value)


MALFORMED = {
    "bad status line": b"HTTQ/9 abc\r\n\r\n",
    "too many headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 150 + b"\r\n" + RSS,
    "header too long": b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n" + RSS,
    "bad chunk size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + RSS + b"\r\n0\r\n\r\n",
}


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_malformed_http_answers_are_one_line_and_the_other_feeds_are_read(tmp_path, kind):
    db = tmp_path / "db.sqlite"
    with raw_server(MALFORMED[kind]) as url:
        code, _, err = invoke("ingest", url, FEED, "--db", db, "--no-analyze")
    line = assert_one_error(code, err, 1, url)
    assert "malformed HTTP answer" in line or "cannot connect" in line
    with Store(db, readonly=True) as store:
        assert store.count_posts() == 2  # the good feed after the bad one is stored


def test_an_unreachable_or_bad_dask_scheduler_is_one_line_and_the_posts_wait(tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr("textmine.analysis.cluster.CONNECT_TIMEOUT_S", 1.0)
    db = tmp_path / "db.sqlite"
    for address in ("tcp://127.0.0.1:1", "kein-scheduler"):
        code, _, err = invoke("ingest", FEED, "--db", db, "--dask", address)
        assert_one_error(code, err, 3, "Dask scheduler", address)
    with Store(db, readonly=True) as store:
        assert store.count_posts() == 2 and store.count_analyzed() == 0
    code, _, err = invoke("ingest", FEED, "--db", db, "--json")
    assert code == 0, err
    assert "resuming: 2 stored post(s)" in err
    with Store(db, readonly=True) as store:
        assert store.count_analyzed() == 2


# -- 8. interrupted and partial work ---------------------------------------------------------------
def test_ctrl_c_says_what_is_stored_and_the_next_run_resumes(tmp_path, monkeypatch):
    from textmine.corpus import Corpus

    db = tmp_path / "db.sqlite"

    def interrupted(self, **kwargs):  # noqa: ANN001, ANN003
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(Corpus, "analyze_pending", interrupted)
        code, _, err = invoke("ingest", FEED, "--db", db)
    assert code == 130
    assert "interrupted: 2 post(s) stored, 0 analysed; run the same command again to resume" in err
    assert "Traceback" not in err
    code, out, err = invoke("ingest", FEED, "--db", db, "--json")
    assert code == 0, err
    assert "resuming: 2 stored post(s) not analysed yet" in err
    assert json.loads(out)["analysed"] == 2


def test_info_shows_analysed_waiting_not_german_and_failed(tmp_path):
    db = tmp_path / "db.sqlite"
    code, _, err = invoke("ingest", FEED, "--db", db)
    assert code == 0, err
    english = tmp_path / "english.xml"
    english.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>E</title><item><title>English</title>'
        "<guid>en-1</guid><description>This is a long English text about the weather and the town council, "
        "which met on Monday to discuss the new budget for the public library and the parks.</description></item>"
        "</channel></rss>", encoding="utf-8")
    code, _, err = invoke("ingest", english, "--db", db)
    assert code == 0, err
    waiting = tmp_path / "waiting.xml"
    waiting.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>W</title>'
        + "".join(f"<item><title>Warten {i}</title><guid>w-{i}</guid><description>Ein Text {i} über das Warten."
                  "</description></item>" for i in range(2)) + "</channel></rss>", encoding="utf-8")
    code, _, err = invoke("ingest", waiting, "--db", db, "--no-analyze")
    assert code == 0, err
    code, out, err = invoke("info", "--json", "--db", db)
    assert code == 0, err
    info = json.loads(out)
    assert info["analysed"] == 3 and info["not_german"] == 1 and info["failed"] == 0
    assert info["posts"] == 5 and info["waiting"] == 2


@pytest.mark.parametrize("command", [["export"], ["report", "--out", "{tmp}/r.html"], ["topics", "--k", "3"]])
def test_partial_coverage_is_a_warning(tmp_path, command):
    db = make_db(tmp_path / "db.sqlite", topic_posts(12) + simple_posts(3), analysed=12)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, _, err = invoke(*args, "--db", db)
    assert code == 0, err
    assert "warning:" in err and "covers 12 of 15 stored posts (3 not analysed yet" in err


def test_export_marks_unanalysed_posts(tmp_path):
    db = make_db(tmp_path / "db.sqlite", simple_posts(2), analysed=1)
    _, out, _ = invoke("export", "--db", db)
    assert [json.loads(line)["analysed"] for line in out.splitlines()] == [True, False]


# -- 9. bad usage is an error ----------------------------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (["claims", "--count", "autor"], ["--count", "autor"]),
    (["critiques", "--count", "ziel"], ["--count", "ziel"]),
    (["actors", "--sector", "wirtschaft"], ["--sector", "wirtschaft"]),
    (["actors", "--type", "human"], ["--type", "human"]),
])
def test_unknown_filter_values_are_usage_errors(tmp_path, args, words):
    db = make_db(tmp_path / "db.sqlite", HOSTILE)
    code, out, err = invoke(*args, "--db", db)
    assert_one_error(code, err, 2, "unknown", *words)
    assert out == ""


def test_an_ambiguous_show_prefix_names_the_matches(tmp_path):
    db = make_db(tmp_path / "db.sqlite", simple_posts(2))
    code, _, err = invoke("show", "Beitrag", "--db", db)
    assert_one_error(code, err, 2, "matches 2 posts", "p0 (Beitrag 0)", "p1 (Beitrag 1)")


def test_an_unknown_run_has_the_same_exit_code_everywhere(tmp_path):
    db = make_db(tmp_path / "db.sqlite", topic_posts())
    code, _, err = invoke("topics", "--k", "3", "--db", db, "--json")
    assert code == 0, err
    for args in (["topics", "--over-time", "year", "--run", "99"], ["topics", "--by", "sector", "--run", "99"],
                 ["topics", "--apply", "99"], ["runs", "--compare", "1", "99"],
                 ["report", "--run", "99", "--out", str(tmp_path / "r.html")]):
        code, _, err = invoke(*args, "--db", db)
        assert_one_error(code, err, 2, "no topic run 99")


@pytest.mark.parametrize("model", ["./kein/modell", "/nirgends/de_model"])
def test_a_model_path_that_does_not_exist_gets_no_download_hint(model):
    code, _, err = invoke("info", "--model", model)
    line = assert_one_error(code, err, 3, "no spaCy model folder", model)
    assert "spacy download" not in err and "spacy download" not in line


def test_help_shows_flags_as_flags():
    for command in ("claims", "ingest", "export", "topics"):
        result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert "--help" in result.stdout and "<bool>" not in result.stdout
