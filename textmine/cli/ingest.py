"""``textmine ingest``: read feeds into the corpus and analyze what is new."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table
from rich.text import Text

from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_INPUT,
    EXIT_STORE,
    EXIT_USAGE,
    DbOption,
    JsonOption,
    ModelOption,
    _say_what_resumes,
    console,
    err_console,
    fail,
    open_corpus,
    progress_bar,
    warn,
)
from textmine.sanitize import json_text, plain, printable


@app.command()
def ingest(
    feeds: list[str] = typer.Argument(..., help="Feed files, '-' for stdin, or http(s) URLs (RSS 2.0, Atom 1.0, WordPress WXR)."),
    db: Optional[str] = DbOption,
    model: Optional[str] = ModelOption,
    workers: int = typer.Option(1, "--workers", min=1, help="Processes for the analysis."),
    analyze: bool = typer.Option(True, "--analyze/--no-analyze", "--analyse/--no-analyse",
                                 help="Analyze new and changed posts right away."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Run the analysis on a Dask cluster: 'local' or a scheduler address (tcp://host:8786)."),
    include: list[str] = typer.Option([], "--include", help="WordPress exports: also import 'pages' (published ones)."),
    comments: bool = typer.Option(False, "--comments", help="WordPress exports: also import approved comments, as items of kind 'comment'."),
    as_json: bool = JsonOption,
) -> None:
    """Read feeds into the corpus database and analyze new or changed posts.

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
        analyzed_now = 0
        with progress_bar() as progress:
            read_task = progress.add_task("reading feeds", total=None)
            analyze_task = None

            def report(stage: str, done: int, total: int | None) -> None:
                nonlocal analyze_task, analyzed_now
                if stage == "read":
                    progress.update(read_task, completed=done)
                else:
                    analyzed_now = done
                    if analyze_task is None:
                        analyze_task = progress.add_task("analyzing posts", total=total)
                    progress.update(analyze_task, completed=done, total=total)

            from textmine.nlp.pipeline_meta import PipelineError
            from textmine.store.database import StoreError

            try:
                if analyze:
                    _say_what_resumes(corpus)
                for feed in feeds:
                    progress.update(read_task, description=f"reading {plain(Path(feed).name) if feed != '-' else 'stdin'}")
                    summary.feeds.append(corpus.ingest_feed(feed, progress=report, include=include, comments=comments))
                if analyze and dask:
                    from textmine.analysis.cluster import DaskAnalyzer, DaskError
                    from textmine.extras import MissingExtraError, require

                    try:
                        require("dask", "--dask")
                    except MissingExtraError as error:
                        fail(str(error), EXIT_USAGE)

                    try:
                        with DaskAnalyzer(dask, model=model) as analyzer:
                            summary.analysed, summary.not_german = corpus.analyze_pending(progress=report, analyzer=analyzer)
                    except DaskError as error:
                        _print_feed_errors(summary)
                        fail(str(error), EXIT_STORE, "the posts are stored: run the same command again when the "
                                                     "scheduler is up, or drop --dask")
                elif analyze:
                    summary.analysed, summary.not_german = corpus.analyze_pending(workers=workers, progress=report)
            except (PipelineError, StoreError) as error:
                fail(str(error), EXIT_STORE)
            except KeyboardInterrupt:
                progress.stop()
                stored = corpus.store.count_posts() - stored_before + summary.total("updated")
                err_console.print(f"interrupted: {stored} post(s) stored, {analyzed_now} analysed; "
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
