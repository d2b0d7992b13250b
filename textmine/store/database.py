"""The corpus database: SQLite, schema-versioned; the only module that speaks SQL.

Posts are keyed by their stable id and carry the hash of their clean content, so ingest is
idempotent: an unchanged post is neither rewritten nor re-analysed. Each batch of writes is one
transaction; WAL mode and a busy timeout let two processes ingest into one database at once.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textmine.store import tables as store_tables

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000
#: SQLite's ``application_id`` of a textmine database ("TMIN"): another program's file is told apart
#: from ours before anything is written to it.
APPLICATION_ID = 0x544D494E

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id TEXT PRIMARY KEY,
    url TEXT,
    title TEXT NOT NULL,
    author TEXT,
    published TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    paragraphs TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source_hash TEXT NOT NULL DEFAULT '',
    feed TEXT,
    language TEXT,
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS posts_published ON posts (published);
CREATE TABLE IF NOT EXISTS analyses (
    post_id TEXT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    analysed_at TEXT NOT NULL,
    record TEXT NOT NULL,
    terms TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS topic_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    method TEXT NOT NULL,
    k INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    params TEXT NOT NULL,
    coherence TEXT NOT NULL,
    topics TEXT NOT NULL,
    model_dir TEXT
);
CREATE TABLE IF NOT EXISTS topic_assignments (
    run_id INTEGER NOT NULL REFERENCES topic_runs (id) ON DELETE CASCADE,
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    topic INTEGER NOT NULL,
    weights TEXT NOT NULL,
    PRIMARY KEY (run_id, post_id)
);
"""


class StoreError(Exception):
    """The database cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class StoredPost:
    id: str
    url: str | None
    title: str
    author: str | None
    published: str | None
    categories: list[str]
    paragraphs: list[str]
    content_hash: str
    language: str | None
    kind: str = "post"  # "post" or "comment"
    parent: str | None = None  # for a comment: the id of its post


#: Columns added after schema version 1, added to older databases when opened for writing.
_ADDED_COLUMNS = (("kind", "TEXT NOT NULL DEFAULT 'post'"), ("parent", "TEXT"))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """A corpus database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            if not self.path.parent.exists():
                raise StoreError(f"cannot create database {path}: folder {self.path.parent} does not exist")
            if self.path.is_dir():
                raise StoreError(f"{path} is a folder, not a database file: choose a file name with --db")
            if not readonly and not self.path.exists() and not os.access(self.path.parent, os.W_OK):
                raise StoreError(f"cannot create database {path}: folder {self.path.parent} is not writable")
            if readonly and not self.path.exists():
                raise StoreError(f"no database at {path}: run `textmine ingest FEED` first")
        try:
            if not readonly and str(path) != ":memory:":
                _check_identity(self.path)  # before the first write: a foreign file stays byte-identical
            uri = _readonly_uri(self.path) if readonly else str(self.path)
            self.conn = sqlite3.connect(uri, uri=readonly, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._init_schema()
            else:
                self._check_version()
                store_tables.ensure_readable(self.conn)
        except sqlite3.DatabaseError as error:
            raise StoreError(_explain(error, path)) from error

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _init_schema(self) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        with self.transaction():
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            for statement in filter(str.strip, _SCHEMA.split(";")):
                self.conn.execute(statement)
            self._add_columns()
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(
                    f"database {self.path} has schema version {row[0]}, newer than this textmine "
                    f"understands ({SCHEMA_VERSION}): upgrade textmine"
                )
            else:
                # A real (no-op) write now: a read-only file or file system fails here, with a clear
                # message, instead of halfway through an ingest.
                self.conn.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
            # Typed tables (claims, citations, actors, topic shares …), filled from the stored records.
            store_tables.ensure_tables(self.conn)

    def _add_columns(self) -> None:
        """Migrate a database written before posts had a kind (post/comment) and a parent."""
        have = {row[1] for row in self.conn.execute("PRAGMA table_info(posts)")}
        for name, declaration in _ADDED_COLUMNS:
            if name not in have:
                self.conn.execute(f"ALTER TABLE posts ADD COLUMN {name} {declaration}")
        self.conn.execute("CREATE INDEX IF NOT EXISTS posts_parent ON posts (parent)")

    def _post_columns(self) -> str:
        """kind and parent, or stand-ins for an old database opened read-only (not migrated)."""
        have = {row[1] for row in self.conn.execute("PRAGMA table_info(posts)")}
        return "kind, parent" if "kind" in have else "'post', NULL"

    def _check_version(self) -> None:
        _check_textmine(self.conn, self.path)
        if "meta" not in self._tables():
            raise StoreError(f"{self.path} is not a textmine database")
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            raise StoreError(f"{self.path} is not a textmine database")
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"database {self.path} has schema version {row[0]}, newer than this textmine understands")

    def transaction(self) -> "_Transaction":
        """``with store.transaction():`` — one atomic write, retried while another writer holds the lock."""
        return _Transaction(self.conn, self.path)

    # -- posts -----------------------------------------------------------------------------------
    def post_hash(self, post_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM posts WHERE id = ?", (post_id,)).fetchone()
        return row[0] if row else None

    def source_hash(self, post_id: str) -> str | None:
        """The raw-item hash stored with a post (``None`` when the post is not stored)."""
        row = self.conn.execute("SELECT source_hash FROM posts WHERE id = ?", (post_id,)).fetchone()
        return row[0] if row else None

    def upsert_post(self, post: dict[str, Any], *, feed: str | None, language: str | None) -> None:
        """Insert or update one post (call inside a transaction)."""
        now = _now()
        self.conn.execute(
            """INSERT INTO posts (id, url, title, author, published, categories, paragraphs, content_hash,
                                  source_hash, feed, language, ingested_at, updated_at, kind, parent)
               VALUES (:id, :url, :title, :author, :published, :categories, :paragraphs, :content_hash,
                       :source_hash, :feed, :language, :now, :now, :kind, :parent)
               ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title,
                   author = excluded.author, published = excluded.published,
                   categories = excluded.categories, paragraphs = excluded.paragraphs,
                   content_hash = excluded.content_hash, source_hash = excluded.source_hash,
                   language = excluded.language, kind = excluded.kind, parent = excluded.parent,
                   updated_at = excluded.updated_at""",
            {
                "source_hash": "",
                "kind": "post",
                "parent": None,
                **post,
                "categories": json.dumps(post["categories"], ensure_ascii=False),
                "paragraphs": json.dumps(post["paragraphs"], ensure_ascii=False),
                "feed": feed,
                "language": language,
                "now": now,
            },
        )

    def save_analysis(self, post_id: str, content_hash: str, pipeline: str, record: dict, terms: list[str]) -> None:
        """Store the analysis of one post (call inside a transaction)."""
        self.conn.execute(
            """INSERT INTO analyses (post_id, content_hash, pipeline, analysed_at, record, terms)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (post_id) DO UPDATE SET content_hash = excluded.content_hash,
                   pipeline = excluded.pipeline, analysed_at = excluded.analysed_at,
                   record = excluded.record, terms = excluded.terms""",
            (post_id, content_hash, pipeline, _now(), json.dumps(record, ensure_ascii=False),
             json.dumps(terms, ensure_ascii=False)),
        )

    def count_posts(self) -> int:
        return self.conn.execute("SELECT count(*) FROM posts").fetchone()[0]

    def count_analyzed(self) -> int:
        """Posts whose current content has an analysis (by any pipeline)."""
        return self.conn.execute(
            "SELECT count(*) FROM posts p JOIN analyses a ON a.post_id = p.id AND a.content_hash = p.content_hash"
        ).fetchone()[0]

    def analysis_counts(self, pipeline: str) -> dict[str, int]:
        """Posts analysed by ``pipeline`` (of which not German, and with a failed component) and waiting."""
        analysed, not_german, failed = self.conn.execute(
            """SELECT count(*),
                      coalesce(sum(coalesce(json_extract(a.record, '$.language'), 'de') != 'de'), 0),
                      coalesce(sum(json_extract(a.record, '$.errors') IS NOT NULL), 0)
               FROM posts p JOIN analyses a ON a.post_id = p.id
               WHERE a.content_hash = p.content_hash AND a.pipeline = ?""", (pipeline,)
        ).fetchone()
        return {"analysed": analysed, "waiting": self.count_posts() - analysed, "not_german": not_german,
                "failed": failed}

    def feed_sources(self) -> list[str]:
        """The feeds (paths or URLs) the stored posts were read from."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT feed FROM posts WHERE feed IS NOT NULL AND feed != 'stdin'")]

    def posts(self, ids: Sequence[str] | None = None, *, kind: str | None = None) -> Iterator[StoredPost]:
        """Posts in publication order (undated last), optionally only the given ids or one kind
        ("post" or "comment")."""
        columns = self._post_columns()
        query = ("SELECT id, url, title, author, published, categories, paragraphs, content_hash, language, "
                 f"{columns} FROM posts WHERE 1")
        params: tuple = ()
        if ids is not None:
            query += f" AND id IN ({','.join('?' * len(ids))})"
            params = tuple(ids)
        if kind is not None:
            query += f" AND {columns.split(',')[0]} = ?"
            params += (kind,)
        query += " ORDER BY published IS NULL, published, id"
        for row in self.conn.execute(query, params):
            yield StoredPost(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), json.loads(row[6]), row[7],
                             row[8], row[9], row[10])

    def find_post(self, key: str) -> StoredPost | None:
        """A post by id, url, or a unique prefix of its id or title."""
        row = self.conn.execute(
            "SELECT id FROM posts WHERE id = ? OR url = ? LIMIT 1", (key, key)
        ).fetchone()
        if row is None:
            rows = self.conn.execute(
                "SELECT id FROM posts WHERE id LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' LIMIT 2",
                (_like_prefix(key), _like_prefix(key)),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return next(self.posts([row[0]]), None) if row else None

    def post_matches(self, key: str, *, limit: int = 5) -> list[tuple[str, str]]:
        """(id, title) of up to ``limit`` posts whose id or title starts with ``key``."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT id, title FROM posts WHERE id LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
            (_like_prefix(key), _like_prefix(key), limit))]

    def unanalyzed(self, pipeline: str) -> list[str]:
        """Ids of posts without an analysis of their current content by ``pipeline``."""
        rows = self.conn.execute(
            """SELECT p.id FROM posts p LEFT JOIN analyses a ON a.post_id = p.id
               WHERE a.post_id IS NULL OR a.content_hash != p.content_hash OR a.pipeline != ?
               ORDER BY p.published IS NULL, p.published, p.id""",
            (pipeline,),
        ).fetchall()
        return [r[0] for r in rows]

    def records(self, ids: Sequence[str] | None = None, *, kind: str | None = None) -> Iterator[tuple[StoredPost, dict | None]]:
        """Each post with its analysis record (``None`` when it is not analysed)."""
        for post in self.posts(ids, kind=kind):
            row = self.conn.execute("SELECT record FROM analyses WHERE post_id = ?", (post.id,)).fetchone()
            yield post, (json.loads(row[0]) if row else None)

    def terms(self) -> Iterator[tuple[str, str | None, list[str]]]:
        """(post id, published, topic-model terms) for every analysed post, streamed.

        Terms are interned: a term repeated across posts is one string in memory (10k posts of
        10kGNAD terms: 13 instead of 77 MiB held by a caller that keeps the lists).
        """
        intern = sys.intern
        for row in self.conn.execute(
            """SELECT p.id, p.published, a.terms FROM posts p JOIN analyses a ON a.post_id = p.id
               ORDER BY p.published IS NULL, p.published, p.id"""
        ):
            yield row[0], row[1], [intern(term) for term in json.loads(row[2])]

    # -- topic runs ------------------------------------------------------------------------------
    def add_topic_run(
        self, *, method: str, k: int, seed: int, params: dict, coherence: dict, topics: list[dict],
        model_dir: str | None, assignments: Iterable[tuple[str, int, list[float]]],
    ) -> int:
        with self.transaction():
            cursor = self.conn.execute(
                """INSERT INTO topic_runs (created_at, method, k, seed, params, coherence, topics, model_dir)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (_now(), method, k, seed, json.dumps(params), json.dumps(coherence),
                 json.dumps(topics, ensure_ascii=False), model_dir),
            )
            run_id = int(cursor.lastrowid)
            self.conn.executemany(
                "INSERT INTO topic_assignments (run_id, post_id, topic, weights) VALUES (?, ?, ?, ?)",
                ((run_id, pid, topic, json.dumps(weights)) for pid, topic, weights in assignments),
            )
        return run_id

    def set_run_model_dir(self, run_id: int, model_dir: str) -> None:
        with self.transaction():
            self.conn.execute("UPDATE topic_runs SET model_dir = ? WHERE id = ?", (model_dir, run_id))

    def topic_runs(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT id, created_at, method, k, seed, params, coherence, topics, model_dir FROM topic_runs ORDER BY id"
        ).fetchall()
        return [_run_row(r) for r in rows]

    def topic_run(self, run_id: int | None = None) -> dict | None:
        """A run by id, or the latest one."""
        query = "SELECT id, created_at, method, k, seed, params, coherence, topics, model_dir FROM topic_runs "
        row = (self.conn.execute(query + "WHERE id = ?", (run_id,)) if run_id is not None
               else self.conn.execute(query + "ORDER BY id DESC LIMIT 1")).fetchone()
        return _run_row(row) if row else None

    def topic_assignments(self, run_id: int) -> dict[str, tuple[int, list[float]]]:
        rows = self.conn.execute(
            "SELECT post_id, topic, weights FROM topic_assignments WHERE run_id = ?", (run_id,)
        ).fetchall()
        return {r[0]: (r[1], json.loads(r[2])) for r in rows}

    def add_topic_assignments(self, run_id: int, assignments: Iterable[tuple[str, int, list[float]]]) -> None:
        with self.transaction():
            self.conn.executemany(
                """INSERT INTO topic_assignments (run_id, post_id, topic, weights) VALUES (?, ?, ?, ?)
                   ON CONFLICT (run_id, post_id) DO UPDATE SET topic = excluded.topic, weights = excluded.weights""",
                ((run_id, pid, topic, json.dumps(weights)) for pid, topic, weights in assignments),
            )


def _run_row(row: tuple) -> dict:
    return {
        "id": row[0], "created_at": row[1], "method": row[2], "k": row[3], "seed": row[4],
        "params": json.loads(row[5]), "coherence": json.loads(row[6]), "topics": json.loads(row[7]),
        "model_dir": row[8],
    }


def _readonly_uri(path: Path) -> str:
    """A read-only ``file:`` URI; ``#``, ``?`` and ``%`` in the path are quoted, not read as URI parts."""
    return path.absolute().as_uri() + "?mode=ro"


def _check_textmine(conn: sqlite3.Connection, path: Path) -> None:
    """Raise unless ``conn`` is a textmine database, an older one without the application id, or empty."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        if user_version > SCHEMA_VERSION:
            raise StoreError(f"database {path} has schema version {user_version}, newer than this textmine "
                             f"understands ({SCHEMA_VERSION}): upgrade textmine")
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id == 0 and not tables:
        return  # an empty SQLite file: nothing of anyone's to lose
    legacy = (application_id == 0 and {"meta", "posts", "analyses"} <= tables
              and conn.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None)
    if not legacy:
        owner = f"application_id {application_id:#x}" if application_id else "other tables"
        raise StoreError(f"{path} is not a textmine database (another program's SQLite file: {owner}); "
                         "it was left untouched: choose another with --db")


def _check_identity(path: Path) -> None:
    """Look at an existing file read-only, before any write, and refuse anything not textmine's."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path} is not a textmine database (or it is corrupt): file is not a database")
    conn = sqlite3.connect(_readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _check_textmine(conn, path)
    finally:
        conn.close()


def _like_prefix(key: str) -> str:
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _explain(error: sqlite3.DatabaseError, path: str | Path) -> str:
    message = str(error)
    if "file is not a database" in message or "malformed" in message:
        return f"{path} is not a textmine database (or it is corrupt): {message}"
    if "readonly" in message or "read-only" in message:
        return f"database {path} is read-only: choose another with --db or fix its permissions"
    if "locked" in message or "busy" in message:
        return f"database {path} is locked by another program for too long: try again when it is done"
    if "disk is full" in message or "database or disk is full" in message:
        return f"database {path}: the disk is full; nothing from the interrupted batch was stored"
    if "unable to open" in message:
        return f"cannot open database {path}: {message}"
    return f"database {path}: {message}"


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error; waits for other writers (busy timeout + retries)."""

    RETRIES = 5

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        for attempt in range(self.RETRIES):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return self.conn
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == self.RETRIES - 1:
                    raise StoreError(_explain(error, self.path)) from error
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: object) -> None:
        """Commit, or roll back; database errors (read-only, disk full, locked) become a one-line
        ``StoreError``."""
        try:
            if exc_type is None:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(_explain(error, self.path)) from (exc or error)
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(_explain(exc, self.path)) from exc
