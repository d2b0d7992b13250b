"""The store's typed tables: one row per claim, critique, citation, quote, reference, actor mention
and topic share, so that SQL, Datasette, DuckDB, R's DBI and pandas see the analyses directly.

Part of the store (the only SQL of textmine lives in ``store.py`` and here). The analysis record
(``analyses.record``, the JSON contract) stays the source of truth; the typed tables are derived
from it **inside SQLite** by triggers on ``analyses``, ``topic_runs`` and ``topic_assignments``, so
they are in step with the records whatever code writes them, in the same transaction.
``ensure_tables`` creates them and fills them from the stored records (no re-analysis) when a
database is opened for writing; a database opened read-only that predates them gets the same
tables as TEMP tables for that connection. The schema is documented in ``docs/schema.md``.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

#: Bump when a table, view or trigger changes: the next writable open rebuilds them from the records.
TABLES_VERSION = 1
_META_KEY = "typed_tables_version"


@dataclass(frozen=True)
class SpanTable:
    """A typed table with one row per element of one span group of the record."""

    name: str
    group: str
    #: (column, SQL type, expression over ``j.value`` = one JSON element)
    columns: tuple[tuple[str, str, str], ...]
    indexes: tuple[str, ...] = ()


def _field(name: str) -> str:
    return f"json_extract(j.value, '$.{name}')"


def _joined(name: str) -> str:
    """A JSON list of names as one '; '-separated text (NULL when empty)."""
    return (f"(SELECT nullif(group_concat(x.value, '; '), '') FROM json_each(j.value, '$.{name}') x)")


def _year(name: str = "year") -> str:
    # Integers only: a year the parser could not read stays NULL, never text.
    return f"CASE WHEN typeof({_field(name)}) = 'integer' THEN {_field(name)} END"


_OFFSETS = (("start_char", "INTEGER NOT NULL", _field("start")), ("end_char", "INTEGER NOT NULL", _field("end")),
            ("text", "TEXT NOT NULL", _field("text")))

SPAN_TABLES: tuple[SpanTable, ...] = (
    SpanTable("claims", "claims", (
        *_OFFSETS,
        ("holder", "TEXT", _field("holder")),
        ("holder_is_author", "INTEGER NOT NULL",
         f"coalesce({_field('holder_is_author')}, {_field('holder')} = 'author', 0)"),
        ("score", "REAL", _field("score")),
    ), ("holder",)),
    SpanTable("critiques", "critiques", (
        *_OFFSETS,
        ("critic", "TEXT", _field("critic")),
        ("critic_is_author", "INTEGER NOT NULL",
         f"coalesce({_field('critic_is_author')}, {_field('critic')} = 'author', 0)"),
        ("target", "TEXT", _field("target")),
        ("score", "REAL", _field("score")),
    ), ("critic", "target")),
    SpanTable("citations", "citations", (
        *_OFFSETS,
        ("kind", "TEXT NOT NULL", _field("kind")),
        ("authors", "TEXT", _joined("authors")),
        ("first_author", "TEXT", _field("authors[0]")),
        ("year", "INTEGER", _year()),
        ("pages", "TEXT", _field("pages")),
        ("reference", "INTEGER", _field("reference")),
    ), ("first_author", "year")),
    SpanTable("quotes", "quotes", (*_OFFSETS, ("source", "TEXT", _field("source"))), ("source",)),
    SpanTable("reference_entries", "references", (
        *_OFFSETS,
        ("authors", "TEXT", _joined("authors")),
        ("first_author", "TEXT", _field("authors[0]")),
        ("year", "INTEGER", _year()),
        ("title", "TEXT", _field("title")),
        ("container", "TEXT", _field("container")),
        ("editors", "TEXT", _joined("editors")),
        ("publisher", "TEXT", _field("publisher")),
        ("place", "TEXT", _field("place")),
        ("pages", "TEXT", _field("pages")),
    ), ("first_author",)),
    SpanTable("actor_mentions", "actors", (
        *_OFFSETS,
        ("canonical", "TEXT NOT NULL", f"coalesce({_field('canonical')}, {_field('text')})"),
        ("type", "TEXT", _field("type")),
        ("sector", "TEXT", _field("sector")),
    ), ("canonical", "sector")),
)


def _span_table_ddl(table: SpanTable, temp: str) -> list[str]:
    columns = ",\n    ".join(f"{name} {sql_type}" for name, sql_type, _ in table.columns)
    # Temp tables cannot reference main tables: the foreign key is left out there (read-only use).
    post_ref = "" if temp else " REFERENCES posts (id) ON DELETE CASCADE"
    statements = [
        f"""CREATE {temp}TABLE {table.name} (
    post_id TEXT NOT NULL{post_ref},
    n INTEGER NOT NULL,
    {columns},
    PRIMARY KEY (post_id, n)
)"""]
    statements += [f"CREATE INDEX {table.name}_{column} ON {table.name} ({column})" for column in table.indexes]
    return statements


def _span_insert(table: SpanTable, post_id: str, record: str, source: str = "") -> str:
    """INSERT … SELECT of one table's rows from ``record`` (a JSON text expression)."""
    names = ", ".join(name for name, _, _ in table.columns)
    values = ", ".join(expression for _, _, expression in table.columns)
    return (f"INSERT INTO {table.name} (post_id, n, {names}) "
            f"SELECT {post_id}, j.key, {values} FROM {source}json_each({record}, '$.{table.group}') j")


_CITATION_AUTHORS = """CREATE {temp}TABLE citation_authors (
    post_id TEXT NOT NULL{post_ref},
    citation INTEGER NOT NULL,
    position INTEGER NOT NULL,
    author TEXT NOT NULL,
    year INTEGER,
    PRIMARY KEY (post_id, citation, position)
)"""


def _citation_authors_insert(post_id: str, record: str, source: str = "") -> str:
    return ("INSERT INTO citation_authors (post_id, citation, position, author, year) "
            f"SELECT {post_id}, j.key, a.key, a.value, {_year()} "
            f"FROM {source}json_each({record}, '$.citations') j, json_each(j.value, '$.authors') a")


_TOPIC_TABLES = """CREATE {temp}TABLE topics (
    run_id INTEGER NOT NULL{run_ref},
    topic INTEGER NOT NULL,
    label TEXT,
    share REAL,
    terms TEXT,
    PRIMARY KEY (run_id, topic)
);
CREATE {temp}TABLE topic_shares (
    run_id INTEGER NOT NULL{run_ref},
    post_id TEXT NOT NULL{post_ref},
    topic INTEGER NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (run_id, post_id, topic)
);
CREATE INDEX topic_shares_topic ON topic_shares (run_id, topic, weight);
CREATE INDEX topic_shares_post ON topic_shares (post_id)"""


def _topics_insert(run_id: str, topics: str, source: str = "") -> str:
    return ("INSERT INTO topics (run_id, topic, label, share, terms) "
            f"SELECT {run_id}, coalesce({_field('id')}, j.key), {_field('label')}, {_field('share')}, "
            f"{_joined('terms')} FROM {source}json_each({topics}) j")


def _shares_insert(run_id: str, post_id: str, weights: str, source: str = "") -> str:
    return ("INSERT INTO topic_shares (run_id, post_id, topic, weight) "
            f"SELECT {run_id}, {post_id}, w.key, w.value FROM {source}json_each({weights}) w")


# Views: always computed from the tables, so they need no upkeep.
_VIEWS = """CREATE {temp}VIEW post_summary AS
SELECT p.id, p.url, p.title, p.author, p.published,
       date(p.published) AS date,
       CAST(strftime('%Y', p.published) AS INTEGER) AS year,
       p.language, p.feed, p.categories,
       a.post_id IS NOT NULL AS analysed,
       (SELECT count(*) FROM claims c WHERE c.post_id = p.id) AS claims,
       (SELECT count(*) FROM critiques c WHERE c.post_id = p.id) AS critiques,
       (SELECT count(*) FROM citations c WHERE c.post_id = p.id) AS citations,
       (SELECT count(*) FROM actor_mentions c WHERE c.post_id = p.id) AS actor_mentions
FROM posts p LEFT JOIN analyses a ON a.post_id = p.id;
CREATE {temp}VIEW actors AS
SELECT m.canonical,
       (SELECT type FROM actor_mentions x WHERE x.canonical = m.canonical
        GROUP BY type ORDER BY count(*) DESC, type LIMIT 1) AS type,
       (SELECT sector FROM actor_mentions x WHERE x.canonical = m.canonical
        GROUP BY sector ORDER BY count(*) DESC, sector LIMIT 1) AS sector,
       count(*) AS mentions,
       count(DISTINCT m.post_id) AS posts,
       min(date(p.published)) AS first_date,
       max(date(p.published)) AS last_date
FROM actor_mentions m JOIN posts p ON p.id = m.post_id
GROUP BY m.canonical"""

#: Every typed table and view, for docs and tests.
TABLES: tuple[str, ...] = (*(t.name for t in SPAN_TABLES), "citation_authors", "topics", "topic_shares")
VIEWS: tuple[str, ...] = ("post_summary", "actors")


def _record_inserts(post_id: str, record: str, source: str = "") -> list[str]:
    return [*(_span_insert(t, post_id, record, source) for t in SPAN_TABLES),
            _citation_authors_insert(post_id, record, source)]


def _record_deletes(post_id: str) -> list[str]:
    return [f"DELETE FROM {name} WHERE post_id = {post_id}" for name in (*(t.name for t in SPAN_TABLES), "citation_authors")]


def _triggers() -> list[str]:
    body = ";\n  ".join
    shares_delete = "DELETE FROM topic_shares WHERE run_id = OLD.run_id AND post_id = OLD.post_id"
    return [
        f"CREATE TRIGGER typed_analyses_insert AFTER INSERT ON analyses BEGIN\n  "
        f"{body(_record_inserts('NEW.post_id', 'NEW.record'))};\nEND",
        # A re-analysis that gives the same record (e.g. a new pipeline version) rewrites nothing.
        f"CREATE TRIGGER typed_analyses_update AFTER UPDATE OF record, post_id ON analyses "
        f"WHEN OLD.record IS NOT NEW.record OR OLD.post_id IS NOT NEW.post_id BEGIN\n  "
        f"{body(_record_deletes('OLD.post_id') + _record_inserts('NEW.post_id', 'NEW.record'))};\nEND",
        f"CREATE TRIGGER typed_analyses_delete AFTER DELETE ON analyses BEGIN\n  "
        f"{body(_record_deletes('OLD.post_id'))};\nEND",
        f"CREATE TRIGGER typed_runs_insert AFTER INSERT ON topic_runs BEGIN\n  {_topics_insert('NEW.id', 'NEW.topics')};\nEND",
        f"CREATE TRIGGER typed_runs_update AFTER UPDATE OF topics ON topic_runs BEGIN\n  "
        f"DELETE FROM topics WHERE run_id = OLD.id;\n  {_topics_insert('NEW.id', 'NEW.topics')};\nEND",
        "CREATE TRIGGER typed_runs_delete AFTER DELETE ON topic_runs BEGIN\n  "
        "DELETE FROM topics WHERE run_id = OLD.id;\n  DELETE FROM topic_shares WHERE run_id = OLD.id;\nEND",
        f"CREATE TRIGGER typed_assignments_insert AFTER INSERT ON topic_assignments BEGIN\n  "
        f"{_shares_insert('NEW.run_id', 'NEW.post_id', 'NEW.weights')};\nEND",
        f"CREATE TRIGGER typed_assignments_update AFTER UPDATE ON topic_assignments BEGIN\n  "
        f"{shares_delete};\n  {_shares_insert('NEW.run_id', 'NEW.post_id', 'NEW.weights')};\nEND",
        f"CREATE TRIGGER typed_assignments_delete AFTER DELETE ON topic_assignments BEGIN\n  {shares_delete};\nEND",
    ]


def _ddl(temp: bool) -> list[str]:
    prefix = "TEMP " if temp else ""
    post_ref = "" if temp else " REFERENCES posts (id) ON DELETE CASCADE"
    run_ref = "" if temp else " REFERENCES topic_runs (id) ON DELETE CASCADE"
    statements: list[str] = []
    for table in SPAN_TABLES:
        statements += _span_table_ddl(table, prefix)
    statements.append(_CITATION_AUTHORS.format(temp=prefix, post_ref=post_ref))
    statements += _TOPIC_TABLES.format(temp=prefix, post_ref=post_ref, run_ref=run_ref).split(";\n")
    statements += _VIEWS.format(temp=prefix).split(";\n")
    if temp:
        # Indexes of temp tables live in the temp schema and need its prefix.
        statements = [s.replace("CREATE INDEX ", "CREATE INDEX temp.") for s in statements]
    return statements


def _populate() -> list[str]:
    """Fill every typed table from what is stored: the migration, without re-analysis."""
    return [
        *_record_inserts("a.post_id", "a.record", "analyses a, "),
        _topics_insert("r.id", "r.topics", "topic_runs r, "),
        _shares_insert("t.run_id", "t.post_id", "t.weights", "topic_assignments t, "),
    ]


def _drop(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        f"SELECT type, name FROM sqlite_master WHERE (type = 'trigger' AND name LIKE 'typed\\_%' ESCAPE '\\') "
        f"OR (type IN ('table', 'view') AND name IN ({','.join('?' * (len(TABLES) + len(VIEWS)))}))",
        (*TABLES, *VIEWS),
    ).fetchall()
    for kind, name in sorted(rows, key=lambda row: row[0] != "trigger"):
        conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")


def tables_version(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
    return int(row[0]) if row else None


def ensure_tables(conn: sqlite3.Connection) -> bool:
    """Create (or rebuild) the typed tables, views and triggers and fill them from the stored
    records and topic runs; a no-op when they are current. Call inside the schema transaction.
    Returns whether anything was built."""
    if tables_version(conn) == TABLES_VERSION:
        return False
    _drop(conn)
    for statement in (*_ddl(temp=False), *_triggers(), *_populate()):
        conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 (_META_KEY, str(TABLES_VERSION)))
    return True


def ensure_readable(conn: sqlite3.Connection) -> bool:
    """On a read-only connection to a database that predates the typed tables (or holds an older
    version of them), build them as TEMP tables for this connection. Returns whether it did."""
    if tables_version(conn) == TABLES_VERSION:
        return False
    for statement in (*_ddl(temp=True), *_populate()):
        conn.execute(statement)
    return True


# -- reading -------------------------------------------------------------------------------------
_POST_ORDER = "p.published IS NULL, p.published, p.id"

#: What ``read`` selects per kind (the DataFrames of ``textmine.store.frames`` and the table exports).
QUERIES: dict[str, str] = {
    "posts": ("SELECT p.id, p.url, p.title, p.author, p.published, p.date, p.year, p.language, p.feed, "
              "p.categories, p.analysed, p.claims, p.critiques, p.citations, p.actor_mentions "
              f"FROM post_summary p ORDER BY {_POST_ORDER}"),
    **{table.name: (f"SELECT t.*, p.author AS post_author, p.published AS published FROM {table.name} t "
                    f"JOIN posts p ON p.id = t.post_id ORDER BY {_POST_ORDER}, t.n")
       for table in SPAN_TABLES},
    "citation_authors": ("SELECT t.*, p.author AS post_author, p.published AS published FROM citation_authors t "
                         f"JOIN posts p ON p.id = t.post_id ORDER BY {_POST_ORDER}, t.citation, t.position"),
    "actors": "SELECT * FROM actors ORDER BY mentions DESC, canonical",
    "topics": ("SELECT s.run_id, s.post_id, s.topic, t.label, s.weight, a.topic = s.topic AS dominant, "
               "p.author AS post_author, p.published AS published "
               "FROM topic_shares s JOIN topic_assignments a ON a.run_id = s.run_id AND a.post_id = s.post_id "
               "LEFT JOIN topics t ON t.run_id = s.run_id AND t.topic = s.topic JOIN posts p ON p.id = s.post_id "
               f"WHERE s.run_id = ? ORDER BY {_POST_ORDER}, s.topic"),
    "topic_terms": "SELECT run_id, topic, label, share, terms FROM topics WHERE run_id = ? ORDER BY topic",
}


def read(conn: sqlite3.Connection, kind: str, params: tuple = ()) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one kind of ``QUERIES``."""
    cursor = conn.execute(QUERIES[kind], params)
    return [d[0] for d in cursor.description], cursor.fetchall()
