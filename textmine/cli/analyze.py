"""``textmine analyze`` and ``textmine info``: one text, and what textmine and the database hold."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table
from rich.text import Text

from textmine import config as settings
from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_INPUT,
    EXIT_STORE,
    DbOption,
    JsonOption,
    ModelOption,
    console,
    fail,
    load_pipeline_or_fail,
    open_corpus,
)
from textmine.resources import ResourceError
from textmine.sanitize import json_text, printable


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
    """Analyze one German text and print claims, critiques, citations, quotes and actors.

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
    from textmine.analysis.texts import analyze_texts
    from textmine.ingest.clean import normalize_text

    text = "\n\n".join(p for p in (normalize_text(part) for part in text.replace("\r\n", "\n").split("\n\n")) if p)
    record = next(analyze_texts(load_pipeline_or_fail(model), [(None, None, text)])).record
    if as_json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        from textmine.cli.render import print_record

        print_record(console, record)
