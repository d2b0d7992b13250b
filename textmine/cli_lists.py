"""Listing commands over the stored corpus: citations, claims, critiques, actors, show."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from textmine import listings
from textmine.cli import (EXIT_INPUT, EXIT_USAGE, CsvOption, DbOption, JsonOption, KindOption, app, check_kind,
                          console, err_console, fail, open_corpus)
from textmine.output import emit_rows


@app.command()
def citations(
    by: str = typer.Option("author", "--by", help="author (most cited), work (author + year) or post (every citation)."),
    post: Optional[str] = typer.Option(None, "--post", help="Only this post (id, url or title prefix)."),
    kind: Optional[str] = KindOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Who is cited, how often and where.

    Example: [bold]textmine citations --by work --csv > works.csv[/]
    """
    if by not in ("author", "work", "post"):
        fail(f"unknown --by {by!r}", EXIT_USAGE, "use author, work or post")
    with open_corpus(db, readonly=True) as corpus:
        ids = _post_ids(corpus, post)
        rows = listings.citation_rows(corpus.records(ids, kind=check_kind(kind)), by=by)
    emit_rows(console, rows, title=f"Citations by {by}", as_json=as_json, as_csv=as_csv)


def _post_ids(corpus, post: str | None) -> list[str] | None:  # noqa: ANN001 - Corpus
    if post is None:
        return None
    found = corpus.store.find_post(post)
    if found is None:
        fail(f"no post matches {post!r}", EXIT_INPUT, "textmine export --format csv lists the ids")
    return [found.id]


@app.command()
def claims(
    post: Optional[str] = typer.Option(None, "--post", help="Only this post (id, url or title prefix)."),
    holder: Optional[str] = typer.Option(None, "--holder", help="Only claims whose holder contains this."),
    count: Optional[str] = typer.Option(None, "--count", help="Count per 'post' or 'holder' instead of listing."),
    kind: Optional[str] = KindOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Claims (positions the blog takes or reports) across the corpus.

    Example: [bold]textmine claims --holder Lember[/]
    """
    with open_corpus(db, readonly=True) as corpus:
        rows = listings.claim_rows(corpus.records(_post_ids(corpus, post), kind=check_kind(kind)), holder=holder)
    if count:
        rows = listings.count_rows(rows, count)
    emit_rows(console, rows, title="Claims", as_json=as_json, as_csv=as_csv)


@app.command()
def critiques(
    post: Optional[str] = typer.Option(None, "--post", help="Only this post (id, url or title prefix)."),
    critic: Optional[str] = typer.Option(None, "--critic", help="Only critiques whose critic contains this."),
    target: Optional[str] = typer.Option(None, "--target", help="Only critiques whose target contains this."),
    count: Optional[str] = typer.Option(None, "--count", help="Count per 'post', 'critic' or 'target' instead of listing."),
    kind: Optional[str] = KindOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Critiques: who criticises whom or what.

    Example: [bold]textmine critiques --count target[/]
    """
    with open_corpus(db, readonly=True) as corpus:
        rows = listings.critique_rows(corpus.records(_post_ids(corpus, post), kind=check_kind(kind)), critic=critic, target=target)
    if count:
        rows = listings.count_rows(rows, count)
    emit_rows(console, rows, title="Critiques", as_json=as_json, as_csv=as_csv)


@app.command()
def actors(
    sector: Optional[str] = typer.Option(None, "--sector", help="economy, state, civil_society, science, citizens, media, unknown."),
    type: Optional[str] = typer.Option(None, "--type", help="person, organisation or collective."),
    network: Optional[Path] = typer.Option(None, "--network", help="Write the co-occurrence network (.graphml or .csv)."),
    kind: Optional[str] = KindOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Actors with mentions, posts, sector and the critiques they give and receive.

    Example: [bold]textmine actors --sector economy --network actors.graphml[/]
    """
    from textmine.corpus import post_record

    with open_corpus(db, readonly=True) as corpus:
        records = list(corpus.records(kind=check_kind(kind)))
        run = corpus.store.topic_run()
        assignments = corpus.store.topic_assignments(run["id"]) if run else {}
    if network is not None:
        from textmine.actor_network import build_network, write_network

        if network.suffix.lower() not in (".graphml", ".csv"):
            fail(f"{network}: unknown network format", EXIT_USAGE, "use a .graphml or .csv file name")
        graph = build_network(post_record(post, record) for post, record in records if record)
        written = write_network(graph, network)
        err_console.print(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} edges to {', '.join(map(str, written))}")
    rows = listings.actor_rows(records, sector=sector, type=type)
    if run:
        from textmine.topics_by import topics_by

        per_actor = {row["actor"]: row["topics"] for row in topics_by(records, assignments, run["topics"], key="actor", top=2)}
        for row in rows:
            row["topics"] = per_actor.get(row["actor"], [])
    emit_rows(console, rows, title="Actors", as_json=as_json, as_csv=as_csv)


@app.command()
def show(
    post: str = typer.Argument(..., help="Post id, url, or a unique prefix of its id or title."),
    db: Optional[str] = DbOption, as_json: bool = JsonOption,
) -> None:
    """Show one post with its claims, critiques, citations, quotes and actors highlighted.

    Example: [bold]textmine show "Macht und Abhängigkeit"[/]
    """
    from textmine.corpus import post_record
    from textmine.render import print_record

    with open_corpus(db, readonly=True) as corpus:
        ids = _post_ids(corpus, post)
        stored, record = next(iter(corpus.records(ids)))
    data = post_record(stored, record)
    if as_json:
        console.print_json(data=data)
    else:
        print_record(console, data)
