"""``textmine report``: the self-contained HTML report of the stored corpus."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_INPUT,
    EXIT_USAGE,
    DbOption,
    check_out,
    err_console,
    fail,
    open_corpus,
    warn_partial,
)
from textmine.sanitize import plain


@app.command()
def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="HTML file to write (one file, works offline)."),
    run: Optional[int] = typer.Option(None, "--run", help="Topic run to show (default: the latest; textmine runs lists them)."),
    db: Optional[str] = DbOption,
) -> None:
    """Write an HTML report: overview, topics over time, actors and their network, most-cited
    authors and works, and every post with its annotations highlighted, with a search box.

    Example: [bold]textmine report --out report.html[/] (then open it in a browser)
    """
    from textmine.report.build import ReportError, build_report

    with open_corpus(db, readonly=True) as corpus:
        check_out(corpus, out)
        if run is not None and corpus.store.topic_run(run) is None:
            fail(f"no topic run {run} in the database", EXIT_USAGE, "textmine runs lists the runs")
        warn_partial(corpus, "the report")
        try:
            path = build_report(corpus, out, run=run)
        except ReportError as error:
            fail(str(error), EXIT_INPUT)
        except OSError as error:
            fail(f"cannot write {out}: {error.strerror or error}", EXIT_INPUT, "choose another --out")
        posts = corpus.store.count_posts()
    err_console.print(f"wrote {plain(path)} ({posts} post(s), {path.stat().st_size / 1024:.0f} KiB)")
