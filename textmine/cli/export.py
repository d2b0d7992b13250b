"""``textmine export``: every post with its analysis as JSONL, CSV or Parquet."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_INPUT,
    EXIT_USAGE,
    DbOption,
    KindOption,
    _export_tables,
    check_kind,
    check_out,
    err_console,
    fail,
    open_corpus,
    warn_partial,
)
from textmine.sanitize import plain


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: stdout; parquet needs a file)."),
    tables: Optional[Path] = typer.Option(None, "--tables", help="Write one typed table per kind (posts, claims, critiques, citations, actors, topics …) into this folder, as parquet or csv."),
    kind: Optional[str] = KindOption,
    db: Optional[str] = DbOption,
) -> None:
    """Export every stored post with its analysis (the JSON contract, one object per post), or typed tables.

    Examples: [bold]textmine export --format jsonl --out posts.jsonl[/] ·
    [bold]textmine export --format parquet --tables tables/[/]
    """
    from textmine.export import records as exporter

    if format not in exporter.FORMATS:
        fail(f"unknown format {format!r}", EXIT_USAGE, f"choose one of {', '.join(exporter.FORMATS)}")
    if tables is not None:
        _export_tables(format, out, tables, db)
        return
    if format == "parquet" and out is None:
        fail("parquet needs a file", EXIT_USAGE, "add --out posts.parquet")
    if format == "parquet":
        from textmine.extras import MissingExtraError, require

        try:
            require("parquet", "parquet export")
        except MissingExtraError as error:
            fail(str(error), EXIT_USAGE)
    with open_corpus(db, readonly=True) as corpus:
        if out is not None:
            check_out(corpus, out)
        warn_partial(corpus, "the export")
        records = corpus.export_records(kind=check_kind(kind))
        if out is None:
            exporter.write(records, format, sys.stdout)
        else:
            try:
                n = exporter.write_file(records, format, out)
            except OSError as error:
                fail(f"cannot write {out}: {error.strerror or error}", EXIT_INPUT, f"nothing was written to {out}")
            err_console.print(f"wrote {n} post(s) to {plain(out)}", highlight=False)
