"""Cue lexicons for claims and critiques: the pattern language of the data files, compiled and prefiltered."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from textmine import resources
from textmine.nlp.common.bibliography import HEADINGS_FILE
from textmine.nlp.common.names import UPPER
from textmine.nlp.contract import ARGUMENT_GROUPS

GROUPS = ARGUMENT_GROUPS

LEXICON_DIR = resources.lexicon_dir("arguments")

MODEL_DIR = resources.data_dir() / "models" / "arguments"

AUTHOR = "author"

#: Cue categories, each read from ``data/lexicons/arguments/<name>.txt``; they are classifier features.
CUE_CATEGORIES = (
    "normative", "evaluative", "negative", "doubt", "critique", "reported", "conclusion", "description",
)

#: Rule-only categories (not classifier features): announcements, bibliography headings,
#: reported-speech continuations (Konjunktiv I, "Er fordert").
RULE_CATEGORIES = (
    "announcement", "bibliography_heading", "continuation", "narration", "rhetorical", "concessive", "negation",
)

#: Categories whose hits the sentence model sees (its own and its neighbours').
MODEL_CUES = CUE_CATEGORIES + ("announcement", "continuation", "narration", "rhetorical", "concessive", "negation")

_GAP = r"[^.!?;\n]{0,80}?"

_WORD = re.compile(r"\w+(?:[-/*]\w+)*", re.UNICODE)

_SUBJUNCTIVE = frozenset(
    "würde würden wäre wären hätte hätten könnte könnten müsste müssten sollte sollten dürfte dürften".split()
)

_MODALS = frozenset("kann können konnte darf dürfen will wollen wollte mag möchte möchten".split())

_FIRST_PERSON = frozenset("ich wir mein meine meiner meinen unser unsere unserer unseren mir uns".split())

_CITATION_LIKE = re.compile(r"\(\s*(?:vgl\.\s*)?[" + UPPER + r"][\w’'\-]+[^()]{0,60}?\d{4}|\(\s*ebd|\(\s*ebenda")

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: Marks that end a sentence (a unit without one is a heading, a label or a credit line).
_FINAL_PUNCTUATION = frozenset(".!?:;…\"“”»«)")


# --------------------------------------------------------------------------------------- lexicons
def read_lexicon(path: Path) -> list[str]:
    """The patterns of one lexicon file (comments and blank lines dropped)."""
    patterns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            patterns.append(line)
    return patterns

_ANY_WORD = r"\w+(?:[-/]\w+)*"

def pattern_to_regex(pattern: str) -> str:
    """Turn one lexicon pattern ("wirf* ... vor", "kritisier*", "*problem", "aber * kein*") into a
    linear-time regex (``*`` alone is one word, a leading ``*`` any compound prefix)."""
    body, gap = "", False
    for word in pattern.lower().split():
        if word == "...":
            gap = True
            continue
        if word == "*":
            part = _ANY_WORD  # exactly one word: "aber * kein*" = a short gap, not 80 characters
        else:
            lead = r"\w+" if word.startswith("*") else ""  # "*problem": compounds ending in the word
            core = word.strip("*")
            part = lead + re.escape(core) + (r"\w*" if word.endswith("*") else "")
        if body:
            body += (r"(?:\s+" + _GAP + r")?\s+") if gap else r"\s+"
        body += part
        gap = False
    return body

def compile_lexicon(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation for a category; longest patterns first so that phrases win over words."""
    regexes = sorted({pattern_to_regex(p) for p in patterns}, key=len, reverse=True)
    if not regexes:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(regexes) + r")(?!\w)", re.IGNORECASE)

#: Characters that a case-insensitive regex matches with a letter other than the one ``str.lower`` gives
#: ("ſ" = "s", "ı" = "i", final sigma, "İ" lowering to two characters): a sentence with one of them
#: skips the prefilter and gets every regex (generated from Python's ``re._casefix`` tables).
_CASE_TRAPS = re.compile(
    "[\xb5\u0131\u017f\u0307\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1"
    "\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442"
    "\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06]"
)

_TOKEN = re.compile(r"\w+")

def pattern_anchor(pattern: str) -> tuple[str, str] | None:
    """The most selective literal of a pattern (every match contains it), as (kind, text): ``"word"`` (a whole
    word, "kritik"), ``"prefix"`` (a word start, "kritisier*") or ``"substring"`` ("*problem",
    punctuation); ``None`` when the pattern has no literal ("*")."""
    best, best_rank = None, None
    for word in pattern.lower().split():
        core = word.strip("*")
        if word == "..." or not core:
            continue
        if _CASE_TRAPS.search(core) or not _TOKEN.fullmatch(core) or word.startswith("*"):
            kind = "substring"
        else:
            kind = "prefix" if word.endswith("*") else "word"
        rank = ({"word": 2, "prefix": 1, "substring": 0}[kind], len(core))  # whole words: most selective
        if best_rank is None or rank > best_rank:
            best, best_rank = (kind, core), rank
    return best

@dataclass(frozen=True)
class CuePrefilter:
    """Which categories can match a sentence at all, from one literal per pattern (its anchor). A
    necessary test only: a category it rules out has no hits, so ``hits()`` is unchanged, while a
    sentence runs only the few big regexes that can match (they were the component's main cost)."""

    always: frozenset[str]  # a category with a pattern without literal ("*"): always scanned
    words: dict[str, frozenset[str]]
    prefixes: dict[str, frozenset[str]]
    prefix_lengths: tuple[int, ...]
    substrings: tuple[tuple[str, str], ...]  # (literal, category)

    @classmethod
    def build(cls, sources: dict[str, Sequence[str]]) -> "CuePrefilter":
        always, substrings = set(), set()
        words: dict[str, set[str]] = {}
        prefixes: dict[str, set[str]] = {}
        for category, patterns in sources.items():
            for pattern in patterns:
                anchor = pattern_anchor(pattern)
                if anchor is None:
                    always.add(category)
                elif anchor[0] == "word":
                    words.setdefault(anchor[1], set()).add(category)
                elif anchor[0] == "prefix":
                    prefixes.setdefault(anchor[1], set()).add(category)
                else:
                    substrings.add((anchor[1], category))
        return cls(
            frozenset(always),
            {w: frozenset(c) for w, c in words.items()},
            {p: frozenset(c) for p, c in prefixes.items()},
            tuple(sorted({len(p) for p in prefixes})),
            tuple(sorted(substrings)),
        )

    def candidates(self, text: str) -> set[str] | None:
        """The categories whose regex can match ``text``; ``None``: all of them (case traps)."""
        low = text.lower()
        if _CASE_TRAPS.search(low):
            return None
        found = set(self.always)
        words, prefixes, lengths = self.words, self.prefixes, self.prefix_lengths
        for token in set(_TOKEN.findall(low)):
            hit = words.get(token)
            if hit:
                found |= hit
            for n in lengths:
                if n > len(token):
                    break
                hit = prefixes.get(token[:n])
                if hit:
                    found |= hit
        for literal, category in self.substrings:
            if category not in found and literal in low:
                found.add(category)
        return found

@dataclass
class CueLexicon:
    """Compiled cue patterns by category; ``hits(text)`` finds them in one sentence.

    Not frozen: it keeps a bounded memo of recent sentences' hits (a cache, not part of its value)."""

    patterns: dict[str, re.Pattern[str] | None]
    generic_nouns: frozenset[str] = field(default_factory=frozenset)
    #: Built from the patterns by :meth:`load`; without one every regex runs on every sentence.
    prefilter: CuePrefilter | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR, extra: dict[str, Sequence[str]] | None = None) -> "CueLexicon":
        compiled, sources = {}, {}
        for category in CUE_CATEGORIES + RULE_CATEGORIES:
            path = directory / f"{category}.txt"
            if category == "bibliography_heading" and not path.exists():
                path = resources.lexicon_path("common", HEADINGS_FILE)  # shared with citations and actors
            patterns = read_lexicon(path) if path.exists() else []
            patterns += list((extra or {}).get(category, ()))
            compiled[category] = compile_lexicon(patterns)
            sources[category] = patterns
        generic_path = directory / "generic_nouns.txt"
        generic = frozenset(read_lexicon(generic_path)) if generic_path.exists() else frozenset()
        return cls(compiled, generic, CuePrefilter.build(sources))

    #: Cue hits of recently seen sentences: the classifier's features and the rules ask for the
    #: same sentence, and the regex scan is the component's main cost.
    _memo: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict, compare=False, repr=False)

    def hits(self, text: str) -> dict[str, list[tuple[int, int]]]:
        cached = self._memo.get(text)
        if cached is not None:
            return {category: list(spans) for category, spans in cached.items()}
        candidates = self.prefilter.candidates(text) if self.prefilter is not None else None
        found: dict[str, list[tuple[int, int]]] = {}
        for category, regex in self.patterns.items():
            if regex is None or (candidates is not None and category not in candidates):
                found[category] = []
            else:
                found[category] = [m.span() for m in regex.finditer(text)]
        if len(self._memo) > 4096:
            self._memo.clear()
        self._memo[text] = found
        return {category: list(spans) for category, spans in found.items()}

@functools.lru_cache(maxsize=1)
def default_lexicon() -> CueLexicon:
    return CueLexicon.load()
