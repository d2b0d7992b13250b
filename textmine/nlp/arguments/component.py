"""spaCy component ``textmine_arguments``: claims (who asserts what) and critiques (who criticises
whom or what), one decision per sentence.

The label (claim / critique / none, ``annotation.md``) comes from the sentence model in
``textmine/data/models/arguments/`` (:mod:`textmine.nlp.arguments.model`): a multinomial logistic
regression over lemma and character n-grams, the cue lexicons in ``data/lexicons/arguments/*.txt``
and the sentence's context (the cues of the sentences around it, position, quotes), trained on real
annotated blog text (``scripts/train_arguments.py``) and stored as plain arrays. Without the model
(``use_model=False``) the cue rules decide alone, in this order:

1. a critique cue (``critique.txt``: kritisieren, bemängeln, warnen vor, Kritik an …) makes a
   critique whose critic is the speaker;
2. a doubt frame (``doubt.txt``: "Offen bleibt, ob", "Die Frage ist, warum") makes a critique;
3. a negative evaluation (``negative.txt``) makes a critique, unless it lies in the scope of a demand
   or inside a concessive frame (``concessive.txt``);
4. otherwise normative, evaluative, conclusion and reported cues make a claim; descriptions,
   announcements and narration are kept out.

Speakers (holder of a claim, critic of a critique), for either source of labels: the speaker of a
quotation that the sentence belongs to ("„…“, sagte sie", "X erklärt: „…"; a pronoun or a bare role
is the last speaker, :mod:`textmine.nlp.arguments.speakers`), else the subject of a critique or
reporting cue ("Lember kritisiert, dass …", "Laut X", "X zufolge", "so X"), a reported speech
continuation (Konjunktiv I: the last speaker goes on), a cited source ("… (Schmidt 2020)"), else
``"author"`` (the post's author; ``serialize.with_post_author`` puts the feed's name there and keeps
a ``holder_is_author`` / ``critic_is_author`` flag).

Targets: the object of a split critique verb ("wirft dieser Sichtweise vor") or right after the cue
("warnt vor X"); for "kritisiert, dass …" an actor of the criticised clause; for a negative evaluation
the head of the judged clause's first noun phrase outside a prepositional phrase, the previous
sentence's subject when that is a pronoun; never the critic; a generic noun ("Praxis") yields to a
specific actor in the clause.

Writes ``doc.spans["claims"]`` (``span._.holder``, ``span._.score``) and ``doc.spans["critiques"]``
(``span._.critic``, ``span._.target``, ``span._.score``; the score is the model's probability of the
label).
"""
from __future__ import annotations

import bisect

import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import simplemma
from spacy.language import Language
from spacy.tokens import Doc, Span

from textmine import resources
from textmine.nlp.arguments.speakers import PRONOUNS, quote_speakers
from textmine.nlp.extensions import component_assigns, register_extensions

GROUPS = ("claims", "critiques")
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
_CITATION_LIKE = re.compile(r"\(\s*(?:vgl\.\s*)?[A-ZÄÖÜ][\w’'\-]+[^()]{0,60}?\d{4}|\(\s*ebd|\(\s*ebenda")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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


@dataclass(frozen=True)
class CueLexicon:
    """Compiled cue patterns by category; ``hits(text)`` finds them in one sentence."""

    patterns: dict[str, re.Pattern[str] | None]
    generic_nouns: frozenset[str] = field(default_factory=frozenset)
    #: Built from the patterns by :meth:`load`; without one every regex runs on every sentence.
    prefilter: CuePrefilter | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR, extra: dict[str, Sequence[str]] | None = None) -> "CueLexicon":
        compiled, sources = {}, {}
        for category in CUE_CATEGORIES + RULE_CATEGORIES:
            path = directory / f"{category}.txt"
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


# --------------------------------------------------------------------------------------- features
def lemma_text(text: str) -> str:
    """Lower-cased simplemma lemmas of the words, the classifier's word view of a sentence."""
    return " ".join(simplemma.lemmatize(w, lang="de").lower() for w in _WORD.findall(text))


#: Names of the dense features, in the order :func:`cue_features` returns them.
DENSE_FEATURES = tuple(f"cue_{c}" for c in MODEL_CUES) + (
    "question", "exclamation", "colon_end", "log_words", "short", "dass", "first_person",
    "subjunctive", "modal", "citation", "year", "starts_lower", "no_final_punctuation", "digits", "percent",
)
_DIGIT = re.compile(r"\d")


def cue_features(text: str, lexicon: CueLexicon | None = None) -> list[float]:
    """Cue-lexicon hits and mood/shape features: these transfer from CIMT to blogs."""
    lexicon = lexicon or default_lexicon()
    hits = lexicon.hits(text)
    words = [w.lower() for w in _WORD.findall(text)]
    stripped = text.strip()
    values = [math.log1p(len(hits[c])) for c in MODEL_CUES]
    values += [
        float(stripped.endswith("?")),
        float(stripped.endswith("!")),
        float(stripped.endswith(":")),
        math.log1p(len(words)) / 4.0,
        float(len(words) < 5),
        float("dass" in words),
        float(any(w in _FIRST_PERSON for w in words)),
        float(any(w in _SUBJUNCTIVE for w in words)),
        float(any(w in _MODALS for w in words)),
        float(bool(_CITATION_LIKE.search(text))),
        float(bool(_YEAR.search(text))),
        float(stripped[:1].islower()),
        float(stripped[-1:] not in _FINAL_PUNCTUATION),
        min(1.0, len(_DIGIT.findall(text)) / 8.0),
        float("%" in text or "Prozent" in text),
    ]
    return values


# --------------------------------------------------------------------------------- holder, target
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines diese dieser diesen dieses jene jener "
    "ihre ihrer ihren ihrem seine seiner seinen seinem viele vieler alle aller".split()
)
_PREPOSITIONS = frozenset(
    "im in von vom mit zum zur bei beim auf für aus am an über unter durch gegen ohne nach vor zwischen "
    "seitens hinsichtlich".split()
)
_BASE_NON_SPEAKERS = frozenset(
    "es das dies dieses hier da dann so auch aber und oder doch nun man sie er wir ich wer was wenn ob".split()
)


def _read_words(name: str) -> frozenset[str]:
    path = LEXICON_DIR / name
    return frozenset(w.lower() for w in read_lexicon(path)) if path.exists() else frozenset()


#: Sentence adverbs and connectors ("Zugleich", "Dennoch") are never speakers; users extend
#: ``data/lexicons/arguments/non_speakers.txt``.
_NON_SPEAKERS = _BASE_NON_SPEAKERS | _read_words("non_speakers.txt")
_FIRST_PERSON_SUBJECT = re.compile(r"(?<!\w)(?:ich|wir)(?!\w)", re.IGNORECASE)
_PRONOUN_START = re.compile(r"^\s*(?:Er|Sie)\s+[a-zäöüß]")
_SUBJECT_DEPS = frozenset({"sb", "nsubj", "nsubj:pass", "sbp"})
_NAME = r"[A-ZÄÖÜ][\w’'\-]+(?:\s+[A-ZÄÖÜ][\w’'\-]+)?"
_LAUT = re.compile(
    r"(?<!\w)(?i:laut|nach\s+ansicht|nach\s+auffassung|nach\s+angaben|nach\s+einschätzung|gemäß)"
    r"(?:\s+(?i:von|des|der|dem|den))?\s+(" + _NAME + ")"
)
#: "»…«, schreibt Ritter (2020: 112)": a sentence that opens with a quote and a reporting verb.
_QUOTE_REPORT = re.compile(
    r"[“”\"«»‘’]\s*,\s*(?:so|schreibt|schreiben|sagt|sagen|betont|betonen|erklärt|erklären|meint|meinen|"
    r"resümiert|resümieren|fasst|argumentiert|warnt|kritisiert|heißt\s+es\s+bei)\s+(?:(?:der|die|das)\s+)?"
    r"(?:[a-zäöüß]+\s+)?(" + _NAME + ")"
)
_PAREN_CITATION = re.compile(r"\((?:vgl\.\s*)?([A-ZÄÖÜ][\w’'\-]+)(?:\s*(?:/|und|&)\s*[A-ZÄÖÜ][\w’'\-]+)?(?:\s+et\s+al\.)?\s*,?\s*(?:19|20)\d\d")
_ZUFOLGE = re.compile(r"(?:dem\s+|der\s+)?(" + _NAME + r")\s+zufolge(?!\w)")
_SO_X = re.compile(r"[,–—-]\s*so\s+(" + _NAME + r")\s*(?:\(|[,–—-])")
_AFTER_VERB = re.compile(r"\w+\s+(?:(?:der|die|das|den)\s+)?(" + _NAME + ")")
_CAPITALISED_AT_START = re.compile(r"^\s*(?:(?:Die|Der|Das)\s+)?((?:[A-ZÄÖÜ][\w’'\-]+\s*){1,3})")


def _speaker_from_patterns(sent_text: str, cue_start: int | None) -> tuple[str, int] | None:
    """(speaker, char offset in the sentence) from "Laut X", "X zufolge", "so X", or a capitalised
    subject right before a reporting/critique verb ("Lember kritisiert, dass")."""
    for regex in (_LAUT, _ZUFOLGE, _SO_X, _QUOTE_REPORT):
        match = regex.search(sent_text)
        if match:
            return match.group(1), match.start(1)
    if cue_start is not None:
        before = sent_text[:cue_start]
        if all(w.lower() in _NON_SPEAKERS for w in _WORD.findall(before)):
            # Inversion after a sentence adverb: "Zugleich warnt Schmidt davor, …".
            match = _AFTER_VERB.match(sent_text, cue_start)
            if match and before.strip() and match.group(1).split()[0].lower() not in _NON_SPEAKERS | _DETERMINERS:
                return match.group(1), match.start(1)
        match = _CAPITALISED_AT_START.match(before)
        if match and len(before.split()) <= 6:
            name = match.group(1).strip()
            first = name.split()[0].lower()
            if first not in _NON_SPEAKERS and first not in _DETERMINERS:
                return name, match.start(1)
    return None


def _spans_in(doc: Doc, group: str, start: int, end: int) -> list[Span]:
    if group not in doc.spans:
        return []
    return [s for s in _overlapping(doc, group, start, end) if s.start_char >= start and s.end_char <= end]


_INDEX = "textmine_arguments.index."


def _overlapping(doc: Doc, group: str, start: int, end: int) -> list[Span]:
    """Spans of ``doc.spans[group]`` overlapping [start, end), in text order, found by bisection in
    an index built once per component call (scanning the group per sentence is quadratic)."""
    if group not in doc.spans:
        return []
    key = _INDEX + group
    index = doc.user_data.get(key)
    if index is None:
        spans = sorted(doc.spans[group], key=lambda s: (s.start_char, s.end_char))
        index = ([s.start_char for s in spans], spans, max((len(s.text) for s in spans), default=0))
        doc.user_data[key] = index
    starts, spans, longest = index
    lo = bisect.bisect_left(starts, start - longest)
    hi = bisect.bisect_left(starts, end)
    return [s for s in spans[lo:hi] if s.start_char < end and s.end_char > start]


def _actor_name(span: Span) -> str:
    canonical = span._.canonical if Span.has_extension("canonical") else None
    return canonical or span.text


def _citation_author(span: Span) -> str | None:
    authors = span._.authors if Span.has_extension("authors") else None
    if authors:
        return str(authors[0]).split(",")[0].strip()
    return None


def _dependency_subject(sent: Span, verb_char: int) -> Span | None:
    """The subject of the verb at ``verb_char`` when the pipeline has a parser."""
    doc = sent.doc
    if not _has_parse(doc):
        return None
    verb = next((t for t in sent if t.idx <= verb_char < t.idx + max(len(t.text), 1)), None)
    if verb is None:
        return None
    head = verb if verb.pos_ in {"VERB", "AUX", ""} else verb.head
    for child in head.children:
        if child.dep_ in _SUBJECT_DEPS and child.pos_ in {"PROPN", "NOUN"}:
            return doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def find_speaker(sent: Span, cue_start: int | None) -> str | None:
    """Who speaks in a reported claim or critique (``None`` when no one but the author;
    ``"author"`` when the author speaks in the first person: "Ich halte das für falsch")."""
    doc = sent.doc
    text = sent.text
    pattern = _speaker_from_patterns(text, cue_start)
    if pattern is None and _first_person_speaks(text, cue_start):
        return AUTHOR
    region = (sent.start_char, sent.start_char + (cue_start if cue_start is not None else len(text)))
    if pattern is not None:
        name, offset = pattern
        begin = sent.start_char + offset
        region = (begin, begin + len(name))
    # Prefer an actor span covering the speaker (persons, then organisations, then collectives),
    # then citation authors there.
    if pattern is not None or cue_start is not None:
        candidates = [
            actor for actor in _overlapping(doc, "actors", sent.start_char, sent.end_char)
            if actor.start_char < region[1] and actor.end_char > region[0] and actor.start_char >= sent.start_char
            and actor.text.split()[0].lower() not in _NON_SPEAKERS
        ]
        if not candidates and pattern is not None and cue_start is not None and pattern[1] < cue_start:
            # "Drei große Wohlfahrtsverbände warnen …": the capitalised word at the start is no actor,
            # an actor before the cue is the speaker.
            candidates = [
                actor for actor in _overlapping(doc, "actors", sent.start_char, sent.start_char + cue_start)
                if actor.start_char >= sent.start_char and actor.text.split()[0].lower() not in _NON_SPEAKERS
            ]
        if candidates:
            best = min(candidates, key=lambda a: (_ACTOR_RANK.get(_actor_type(a), 3), a.start_char))
            if _ACTOR_RANK.get(_actor_type(best), 3) >= 2 and pattern is None:
                cited = cited_author(sent)  # "was die Forschung sagt (Nowak 2017)": the cited source
                if cited:
                    return cited
            return _full_name(doc, _actor_name(best))
    for citation in _spans_in(doc, "citations", sent.start_char, sent.end_char):
        if citation.start_char < region[1] + 40 and citation.end_char > region[0] - 1 and pattern is not None:
            author = _citation_author(citation)
            if author:
                return _full_name(doc, author)
    if cue_start is not None:
        subject = _dependency_subject(sent, sent.start_char + cue_start)
        if subject is not None:
            heads = [t for t in subject if t.pos_ == "PROPN"] or [subject.root]
            if heads[0].lower_ not in _NON_SPEAKERS:
                if heads[0].pos_ == "PROPN":
                    return _full_name(doc, " ".join(t.text for t in heads))
                return heads[0].lemma_ or heads[0].text
    if pattern is not None:
        return _full_name(doc, _surname(pattern[0]))
    return None


_ACTOR_RANK = {"person": 0, "organisation": 1, "organization": 1, "collective": 2}
_QUOTED = re.compile(r"[„“”\"»«][^„“”\"»«]{0,400}[„“”\"»«]")


def _actor_type(span: Span) -> str | None:
    return span._.actor_type if Span.has_extension("actor_type") else None


def _first_person_speaks(text: str, cue_start: int | None) -> bool:
    """First person outside quotations, before the cue (or anywhere without one): the author."""
    head = text if cue_start is None else text[:cue_start]
    return bool(_FIRST_PERSON_SUBJECT.search(_QUOTED.sub(" ", head)))


_NAMES = "textmine_arguments.names."


def _full_name(doc: Doc, name: str) -> str:
    """The fullest person name in the post that contains ``name`` ("Murat" -> "Murat Yilmaz")."""
    if not name or " " in name.strip() or "actors" not in doc.spans:
        return name
    key = _NAMES + "map"
    names = doc.user_data.get(key)
    if names is None:
        names = {}
        for actor in doc.spans["actors"]:
            canonical = _actor_name(actor)
            if _actor_type(actor) not in (None, "person") or " " not in canonical:
                continue
            for token in canonical.split():
                if len(canonical) > len(names.get(token.lower(), "")):
                    names[token.lower()] = canonical
        doc.user_data[key] = names
    return names.get(name.lower(), name)


def cited_author(sent: Span) -> str | None:
    """The first author cited in the sentence: a reported claim is held by its source."""
    for citation in _spans_in(sent.doc, "citations", sent.start_char, sent.end_char):
        author = _citation_author(citation)
        if author:
            return _actor_for(sent.doc, citation) or author
    match = _PAREN_CITATION.search(sent.text)
    return match.group(1) if match else None


def _actor_for(doc: Doc, span: Span) -> str | None:
    """The canonical name of an actor span that overlaps ``span`` (the citation's author)."""
    for actor in _overlapping(doc, "actors", span.start_char, span.end_char):
        if actor.start_char < span.end_char and actor.end_char > span.start_char:
            return _actor_name(actor)
    return None


def _surname(name: str) -> str:
    """The last capitalised word of a name ("Veiko Lember" -> "Lember") for pattern matches."""
    words = name.split()
    return words[-1] if len(words) > 1 and words[-1][:1].isupper() else words[0]


def _noun_phrase_head(text: str) -> str | None:
    """The head noun of the first noun phrase in ``text``, by German capitalisation (no parser)."""
    tokens = _WORD.findall(text)
    index = 0
    skip_pp = False
    while index < len(tokens):
        token = tokens[index]
        lower = token.lower()
        if lower in _PREPOSITIONS:
            skip_pp = True
        elif token[:1].isupper() and lower not in _DETERMINERS and lower not in _NON_SPEAKERS:
            if skip_pp:
                skip_pp = False
            else:
                return token
        index += 1
    return None


def _same_name(a: str | None, b: str | None) -> bool:
    """"Okafor" and "Helena Okafor" name the same actor (the critic is never its own target)."""
    x, y = (a or "").lower().split(), (b or "").lower().split()
    if not x or not y:
        return False
    return x[-1] == y[-1] or set(x) <= set(y) or set(y) <= set(x)


def find_target(sent: Span, clause_start: int, critic: str | None, lexicon: CueLexicon,
                inner: tuple[int, int] | None = None, inner_only: bool = False) -> str | None:
    """Whom or what someone criticises: the object inside a split critique verb ("wirft dieser
    Sichtweise vor"), else an actor in the criticised clause (not the critic), else a noun phrase head."""
    doc = sent.doc
    if inner is not None and " " in sent.text[inner[0]:inner[1]].strip():
        first_word = _WORD.search(sent.text, inner[0])
        gap_start = first_word.end() if first_word else inner[0]
        head = _region_head(sent, gap_start, inner[1], critic, lexicon, exclude_last=True)
        if head:
            return head
    if inner_only:
        return None
    start = sent.start_char + clause_start
    actors = [a for a in _spans_in(doc, "actors", start, sent.end_char) if not _same_name(_actor_name(a), critic)]
    if not actors:
        actors = [a for a in _spans_in(doc, "actors", sent.start_char, sent.end_char)
                  if not _same_name(_actor_name(a), critic)]
    specific = [a for a in actors if _actor_name(a) not in lexicon.generic_nouns]
    if specific or actors:
        return _actor_name((specific or actors)[0])
    clause = _doc_text(doc)[start : sent.end_char]
    if _has_parse(doc):
        chunk = _first_noun(sent, start)
        if chunk:
            return chunk
    head = _noun_phrase_head(clause)
    if head is None:
        return None
    lemma = simplemma.lemmatize(head, lang="de")
    return lemma if lemma[:1].isupper() else head


_NOUN_TAGS = frozenset({"NN", "NE"})
#: A judged clause whose subject is a pronoun: the target is the previous sentence's subject.
_ANAPHOR = re.compile(
    r"^\s*(?:Sie|Er|Manche|Einige)\s+(?![A-ZÄÖÜ]|(?:der|die|das|den|dem|des|von|unter|aus)(?!\w))"
)


def _after_opening_frame(text: str, lexicon: CueLexicon) -> int:
    """Where the clause after an opening frame ("Offen bleibt, ob …", "Schade, dass …") starts, else 0."""
    hits = lexicon.hits(text)
    ends = [b for c in ("doubt", "negative", "evaluative") for a, b in hits[c] if a <= 2]
    return _clause_start(text, max(ends)) if ends else 0
_LABEL = re.compile(r"^\s*(?:\w+[ -]?){1,3}:\s")  # "Verlässlichkeit: …", a list item's label


def _judged_region(text: str, cue: tuple[int, int], frame: tuple[int, int] | None) -> int:
    """Where the judged clause starts for a negative evaluation: after a reporting frame or an opening
    evaluative frame ("Schade, dass …", "Es ist problematisch, dass …"), else at the sentence start
    (after a list label), since the subject of the judged clause is what is judged ("Die
    Unterbringung … löst aber kein Problem")."""
    if frame is not None and frame[0] < cue[0]:
        return _clause_start(text, frame[1])
    before = _WORD.findall(text[:cue[0]])
    if all(w.lower() in _NON_SPEAKERS or w[:1].islower() for w in before):
        return _clause_start(text, cue[1])
    label = _LABEL.match(text)
    return label.end() if label else 0


def judged_subject(sent: Span, region_start: int, critic: str | None, lexicon: CueLexicon,
                   inner: tuple[int, int] | None = None) -> str | None:
    """The target of a negative evaluation (or the object of "warnt vor X"): the head of the judged
    clause's first noun phrase outside a prepositional phrase (an actor name when an actor span
    covers it), not the critic."""
    if inner is not None:
        target = find_target(sent, region_start, critic, lexicon, inner=inner, inner_only=True)
        if target:
            return target
    head = _region_head(sent, region_start, len(sent.text), critic, lexicon)
    if head:
        return head
    return find_target(sent, region_start, critic, lexicon)


def _region_head(sent: Span, begin: int, end: int, critic: str | None, lexicon: CueLexicon,
                 exclude_last: bool = False) -> str | None:
    """The first noun phrase head in ``sent.text[begin:end]`` that is not inside a prepositional
    phrase and does not name the critic; a generic actor noun ("Organisationen") yields to a specific
    actor of the region."""
    doc = sent.doc
    lo, hi = sent.start_char + begin, sent.start_char + end
    tokens = [t for t in sent if lo <= t.idx < hi]
    if exclude_last and tokens:
        tokens = tokens[:-1]  # the particle of a split verb ("vor")
    tagged = any(t.tag_ for t in tokens)
    in_pp = False
    for token in tokens:
        if tagged:
            if token.tag_.startswith("APPR"):
                in_pp = True
                continue
            is_noun = token.tag_ in _NOUN_TAGS
        else:
            lower = token.lower_
            if lower in _PREPOSITIONS:
                in_pp = True
                continue
            is_noun = (token.text[:1].isupper() and lower not in _DETERMINERS and lower not in _NON_SPEAKERS
                       and (token.i != sent.start or simplemma.lemmatize(token.text, lang="de")[:1].isupper()))
        if not is_noun:
            continue
        if in_pp:
            in_pp = False
            continue
        name = _target_name(doc, token, lo, hi, lexicon)
        if name and not _same_name(name, critic):
            return name
    return None


def _target_name(doc: Doc, token, lo: int, hi: int, lexicon: CueLexicon) -> str | None:
    """The actor covering ``token`` (a specific one of the region when it is generic), else its lemma."""
    actor = next((a for a in _overlapping(doc, "actors", token.idx, token.idx + len(token.text))), None)
    if actor is not None:
        name = _actor_name(actor)
        if name in lexicon.generic_nouns:
            specific = [a for a in _spans_in(doc, "actors", lo, hi) if _actor_name(a) not in lexicon.generic_nouns]
            if specific:
                return _actor_name(specific[0])
        return name
    if token.text.lower() in _NON_SPEAKERS:
        return None
    lemma = token.lemma_ if token.lemma_ and token.lemma_[:1].isupper() else simplemma.lemmatize(token.text, lang="de")
    if lemma in lexicon.generic_nouns:  # "eine Praxis, in der Versorger …": the actor behind it
        specific = [a for a in _spans_in(doc, "actors", lo, hi) if _actor_name(a) not in lexicon.generic_nouns]
        if specific:
            return _actor_name(specific[0])
    return lemma if lemma[:1].isupper() else token.text


def _first_noun(sent: Span, start: int) -> str | None:
    for token in sent:
        if token.idx >= start and token.pos_ in {"NOUN", "PROPN"} and token.text not in {"Seiten", "Frage"}:
            return token.lemma_ or token.text
    return None


# ----------------------------------------------------------------------------------- the decision
@dataclass
class SentenceDecision:
    label: str  # "claim" | "critique" | "none"
    score: float
    holder: str | None = None
    target: str | None = None


_CRITIQUE_VERB_CATEGORIES = ("critique",)
_AUTHOR_CRITIQUE_CATEGORIES = ("negative", "doubt")


def _first(hits: dict[str, list[tuple[int, int]]], categories: Iterable[str]) -> tuple[int, int] | None:
    spans = [span for c in categories for span in hits.get(c, [])]
    return min(spans) if spans else None


_BIB_ENTRY = re.compile(
    r"^[^()]{0,120}\((?:19|20)\d\d[a-z]?\)\s*:|\(Hrsg\.?\)|,\s*in:\s|\bS\.\s*\d+\s*[-–]\s*\d+\.?\s*$"
    r"|^[A-ZÄÖÜ][\w\- ]{1,40}:\s*[A-ZÄÖÜ][\w.\- ]{1,60}\.?$"
)
_FINAL_PUNCTUATION = frozenset(".!?:;…\"“”»«)")


def _is_non_sentence(text: str, followed_by_break: bool = True) -> bool:
    """Headings, list labels, bibliography entries: no claim possible."""
    words = _WORD.findall(text)
    stripped = text.strip()
    if len(words) < 4:
        return True
    if stripped.endswith(":") and len(words) < 8:
        return True
    if followed_by_break and stripped[-1:] not in _FINAL_PUNCTUATION and len(words) < 12:
        return True  # a heading or a list fragment: no final punctuation before a paragraph break
    return bool(_BIB_ENTRY.search(stripped))


def _overlaps(doc: Doc, group: str, sent: Span) -> bool:
    return bool(_overlapping(doc, group, sent.start_char, sent.end_char))


@dataclass
class DocContext:
    """What earlier sentences of the post tell about later ones."""

    in_bibliography: bool = False
    last_speaker: str | None = None
    previous: Span | None = None  # the sentence before, for anaphoric targets ("Sie bringen aber …")


_HAS_PARSE = "textmine_arguments.has_parse"
_TEXT = "textmine_arguments.text"


def _doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each call: keep it for the duration of the component's call."""
    cached = doc.user_data.get(_TEXT)
    return doc.text if cached is None else cached


def _has_parse(doc: Doc) -> bool:
    """Whether the doc has a dependency parse (cached for the duration of the component's call)."""
    cached = doc.user_data.get(_HAS_PARSE)
    return doc.has_annotation("DEP") if cached is None else cached


def decide(
    sent: Span,
    lexicon: CueLexicon,
    probabilities: tuple[float, float] | None,
    threshold: float = 0.5,
    context: DocContext | None = None,
    model_label: tuple[str, float] | None = None,
    speaker: str | None = None,
) -> SentenceDecision:
    """Label one sentence claim / critique / none, combining cue hits and the classifier."""
    context = context or DocContext()
    text = sent.text
    hits = lexicon.hits(text)
    doc_text = _doc_text(sent.doc)
    tail = text[len(text.rstrip()):] + doc_text[sent.end_char:sent.end_char + 2]
    followed_by_break = "\n" in tail or sent.end_char >= len(doc_text.rstrip())
    if hits["bibliography_heading"] and len(_WORD.findall(text)) <= 3:
        context.in_bibliography = True
    if context.in_bibliography or _overlaps(sent.doc, "references", sent):
        return SentenceDecision("none", 0.0)
    if model_label is None and (_is_non_sentence(text, followed_by_break) or hits["announcement"]):
        return SentenceDecision("none", 0.0)  # the model learned headings and announcements itself
    if model_label is not None:
        decision = _attribute(sent, hits, lexicon, *model_label, speaker=speaker)
    else:
        decision = _decide_argument(sent, hits, lexicon, probabilities, threshold)
    if decision.label == "critique" and context.previous is not None and _ANAPHOR.match(text):
        # "Sie bringen aber auch Abhängigkeiten mit sich": the subject of the sentence before.
        antecedent = _region_head(context.previous, _after_opening_frame(context.previous.text, lexicon),
                                  len(context.previous.text), decision.holder, lexicon)
        decision.target = antecedent or decision.target
    context.previous = sent
    if decision.label != "none":
        # "Sie wirft … vor", "Er fordert …", Konjunktiv I: the last named speaker goes on speaking.
        pronoun = bool(_PRONOUN_START.match(text)) and bool(hits["critique"] or hits["reported"])
        own_voice = _first_person_speaks(text, None)
        continues = bool(hits["continuation"]) or _subjunctive_one(sent)
        if (decision.holder in (None, AUTHOR) and (continues or pronoun) and context.last_speaker
                and not own_voice):
            decision.holder = context.last_speaker
        context.last_speaker = decision.holder if decision.holder != AUTHOR else context.last_speaker
        if decision.holder == AUTHOR and not (continues or pronoun):
            context.last_speaker = None
    return decision


_FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})


def _subjunctive_one(sent: Span) -> bool:
    """Konjunktiv I of reported speech by the tagger: a finite verb in the third person singular
    ending in "-e" but not the past "-te" ("Er gehe nicht darauf ein", "Die Anpassung beruhe auf …")."""
    for token in sent:
        if token.tag_ in _FINITE_TAGS and token.lower_.endswith("e") and not token.lower_.endswith("te"):
            morph = token.morph
            if morph.get("Person") == ["3"] and morph.get("Number") != ["Plur"]:
                return True
    return False


def _decide_argument(sent: Span, hits: dict, lexicon: CueLexicon, probabilities, threshold: float) -> SentenceDecision:
    text = sent.text
    p_arg = probabilities[0] if probabilities else 0.5
    stripped = text.strip()
    # A verb cue names the critic before it; a noun cue at the start ("Kritiker wenden ein") is the critic.
    verbs = [span for span in hits["critique"] if text[span[0]:span[0] + 1].islower()]
    critique_cue = min(verbs) if verbs else _first(hits, _CRITIQUE_VERB_CATEGORIES)
    # Negative words inside a demand's clause ("… sollte die Schattenseiten nicht verschweigen") or a
    # concessive frame ("Es mag paradox klingen") judge nothing; a negative clause of its own does
    # ("Hersteller müssen X nachweisen, was kaum zu stemmen ist"). Doubt frames always criticise.
    hits = dict(hits, negative=_judging_negatives(text, hits))
    author_critique = _first(hits, _AUTHOR_CRITIQUE_CATEGORIES)
    reported = _first(hits, ("reported",))
    strong_claim = any(hits[c] for c in ("normative", "conclusion", "evaluative"))
    description = bool(hits["description"])

    # Questions assert nothing unless a doubt frame makes them a doubt ("Die Frage ist, ob …?")
    # or they are rhetorical ("Ist es nicht längst Aufgabe der Kommunen, …?").
    colon = stripped.find(":")
    asks = stripped.endswith("?") and not (colon > 0 and any(
        a < colon for c in ("normative", "evaluative", "reported") for a, _ in hits[c]))
    if asks and not (hits["doubt"] or critique_cue):
        if hits["rhetorical"]:
            return SentenceDecision("claim", _combine(p_arg, 0.7), find_speaker(sent, None) or AUTHOR)
        return SentenceDecision("none", round(min(p_arg, 0.3), 3))

    if critique_cue is not None or author_critique is not None:
        cue = critique_cue or author_critique
        stance = critique_cue is None and _STANCE.match(text, cue[0]) is not None  # "X ist skeptisch"
        speaker = find_speaker(sent, cue[0]) if critique_cue is not None or stance else find_speaker(sent, None)
        if critique_cue is None and reported is not None and speaker is None:
            speaker = find_speaker(sent, reported[0])
        if speaker is None and critique_cue is None and hits["negative"]:
            speaker = cited_author(sent)  # a negative judgement reported from a cited source
        critic = speaker or AUTHOR
        if critique_cue is not None:
            clause_start = _clause_start(text, cue[1])
            if clause_start == cue[1]:  # an object right after the cue ("warnt vor X", "Kritik an X")
                target = judged_subject(sent, cue[1], critic, lexicon, inner=cue)
            else:
                target = find_target(sent, clause_start, critic, lexicon, inner=cue)
        elif cue in hits["doubt"]:
            target = find_target(sent, _clause_start(text, cue[1]), critic, lexicon)
        else:
            frame = _first(hits, ("reported",))
            target = judged_subject(sent, _judged_region(text, cue, frame), critic, lexicon)
        score = _combine(p_arg, 0.9 if critique_cue is not None else 0.8)
        return SentenceDecision("critique", score, critic, target)

    cue_score = 0.0
    if hits["normative"]:
        cue_score = max(cue_score, 0.75)
    if hits["conclusion"]:
        cue_score = max(cue_score, 0.6)
    if hits["evaluative"]:
        cue_score = max(cue_score, 0.55)
    if reported is not None:
        cue_score = max(cue_score, 0.7)
    if description and not strong_claim and reported is None:
        # "Der Aufsatz untersucht …": a description of a text, not a position.
        return SentenceDecision("none", round(min(p_arg, 0.3), 3))
    narration = len(hits["narration"]) + _perfect_tense(sent)
    if not cue_score and narration:
        # Events, dates, past tense, study methods: narration or description rather than a position.
        p_arg = max(0.0, p_arg - 0.3 - 0.1 * min(narration - 1, 2))
    elif not cue_score and _CITATION_LIKE.search(text):
        cue_score = 0.45  # a finding reported with a parenthetical citation: a claim of the cited author
    score = _combine(p_arg, cue_score) if cue_score else p_arg
    if score < threshold:
        return SentenceDecision("none", round(score, 3))
    holder = find_speaker(sent, reported[0]) if reported is not None else find_speaker(sent, None)
    return SentenceDecision("claim", round(score, 3), holder or cited_author(sent) or AUTHOR)


def _attribute(sent: Span, hits: dict, lexicon: CueLexicon, label: str, score: float,
               speaker: str | None = None) -> SentenceDecision:
    """Speaker and target for a sentence the model labelled: the cue that carries the judgement
    where there is one ("X kritisiert, dass …", "Offen bleibt, ob …"), else the reported speaker,
    a cited source, or the author; ``speaker``, when given, is the quotation's speaker."""
    score = round(float(score), 3)
    if label == "none":
        return SentenceDecision("none", score)
    text = sent.text
    reported = _first(hits, ("reported",))
    if label == "claim":
        holder = speaker or (find_speaker(sent, reported[0]) if reported is not None else find_speaker(sent, None))
        return SentenceDecision("claim", score, holder or cited_author(sent) or AUTHOR)
    verbs = [span for span in hits["critique"] if text[span[0]:span[0] + 1].islower()]
    critique_cue = min(verbs) if verbs else _first(hits, _CRITIQUE_VERB_CATEGORIES)
    hits = dict(hits, negative=_judging_negatives(text, hits))
    author_critique = _first(hits, _AUTHOR_CRITIQUE_CATEGORIES)
    if critique_cue is not None:
        critic = speaker or find_speaker(sent, critique_cue[0]) or AUTHOR
        clause_start = _clause_start(text, critique_cue[1])
        if clause_start == critique_cue[1]:
            target = judged_subject(sent, critique_cue[1], critic, lexicon, inner=critique_cue)
        else:
            target = find_target(sent, clause_start, critic, lexicon, inner=critique_cue)
        return SentenceDecision("critique", score, critic, target)
    quoted = speaker
    if speaker is None and reported is not None:
        speaker = find_speaker(sent, reported[0])
    if author_critique is not None and speaker is None and _STANCE.match(text, author_critique[0]):
        speaker = find_speaker(sent, author_critique[0])
    critic = (speaker or (find_speaker(sent, None) if reported is None and quoted is None else None)
              or cited_author(sent) or AUTHOR)
    if author_critique is not None and author_critique in hits["doubt"]:
        target = find_target(sent, _clause_start(text, author_critique[1]), critic, lexicon)
    elif author_critique is not None:
        target = judged_subject(sent, _judged_region(text, author_critique, reported), critic, lexicon)
    else:
        start = _clause_start(text, reported[1]) if reported is not None else (_LABEL.match(text).end() if _LABEL.match(text) else 0)
        target = judged_subject(sent, start, critic, lexicon)
    return SentenceDecision("critique", score, critic, target)


#: A clause of its own after a demand: ", was …", ", weil …", ", aber …", "…, wird …" (main clause after
#: a fronted "wenn" clause), or a colon/semicolon.
_OWN_CLAUSE = re.compile(
    r"[,–—]\s*(?i:was|weil|da|denn|aber|doch|jedoch|obwohl|wodurch|womit|sodass|wird|werden|ist|sind|"
    r"bleibt|bleiben)(?!\w)|[;:]"
)


def _judging_negatives(text: str, hits: dict) -> list[tuple[int, int]]:
    """Negative hits that judge: not inside a concessive frame and not in the scope of a demand (a
    normative cue later in the sentence, or an earlier one without a clause of its own between)."""
    concessive = hits.get("concessive", [])
    demands = hits.get("normative", [])
    breaks = [m.start() for m in _OWN_CLAUSE.finditer(text)]

    def in_demand(a: int) -> bool:
        for start, end in demands:
            if start >= a:
                return True
            if not any(end <= b < a for b in breaks):
                return True
        return False

    return [(a, b) for a, b in hits.get("negative", [])
            if not any(c <= a and b <= d for c, d in concessive) and not in_demand(a)]


_STANCE = re.compile(r"(?i:skept|besorgt|bezweif|zweifel|beunruhig)")
_PERFECT_AUX = frozenset("hat haben hatte hatten ist sind war waren wurde wurden".split())


def _perfect_tense(sent: Span) -> int:
    """1 when the tagger marks a finite auxiliary with a past participle and no modal (Perfekt,
    Plusquamperfekt, passive of past events: "hat … aufgebaut", "wurde … gegründet"), else 0."""
    tags = [(t.tag_, t.lower_) for t in sent]
    if not any(tag for tag, _ in tags):
        return 0
    has_aux = any(tag == "VAFIN" and word in _PERFECT_AUX for tag, word in tags)
    has_participle = any(tag == "VVPP" for tag, _ in tags)
    has_modal = any(tag == "VMFIN" for tag, _ in tags)
    return int(has_aux and has_participle and not has_modal)


def _clause_start(text: str, after: int) -> int:
    """Where the criticised clause starts: after ", dass"/"ob"/"warum" following the cue, else the cue."""
    match = re.compile(r"(?<!\w)(?:dass|ob|warum|weshalb|wieso|wie|weil)(?!\w)", re.IGNORECASE).search(text, after)
    return match.end() if match and match.start() - after < 40 else after


def _combine(p_model: float, p_cue: float) -> float:
    """Noisy-or of the classifier's and the cues' evidence (either can make an argument)."""
    return round(1.0 - (1.0 - p_model) * (1.0 - p_cue), 3)


# ----------------------------------------------------------------------------------- the component
@Language.factory(
    "textmine_arguments",
    default_config={"model_dir": None, "lexicon_dir": None, "threshold": 0.5, "use_model": True},
    assigns=component_assigns("claims", "critiques"),
    requires=["doc.spans"],  # the actor and citation spans (holders, critics, targets)
)
def make_component(
    nlp: Language, name: str, model_dir: str | None, lexicon_dir: str | None, threshold: float, use_model: bool
):
    register_extensions()
    from textmine.nlp.arguments.model import SentenceModel

    lexicon = CueLexicon.load(Path(lexicon_dir)) if lexicon_dir else default_lexicon()
    model = SentenceModel.load(Path(model_dir) if model_dir else None) if use_model else None
    return ArgumentComponent(lexicon, model, threshold)


class ArgumentComponent:
    """Labels every sentence; the model is loaded once per component instance. Without a model
    (``use_model=False``) the cue rules alone decide."""

    def __init__(self, lexicon: CueLexicon, model=None, threshold: float = 0.5):
        self.lexicon = lexicon
        self.model = model
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        # has_annotation() scans every token: ask once per doc, not once per sentence.
        doc.user_data[_HAS_PARSE] = doc.has_annotation("DEP")
        doc.user_data[_TEXT] = doc.text
        try:
            return self._label(doc)
        finally:
            doc.user_data.pop(_HAS_PARSE, None)
            doc.user_data.pop(_TEXT, None)
            for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith((_INDEX, _NAMES))]:
                del doc.user_data[key]

    def _label(self, doc: Doc) -> Doc:
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        sentences = [s for s in sentences if s.text.strip()]
        labels: list[tuple[str, float]] | None = None
        if self.model is not None and sentences:
            names, probabilities = self.model.predict_document([s.text for s in sentences], self.lexicon)
            index = {c: i for i, c in enumerate(self.model_classes)}
            labels = [(name, float(row[index[name]])) for name, row in zip(names, probabilities)]
        claims, critiques = [], []
        context = DocContext()
        attributions = quote_speakers(_doc_text(doc), [(s.start_char, s.end_char) for s in sentences])
        for index_, sent in enumerate(sentences):
            # "„…“, sagte sie", "X erklärt: „…": the quotation's speaker speaks every sentence of it.
            speaker = (resolve_speaker(doc, attributions[index_], context.last_speaker)
                       if attributions[index_] is not None else None)
            decision = decide(sent, self.lexicon, None, self.threshold, context,
                              labels[index_] if labels is not None else None, speaker)
            if (not speaker and decision.label != "none" and decision.holder
                    and decision.holder.lower() in _person_roles()):
                # "Die Autorin kritisiert …": the person named before (the last speaker or person).
                speaker = _person_before(doc, sent.start_char, context.last_speaker)
            if speaker:
                context.last_speaker = speaker
                if decision.label != "none":  # the cue rules' own speaker yields to the quotation's
                    decision.holder = speaker
                    if decision.label == "critique" and _same_name(decision.target, speaker):
                        decision.target = None
            span = _trim(sent)
            if decision.label in ("claim", "critique"):
                # Labelled "claim" / "critique" for displaCy (style="span"); the ``Span._`` values
                # live in doc.user_data by character offsets, so they are the same span's.
                span = Span(doc, span.start, span.end, label=decision.label)
            if decision.label == "claim":
                span._.holder = decision.holder
                span._.score = decision.score
                claims.append(span)
            elif decision.label == "critique":
                span._.critic = decision.holder
                span._.target = decision.target
                span._.score = decision.score
                critiques.append(span)
        doc.spans["claims"] = claims
        doc.spans["critiques"] = critiques
        return doc

    @property
    def model_classes(self) -> tuple[str, ...]:
        from textmine.nlp.arguments.model import CLASSES

        return CLASSES


#: "Die Bundesdatenschutzbeauftragte Louisa Specht-Riemenschneider", "Bitkom-Präsident Achim Berg": a role
#: noun before a first and last name (the person a later "sie"/"er" refers to when no actor span has it).
_ROLE_AND_NAME = re.compile(
    r"(?<!\w)[A-ZÄÖÜ][\w\-]*(?:in|er|ent|te|or|chef|ef)\s+([A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)(?!\w)"
)
_APPOSITION = re.compile(r"[^.!?„“\"»«]{0,60}?,\s*([A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][\w\-]+)(?!\w)")
_ROLE_ONLY = re.compile(r"^(?:der|die|das|den|dem)\s+(?:[a-zäöüß]\w*\s+)?[A-ZÄÖÜ][\w\-]+$")


@functools.lru_cache(maxsize=1)
def _person_roles() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.read_lines(resources.lexicon_path("arguments", "person_roles.txt")))


def _person_before(doc: Doc, position: int, last_speaker: str | None) -> str | None:
    """The person a role noun or pronoun refers to: the last speaker when that is a full name, else
    the last person actor (or "Role First Last" phrase) before ``position``."""
    if last_speaker and last_speaker != AUTHOR and " " in last_speaker:
        return last_speaker
    persons = [a for a in _overlapping(doc, "actors", 0, position) if _actor_type(a) == "person"]
    if persons:
        return _full_name(doc, _actor_name(persons[-1]))
    named = list(_ROLE_AND_NAME.finditer(_doc_text(doc), 0, position))
    return named[-1].group(1) if named else None


def resolve_speaker(doc: Doc, attribution, last_speaker: str | None) -> str | None:
    """The actor an attributed speaker names: a pronoun or a bare role ("sie", "der Verband",
    "der Forscher") is the last speaker (else the last person named before it); a name is the
    actor span covering it (persons first), in its fullest form."""
    name = attribution.name.strip()
    if not name:
        return last_speaker if last_speaker != AUTHOR else None
    if _ROLE_ONLY.match(name):
        # "sagt der sozialpolitische Sprecher der Fraktion, Martin Rosemann": the apposition names him.
        apposition = _APPOSITION.match(_doc_text(doc), attribution.end)
        if apposition:
            return _full_name(doc, apposition.group(1))
    if name.lower() in PRONOUNS or _ROLE_ONLY.match(name):
        if last_speaker and last_speaker != AUTHOR:
            return last_speaker
        before = [a for a in _overlapping(doc, "actors", 0, attribution.start) if _actor_type(a) == "person"]
        if before:
            return _full_name(doc, _actor_name(before[-1]))
        named = list(_ROLE_AND_NAME.finditer(_doc_text(doc), 0, attribution.start))
        if named:
            return named[-1].group(1)
        return None if name.lower() in PRONOUNS else _surname(name)
    actors = [a for a in _overlapping(doc, "actors", attribution.start, attribution.end)]
    if actors:
        best = min(actors, key=lambda a: (_ACTOR_RANK.get(_actor_type(a), 3), -a.start_char))
        return _full_name(doc, _actor_name(best))
    words = [w for w in name.split() if w[:1].isupper()]
    return _full_name(doc, " ".join(words[-2:])) if words else None


def _trim(sent: Span) -> Span:
    """The sentence without leading/trailing whitespace tokens (so offsets match the text)."""
    start, end = sent.start, sent.end
    while start < end and sent.doc[start].is_space:
        start += 1
    while end > start and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end]



def model_meta(directory: Path = MODEL_DIR) -> dict:
    """The shipped sentence model's ``meta.json`` (credits, licence, validation scores)."""
    path = Path(directory) / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
