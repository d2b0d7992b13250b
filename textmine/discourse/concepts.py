"""Concepts of statements: what an actor argues *about*.

Three sources, one result (``ConceptReport``):

* ``assign_codebook``: a user's code book, the way DNA users keep one. A plain text file, one
  concept a line: ``Concept name: seed term; another term; re:regular expression``. A seed term
  matches a word that starts with it, case-insensitively ("Kürzung" matches "Kürzungspläne"); a
  ``re:`` pattern is a Python regular expression (case-insensitive). Blank lines and lines
  starting with ``#`` are comments. A sentence that matches several concepts gives one statement
  per concept (ids ``…#start/2``, ``…/3``), as a DNA coder would code it twice.
* ``assign_targets``: the critique targets become the code book: a critique's concept is its
  target; a claim takes the target concepts its sentence names (so an actor who argues *for* a
  criticised thing shows up on the other side of the same concept), except generic nouns
  ("Mensch", "Organisation": ``arguments/generic_nouns.txt``), which a claim names without
  taking a side on them, and function words or fragments ("Von", "E").
* ``assign_topics``: the topics of a stored run, inferred per sentence with the run's model from
  the sentence's words that are also the post's stored topic terms (lemmas), labelled with the
  run's labels; a sentence without such words takes its post's dominant topic.

Concepts that explain no statement are listed in ``unused``, never dropped silently.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmine import resources
from textmine.discourse.statements import Statement

_WORD = re.compile(r"[^\W\d_][\w\-]*")
_LETTERS = re.compile(r"[^\W\d_]+")
#: Shorter targets ("E", "Ar") are fragments, never joined by claims.
MIN_JOIN_LENGTH = 3
#: Letters of a target's first word that index it for matching claims.
PREFIX = 4


class ConceptError(ValueError):
    """A code book cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Concept:
    name: str
    patterns: tuple[re.Pattern, ...]

    def matches(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


@dataclass
class ConceptReport:
    """Statements with their concepts, plus what the concepts explained."""

    source: str
    statements: list[Statement]
    concepts: list[str]
    unused: list[str] = field(default_factory=list)
    #: Statements whose sentence no concept explains (kept, with ``concept`` None).
    unassigned: int = 0

    def counts(self) -> Counter:
        return Counter(s.concept for s in self.statements if s.concept is not None)

    def summary(self) -> dict[str, Any]:
        counts = self.counts()
        return {"source": self.source, "concepts": [{"concept": c, "statements": counts.get(c, 0)} for c in self.concepts],
                "unused": self.unused, "unassigned": self.unassigned}


def term_pattern(term: str) -> re.Pattern:
    """A seed term as a pattern: the term at a word start, any word ending after it."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"\w*", re.IGNORECASE)


def parse_codebook(lines: Iterable[str], source: str = "code book") -> list[Concept]:
    """Concepts from code-book lines (comments already dropped); a bad line is a ``ConceptError``."""
    concepts: list[Concept] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        name, colon, rest = line.partition(":")
        name = name.strip()
        if not colon or not name:
            raise ConceptError(f"{source}: line {number}: expected 'Concept: term; term; re:pattern', got {line.strip()!r}")
        if name in seen:
            raise ConceptError(f"{source}: line {number}: concept {name!r} is defined twice")
        seen.add(name)
        patterns = []
        for item in filter(None, (part.strip() for part in rest.split(";"))):
            if item.startswith("re:"):
                try:
                    patterns.append(re.compile(item[3:].strip(), re.IGNORECASE))
                except re.error as error:
                    raise ConceptError(f"{source}: line {number}: bad pattern {item[3:].strip()!r}: {error}") from error
            else:
                patterns.append(term_pattern(item))
        if not patterns:
            raise ConceptError(f"{source}: line {number}: concept {name!r} has no seed terms")
        concepts.append(Concept(name, tuple(patterns)))
    if not concepts:
        raise ConceptError(f"{source}: no concepts (one a line: 'Concept: term; term')")
    return concepts


def read_codebook(path: str | Path) -> list[Concept]:
    """The concepts of a code-book file (format in the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise ConceptError(f"{path}: no such code book")
    try:
        lines = resources.read_lines(path)
    except UnicodeDecodeError as error:
        raise ConceptError(f"{path}: not UTF-8 text") from error
    return parse_codebook(lines, str(path))


def _assign(source: str, statements: Sequence[Statement], names: list[str],
            concepts_of: Callable[[Statement], list[str]]) -> ConceptReport:
    out: list[Statement] = []
    unassigned = 0
    for statement in statements:
        found = list(dict.fromkeys(concepts_of(statement)))
        if not found:
            unassigned += 1
            out.append(statement.with_concept(None))
            continue
        out.extend(statement.with_concept(name, "" if i == 0 else f"/{i + 1}") for i, name in enumerate(found))
    used = {s.concept for s in out}
    return ConceptReport(source, out, names, [n for n in names if n not in used], unassigned)


def assign_codebook(statements: Sequence[Statement], concepts: Sequence[Concept], source: str = "code book") -> ConceptReport:
    return _assign(source, statements, [c.name for c in concepts],
                   lambda s: [c.name for c in concepts if c.matches(s.text)])


def assign_targets(statements: Sequence[Statement]) -> ConceptReport:
    """Concepts = the critique targets (see the module docstring)."""
    targets = list(dict.fromkeys(s.target for s in statements if s.kind == "critique" and s.target))
    generic = generic_nouns()
    order = {target: number for number, target in enumerate(targets)}
    # Targets indexed by the start of their first word: a claim only tries the targets that one of
    # its words could begin (10kGNAD: thousands of targets times thousands of claims otherwise).
    by_prefix: dict[str, list[tuple[str, re.Pattern]]] = defaultdict(list)
    for target in targets:
        first = _LETTERS.match(target)
        if first and joinable(target, generic):
            by_prefix[first.group(0)[:PREFIX].casefold()].append((target, term_pattern(target)))

    def concepts_of(statement: Statement) -> list[str]:
        if statement.kind == "critique":
            return [statement.target] if statement.target else []
        words = {word.casefold() for word in _LETTERS.findall(statement.text)}  # "Macht-Beziehungen": both parts
        candidates = {pair for word in words for size in range(1, PREFIX + 1) for pair in by_prefix.get(word[:size], ())}
        return [t for t, pattern in sorted(candidates, key=lambda pair: order[pair[0]])
                if t != statement.actor and pattern.search(statement.text)]

    return _assign("critique targets", statements, targets, concepts_of)


@functools.lru_cache(maxsize=1)
def generic_nouns() -> frozenset[str]:
    """Nouns too generic for a claim to be *about* them (shared with the argument component)."""
    return frozenset(resources.read_lines(resources.lexicon_path("arguments", "generic_nouns.txt")))


def joinable(target: str, generic: frozenset[str]) -> bool:
    """Whether claims that name ``target`` join it: not generic, not a function word or a fragment
    ("Von", "E": bad targets the argument component gives on news text)."""
    from spacy.lang.de.stop_words import STOP_WORDS

    return len(target) >= MIN_JOIN_LENGTH and target not in generic and target.casefold() not in STOP_WORDS


def sentence_terms(text: str, post_terms: set[str]) -> list[str]:
    """The post's topic terms (lemmas) that a sentence contains: each word or its lemma."""
    from textmine.nlp.german.lemmas import lemmatize

    found: list[str] = []
    for word in _WORD.findall(text):
        for candidate in (word, lemmatize(word)):
            if candidate in post_terms:
                found.append(candidate)
                break
    return found


def assign_topics(statements: Sequence[Statement], run: dict, model: Any, post_terms: dict[str, list[str]],
                  post_topics: dict[str, int]) -> ConceptReport:
    """Concepts = topics of a stored run (``model``: its ``TopicModel``), one per sentence."""
    labels = {int(t["id"]): f"{t['id']}: {t['label']}" for t in run["topics"]}
    term_sets = {post: set(terms) for post, terms in post_terms.items()}
    terms = [sentence_terms(s.text, term_sets.get(s.document, set())) for s in statements]
    with_terms = [i for i, t in enumerate(terms) if t]
    dominant: dict[int, int] = {}
    if with_terms:
        _weights, topics = model.transform([terms[i] for i in with_terms])
        dominant = {i: int(topic) for i, topic in zip(with_terms, topics)}

    topic_of = {s.statement_id: dominant.get(i, post_topics.get(s.document)) for i, s in enumerate(statements)}

    def concepts_of(statement: Statement) -> list[str]:
        topic = topic_of.get(statement.statement_id)
        return [labels[topic]] if topic is not None and topic in labels else []

    return _assign(f"topic run {run['id']}", statements, list(labels.values()), concepts_of)
