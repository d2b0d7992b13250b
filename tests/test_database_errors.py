"""Unusable databases give one clear line on stderr and exit code 3, never a traceback."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import DATA
from textmine.store import database as store_module
from textmine.cli import app
from textmine.corpus import Corpus
from textmine.store.database import SCHEMA_VERSION, Store, StoreError

FEED = str(DATA / "mini-rss.xml")


def ingest(db: Path | str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ingest", FEED, "--db", str(db), "--no-analyze"])
    return result.exit_code, result.stderr


def assert_one_line_error(code: int, stderr: str, *words: str) -> None:
    assert code == 3, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in lines[0]


def _make_db(path: Path) -> Path:
    Store(path).close()
    return path


def test_newer_schema_version(tmp_path):
    db = _make_db(tmp_path / "newer.sqlite")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.close()
    assert_one_line_error(*ingest(db), "newer", "upgrade textmine")


@pytest.mark.parametrize("damage", ["garbage", "header"])
def test_corrupt_file(tmp_path, damage):
    db = tmp_path / "corrupt.sqlite"
    if damage == "garbage":
        db.write_bytes(b"kein SQLite " * 500)
    else:  # a real database whose page-size/format bytes are overwritten
        data = _make_db(db).read_bytes()
        db.write_bytes(data[:16] + b"\xff" * 8 + data[24:])
    before = db.read_bytes()
    assert_one_line_error(*ingest(db), "not a textmine database")
    assert db.read_bytes() == before  # left alone


def test_another_programs_sqlite_file_is_not_touched(tmp_path):
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE posts (x)")
    conn.close()
    assert_one_line_error(*ingest(db), "not a textmine database")
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == {"posts"}
    conn.close()


def test_path_in_a_missing_folder(tmp_path):
    assert_one_line_error(*ingest(tmp_path / "fehlt" / "db.sqlite"), "does not exist")
    assert not (tmp_path / "fehlt").exists()


def test_path_that_is_a_folder(tmp_path):
    assert_one_line_error(*ingest(tmp_path), "is a folder")


def test_read_only_file_by_permissions(tmp_path):
    db = _make_db(tmp_path / "ro.sqlite")
    for path in tmp_path.iterdir():
        path.chmod(0o444)
    try:
        if os.access(db, os.W_OK):
            pytest.skip("running as root: file permissions do not stop root (test_read_only_file_system covers it)")
        assert_one_line_error(*ingest(db), "read-only")
    finally:
        for path in tmp_path.iterdir():
            path.chmod(0o644)


def test_read_only_file_system(tmp_path, monkeypatch):
    # What SQLite sees on read-only media, simulated with mode=ro so that it holds for root too.
    db = _make_db(tmp_path / "ro.sqlite")
    before = db.read_bytes()
    real_connect = sqlite3.connect

    def read_only_connect(database, *args, uri=False, **kwargs):  # noqa: ANN001, ANN202 - sqlite3 signature
        target = database if uri else f"file:{database}?mode=ro"
        return real_connect(target, *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    assert_one_line_error(*ingest(db), "read-only")
    monkeypatch.undo()
    assert db.read_bytes() == before


def test_read_only_folder_for_a_new_database(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: folder permissions do not stop root")
        assert_one_line_error(*ingest(folder / "db.sqlite"), "not writable")
    finally:
        folder.chmod(0o755)


def test_database_locked_too_long(tmp_path, monkeypatch):
    db = _make_db(tmp_path / "locked.sqlite")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_module._Transaction, "RETRIES", 2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert_one_line_error(*ingest(db), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_write_errors_during_ingest_are_store_errors_and_roll_back(tmp_path, monkeypatch):
    # The library raises StoreError (one line) for a database that fails after it was opened, and
    # the interrupted batch leaves nothing behind.
    db = tmp_path / "db.sqlite"
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_module._Transaction, "RETRIES", 2)
    with Corpus(db) as corpus:
        corpus.store.conn.execute("PRAGMA busy_timeout = 50")
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreError, match="locked"):
                corpus.ingest([FEED], analyze=False)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert corpus.store.count_posts() == 0
        assert corpus.ingest([FEED], analyze=False).total("new") == 2
