"""Listings for the terminal (Rich table), for scripts (JSON) and for spreadsheets (CSV)."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from textmine.sanitize import json_text, printable, spreadsheet_safe


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit_rows(
    console: Console, rows: Sequence[dict[str, Any]], *, columns: Sequence[str] | None = None,
    title: str | None = None, as_json: bool = False, as_csv: bool = False, json_payload: Any = None,
) -> None:
    """Print ``rows`` as JSON (``json_payload`` if given), CSV, or a Rich table that fits the terminal."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if as_json:
        sys.stdout.write(json_text(json_payload if json_payload is not None else list(rows), indent=1) + "\n")
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: spreadsheet_safe(printable(_cell(row.get(c)))) for c in columns})
        return
    table = Table(title=title, title_justify="left", expand=False)
    for column in columns:
        numeric = bool(rows) and all(isinstance(r.get(column), (int, float)) for r in rows if r.get(column) is not None)
        table.add_column(Text(printable(str(column)), style="bold"), justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        # Text, not str: a cell is never read as Rich markup; control characters are dropped.
        table.add_row(*(Text(printable(_cell(row.get(c)))) for c in columns))
    console.print(table)
    if not rows:
        console.print("[dim](nothing to show)[/]")
