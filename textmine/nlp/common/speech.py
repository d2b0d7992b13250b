"""Verbs of saying that attribute a quotation to its speaker ("„…“, sagte sie", "X erklärt: „…“")."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from textmine import resources

SPEECH_VERBS_FILE = "speech_verbs.txt"


@dataclass(frozen=True)
class SpeechVerbs:
    """Word forms and stems (``"sagt*"``); ``word in verbs`` is a case-insensitive whole-word test."""

    forms: frozenset[str]
    stems: tuple[str, ...]

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> "SpeechVerbs":
        entries = [entry.strip().lower() for entry in entries if entry.strip()]
        return cls(frozenset(e for e in entries if not e.endswith("*")),
                   tuple(sorted({e.rstrip("*") for e in entries if e.endswith("*")}, key=len, reverse=True)))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        word = word.lower()
        return word in self.forms or word.startswith(self.stems)

    def regex(self) -> str:
        """One case-insensitive alternation, longest first (a stem matches any ending)."""
        parts = sorted({re.escape(f) for f in self.forms} | {re.escape(s) + r"\w*" for s in self.stems},
                       key=len, reverse=True)
        return r"(?i:" + "|".join(parts) + r")"


def read_speech_verbs(path: str | Path) -> SpeechVerbs:
    """The verbs of a speech-verb file (one form or ``stem*`` per line) such as a user's own."""
    return SpeechVerbs.from_entries(resources.read_lines(path))


@functools.lru_cache(maxsize=1)
def speech_verbs() -> SpeechVerbs:
    """The shipped verbs of ``data/lexicons/common/speech_verbs.txt``."""
    return read_speech_verbs(resources.lexicon_path("common", SPEECH_VERBS_FILE))
