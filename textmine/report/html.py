"""HTML building blocks of the report: escaping, safe links, tables."""
from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any


# -- helpers ---------------------------------------------------------------------------------------
def e(value: Any) -> str:
    """Escaped text for HTML content and attribute values."""
    return html.escape(_no_bidi("" if value is None else str(value)), quote=True)

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

def _no_bidi(text: str) -> str:
    """Bidi overrides from feeds would make a name or link read differently from what it is."""
    return _BIDI.sub("", text)

def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) links survive (no javascript:, data: or relative URLs from feeds)."""
    if url and not _BIDI.search(url) and re.match(r"https?://[^\s\"'<>\x00-\x1f\x7f-\x9f]+$", url.strip(), flags=re.IGNORECASE):
        return url.strip()
    return None

def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None

def _empty(message: str) -> str:
    return f'<p class="empty">{e(message)}</p>'

def _table(columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]], *, table_id: str = "", scroll: bool = False) -> str:
    """Columns are (header, css class); cells are HTML (already escaped by the caller)."""
    head = "".join(f'<th class="{cls}">{e(name)}</th>' for name, cls in columns)
    body = "".join("<tr>" + "".join(f'<td class="{cls}">{cell}</td>' for (_, cls), cell in zip(columns, row)) + "</tr>\n"
                   for row in rows)
    ident = f' id="{e(table_id)}"' if table_id else ""
    table = f"<table{ident}><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>' if scroll else table
