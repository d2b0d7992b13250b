"""The headings that open a bibliography ("Literatur:", "Quellen", "Literaturverzeichnis")."""
from __future__ import annotations

import functools
import re

from textmine import resources

HEADINGS_FILE = "bibliography_headings.txt"


@functools.lru_cache(maxsize=1)
def bibliography_headings() -> tuple[str, ...]:
    """The shipped headings as written in ``data/lexicons/common/bibliography_headings.txt``."""
    return tuple(resources.lexicon_lines("common", HEADINGS_FILE))


@functools.lru_cache(maxsize=1)
def heading_keys() -> frozenset[str]:
    """The headings in lower case, for comparing with a normalised line."""
    return frozenset(heading.lower() for heading in bibliography_headings())


@functools.lru_cache(maxsize=1)
def heading_line_regex() -> re.Pattern[str]:
    """A line that is only a heading, optionally followed by ":" (multiline, case-insensitive)."""
    alternatives = "|".join(re.escape(h) for h in sorted(bibliography_headings(), key=len, reverse=True))
    return re.compile(rf"(?mi)^(?:{alternatives})\s*:?\s*$")
