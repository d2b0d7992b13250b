"""The ``textmine`` Typer app and its callback; the command modules register on it."""
from __future__ import annotations

import typer

from textmine import __version__
from textmine.cli.common import console

app = typer.Typer(
    name="textmine",
    help="Mine German blog archives: ingest feeds, find claims, critiques, citations and actors, fit topics.\n\n"
         "Exit codes: 0 success · 1 some input could not be read (the rest is stored) · 2 wrong usage · "
         "3 database or model unusable · 4 nothing to work on yet.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

@app.callback(invoke_without_command=True)
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    """textmine: German blog text mining for researchers."""
    if version:
        console.print(f"textmine {__version__}")
        raise typer.Exit(0)
