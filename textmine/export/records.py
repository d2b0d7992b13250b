"""Write exported post records as JSONL, CSV (one row per post, nested lists as JSON) or Parquet."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from textmine.sanitize import spreadsheet_safe

FORMATS = ("jsonl", "csv", "parquet")
#: Scalar columns of the CSV export; nested annotations follow as JSON strings.
CSV_SCALARS = ("id", "kind", "parent", "url", "title", "author", "published", "language", "analysed", "text")
CSV_NESTED = ("categories", "sentences", "claims", "critiques", "citations", "quotes", "references", "actors")


def _flat(record: dict, *, spreadsheet: bool = True) -> dict:
    """One row; for CSV (``spreadsheet``) text cells cannot start a formula."""
    row = {key: spreadsheet_safe(record.get(key)) if spreadsheet else record.get(key) for key in CSV_SCALARS}
    row.update({key: json.dumps(record.get(key) or [], ensure_ascii=False) for key in CSV_NESTED})
    return row


def write(records: Iterable[dict], format: str, stream: IO[str]) -> int:
    """Stream ``records`` to a text stream; returns how many were written."""
    n = 0
    if format == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    elif format == "csv":
        writer = csv.DictWriter(stream, fieldnames=[*CSV_SCALARS, *CSV_NESTED], lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(_flat(record))
            n += 1
    else:
        raise ValueError(f"format {format!r} cannot be streamed")
    return n


def write_file(records: Iterable[dict], format: str, path: Path) -> int:
    """Write ``records`` to ``path`` atomically: an error leaves any earlier file as it was."""
    from textmine.outfiles import atomic_path, atomic_text

    if format == "parquet":
        from textmine.extras import require

        require("parquet", "parquet export")
        import pandas as pd

        frame = pd.DataFrame([_flat(r, spreadsheet=False) for r in records])
        with atomic_path(path) as temporary:
            frame.to_parquet(temporary, index=False)
        return len(frame)
    with atomic_text(path, newline="") as stream:
        return write(records, format, stream)
