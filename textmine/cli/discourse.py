"""``textmine statements`` and ``textmine network``: discourse network analysis over the stored corpus."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_EMPTY,
    EXIT_INPUT,
    EXIT_USAGE,
    CsvOption,
    DbOption,
    JsonOption,
    console,
    err_console,
    fail,
    open_corpus,
)
from textmine.cli.output import emit_rows

SinceOption = typer.Option(None, "--since", help="Only posts published on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")
UntilOption = typer.Option(None, "--until", help="Only posts published on or before this day.")
ConceptsOption = typer.Option("targets", "--concepts",
                              help="Where concepts come from: 'topics' (the stored run, per sentence), 'targets' "
                                   "(critique targets) or a code-book FILE ('Concept: term; term; re:pattern' a line).")
RunOption = typer.Option(None, "--run", help="With --concepts topics: the topic run (default: the latest).")
#: Columns of the terminal table (JSON and CSV carry all of STATEMENT_COLUMNS).
TERMINAL_COLUMNS = ("date", "actor", "agreement", "concept", "target", "kind", "text")


def _concept_statements(corpus, concepts: str, since: str | None, until: str | None, run: int | None):  # noqa: ANN001, ANN202
    from textmine.discourse.build import CONCEPT_SOURCES, corpus_concept_statements
    from textmine.discourse.concepts import ConceptError

    try:
        report = corpus_concept_statements(corpus, concepts, since=since, until=until, run_id=run)
    except ConceptError as error:
        if concepts in CONCEPT_SOURCES:
            fail(str(error), EXIT_EMPTY)
        fail(str(error), EXIT_INPUT, "one concept a line: 'Concept: term; term; re:pattern'")
    except ValueError as error:  # a bad --since/--until
        fail(str(error), EXIT_USAGE)
    if report.unused:
        err_console.print(f"note: {len(report.unused)} concept(s) explain no statement: {'; '.join(report.unused)}",
                          highlight=False, soft_wrap=True)
    return report


@app.command()
def statements(
    since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
    concepts: str = ConceptsOption, run: Optional[int] = RunOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """One row per argumentative sentence: speaker, concept, agreement (+1 claim, -1 critique), target.

    The CSV has the columns of a DNA statement export (statement_id, document, date, actor, concept,
    agreement, text) first. Example: [bold]textmine statements --since 2020 --csv > statements.csv[/]
    """
    from textmine.discourse.statements import STATEMENT_COLUMNS, statement_rows

    with open_corpus(db, readonly=True) as corpus:
        report = _concept_statements(corpus, concepts, since, until, run)
    rows = list(statement_rows(report.statements))
    if not as_json and not as_csv:
        for row in rows:
            row["date"] = (row["date"] or "")[:10]
            row["text"] = row["text"] if len(row["text"]) <= 120 else row["text"][:119] + "…"
    emit_rows(console, rows, columns=STATEMENT_COLUMNS if as_json or as_csv else TERMINAL_COLUMNS,
              title=f"Statements (concepts: {report.source})", as_json=as_json, as_csv=as_csv)


@app.command()
def network(
    out: Path = typer.Option(..., "--out", "-o", help="Output file: .graphml, .gexf or .csv (edges, plus NAME-nodes.csv)."),
    type: str = typer.Option("congruence", "--type", help="two-mode, congruence, conflict or critique (directed critic -> target)."),
    concepts: str = ConceptsOption, run: Optional[int] = RunOption,
    normalize: str = typer.Option("none", "--normalize", help="none, average-activity, jaccard or cosine (the last two: one-mode only)."),
    duplicates: str = typer.Option("document", "--duplicates", help="document: a repeated statement counts once per post; none: every time."),
    window: Optional[str] = typer.Option(None, "--window", help="Time windows of this length (30d, 2w, 6m, 1y): one graph per window."),
    step: Optional[str] = typer.Option(None, "--step", help="How far each window moves on (default: the window length)."),
    min_weight: float = typer.Option(0.0, "--min-weight", help="Drop edges lighter than this (after normalisation)."),
    since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
    db: Optional[str] = DbOption,
) -> None:
    """Discourse networks (DNA): actor x concept, congruence, conflict, or who criticises whom.

    Edges keep the posts and statement ids behind them; nodes carry actor type and sector. With
    --window a .gexf file is one dynamic graph (Gephi's timeline), other formats one file per window.
    Example: [bold]textmine network --type conflict --normalize jaccard --out conflict.graphml[/]
    """
    from textmine.discourse.networks import (
        NetworkError,
        build_network,
        check_format,
        check_options,
        dynamic_graph,
        time_windows,
        window_path,
        write_graph,
    )

    try:
        check_options(type, normalize, duplicates)
        suffix = check_format(out)
    except NetworkError as error:
        fail(str(error), EXIT_USAGE)
    if step and not window:
        fail("--step needs --window", EXIT_USAGE, "e.g. --window 6m --step 1m")
    if not out.parent.exists():
        fail(f"{out.parent}: no such folder", EXIT_USAGE)
    with open_corpus(db, readonly=True) as corpus:
        report = _concept_statements(corpus, concepts, since, until, run)
    if not report.statements:
        fail("no statements in the corpus (or in the chosen period)", EXIT_EMPTY, "textmine ingest FEED analyses posts")
    try:
        if window is None:
            graph = build_network(report.statements, type, normalize=normalize, duplicates=duplicates, min_weight=min_weight)
            written = write_graph(graph, out)
            err_console.print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to "
                              f"{', '.join(map(str, written))}; {graph.graph['skipped']} statement(s) without "
                              f"{'an actor target' if type == 'critique' else 'speaker or concept'} left out", highlight=False)
            return
        windows = [(start, end, build_network(items, type, normalize=normalize, duplicates=duplicates, min_weight=min_weight))
                   for start, end, items in time_windows(report.statements, window, step or window)]
    except NetworkError as error:
        fail(str(error), EXIT_EMPTY if "no dated" in str(error) else EXIT_USAGE)
    if suffix == ".gexf":
        written = write_graph(dynamic_graph(windows), out)
    else:
        written = [path for start, _end, graph in windows for path in write_graph(graph, window_path(out, start))]
    err_console.print(f"wrote {len(windows)} window(s) to {len(written)} file(s): {written[0]} …", highlight=False)
