"""The ``textmine`` command: thin Typer wrappers over the library, rendered with Rich.

Exit codes: 0 success; 1 some input could not be read (what could be read is stored);
2 wrong usage; 3 the database or the model cannot be used; 4 nothing to work on yet; 130 interrupted
(what was stored is kept; the same command resumes).
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from textmine import __version__, settings
from textmine.resources import ResourceError
from textmine.sanitize import json_text, plain, printable

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

app = typer.Typer(
    name="textmine",
    help="Mine German blog archives: ingest feeds, find claims, critiques, citations and actors, fit topics.\n\n"
         "Exit codes: 0 success · 1 some input could not be read (the rest is stored) · 2 wrong usage · "
         "3 database or model unusable · 4 nothing to work on yet.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
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
    analysed = corpus.store.count_analysed()
    if analysed < total:
        warn(f"{what} covers {analysed:,} of {total:,} stored posts ({total - analysed:,} not analysed yet: "
             "run textmine ingest again to analyse them)")


@contextmanager
def open_corpus(db: str | None, model: str | None = None, *, readonly: bool = False) -> Iterator["Corpus"]:
    from textmine.corpus import Corpus
    from textmine.store import StoreError

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


def _load_pipeline(model: str | None):  # noqa: ANN202 - spaCy Language
    from textmine.nlp.pipeline import PipelineError, shared_pipeline

    try:
        return shared_pipeline(model)
    except PipelineError as error:
        fail(str(error), EXIT_STORE)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), console=err_console,
        transient=True, disable=not err_console.is_terminal,
    )


@app.callback(invoke_without_command=True)
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    """textmine: German blog text mining for researchers."""
    if version:
        console.print(f"textmine {__version__}")
        raise typer.Exit(0)


@app.command()
def ingest(
    feeds: list[str] = typer.Argument(..., help="Feed files, '-' for stdin, or http(s) URLs (RSS 2.0, Atom 1.0, WordPress WXR)."),
    db: Optional[str] = DbOption,
    model: Optional[str] = ModelOption,
    workers: int = typer.Option(1, "--workers", min=1, help="Processes for the analysis."),
    analyse: bool = typer.Option(True, "--analyse/--no-analyse", help="Analyse new and changed posts right away."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Run the analysis on a Dask cluster: 'local' or a scheduler address (tcp://host:8786)."),
    include: list[str] = typer.Option([], "--include", help="WordPress exports: also import 'pages' (published ones)."),
    comments: bool = typer.Option(False, "--comments", help="WordPress exports: also import approved comments, as items of kind 'comment'."),
    as_json: bool = JsonOption,
) -> None:
    """Read feeds into the corpus database and analyse new or changed posts.

    Example: [bold]textmine ingest export.xml --include pages --comments[/]
    """
    from textmine.corpus import IngestSummary, post_types

    try:
        post_types(include)
    except ValueError as error:
        fail(str(error), EXIT_USAGE)

    with open_corpus(db, model) as corpus:
        summary = IngestSummary()
        stored_before = corpus.store.count_posts()
        analysed_now = 0
        with _progress() as progress:
            read_task = progress.add_task("reading feeds", total=None)
            analyse_task = None

            def report(stage: str, done: int, total: int | None) -> None:
                nonlocal analyse_task, analysed_now
                if stage == "read":
                    progress.update(read_task, completed=done)
                else:
                    analysed_now = done
                    if analyse_task is None:
                        analyse_task = progress.add_task("analysing posts", total=total)
                    progress.update(analyse_task, completed=done, total=total)

            from textmine.nlp.pipeline_meta import PipelineError
            from textmine.store import StoreError

            try:
                if analyse:
                    _say_what_resumes(corpus)
                for feed in feeds:
                    progress.update(read_task, description=f"reading {plain(Path(feed).name) if feed != '-' else 'stdin'}")
                    summary.feeds.append(corpus.ingest_feed(feed, progress=report, include=include, comments=comments))
                if analyse and dask:
                    from textmine.distributed import DaskAnalyser, DaskError
                    from textmine.extras import MissingExtraError, require

                    try:
                        require("dask", "--dask")
                    except MissingExtraError as error:
                        fail(str(error), EXIT_USAGE)

                    try:
                        with DaskAnalyser(dask, model=model) as analyser:
                            summary.analysed, summary.not_german = corpus.analyse_pending(progress=report, analyser=analyser)
                    except DaskError as error:
                        _print_feed_errors(summary)
                        fail(str(error), EXIT_STORE, "the posts are stored: run the same command again when the "
                                                     "scheduler is up, or drop --dask")
                elif analyse:
                    summary.analysed, summary.not_german = corpus.analyse_pending(workers=workers, progress=report)
            except (PipelineError, StoreError) as error:
                fail(str(error), EXIT_STORE)
            except KeyboardInterrupt:
                progress.stop()
                stored = corpus.store.count_posts() - stored_before + summary.total("updated")
                err_console.print(f"interrupted: {stored} post(s) stored, {analysed_now} analysed; "
                                  "run the same command again to resume", highlight=False, soft_wrap=True)
                raise typer.Exit(130) from None
        component_errors = corpus.component_errors
    if as_json:
        sys.stdout.write(json_text({**summary.to_dict(), "component_errors": [
            {"post": post_id, "errors": errors} for post_id, errors in component_errors]}, indent=2) + "\n")
    else:
        _print_ingest_summary(summary)
    for post_id, errors in component_errors:
        warn(f"{post_id}: {'; '.join(errors)} (post stored; other annotations kept)")
    _print_feed_errors(summary)
    if not summary.ok:
        raise typer.Exit(EXIT_INPUT)


def _say_what_resumes(corpus) -> None:  # noqa: ANN001 - Corpus
    """A run after an interrupted (or older-pipeline) one says what it picks up."""
    waiting = len(corpus.store.unanalysed(corpus.pipeline_name()))
    if waiting:
        err_console.print(f"resuming: {waiting} stored post(s) not analysed yet (by this pipeline) are analysed "
                          "after the feeds are read", highlight=False, soft_wrap=True)


def _print_feed_errors(summary) -> None:  # noqa: ANN001 - IngestSummary
    for feed in summary.feeds:
        if feed.error:
            message = feed.error if feed.error.startswith(feed.source) else f"{feed.source}: {feed.error}"
            err_console.print(f"[bold red]error:[/] {plain(message)}", highlight=False, soft_wrap=True)


def _print_ingest_summary(summary) -> None:  # noqa: ANN001 - IngestSummary
    table = Table(title="Ingest", title_justify="left")
    for column in ("feed", "format", "new", "updated", "unchanged", "skipped"):
        table.add_column(column, justify="right" if column not in ("feed", "format") else "left")
    for feed in summary.feeds:
        skipped = ", ".join(f"{n}× {why}" for why, n in feed.skipped.items()) or "0"
        table.add_row(Text(printable(feed.source)), feed.format, str(feed.new), str(feed.updated), str(feed.unchanged),
                      Text(printable(skipped)))
    console.print(table)
    console.print(f"analysed {summary.analysed} post(s)" + (f", {summary.not_german} not German (flagged, not analysed)" if summary.not_german else ""))
    if summary.total("not_german"):
        console.print(f"{summary.total('not_german')} new or changed post(s) are not German: stored and flagged, never analysed as German")
    for feed in summary.feeds:
        for warning in feed.warnings:
            console.print(f"[yellow]warning:[/] {plain(feed.source)}: {plain(warning)}", highlight=False)


@app.command()
def info(db: Optional[str] = DbOption, model: Optional[str] = ModelOption, as_json: bool = JsonOption) -> None:
    """Show the pipeline in use and what the database holds.

    Example: [bold]textmine info --json[/]
    """
    from textmine.nlp.pipeline_meta import PipelineError, component_versions

    try:
        data: dict = {**component_versions(model), "database": str(settings.database_path(db))}
    except (ResourceError, PipelineError) as error:
        fail(str(error), EXIT_STORE)
    path = settings.database_path(db)
    if path.exists():
        with open_corpus(db, model, readonly=True) as corpus:
            data["posts"] = corpus.store.count_posts()
            data.update(corpus.store.analysis_counts(data["pipeline"]))
            data["topic_runs"] = len(corpus.store.topic_runs())
    if as_json:
        sys.stdout.write(json_text(data, indent=2) + "\n")
        return
    table = Table(show_header=False, title="textmine", title_justify="left")
    for key, value in data.items():
        table.add_row(key, Text(printable(", ".join(value) if isinstance(value, list) else str(value))))
    console.print(table)


@app.command()
def analyze(
    file: str = typer.Argument("-", help="A text file, or '-' for stdin."),
    model: Optional[str] = ModelOption,
    as_json: bool = typer.Option(False, "--json", help="Print the JSON contract (default: a readable view)."),
) -> None:
    """Analyse one German text and print claims, critiques, citations, quotes and actors.

    Example: [bold]echo "Lember kritisiert, dass … (Lember 2018, 4)." | textmine analyze - --json[/]
    """
    if file == "-":
        text = sys.stdin.read()
    else:
        path = Path(file)
        if not path.is_file():
            fail(f"{file}: no such file", EXIT_INPUT)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            fail(f"{file}: not UTF-8 text", EXIT_INPUT, "convert it, e.g. iconv -f latin1 -t utf-8")
    from textmine.analysis import analyze_texts
    from textmine.ingest.clean import normalize_text

    text = "\n\n".join(p for p in (normalize_text(part) for part in text.replace("\r\n", "\n").split("\n\n")) if p)
    record = next(analyze_texts(_load_pipeline(model), [(None, None, text)])).record
    if as_json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        from textmine.render import print_record

        print_record(console, record)


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
    from textmine import export as exporter

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


def _export_tables(format: str, out: Path | None, tables: Path, db: str | None) -> None:
    from textmine.export_tables import TABLE_FORMATS, write_tables

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


# Further commands live in their own modules, registered on import.
from textmine import cli_topics as _cli_topics  # noqa: E402,F401
from textmine import cli_lists as _cli_lists  # noqa: E402,F401
from textmine import cli_eval as _cli_eval  # noqa: E402,F401
from textmine import cli_report as _cli_report  # noqa: E402,F401
from textmine import cli_discourse as _cli_discourse  # noqa: E402,F401
