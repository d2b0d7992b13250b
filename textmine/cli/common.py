"""What every command shares: exit codes, consoles, options, one-line errors, opening the corpus."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from textmine import config as settings
from textmine.sanitize import plain

if TYPE_CHECKING:
    from textmine.corpus import Corpus

EXIT_INPUT, EXIT_USAGE, EXIT_STORE, EXIT_EMPTY = 1, 2, 3, 4

def _show_flags_as_flags() -> None:
    """Typer 0.2x shows a flag's type in --help (``--json <bool>``), as if it took a value: flags
    and counters get no type column."""
    option = getattr(getattr(typer, "core", None), "TyperOption", None)
    original = getattr(option, "display_type_rich", None)
    if original is None or getattr(original, "_textmine", False):
        return

    def display_type_rich(self, ctx):  # noqa: ANN001, ANN202 - typer's signature
        return None if self.is_flag or self.count else original(self, ctx)

    display_type_rich._textmine = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich

_show_flags_as_flags()

# No :emoji: codes: printed feed text stays as written.
console = Console(emoji=False)

err_console = Console(stderr=True, emoji=False)

DbOption = typer.Option(None, "--db", envvar="TEXTMINE_DB", help="Corpus database (default ./textmine.sqlite).")

ModelOption = typer.Option(None, "--model", envvar="TEXTMINE_MODEL", help="spaCy model to use instead of the default.")

JsonOption = typer.Option(False, "--json", help="Print JSON for scripts.")

KindOption = typer.Option(None, "--kind", help="Only 'post' or only 'comment' (comments come from --comments).")

def check_kind(kind: str | None) -> str | None:
    """``--kind``: None (both), "post" or "comment"; anything else is a usage error."""
    if kind not in (None, "post", "comment"):
        fail(f"unknown --kind {kind!r}", EXIT_USAGE, "use post or comment")
    return kind

CsvOption = typer.Option(False, "--csv", help="Print CSV for spreadsheets.")

def fail(message: str, code: int, hint: str | None = None) -> None:
    """One line on stderr (plus an optional hint), then exit with ``code``.

    The message may quote feed text or user input: it is printed literally, never as markup."""
    err_console.print(f"[bold red]error:[/] {plain(message)}", highlight=False, soft_wrap=True)
    if hint:
        err_console.print(f"[dim]hint: {plain(hint)}[/]", highlight=False, soft_wrap=True)
    raise typer.Exit(code)

def warn(message: str) -> None:
    """One ``warning:`` line on stderr; the message is printed literally."""
    err_console.print(f"[yellow]warning:[/] {plain(message)}", highlight=False, soft_wrap=True)

def warn_partial(corpus, what: str) -> None:  # noqa: ANN001 - Corpus
    """Say so when ``what`` covers only the analysed part of the stored posts."""
    total = corpus.store.count_posts()
    analysed = corpus.store.count_analyzed()
    if analysed < total:
        warn(f"{what} covers {analysed:,} of {total:,} stored posts ({total - analysed:,} not analysed yet: "
             "run textmine ingest again to analyze them)")

@contextmanager
def open_corpus(db: str | None, model: str | None = None, *, readonly: bool = False) -> Iterator["Corpus"]:
    from textmine.corpus import Corpus
    from textmine.store.database import StoreError

    path = settings.database_path(db)
    try:
        corpus = Corpus(path, model=model, readonly=readonly)
    except StoreError as error:
        fail(str(error), EXIT_STORE, "textmine ingest FEED creates the database" if readonly else None)
    with corpus:
        yield corpus

def check_out(corpus, out: Path) -> None:  # noqa: ANN001 - Corpus
    """Refuse an ``--out`` that is a folder, in a missing folder, the database or a feed it was read from."""
    from textmine.outfiles import OutputError, check_output

    try:
        check_output(out, database=corpus.store.path, inputs=corpus.store.feed_sources())
    except OutputError as error:
        fail(str(error), EXIT_USAGE)

def load_pipeline_or_fail(model: str | None):  # noqa: ANN202 - spaCy Language
    from textmine.nlp.pipeline import PipelineError, shared_pipeline

    try:
        return shared_pipeline(model)
    except PipelineError as error:
        fail(str(error), EXIT_STORE)

def progress_bar() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), console=err_console,
        transient=True, disable=not err_console.is_terminal,
    )

def _say_what_resumes(corpus) -> None:  # noqa: ANN001 - Corpus
    """A run after an interrupted (or older-pipeline) one says what it picks up."""
    waiting = len(corpus.store.unanalyzed(corpus.pipeline_name()))
    if waiting:
        err_console.print(f"resuming: {waiting} stored post(s) not analysed yet (by this pipeline) are analysed "
                          "after the feeds are read", highlight=False, soft_wrap=True)

def _export_tables(format: str, out: Path | None, tables: Path, db: str | None) -> None:
    from textmine.export.tables import TABLE_FORMATS, write_tables

    if format not in TABLE_FORMATS:
        fail(f"--tables writes {' or '.join(TABLE_FORMATS)}, not {format}", EXIT_USAGE, "add --format parquet or --format csv")
    if out is not None:
        fail("--out and --tables exclude each other", EXIT_USAGE, "--tables DIR writes one file per table into DIR")
    if tables.exists() and not tables.is_dir():
        fail(f"{tables} is a file, not a folder", EXIT_USAGE, "choose a folder name for --tables")
    with open_corpus(db, readonly=True) as corpus:
        try:
            written = write_tables(corpus, tables, format)
        except OSError as error:
            fail(f"cannot write tables to {tables}: {error.strerror or error}", EXIT_INPUT)
    err_console.print(f"wrote {len(written)} tables to {tables}: " + ", ".join(f"{name} ({n})" for name, n in written.items()),
                      highlight=False, soft_wrap=True)
