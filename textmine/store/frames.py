"""pandas DataFrames of a stored corpus, read from the store's typed tables (``store_tables``).

One function per kind; ``Corpus.posts()``, ``.claims()`` … call these. Every frame has fixed
columns and dtypes (``COLUMN_DTYPES``, documented in ``docs/schema.md``), also when it is empty,
so code written against the sample corpus runs on any corpus. Dates are timezone-aware UTC
timestamps (``published``) or plain dates (``date``, ``first_date``); years are nullable integers
(``Int64``); lists of names are Python lists (``authors``, ``editors``, ``categories``, ``terms``).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from textmine.store import tables as store_tables

if TYPE_CHECKING:
    import pandas as pd

    from textmine.store.database import Store

#: The kinds ``frame`` knows, with the typed table each reads.
KINDS: dict[str, str] = {
    "posts": "posts", "claims": "claims", "critiques": "critiques", "citations": "citations",
    "citation_authors": "citation_authors", "quotes": "quotes", "references": "reference_entries",
    "actor_mentions": "actor_mentions", "actors": "actors", "topics": "topics", "topic_terms": "topic_terms",
}

LIST = "list"
#: The dtype of every column any frame has (``LIST``: a Python list of strings in an object column).
COLUMN_DTYPES: dict[str, str] = {
    "id": "string", "post_id": "string", "url": "string", "title": "string", "author": "string",
    "post_author": "string", "published": "datetime64[ns, UTC]", "date": "datetime64[ns]", "year": "Int64",
    "language": "string", "feed": "string", "categories": LIST, "analysed": "bool",
    "claims": "int64", "critiques": "int64", "citations": "int64", "actor_mentions": "int64",
    "n": "int64", "start_char": "int64", "end_char": "int64", "text": "string",
    "holder": "string", "holder_is_author": "bool", "holder_name": "string", "score": "float64",
    "critic": "string", "critic_is_author": "bool", "critic_name": "string", "target": "string",
    "kind": "string", "authors": LIST, "first_author": "string", "pages": "string", "reference": "Int64",
    "citation": "int64", "position": "int64", "source": "string",
    "container": "string", "editors": LIST, "publisher": "string", "place": "string",
    "canonical": "string", "type": "string", "sector": "string", "mentions": "int64", "posts": "int64",
    "first_date": "datetime64[ns]", "last_date": "datetime64[ns]",
    "run_id": "int64", "topic": "int64", "label": "string", "weight": "float64", "dominant": "bool",
    "share": "float64", "terms": LIST,
}


def _typed(frame: "pd.DataFrame") -> "pd.DataFrame":
    import pandas as pd

    for column in frame.columns:
        dtype = COLUMN_DTYPES.get(column)
        values = frame[column]
        if dtype == LIST:
            if column == "categories":
                frame[column] = [json.loads(v) if isinstance(v, str) else [] for v in values]
            else:
                frame[column] = [v.split("; ") if isinstance(v, str) and v else [] for v in values]
            frame[column] = frame[column].astype(object)
        elif dtype == "datetime64[ns, UTC]":
            frame[column] = pd.to_datetime(values, utc=True, format="ISO8601").astype(dtype)
        elif dtype == "datetime64[ns]":
            frame[column] = pd.to_datetime(values, format="ISO8601").astype(dtype)
        elif dtype == "bool":
            frame[column] = values.fillna(0).astype(bool)
        elif dtype is not None:
            frame[column] = values.astype(dtype)
    return frame


def frame(store: "Store", kind: str, params: tuple = ()) -> "pd.DataFrame":
    """One kind (``KINDS``) as a typed DataFrame."""
    import pandas as pd

    columns, rows = store_tables.read(store.conn, KINDS[kind], params)
    result = _typed(pd.DataFrame.from_records(rows, columns=columns))
    if kind == "claims":
        result["holder_name"] = result["holder"].where(~result["holder_is_author"], result["post_author"])
    elif kind == "critiques":
        result["critic_name"] = result["critic"].where(~result["critic_is_author"], result["post_author"])
    return result


def posts(store: "Store", *, author: str | None = None, since: Any = None, until: Any = None) -> "pd.DataFrame":
    """Posts (one row each); ``author`` matches a part of the author's name, case-insensitive;
    ``since``/``until`` (a date, datetime or ISO string) bound ``published`` (undated posts drop out)."""
    import pandas as pd

    result = frame(store, "posts")
    if author is not None:
        result = result[result["author"].fillna("").str.casefold().str.contains(author.casefold(), regex=False)]
    for bound, keep in ((since, lambda p, t: p >= t), (until, lambda p, t: p <= t)):
        if bound is not None:
            try:
                moment = pd.Timestamp(bound)
            except ValueError as error:
                raise ValueError(f"not a date: {bound!r} (use YYYY-MM-DD)") from error
            moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment.tz_convert("UTC")
            result = result[keep(result["published"], moment).fillna(False).astype(bool)]
    return result.reset_index(drop=True)


def actors(store: "Store", level: str = "mention") -> "pd.DataFrame":
    """Actor mentions (``level="mention"``) or one row per canonical actor (``"canonical"``)."""
    if level not in ("mention", "canonical"):
        raise ValueError(f"unknown level {level!r}: use 'mention' or 'canonical'")
    return frame(store, "actor_mentions" if level == "mention" else "actors")


def topics(store: "Store", run_id: int | None) -> "pd.DataFrame":
    """Topic weights of the stored run ``run_id``, one row per post and topic, with the topic's
    label and whether it is the post's dominant topic. Empty for ``None`` (no run stored)."""
    return frame(store, "topics", (-1 if run_id is None else run_id,))


def topic_terms(store: "Store", run_id: int | None) -> "pd.DataFrame":
    """The topics of the stored run ``run_id``: label, share of posts and top terms."""
    return frame(store, "topic_terms", (-1 if run_id is None else run_id,))


def to_rows(frame: "pd.DataFrame") -> list[dict[str, Any]]:
    """Plain JSON-ready dicts (ISO dates, ``None`` for missing values, Python numbers)."""
    import pandas as pd

    rows = []
    for record in frame.to_dict(orient="records"):
        row = {}
        for key, value in record.items():
            if isinstance(value, list):
                row[key] = value
            elif value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
                row[key] = None
            elif isinstance(value, pd.Timestamp):
                row[key] = value.isoformat() if COLUMN_DTYPES.get(key) != "datetime64[ns]" else value.date().isoformat()
            elif hasattr(value, "item"):
                row[key] = value.item()
            else:
                row[key] = value
        rows.append(row)
    return rows
