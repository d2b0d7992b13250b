"""Listing commands over the stored corpus: citations, claims, critiques, actors, show."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from textmine import listings
from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_INPUT,
    EXIT_USAGE,
    CsvOption,
    DbOption,
    JsonOption,
    KindOption,
    check_kind,
    check_out,
    console,
    err_console,
    fail,
    open_corpus,
)
from textmine.cli.output import emit_rows
from textmine.sanitize import json_text, plain


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


#: The values of the listing filters (the JSON contract's actor types and sectors).
SECTORS = ("economy", "state", "civil_society", "science", "citizens", "media", "unknown")
ACTOR_TYPES = ("person", "organisation", "collective")


def _choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    """An unknown filter value is wrong usage, not an empty table."""
    if value is not None and value not in allowed:
        fail(f"unknown {option} {value!r}", EXIT_USAGE, f"use one of {', '.join(allowed)}")


def _post_ids(corpus, post: str | None) -> list[str] | None:  # noqa: ANN001 - Corpus
    if post is None:
        return None
    found = corpus.store.find_post(post)
    if found is None:
        matches = corpus.store.post_matches(post, limit=4)
        if len(matches) > 1:
            shown = "; ".join(f"{pid} ({title})" for pid, title in matches[:3])
            more = ", …" if len(matches) > 3 else ""
            fail(f"{post!r} matches {'more than 3' if more else len(matches)} posts: {shown}{more}", EXIT_USAGE,
                 "give more of the id or title, or the full id")
        fail(f"no post matches {post!r}", EXIT_INPUT, "textmine posts lists the posts and their ids")
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
    _choice("--count", count, ("post", "holder"))
    with open_corpus(db, readonly=True) as corpus:
        rows = listings.claim_rows(corpus.records(_post_ids(corpus, post), kind=check_kind(kind), merge_names=True), holder=holder)
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
    _choice("--count", count, ("post", "critic", "target"))
    with open_corpus(db, readonly=True) as corpus:
        rows = listings.critique_rows(corpus.records(_post_ids(corpus, post), kind=check_kind(kind), merge_names=True), critic=critic, target=target)
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

    _choice("--sector", sector, SECTORS)
    _choice("--type", type, ACTOR_TYPES)
    if network is not None and network.suffix.lower() not in (".graphml", ".csv"):
        fail(f"{network}: unknown network format", EXIT_USAGE, "use a .graphml or .csv file name")
    with open_corpus(db, readonly=True) as corpus:
        if network is not None:
            check_out(corpus, network)
            if network.suffix.lower() == ".csv":
                check_out(corpus, network.with_name(f"{network.stem}-nodes.csv"))
        records = list(corpus.records(kind=check_kind(kind), merge_names=True))
        run = corpus.store.topic_run()
        assignments = corpus.store.topic_assignments(run["id"]) if run else {}
    if network is not None:
        from textmine.discourse.cooccurrence import build_network, write_network

        graph = build_network(post_record(post, record) for post, record in records if record)
        try:
            written = write_network(graph, network)
        except OSError as error:
            fail(f"cannot write {network}: {error.strerror or error}", EXIT_INPUT, f"nothing was written to {network}")
        err_console.print(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} edges to "
                          f"{plain(', '.join(map(str, written)))}", highlight=False)
    rows = listings.actor_rows(records, sector=sector, type=type)
    if run:
        from textmine.topics.by_actor import topics_by

        per_actor = {row["actor"]: row["topics"] for row in topics_by(records, assignments, run["topics"], key="actor", top=2)}
        for row in rows:
            row["topics"] = per_actor.get(row["actor"], [])
    emit_rows(console, rows, title="Actors", as_json=as_json, as_csv=as_csv)


@app.command()
def posts(
    author: Optional[str] = typer.Option(None, "--author", help="Only posts whose author contains this (case-insensitive)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only posts published on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only posts published on or before this date (YYYY-MM-DD)."),
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """The stored posts: date, author, title and how many claims, critiques, citations and actors each has.

    Example: [bold]textmine posts --author Köhler --since 2023-01-01[/]
    """
    from textmine.store.frames import to_rows

    with open_corpus(db, readonly=True) as corpus:
        try:
            frame = corpus.posts(author=author, since=since, until=until)
        except ValueError as error:
            fail(str(error), EXIT_USAGE, "e.g. --since 2023-01-01")
    rows = to_rows(frame)
    if as_json or as_csv:
        emit_rows(console, rows, as_json=as_json, as_csv=as_csv)
        return
    columns = ["date", "author", "title", "claims", "critiques", "citations", "id"]
    emit_rows(console, rows, columns=columns, title=f"Posts ({len(rows)})")


@app.command()
def show(
    post: str = typer.Argument(..., help="Post id, url, or a unique prefix of its id or title."),
    db: Optional[str] = DbOption, as_json: bool = JsonOption,
) -> None:
    """Show one post with its claims, critiques, citations, quotes and actors highlighted.

    Example: [bold]textmine show "Macht und Abhängigkeit"[/]
    """
    from textmine.cli.render import print_record
    from textmine.corpus import post_record

    with open_corpus(db, readonly=True) as corpus:
        ids = _post_ids(corpus, post)
        stored, record = next(iter(corpus.records(ids)))
    data = post_record(stored, record)
    if as_json:
        sys.stdout.write(json_text(data, indent=2) + "\n")
    else:
        print_record(console, data)
