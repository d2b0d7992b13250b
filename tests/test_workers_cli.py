"""``textmine ingest --workers 2`` through the command line, under fork and spawn, stores exactly
the records of one worker; the pipeline pickles (what spawn-started workers receive)."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, SAMPLE_FEED, shared_path
from textmine.corpus import Corpus

#: Runs the CLI with the start method given first, as on macOS/Windows (spawn) or Linux (fork).
_CLI = (
    "import multiprocessing, sys\n"
    "multiprocessing.set_start_method(sys.argv[1])\n"
    "from textmine.cli import app\n"
    "app(sys.argv[2:], prog_name='textmine')\n"
)


def _ingest(feed: Path, db: Path, workers: int, start_method: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", _CLI, start_method, "ingest", str(feed), "--db", str(db), "--workers", str(workers), "--json"],
        capture_output=True, text=True, env=env, timeout=600,
    )


def _stored(db: Path) -> dict:
    with Corpus(db, readonly=True) as corpus:
        records = {post.id: record for post, record in corpus.records()}
        terms = {post_id: terms for post_id, _published, terms in corpus.store.terms()}
    return {"records": records, "terms": terms}


def _same_records_as_one_worker(feed: Path, tmp_path: Path, start_method: str) -> int:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    single = _ingest(feed, one, 1, "fork")
    assert single.returncode == 0, single.stderr
    parallel = _ingest(feed, two, 2, start_method)
    assert parallel.returncode == 0, parallel.stderr
    assert "Traceback" not in parallel.stderr
    expected, got = _stored(one), _stored(two)
    assert all(record is not None for record in got["records"].values())
    assert got == expected
    return len(got["records"])


def test_cli_two_spawned_workers_store_the_records_of_one_on_the_sample_feed(tmp_path):
    assert _same_records_as_one_worker(SAMPLE_FEED, tmp_path, "spawn") >= 20


def test_cli_two_forked_workers_store_the_records_of_one_on_a_real_feed(tmp_path):
    feed = shared_path("corpus", "real-blogs", "real-blogs.xml")
    assert _same_records_as_one_worker(feed, tmp_path, "fork") >= 100


@pytest.mark.slow
def test_cli_two_spawned_workers_store_the_records_of_one_on_a_real_feed(tmp_path):
    feed = shared_path("corpus", "real-blogs", "real-blogs.xml")
    assert _same_records_as_one_worker(feed, tmp_path, "spawn") >= 100


def test_pipeline_survives_pickling_with_the_same_analysis():
    from textmine.analysis.texts import analyze_texts
    from textmine.nlp.pipeline import load_pipeline
    from textmine.nlp.german.tokenizer import GuardedTokenizer

    nlp = load_pipeline()
    copy = pickle.loads(pickle.dumps(nlp))
    assert isinstance(copy.tokenizer, GuardedTokenizer)
    text = "Laut Lember (2018, 4) muss sich etwas ändern. " + "x" * 500 + " Nutzer/innen kritisieren, dass die Technik fehlt."
    items = [("p1", None, text)]
    assert list(analyze_texts(copy, items)) == list(analyze_texts(nlp, items))


_SPACY_PIPE = (
    "import multiprocessing\n"
    "from textmine.nlp.pipeline import load_pipeline\n"
    "if __name__ == '__main__':\n"
    "    multiprocessing.set_start_method('spawn')\n"
    "    nlp = load_pipeline()\n"
    "    texts = ['Die Stiftung fördert Vereine. Sie kritisiert, dass Mittel fehlen.'] * 4 + ['Nutzer/innen z.B. hier.'] * 4\n"
    "    one = [[t.text for t in d] for d in nlp.pipe(texts)]\n"
    "    two = [[t.text for t in d] for d in nlp.pipe(texts, n_process=2, batch_size=2)]\n"
    "    assert one == two, (one, two)\n"
    "    print('same', len(two))\n"
)


def test_spacy_pipe_with_two_spawned_processes(tmp_path):
    script = tmp_path / "pipe_spawn.py"  # spawn re-imports __main__: it must be a file
    script.write_text(_SPACY_PIPE, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "same 8"
