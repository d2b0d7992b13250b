"""Feed text is data, never instructions: neutralise it for spreadsheets, terminals and JSON.

- Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return as a
  formula (CSV injection); OWASP's rule prefixes such a cell with ``'``. Numbers stay numbers.
- Terminals run escape sequences and other C0/C1 control characters, and bidi overrides
  (U+202E …) make printed text read differently from what it is: they are removed from what is
  printed, and Rich markup in feed text (``[/x]``) is shown literally, not interpreted.
- JSON keeps every character, but C1 controls and bidi overrides are written as ``\\uXXXX`` so that
  printing it to a terminal is harmless.
"""
from __future__ import annotations

import json
import re
from typing import Any

from rich.markup import escape as _escape_markup

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
#: Bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: ESC/CSI sequences first (so their parameters go too), then any other C0/C1 control but \n and \t.
_ESCAPE_SEQUENCE = re.compile(r"(\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]*(\x07|\x1b\\|\x9c)?|\x1b[@-_]?")
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}]")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` for a CSV cell: text that a spreadsheet would run as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def printable(text: str) -> str:
    """``text`` without escape sequences, control characters (but newline and tab) and bidi controls."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCE.sub("", text))


def same_length_printable(text: str) -> str:
    """``text`` with each control or bidi character replaced by U+FFFD: span offsets stay valid."""
    return _CONTROLS.sub("\ufffd", text)


def plain(text: Any) -> str:
    """Untrusted text for a Rich markup string: printable and with its markup escaped."""
    return _escape_markup(printable("" if text is None else str(text)))


def json_text(data: Any, **kwargs: Any) -> str:
    """``json.dumps`` (non-ASCII kept) with C1 controls and bidi controls as ``\\uXXXX`` escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, **kwargs))
