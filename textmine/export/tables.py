"""``export --tables DIR``: one typed table per kind as Parquet (pandas, R/arrow, DuckDB) or CSV
(Stata, SPSS, spreadsheets), from the DataFrames of :mod:`textmine.store.frames`.

Parquet keeps the dtypes (UTC timestamps, dates, nullable integers, lists of strings); CSV writes
ISO dates, 0/1 for booleans and lists joined by "; ". Each file is written to a temporary name and
renamed, so a crash never leaves half a table under the final name.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textmine.store import frames as frames

if TYPE_CHECKING:
    import pandas as pd

    from textmine.corpus import Corpus

TABLE_FORMATS = ("parquet", "csv")
#: File name (without suffix) -> how to read it from a corpus.
TABLES: dict[str, Callable[["Corpus"], "pd.DataFrame"]] = {
    "posts": lambda c: c.posts(),
    "claims": lambda c: c.claims(),
    "critiques": lambda c: c.critiques(),
    "citations": lambda c: c.citations(),
    "citation_authors": lambda c: c.citations(by_author=True),
    "quotes": lambda c: c.quotes(),
    "references": lambda c: c.references(),
    "actors": lambda c: c.actors("mention"),
    "actors_canonical": lambda c: c.actors("canonical"),
    "topics": lambda c: c.topics(),
    "topic_terms": lambda c: c.topic_terms(),
}
LIST_SEPARATOR = "; "


def _arrow_schema(frame: "pd.DataFrame"):  # noqa: ANN202 - pyarrow.Schema
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), frames.LIST: pa.list_(pa.string()), "datetime64[ns, UTC]": pa.timestamp("us", tz="UTC"),
             "datetime64[ns]": pa.date32()}
    return pa.schema([(column, types[frames.COLUMN_DTYPES.get(column, "string")]) for column in frame.columns])


def _parquet(frame: "pd.DataFrame", path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(frame)
    columns = {}
    for field in schema:
        values = frame[field.name]
        if pa.types.is_date32(field.type):
            columns[field.name] = pa.array([v.date() if v == v and v is not None else None for v in values], field.type)
        elif pa.types.is_timestamp(field.type):
            columns[field.name] = pa.array(values.dt.tz_convert("UTC").astype("datetime64[us, UTC]"), field.type, from_pandas=True)
        else:
            columns[field.name] = pa.array(values.astype(object).where(values.notna(), None) if not pa.types.is_list(field.type)
                                           else list(values), field.type, from_pandas=True)
    pq.write_table(pa.table(columns, schema=schema), path)


def _csv(frame: "pd.DataFrame", path: Path) -> None:
    out = frame.copy()
    for column in out.columns:
        dtype = frames.COLUMN_DTYPES.get(column)
        if dtype == frames.LIST:
            out[column] = [LIST_SEPARATOR.join(v) for v in out[column]]
        elif dtype == "bool":
            out[column] = out[column].astype(int)
        elif dtype == "datetime64[ns, UTC]":
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif dtype == "datetime64[ns]":
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_tables(corpus: "Corpus", directory: Path, format: str = "parquet") -> dict[str, int]:
    """Write every table of ``TABLES`` into ``directory`` (created); returns rows per file name."""
    if format not in TABLE_FORMATS:
        raise ValueError(f"tables can be written as {' or '.join(TABLE_FORMATS)}, not {format!r}")
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, read in TABLES.items():
        frame = read(corpus)
        path = directory / f"{name}.{format}"
        partial = path.with_name(f".{path.name}.partial")
        (_parquet if format == "parquet" else _csv)(frame, partial)
        os.replace(partial, path)
        written[path.name] = len(frame)
    return written
