"""Who speaks and what is judged: speakers, cited authors and critique targets of a sentence."""
from __future__ import annotations

import bisect
import contextlib
import contextvars
import functools
import re
from typing import Iterator

from textmine.nlp.german.lemmas import lemmatize
from spacy.tokens import Doc, Span

from textmine.nlp.common.names import UPPER
from textmine.nlp.common.speech import speech_verbs
from textmine.nlp.arguments.cues import (
    _WORD,
    AUTHOR,
    LEXICON_DIR,
    CueLexicon,
    read_lexicon,
)
from textmine.nlp.contract import ACTORS, CITATIONS

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

_NAME = r"[" + UPPER + r"][\w’'\-]+(?:\s+[" + UPPER + r"][\w’'\-]+)?"

_LAUT = re.compile(
    r"(?<!\w)(?i:laut|nach\s+ansicht|nach\s+auffassung|nach\s+angaben|nach\s+einschätzung|nach\s+meinung|"
    r"nach\s+überzeugung|aus\s+sicht|in\s+den\s+augen|gemäß)"
    r"(?:\s+(?i:von|des|der|dem|den|vieler|einiger|mancher|zahlreicher))?\s+(" + _NAME + ")"
)

#: "»…«, schreibt Ritter (2020: 112)": a sentence that opens with a quote and a reporting verb.
@functools.lru_cache(maxsize=1)
def _quote_report() -> re.Pattern[str]:
    # The shared verbs of saying (data/lexicons/common/speech_verbs.txt), "fasst (zusammen)" and
    # "heißt es bei".
    return re.compile(
        r"[“”\"«»‘’]\s*,\s*(?:" + speech_verbs().regex() + r"|fasst|heißt\s+es\s+bei)\s+(?:(?:der|die|das)\s+)?"
        r"(?:[a-zäöüß]+\s+)?(" + _NAME + ")"
    )


#: "die Kritik des Caritasverbands", "Kritik von Attac": the critic in the genitive or after "von".
_CRITIQUE_OF = re.compile(r"(?<!\w)(?:Kritik|Warnung|Einwand|Vorwurf)\s+(?:des|der|von)\s+(" + _NAME + ")")

#: "Kritiker:innen", "Kritikerinnen", "der Kritiker": the unnamed critics themselves.
_CRITICS_NOUN = re.compile(r"(?<!\w)Kritiker(?:\*innen|:innen|_innen|Innen|innen|in)?(?!\w)")

_ZUFOLGE = re.compile(r"(?:dem\s+|der\s+)?(" + _NAME + r")\s+zufolge(?!\w)")

_SO_X = re.compile(r"[,–—-]\s*so\s+(" + _NAME + r")\s*(?:\(|[,–—-])")

_AFTER_VERB = re.compile(r"\w+\s+(?:(?:der|die|das|den)\s+)?(" + _NAME + ")")

#: The subject after a fronted adverbial or quote ("Auf einer Kundgebung warnten die Verbände",
#: "…, warnen die Wohlfahrtsverbände in NRW", "Gleichwohl wettern viele Medien"): German puts it right
#: after the finite verb.
_INVERTED_SUBJECT = re.compile(
    r"\w*\s+(?:(?i:der|die|das|den|dem|des|viele|zahlreiche|etliche|einige|mehrere|manche|alle|auch)\s+)?"
    r"(?:(?!(?:" + "|".join(sorted(_PREPOSITIONS)) + r")\s)[a-zäöüß][\w\-]*\s+)?(" + _NAME + ")"
)

#: Possessives open a subject ("Ihr Bundesvorsitzender warnt"), never an adverbial.
_POSSESSIVES = frozenset("ihr sein unser euer mein dein".split())

_PRONOUN_AFTER_VERB = re.compile(r"\w*\s+(?:er|sie)(?!\w)")

#: "Berlin – …", "Köln (dpa) – …": a dateline, never a speaker.
_DATELINE = re.compile(r"^\s*[" + UPPER + r"][\w\-]+(?:\s*\([^)]*\))?\s*[–—-]\s")


def _fronted_adverbial(before: str) -> bool:
    """Whether the words before the verb are no subject: a dateline, a clause ending in a comma or a
    quote, or a first word that is a preposition, adverb or conjunction ("Auf", "Angesichts",
    "Gleichwohl", "Bekanntermaßen": simplemma gives them a lower-case lemma)."""
    stripped = before.rstrip()
    if not stripped or _DATELINE.match(before):
        return bool(stripped)
    if stripped[-1] in ",:“”\"»«":
        return True
    words = _WORD.findall(before)
    if not words:
        return False
    first = words[0]
    low = first.lower()
    if low in _DETERMINERS or low in _POSSESSIVES or low in ("er", "sie", "es", "wir", "ich", "man"):
        return False
    if low in _PREPOSITIONS:
        return True
    return first[:1].isupper() and lemmatize(first)[:1].islower()


def unnamed_critics(text: str) -> str | None:
    """"Kritiker" when the sentence names critics only by that noun (outside quotations)."""
    return "Kritiker" if _CRITICS_NOUN.search(_QUOTED.sub(" ", text)) else None


def pronoun_after_verb(text: str, cue_start: int) -> bool:
    """"Auf der Kundgebung warnten sie …", "In seinem Buch kritisiert er …": a pronoun subject right
    after the cue verb, behind a fronted adverbial (the last speaker goes on)."""
    return (text[cue_start:cue_start + 1].islower() and _fronted_adverbial(text[:cue_start])
            and bool(_PRONOUN_AFTER_VERB.match(text, cue_start)))


_CAPITALISED_AT_START = re.compile(r"^\s*(?:(?:Die|Der|Das)\s+)?((?:[" + UPPER + r"][\w’'\-]+\s*){1,3})")

def _speaker_from_patterns(sent_text: str, cue_start: int | None) -> tuple[str, int] | None:
    """(speaker, char offset in the sentence) from "Laut X", "X zufolge", "so X", or a capitalised
    subject right before a reporting/critique verb ("Lember kritisiert, dass")."""
    for regex in (_LAUT, _ZUFOLGE, _SO_X, _quote_report(), _CRITIQUE_OF):
        match = regex.search(sent_text)
        if match:
            return match.group(1), match.start(1)
    if cue_start is not None:
        before = sent_text[:cue_start]
        verb = sent_text[cue_start:cue_start + 1].islower()  # "warnt", not the noun "Kritik"
        if verb and _fronted_adverbial(before) and not _PRONOUN_AFTER_VERB.match(sent_text, cue_start):
            match = _INVERTED_SUBJECT.match(sent_text, cue_start)
            if match and match.group(1).split()[0].lower() not in _NON_SPEAKERS | _DETERMINERS:
                return match.group(1), match.start(1)
        if verb and _fronted_adverbial(before):
            return None  # a pronoun or no subject after the verb: never a word of the adverbial
        if all(w.lower() in _NON_SPEAKERS for w in _WORD.findall(before)):
            # Inversion after a sentence adverb: "Zugleich warnt Schmidt davor, …".
            match = _AFTER_VERB.match(sent_text, cue_start)
            if match and before.strip() and match.group(1).split()[0].lower() not in _NON_SPEAKERS | _DETERMINERS:
                return match.group(1), match.start(1)
        match = None if _fronted_adverbial(before) else _CAPITALISED_AT_START.match(before)
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

#: Facts about the doc that the component's call computes once (its text, whether it is parsed,
#: span indexes): held for the duration of one call, never stored on the Doc.
_CALL: contextvars.ContextVar[tuple[Doc, dict] | None] = contextvars.ContextVar("textmine_arguments_call", default=None)


@contextlib.contextmanager
def call_cache(doc: Doc) -> Iterator[None]:
    """Remember per-doc facts while the component labels ``doc``."""
    token = _CALL.set((doc, {"text": doc.text, "has_parse": doc.has_annotation("DEP")}))
    try:
        yield
    finally:
        _CALL.reset(token)


def _cache(doc: Doc) -> dict | None:
    current = _CALL.get()
    return current[1] if current is not None and current[0] is doc else None


def _overlapping(doc: Doc, group: str, start: int, end: int) -> list[Span]:
    """Spans of ``doc.spans[group]`` overlapping [start, end), in text order, found by bisection in
    an index built once per component call (scanning the group per sentence is quadratic)."""
    if group not in doc.spans:
        return []
    cache = _cache(doc)
    key = ("index", group)
    index = cache.get(key) if cache is not None else None
    if index is None:
        spans = sorted(doc.spans[group], key=lambda s: (s.start_char, s.end_char))
        index = ([s.start_char for s in spans], spans, max((len(s.text) for s in spans), default=0))
        if cache is not None:
            cache[key] = index
    starts, spans, longest = index
    lo = bisect.bisect_left(starts, start - longest)
    hi = bisect.bisect_left(starts, end)
    return [s for s in spans[lo:hi] if s.start_char < end and s.end_char > start]

def _actor_name(span: Span) -> str:
    canonical = span._.textmine_canonical if Span.has_extension("textmine_canonical") else None
    return canonical or span.text

def _citation_author(span: Span) -> str | None:
    authors = span._.textmine_authors if Span.has_extension("textmine_authors") else None
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
            actor for actor in _overlapping(doc, ACTORS, sent.start_char, sent.end_char)
            if actor.start_char < region[1] and actor.end_char > region[0] and actor.start_char >= sent.start_char
            and actor.text.split()[0].lower() not in _NON_SPEAKERS
        ]
        if not candidates and pattern is not None and cue_start is not None and pattern[1] < cue_start:
            # "Drei große Wohlfahrtsverbände warnen …": the capitalised word at the start is no actor,
            # an actor before the cue is the speaker.
            candidates = [
                actor for actor in _overlapping(doc, ACTORS, sent.start_char, sent.start_char + cue_start)
                if actor.start_char >= sent.start_char and actor.text.split()[0].lower() not in _NON_SPEAKERS
            ]
        if candidates:
            best = min(candidates, key=lambda a: (_ACTOR_RANK.get(_actor_type(a), 3), a.start_char))
            if _ACTOR_RANK.get(_actor_type(best), 3) >= 2 and pattern is None:
                cited = cited_author(sent)  # "was die Forschung sagt (Nowak 2017)": the cited source
                if cited:
                    return cited
            return _full_name(doc, _actor_name(best))
    for citation in _spans_in(doc, CITATIONS, sent.start_char, sent.end_char):
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
    return span._.textmine_actor_type if Span.has_extension("textmine_actor_type") else None

def _first_person_speaks(text: str, cue_start: int | None) -> bool:
    """First person outside quotations, before the cue (or anywhere without one): the author."""
    head = text if cue_start is None else text[:cue_start]
    return bool(_FIRST_PERSON_SUBJECT.search(_QUOTED.sub(" ", head)))

def _full_name(doc: Doc, name: str) -> str:
    """The fullest person name in the post that contains ``name`` ("Murat" -> "Murat Yilmaz")."""
    if not name or " " in name.strip() or ACTORS not in doc.spans:
        return name
    cache = _cache(doc)
    names = cache.get("names") if cache is not None else None
    if names is None:
        names = {}
        for actor in doc.spans[ACTORS]:
            canonical = _actor_name(actor)
            if _actor_type(actor) not in (None, "person") or " " not in canonical:
                continue
            for token in canonical.split():
                if len(canonical) > len(names.get(token.lower(), "")):
                    names[token.lower()] = canonical
        if cache is not None:
            cache["names"] = names
    return names.get(name.lower(), name)

def cited_author(sent: Span) -> str | None:
    """The first author cited in the sentence: a reported claim is held by its source."""
    for citation in _spans_in(sent.doc, CITATIONS, sent.start_char, sent.end_char):
        author = _citation_author(citation)
        if author:
            return _actor_for(sent.doc, citation) or author
    return None

def _actor_for(doc: Doc, span: Span) -> str | None:
    """The canonical name of an actor span that overlaps ``span`` (the citation's author)."""
    for actor in _overlapping(doc, ACTORS, span.start_char, span.end_char):
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
    if x[-1] == y[-1] or set(x) <= set(y) or set(y) <= set(x):
        return True
    # "Medien" and "Medium", "Wohlfahrtsverbände" and "Wohlfahrtsverband": one lemma
    last_a, last_b = a.split()[-1], b.split()[-1]
    return lemmatize(last_a).lower() == lemmatize(last_b).lower()

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
    actors = [a for a in _spans_in(doc, ACTORS, start, sent.end_char) if not _same_name(_actor_name(a), critic)]
    if not actors:
        actors = [a for a in _spans_in(doc, ACTORS, sent.start_char, sent.end_char)
                  if not _same_name(_actor_name(a), critic)]
    specific = [a for a in actors if _actor_name(a) not in lexicon.generic_nouns]
    if specific or actors:
        return _actor_name((specific or actors)[0])
    clause = _doc_text(doc)[start : sent.end_char]
    if _has_parse(doc):
        chunk = _first_noun(sent, start, critic)
        if chunk:
            return chunk
    head = _noun_phrase_head(clause)
    if head is None or _same_name(head, critic):
        return None
    lemma = lemmatize(head)
    return lemma if lemma[:1].isupper() else head

_NOUN_TAGS = frozenset({"NN", "NE"})

#: A judged clause whose subject is a pronoun: the target is the previous sentence's subject.
_ANAPHOR = re.compile(
    r"^\s*(?:Sie|Er|Manche|Einige)\s+(?![" + UPPER + r"]|(?:der|die|das|den|dem|des|von|unter|aus)(?!\w))"
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
                       and (token.i != sent.start or lemmatize(token.text)[:1].isupper()))
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
    actor = next((a for a in _overlapping(doc, ACTORS, token.idx, token.idx + len(token.text))), None)
    if actor is not None:
        name = _actor_name(actor)
        if name in lexicon.generic_nouns:
            specific = [a for a in _spans_in(doc, ACTORS, lo, hi) if _actor_name(a) not in lexicon.generic_nouns]
            if specific:
                return _actor_name(specific[0])
        return name
    if token.text.lower() in _NON_SPEAKERS:
        return None
    lemma = token.lemma_ if token.lemma_ and token.lemma_[:1].isupper() else lemmatize(token.text)
    if lemma in lexicon.generic_nouns:  # "eine Praxis, in der Versorger …": the actor behind it
        specific = [a for a in _spans_in(doc, ACTORS, lo, hi) if _actor_name(a) not in lexicon.generic_nouns]
        if specific:
            return _actor_name(specific[0])
    return lemma if lemma[:1].isupper() else token.text

def _first_noun(sent: Span, start: int, critic: str | None = None) -> str | None:
    """The first noun from ``start`` that does not name the critic."""
    for token in sent:
        if token.idx >= start and token.pos_ in {"NOUN", "PROPN"} and token.text not in {"Seiten", "Frage"}:
            if _same_name(token.text, critic):
                continue
            return token.lemma_ or token.text
    return None

def _doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each call: keep it for the duration of the component's call."""
    cache = _cache(doc)
    return doc.text if cache is None else cache["text"]

def _has_parse(doc: Doc) -> bool:
    """Whether the doc has a dependency parse (cached for the duration of the component's call)."""
    cache = _cache(doc)
    return doc.has_annotation("DEP") if cache is None else cache["has_parse"]

def _clause_start(text: str, after: int) -> int:
    """Where the criticised clause starts: after ", dass"/"ob"/"warum" following the cue, else the cue."""
    match = re.compile(r"(?<!\w)(?:dass|ob|warum|weshalb|wieso|wie|weil)(?!\w)", re.IGNORECASE).search(text, after)
    return match.end() if match and match.start() - after < 40 else after
